"""National pages (public), their editing by the NSO, the NSO dashboard and the public statistics with their
open-data downloads."""

from __future__ import annotations

import csv
import io
import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comenius.accounts.decorators import member_account_required, officer_required
from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.core.forms import country_choices
from comenius.core.models import Country
from comenius.core.private_files import send_private_file
from comenius.countries import access, aggregates, services
from comenius.countries.forms import (
    MergeCodeForm,
    MergeCodeRequestForm,
    MergeInstitutionsForm,
    NationalPageForm,
    NewsForm,
    OfficerMergeForm,
    OwnMergeForm,
    StatsCountryForm,
)
from comenius.countries.models import NewsPost


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# --- national pages -------------------------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    countries = sorted(Country.objects.participating(), key=lambda c: c.display_name)
    return render(request, "countries/index.html", {"countries": countries})


@require_GET
def page(request: HttpRequest, code: str) -> HttpResponse:
    """A country's public page: its national team, news, ambassadors and figures."""
    from comenius.ambassadors import access as ambassadors_access

    country = access.public_country(code)
    appointments = list(ambassadors_access.public_appointments().filter(country=country).select_related("user")[:12])
    figures = {cell.measure: cell.value for cell in access.by_country() if cell.country == country.code}
    context = {
        "country": country,
        "national": access.page_of(country),
        "news": list(access.published_news(country)[:6]),
        "ambassadors": ambassadors_access.cards(appointments),
        "ambassador_count": ambassadors_access.public_appointments().filter(country=country).count(),
        "figures": figures,
        "events": _upcoming_national_events(request, country),
    }
    return render(request, "countries/page.html", context)


def _upcoming_national_events(request: HttpRequest, country: Country) -> list[object]:
    """The NSO's upcoming events that this visitor may see (the events app decides who sees what)."""
    from django.utils import timezone

    from comenius.events import access as events_access
    from comenius.events.models import EventState, Organiser

    found = events_access.events_visible_to(request.user).filter(
        country=country, organiser=Organiser.NSO, state=EventState.PUBLISHED, starts_at__gte=timezone.now()
    )
    return list(found.order_by("starts_at", "pk")[:5])


