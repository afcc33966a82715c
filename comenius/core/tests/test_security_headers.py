"""Security headers on every kind of response: HTML, JSON, files, redirects and errors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.accounts import services
from comenius.core.uploads import CheckedFile

pytestmark = pytest.mark.django_db

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def check(response, file: bool = False) -> None:
    for header, value in EXPECTED.items():
        assert response.headers.get(header) == value, (header, response.status_code)
    csp = response.headers["Content-Security-Policy"]
    if file:  # a private file (core.private_files): nothing in it may run
        assert "default-src 'none'" in csp and "sandbox" in csp and "frame-ancestors 'none'" in csp
    else:
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_html_json_redirect_and_errors(client, cast):
    check(client.get(reverse("site:front")))  # HTML
    check(client.get(reverse("core:healthz")))  # JSON
    check(client.get(reverse("site:home")))  # redirect to login
    check(client.get("/no-such-page/"))  # 404
    check(client.get(reverse("accounts:set_language")))  # 405
    client.force_login(cast.otto)
    check(client.get(reverse("accounts:queue")))  # 404 from an access check


def test_files(client, cast):
    services.attach_evidence(cast.nina, CheckedFile(b"%PDF-1.4\n%%EOF\n", "application/pdf"))
    client.force_login(cast.jonas)
    response = client.get(reverse("accounts:evidence", args=[cast.nina.validation_requests.get().pk]))
    assert response.status_code == 200
    check(response, file=True)
    assert response["Cache-Control"] == "private, no-store"


def test_hsts_on_https_in_production_settings(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("site:front"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_nul_bytes_get_a_clear_400_and_change_nothing(client, cast):
    from comenius.accounts.models import User

    before = User.objects.count()
    assert (
        client.get(
            reverse("institutions:signup_search"), {"country": "DK\x00", "institution_query": "a\x00b"}
        ).status_code
        == 400
    )
    response = client.post(reverse("account_signup"), {"first_name": "A\x00", "email": "x@example.org"})
    assert response.status_code == 400
    assert "not right" in response.content.decode()
    assert User.objects.count() == before
    client.force_login(cast.jonas)
    assert client.get(reverse("accounts:audit_log"), {"q": "\x00"}).status_code == 400
    check(client.get(reverse("accounts:audit_log"), {"q": "\x00"}))


@pytest.mark.parametrize("number", [str(2**63), str(2**64), "9" * 30])
def test_ids_out_of_range_answer_404_before_any_lookup(client, cast, number):
    """Found by the door fuzzer (issue 21): /people/9223372036854775808/ raised OverflowError on SQLite (a
    lookup through a relation is not range-checked by Django)."""
    client.raise_request_exception = False
    client.force_login(cast.mette)
    response = client.get(f"/projects/{number}/")
    assert response.status_code == 404
    check(response)
    assert client.get(f"/projects/{2**63 - 1}/").status_code == 404  # the largest id is still looked up


def test_a_number_of_thousands_of_digits_in_a_json_field_gets_a_clear_400(client):
    # Found by the door fuzzer: allauth's WebAuthn log-in parsed such a number in its JSON and answered 500.
    response = client.post("/accounts/2fa/webauthn/login/", {"credential": "9" * 100_000})
    assert response.status_code == 400
    assert "not right" in response.content.decode()
    assert client.get("/api/v1/institutions", {"query": "1" * 5000}).status_code == 200  # a form field: the view's
