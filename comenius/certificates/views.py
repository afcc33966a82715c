"""Certificate pages: the public verification page, the member's own certificates and PDFs, revocation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comenius.accounts.decorators import login_required, member_required
from comenius.accounts.models import User
from comenius.certificates import access, openbadges, services
from comenius.certificates.forms import RevokeForm, VerifyForm
from comenius.certificates.models import Certificate, normalise_code
from comenius.certificates.pdf import certificate_pdf
from comenius.core.errors import DomainError
from comenius.core.redirects import safe_redirect


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def verify_form(request: HttpRequest) -> HttpResponse:
    """Anyone may type a code from a paper certificate."""
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        code = normalise_code(form.cleaned_data["code"])
        if code:
            return redirect("certificates:verify", code=code)
        form.add_error("code", _("This is not a certificate code. Check the letters and digits and try again."))
    return render(request, "certificates/verify_form.html", {"form": form}, status=400 if form.errors else 200)


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: what the certificate with this code certifies, or that it is revoked, or that none has it."""
    found = access.by_code(code)
    if found is None:
        return render(request, "certificates/verify.html", {"code": code[:40], "form": VerifyForm()}, status=404)
    if found.code != code:
        return redirect("certificates:verify", code=found.code)
    context = {"verification": access.verification_of(found), "certificate": found}
    response = render(request, "certificates/verify.html", context)
    response["X-Robots-Tag"] = "noindex"  # a code is for whoever holds the paper, not for search engines
    return response


@member_required
def mine(request: HttpRequest) -> HttpResponse:
    certificates = [(c, access.kind_label(c)) for c in access.own_certificates(_user(request))]
    return render(request, "certificates/mine.html", {"certificates": certificates})


@member_required
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = access.get_own_certificate(_user(request), pk)
    if certificate.is_revoked:
        raise Http404
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=f"certificate-{certificate.code}.pdf") or ""
    )
    return response


@member_required
@require_POST
def profile_choice(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    certificate = access.get_own_certificate(user, pk)
    shown = request.POST.get("shown") == "1"
    services.set_shown_on_profile(user, certificate, shown)
    messages.success(
        request, _("The certificate is listed on your profile.") if shown else _("The certificate is off your profile.")
    )
    return safe_redirect(request, request.POST.get("next"), "certificates:mine")


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """For whoever may revoke it (the issuing app's organisers, central support); 404 for everyone else."""
    user = _user(request)
    certificate = Certificate.objects.select_related("member").filter(pk=pk).first()
    if certificate is None or not services.may_revoke(user, certificate):
        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke(user, certificate, form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The certificate is revoked."))
            return safe_redirect(request, request.POST.get("next"), "certificates:verify", code=certificate.code)
    context = {"certificate": certificate, "form": form, "next": request.GET.get("next", "")}
    return render(request, "certificates/revoke.html", context, status=400 if form.errors else 200)


# --- Open Badges 2.0 hosted verification (public JSON-LD) ------------------------------------------------------


def _json_ld(data: dict[str, Any], status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, content_type="application/ld+json", json_dumps_params={"indent": 2})
    response["Access-Control-Allow-Origin"] = "*"  # verifiers fetch it from their own pages
    response["X-Robots-Tag"] = "noindex"
    return response


def ob_issuer(request: HttpRequest) -> JsonResponse:
    return _json_ld(openbadges.issuer())


def ob_badge(request: HttpRequest, kind: str, subject_id: int) -> JsonResponse:
    found = access.first_of_subject(kind, subject_id)
    if found is None:
        raise Http404
    return _json_ld(openbadges.badge_class(found))


def ob_assertion(request: HttpRequest, code: str) -> JsonResponse:
    """The Assertion at its `id`; a revoked certificate answers 410 Gone with `revoked: true`."""
    found = access.by_code(code)
    if found is None or found.code != code:
        raise Http404
    return _json_ld(openbadges.assertion(found), status=410 if found.is_revoked else 200)
