"""Prize pages: central support's rounds (open, shortlist, jury, judging, publish); the round's page for members
(enter a project) and, once published, for everyone (winners and runners-up); the jury's scoring page."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Avg
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comenius.accounts.decorators import member_required, officer_required
from comenius.accounts.models import Role, User
from comenius.core.errors import DomainError
from comenius.recognition import access, rules
from comenius.recognition.forms import EntryForm, JurorForm, JuryScoreForm, PrizeRoundForm
from comenius.recognition.models import JuryScore, PrizeEntry, PrizeResult, PrizeRound, PrizeState
from comenius.recognition.services import prizes
from comenius.spaces.access import space_of_project


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@officer_required
@require_http_methods(["GET", "POST"])
def rounds(request: HttpRequest) -> HttpResponse:
    officer = _user(request)
    form = PrizeRoundForm(request.POST or None)
    if request.method == "POST":
        if officer.role != Role.CENTRAL:
            raise Http404
        if form.is_valid():
            try:
                round = prizes.open_round(
                    officer, form.cleaned_data["title"], form.cleaned_data["special"].splitlines()
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The prize round is open for entries."))
                return redirect("recognition:prize_manage", pk=round.pk)
    context = {"rounds": list(PrizeRound.objects.all()[:50]), "form": form, "central": officer.role == Role.CENTRAL}
    return render(request, "recognition/prizes.html", context, status=400 if form.errors else 200)


@officer_required
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    """Central support runs the round; NSO officers see it read-only."""
    officer = _user(request)
    round = get_object_or_404(PrizeRound, pk=pk)
    juror_form = JurorForm(request.POST if request.POST.get("action") == "juror" else None)
    if request.method == "POST":
        if officer.role != Role.CENTRAL:
            raise Http404
        action = request.POST.get("action", "")
        try:
            if action in {"shortlist", "unlist"}:
                entry = get_object_or_404(PrizeEntry, pk=_int(request.POST.get("entry")), round=round)
                prizes.shortlist(officer, entry, action == "shortlist")
            elif action == "juror":
                if not juror_form.is_valid():
                    raise DomainError(_("Give the e-mail address of a member or officer."))
                juror = User.objects.filter(email__iexact=juror_form.cleaned_data["email"]).first()
                if juror is None:
                    raise DomainError(_("Nobody with this e-mail address is on the platform."))
                prizes.add_juror(officer, round, juror)
            elif action == "judge":
                prizes.start_judging(officer, round)
            elif action == "publish":
                prizes.publish(officer, round)
            else:
                raise DomainError(_("Choose what to do."))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Saved."))
        return redirect("recognition:prize_manage", pk=round.pk)
    entries = (
        round.entries.select_related("project", "category")
        .annotate(average=Avg("scores__score"))
        .order_by("category_id", "-shortlisted", "project__title")
    )
    context = {
        "round": round,
        "entries": list(entries),
        "jury": list(round.jury.select_related("user")),
        "juror_form": juror_form,
        "central": officer.role == Role.CENTRAL,
    }
    return render(request, "recognition/prize_manage.html", context)


def _int(value: str | None) -> int:
    from comenius.core.params import positive_id

    found = positive_id(value)
    if found is None:
        raise Http404
    return found


@require_http_methods(["GET", "POST"])
def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Published results for everyone; while open, validated members see it and enter a project."""
    user = request.user
    round = get_object_or_404(PrizeRound, pk=pk)
    member = user.is_authenticated and user.is_validated_member
    if round.state != PrizeState.PUBLISHED and not member:
        raise Http404
    form = None
    if member and round.state == PrizeState.OPEN:
        form = EntryForm(
            request.POST or None,
            projects=access.prize_eligible_projects(user, round.school_year),  # type: ignore[arg-type]
            categories=round.categories.all(),
        )
        if request.method == "POST" and form.is_valid():
            try:
                prizes.enter(user, round, form.cleaned_data["project"], form.cleaned_data["category"])  # type: ignore[arg-type]
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your project is entered."))
                return redirect("recognition:prize_round", pk=round.pk)
    elif request.method == "POST":
        raise Http404
    winners = []
    if round.state == PrizeState.PUBLISHED:
        winners = list(
            round.entries.exclude(result=PrizeResult.NONE)
            .select_related("project", "category")
            .order_by("category_id", "result")
        )
    context = {
        "round": round,
        "form": form,
        "winners": winners,
        "year": rules.year_label(round.school_year),
        "mine": list(
            round.entries.filter(entered_by_id=user.pk).select_related("project", "category") if member else []
        ),
    }
    return render(request, "recognition/prize_round.html", context, status=400 if form and form.errors else 200)


@require_http_methods(["GET", "POST"])
def jury(request: HttpRequest, pk: int) -> HttpResponse:
    """The jury's page: the shortlist with links to each space (read-only while judging) and their scores."""
    user = request.user
    if not user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    round = get_object_or_404(PrizeRound, pk=pk)
    if not access.is_juror(user, round.pk):
        raise Http404
    form = JuryScoreForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            entry = get_object_or_404(PrizeEntry, pk=form.cleaned_data["entry"], round=round)
            try:
                prizes.score(user, entry, form.cleaned_data["score"])
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Your score is saved."))
        else:
            messages.error(request, _("Give a score from 0 to 10."))
        return redirect("recognition:prize_jury", pk=round.pk)
    mine = dict(JuryScore.objects.filter(juror=user, entry__round=round).values_list("entry_id", "score"))
    shortlist = [
        (entry, space_of_project(entry.project_id), mine.get(entry.pk))
        for entry in round.entries.filter(shortlisted=True)
        .select_related("project", "category")
        .order_by("category_id", "pk")
    ]
    context = {"round": round, "shortlist": shortlist, "judging": round.state == PrizeState.JUDGING}
    return render(request, "recognition/prize_jury.html", context)


__all__ = ["member_required"]
