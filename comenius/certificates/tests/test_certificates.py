"""Issuing, verifying and revoking certificates; the member's list, profile choice and data export."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from comenius.certificates import access, services
from comenius.certificates.models import CODE_ALPHABET, Certificate, new_code, normalise_code
from comenius.certificates.tests.sample import SAMPLE_KIND, mettes_certificate, register_sample
from comenius.core.errors import DomainError
from comenius.core.models import AuditEvent
from comenius.devdata.testing import Cast, client_for

pytestmark = pytest.mark.django_db


def test_codes_are_long_random_and_typed_back_in_any_form():
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    code = codes.pop()
    raw = code.replace("-", "")
    assert len(raw) == 20 and set(raw) <= set(CODE_ALPHABET)
    assert normalise_code(raw.lower()) == code
    assert normalise_code(" " + code.lower().replace("-", " ") + " ") == code
    assert normalise_code("O" * 20) == ""  # letters that are not in the alphabet
    assert normalise_code("ABC") == ""


def test_issuing_copies_what_is_certified_and_is_idempotent(cast: Cast, django_capture_on_commit_callbacks):
    register_sample()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.issue(
            cast.mette, SAMPLE_KIND, cast.project, title="Workshop", hours=2.5, achieved_on=date(2026, 10, 7),
            issuer="Danish national team", issued_by=cast.jonas,
        )  # fmt: skip
    again = services.issue(
        cast.mette, SAMPLE_KIND, cast.project, title="Workshop", hours=2.5, achieved_on=date(2026, 10, 7),
        issuer="Danish national team",
    )  # fmt: skip
    assert first.created and not again.created
    assert again.certificate.pk == first.certificate.pk
    certificate = first.certificate
    assert certificate.recipient_name == "Mette Sørensen"
    assert str(certificate.hours) == "2.5"
    assert AuditEvent.objects.filter(action="certificate.issued", target_id=str(certificate.pk)).count() == 1
    [message] = mail.outbox
    assert message.to == ["mette@vestbyskolen.dk.example"]
    assert "Workshop" in message.subject
    assert certificate.code in message.body  # the verification address, in Danish (Mette's language)
    assert "Alle kan kontrollere det her" in message.body


def test_an_unknown_kind_or_a_pupil_is_refused(cast: Cast):
    with pytest.raises(ValueError):
        services.issue(cast.mette, "nobody.nothing", cast.project, title="x", hours=None,
                       achieved_on=date.today(), issuer="x")  # fmt: skip
    register_sample()
    with pytest.raises(DomainError):
        services.issue(cast.pia, SAMPLE_KIND, cast.project, title="x", hours=None,
                       achieved_on=date.today(), issuer="x")  # fmt: skip


def test_the_verification_page_shows_what_it_certifies(cast: Cast):
    certificate = mettes_certificate(cast)
    response = client_for(None).get(reverse("certificates:verify", args=[certificate.code]))
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("Mette Sørensen", "eTwinning for beginners – workshop", "Danish national support organisation",
                 "Attendance of an event", "Workshop in Hjørring", "7 October 2026", "Valid"):  # fmt: skip
        assert text in page
    assert response["X-Robots-Tag"] == "noindex"
    # Typed in lower case without dashes: sent to the canonical address.
    typed = certificate.code.replace("-", "").lower()
    assert client_for(None).get(reverse("certificates:verify", args=[typed])).url == certificate.verification_path()
    form = client_for(None).get(reverse("certificates:verify_form"), {"code": typed})
    assert form.url == certificate.verification_path()


def test_an_unknown_code_says_so(cast: Cast):
    response = client_for(None).get(reverse("certificates:verify", args=["AAAAA-BBBBB-CCCCC-DDDDD"]))
    assert response.status_code == 404
    assert "No certificate has the code" in response.content.decode()
    bad = client_for(None).get(reverse("certificates:verify_form"), {"code": "nonsense"})
    assert bad.status_code == 400


def test_revocation_by_the_organiser_shows_on_the_page(cast: Cast, django_capture_on_commit_callbacks):
    certificate = mettes_certificate(cast)
    assert not services.may_revoke(cast.mette, certificate)  # not the member herself
    assert not services.may_revoke(cast.ana, certificate)  # not another country's team
    assert services.may_revoke(cast.carla, certificate)  # central support always
    with pytest.raises(DomainError):
        services.revoke(cast.ana, certificate, "wrong")
    with pytest.raises(DomainError):
        services.revoke(cast.jonas, certificate, "   ")
    client = client_for(cast.jonas)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certificates:revoke", args=[certificate.pk]), {"reason": "Did not attend."})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_by == cast.jonas
    with pytest.raises(DomainError):
        services.revoke(cast.jonas, certificate, "again")
    page = client_for(None).get(certificate.verification_path()).content.decode()
    assert "Revoked" in page and "Did not attend." not in page  # the reason stays private
    assert "Did not attend." in mail.outbox[-1].body
    assert AuditEvent.objects.filter(action="certificate.revoked", reason="Did not attend.").exists()
    # A revoked certificate is no longer offered as a PDF; a new one can be issued.
    assert client_for(cast.mette).get(reverse("certificates:pdf", args=[certificate.pk])).status_code == 404
    assert mettes_certificate(cast).pk != certificate.pk


def test_revoke_for_subject(cast: Cast):
    certificate = mettes_certificate(cast)
    assert services.revoke_for_subject(cast.jonas, SAMPLE_KIND, cast.project, cast.mette, "Attendance removed") == 1
    assert services.revoke_for_subject(cast.jonas, SAMPLE_KIND, cast.project, cast.mette, "again") == 0
    certificate.refresh_from_db()
    assert certificate.is_revoked


def test_the_member_chooses_what_the_profile_shows(cast: Cast):
    certificate = mettes_certificate(cast)
    assert access.shown_on_profile(cast.mette) == []
    client = client_for(cast.mette)
    mine = client.get(reverse("certificates:mine"))
    assert certificate.title in mine.content.decode()
    client.post(reverse("certificates:profile_choice", args=[certificate.pk]), {"shown": "1"})
    assert access.shown_on_profile(cast.mette) == [certificate]
    # Lucía cannot change Mette's choice (her certificate is not Lucía's to find).
    response = client_for(cast.lucia).post(
        reverse("certificates:profile_choice", args=[certificate.pk]), {"shown": "0"}
    )
    assert response.status_code == 404
    with pytest.raises(DomainError):
        services.set_shown_on_profile(cast.lucia, certificate, False)
    client.post(reverse("certificates:profile_choice", args=[certificate.pk]), {"shown": "0"})
    assert access.shown_on_profile(cast.mette) == []


def test_the_export_and_deletion(cast: Cast):
    from comenius.core.lifecycle import Deletion

    certificate = mettes_certificate(cast)
    part = access.own_data(cast.mette)
    rows: list[dict[str, object]] = part.data["certificates"]  # type: ignore[assignment]
    [row] = rows
    assert row["code"] == certificate.code and str(row["verification_url"]).endswith(certificate.verification_path())
    assert access.own_data(cast.lucia).data["certificates"] == []
    services.forget_member(cast.mette, Deletion("Former member"))
    assert not Certificate.objects.filter(pk=certificate.pk).exists()
    assert client_for(None).get(certificate.verification_path()).status_code == 404


def test_the_profile_page_lists_what_the_member_chose(cast: Cast):
    certificate = mettes_certificate(cast)
    url = reverse("network:person", args=[cast.mette.pk])
    assert certificate.title not in client_for(cast.lucia).get(url).content.decode()
    services.set_shown_on_profile(cast.mette, certificate, True)
    page = client_for(cast.lucia).get(url).content.decode()
    assert certificate.title in page and certificate.verification_path() in page