@require_GET
def news(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    country = access.public_country(code)
    post = access.get_published_news(country, pk)
    return render(request, "countries/news.html", {"country": country, "post": post})


@require_GET
def news_image(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    """A published post's image (it passed the upload policy: re-encoded, no metadata)."""
    country = access.public_country(code)
    post = access.get_published_news(country, pk)
    if not post.image:
        from django.http import Http404

        raise Http404
    return send_private_file(request, post.image, "image/jpeg", cache_control="public, max-age=3600")


@officer_required
@require_http_methods(["GET", "POST"])
def edit_page(request: HttpRequest, code: str) -> HttpResponse:
    officer = _user(request)
    country = access.managed_country(officer, code)
    national = access.page_of(country)
    initial = {name: getattr(national, name) for name in ("introduction", "address", "email", "phone", "website")}
    form = NationalPageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_page(officer, country, services.PageData(**form.cleaned_data))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The page is saved."))
            return redirect("countries:page", code=country.code.lower())
    context = {"country": country, "form": form}
    return render(request, "countries/edit_page.html", context, status=400 if form.errors else 200)


@officer_required
@require_GET
def newsroom(request: HttpRequest, code: str) -> HttpResponse:
    officer = _user(request)
    country = access.managed_country(officer, code)
    posts = access.news_for_editing(officer, country)[:100]
    return render(request, "countries/newsroom.html", {"country": country, "posts": posts})


@officer_required
@require_http_methods(["GET", "POST"])
def edit_news(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    officer = _user(request)
    country = access.managed_country(officer, code)
    post: NewsPost | None = access.get_news_for_editing(officer, country, pk) if pk is not None else None
    initial = {}
    if post is not None:
        initial = {
            "title": post.title,
            "body": post.body,
            "image_alt": post.image_alt,
            "publish": post.state == "published",
        }
    form = NewsForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_news(officer, country, services.NewsData(**form.cleaned_data), post)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The news post is saved."))
            return redirect("countries:edit_news", code=country.code.lower(), pk=saved.pk)
    context = {"country": country, "form": form, "post": post}
    return render(request, "countries/edit_news.html", context, status=400 if form.errors else 200)


@officer_required
@require_POST
def delete_news(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    officer = _user(request)
    country = access.managed_country(officer, code)
    post = access.get_news_for_editing(officer, country, pk)
    services.delete_news(officer, post)
    messages.success(request, _("The news post is deleted."))
    return redirect("countries:newsroom", code=country.code.lower())


# --- the NSO dashboard ------------------------------------------------------------------------------------------


@officer_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    officer = _user(request)
    country = access.dashboard_country(officer, request.GET.get("country"))
    context = {"country": country, **access.dashboard(officer, country)}
    if officer.role == "central":
        country_form = StatsCountryForm(initial={"country": country.code})
        country_form.fields["country"].choices = country_choices(_("Choose a country"))  # type: ignore[attr-defined]
        context["country_form"] = country_form
    return render(request, "countries/dashboard.html", context)


# --- public statistics ------------------------------------------------------------------------------------------


def _stats_country(request: HttpRequest) -> str:
    code = (request.GET.get("country") or "").upper()
    return code if len(code) == 2 and Country.objects.participating().filter(pk=code).exists() else ""


@require_GET
def stats(request: HttpRequest) -> HttpResponse:
    """Public statistics from the maintained figures: small counts suppressed, no personal data."""
    code = _stats_country(request)
    form = StatsCountryForm(initial={"country": code})
    form.fields["country"].choices = country_choices(_("All countries"))  # type: ignore[attr-defined]
    countries = {c.code: c for c in Country.objects.participating()}
    by_country = access.country_table(access.by_country())
    months = access.new_projects_by_month(code)
    context = {
        "form": form,
        "country": countries.get(code),
        "total": next((values for key, values in by_country if key == ""), {}),
        "by_country": [(countries[key], values) for key, values in by_country if key in countries],
        "by_year": access.year_table(access.by_year(code)),
        "chart": access.months_chart(months, _("New projects by month")),
        "pairs": [(cell.measure, _pair_label(cell.measure, countries), cell.value) for cell in access.partner_pairs()],
        "labels_by_year": access.year_table(access.labels_by_school_year(code)),
        "labels_by_country": [
            (countries[key], values)
            for key, values in access.country_table(access.labels_by_country())
            if key in countries and any(value != 0 for value in values.values())
        ],
        "small": access.SMALL_COUNT,
        "licence": access.LICENCE,
        "refreshed_at": aggregates.refreshed_at(),
        "query": f"?country={code}" if code else "",
    }
    return render(request, "countries/stats.html", context)


def _pair_label(pair: str, countries: dict[str, Country]) -> str:
    names = [countries[code].display_name if code in countries else code for code in pair.split("-")]
    return " – ".join(names)


def _licence_note() -> str:
    return _(
        "Comenius open statistics. Licence: %(licence)s. Counts from 1 to %(small)s are suppressed (empty) so "
        "that no person can be singled out; no personal data."
    ) % {"licence": access.LICENCE, "small": access.SMALL_COUNT - 1}


@require_GET
def stats_csv(request: HttpRequest) -> HttpResponse:
    code = _stats_country(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([f"# {_licence_note()}"])
    writer.writerow(["dataset", "country", "period", "measure", "value", "suppressed"])
    for cell in access.open_data(code):
        writer.writerow(
            [
                cell.dataset,
                cell.country,
                cell.period,
                cell.measure,
                "" if cell.value is None else cell.value,
                "yes" if cell.value is None else "no",
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="comenius-statistics.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def stats_json(request: HttpRequest) -> HttpResponse:
    code = _stats_country(request)
    refreshed = aggregates.refreshed_at()
    data = {
        "licence": access.LICENCE,
        "note": _licence_note(),
        "suppressed_below": access.SMALL_COUNT,
        "refreshed_at": refreshed.isoformat() if refreshed else None,  # type: ignore[attr-defined]
        "figures": [
            {
                "dataset": c.dataset,
                "country": c.country,
                "period": c.period,
                "measure": c.measure,
                "value": c.value,
                "suppressed": c.value is None,
            }
            for c in access.open_data(code)
        ],
    }
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- duplicate institutions (issue 12: one record per school) ---------------------------------------------------


@officer_required
@require_http_methods(["GET", "POST"])
def merge_institutions(request: HttpRequest) -> HttpResponse:
    """An NSO finds two records of one school in its country and merges the duplicate into the kept one."""
    from django.db.models import Count, Q

    from comenius.institutions import access as institutions_access
    from comenius.institutions import services as institutions_services

    officer = _user(request)
    country = access.dashboard_country(officer, request.GET.get("country") or request.POST.get("country"))
    form = MergeInstitutionsForm(request.POST or None)
    query = request.GET.get("q", "")[:100]
    candidates = institutions_access.mergeable_for(officer, country, query)
    if request.method == "POST" and form.is_valid():
        kept = institutions_access.mergeable_for(officer, country).filter(pk=form.cleaned_data["kept"]).first()
        duplicate = (
            institutions_access.mergeable_for(officer, country).filter(pk=form.cleaned_data["duplicate"]).first()
        )
        if kept is None or duplicate is None:
            form.add_error(None, _("Choose two institutions of your country from the list."))
        else:
            try:
                institutions_services.merge_institutions(officer, kept, duplicate, form.cleaned_data["reason"])
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The institutions are merged."))
                return redirect(f"{request.path}?country={country.code}&q={kept.name[:50]}")
    rows = (
        candidates.annotate(members=Count("memberships", filter=Q(memberships__left_at__isnull=True))).order_by(
            "name", "pk"
        )[:50]
        if query
        else []
    )
    context = {"country": country, "form": form, "query": query, "rows": rows}
    return render(request, "countries/merge_institutions.html", context, status=400 if form.errors else 200)


# --- one account per person ---------------------------------------------------------------------------------


def _member_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip(), role="member", deleted_at__isnull=True).first()


@member_account_required
@require_http_methods(["GET", "POST"])
def merge_own_accounts(request: HttpRequest) -> HttpResponse:
    """A member signed in to the account to keep proves the other one — with its password, or with a code sent to
    its address (`step`: "password", "send_code", "code") — and merges them."""
    from comenius.accounts import merge

    user = _user(request)
    step = request.POST.get("step", "password") if request.method == "POST" else ""
    if request.method == "POST" and step not in ("password", "send_code", "code"):
        step = "password"  # an unknown step is the password form, whose errors then say what is missing
    form = OwnMergeForm(request.POST if step == "password" else None)
    code_request = MergeCodeRequestForm(request.POST if step == "send_code" else None, prefix="ask")
    code_form: MergeCodeForm | None = MergeCodeForm(request.POST, prefix="code") if step == "code" else None
    status = 200
    if step == "password" and form.is_valid():
        other = _member_by_email(form.cleaned_data["email"])
        try:
            if other is None:
                raise DomainError(_("Give the password of your other account to prove that it is yours."))
            merge.merge_accounts(user, user, other, password=form.cleaned_data["password"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your accounts are merged. Everything is now in this account."))
            return redirect("accounts:profile")
    elif step == "send_code" and code_request.is_valid():
        email = code_request.cleaned_data["email"]
        try:
            merge.send_merge_code(user, email)
        except DomainError as error:
            code_request.add_error(None, error.message)
        else:
            code_form = MergeCodeForm(initial={"email": email}, prefix="code")
    elif step == "code" and code_form is not None and code_form.is_valid():
        other = merge.other_account(code_form.cleaned_data["email"])
        try:
            if other is None:
                raise DomainError(_("This code does not work any more. Ask for a new one."))
            merge.merge_accounts(user, user, other, code=code_form.cleaned_data["code"])
        except DomainError as error:
            code_form.add_error(None, error.message)
        else:
            messages.success(request, _("Your accounts are merged. Everything is now in this account."))
            return redirect("accounts:profile")
    if form.errors or code_request.errors or (code_form is not None and code_form.errors):
        status = 400
    context = {
        "form": form,
        "code_request": code_request,
        "code_form": code_form,
        "code_minutes": merge.MERGE_CODE_MINUTES,
        "own": True,
    }
    return render(request, "countries/merge_accounts.html", context, status=status)


@officer_required
@require_http_methods(["GET", "POST"])
def merge_member_accounts(request: HttpRequest) -> HttpResponse:
    """An NSO officer merges two accounts of one member of its country, after checking."""
    from comenius.accounts import merge

    officer = _user(request)
    form = OfficerMergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kept = _member_by_email(form.cleaned_data["kept"])
        merged = _member_by_email(form.cleaned_data["merged"])
        try:
            if kept is None or merged is None:
                raise DomainError(_("Your national team can merge only accounts of your country."))
            merge.merge_accounts(officer, kept, merged, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The accounts are merged."))
            return redirect("countries:merge_member_accounts")
    return render(
        request, "countries/merge_accounts.html", {"form": form, "own": False}, status=400 if form.errors else 200
    )
