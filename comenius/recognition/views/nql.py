"""National Quality Label pages: the teacher's labels and applications; the NSO's queue and review (officers
with MFA). Objects come through `recognition.access` (404 outside someone's reach), changes through
`recognition.services.nql`."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comenius.accounts.decorators import member_required, officer_required
from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.core.pagination import CappedPaginator
from comenius.projects.models import Project
from comenius.recognition import access, rules
from comenius.recognition.forms import AppealForm, ApplicationForm, AssignForm, QueueFilterForm, ScoresForm
from comenius.recognition.models import ApplicationState, Stage
from comenius.recognition.services import nql
from comenius.spaces.access import space_of_project


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# --- the teacher ---------------------------------------------------------------------------------------------


@member_required
def mine(request: HttpRequest) -> HttpResponse:
    """The teacher's labels, applications and which of their projects may apply this school year."""
    user = _user(request)
    year = rules.current_school_year()
    the_rules = rules.rules_for(year)
    context = {
        "labels": list(access.my_labels(user)),
        "applications": list(access.my_applications(user)),
        "projects": access.eligible_projects(user),
        "year": rules.year_label(year),
        "sent": access.counted_applications(user, year),
        "limit": the_rules.max_applications,
    }
    return render(request, "recognition/mine.html", context)


@member_required
@require_POST
def start(request: HttpRequest, project_pk: int) -> HttpResponse:
    user = _user(request)
    project = get_object_or_404(Project, pk=project_pk, members__user=user, members__state="active")
    try:
        application = nql.start_application(user, project)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("recognition:mine")
    return redirect("recognition:application", pk=application.pk)


@member_required
@require_http_methods(["GET", "POST"])
def application(request: HttpRequest, pk: int) -> HttpResponse:
    """The application form while it is a draft (save, send); afterwards what was sent and the decision."""
    user = _user(request)
    found = access.get_own_application(user, pk)
    pages, materials = access.evidence_choices(found)
    editable = found.state == ApplicationState.DRAFT
    form = ApplicationForm(
        request.POST if request.method == "POST" else None, application=found, pages=pages, materials=materials
    )
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "withdraw":
            try:
                nql.withdraw(user, found)
            except DomainError as error:
                messages.error(request, error.message)
                return redirect("recognition:application", pk=found.pk)
            messages.success(request, _("The application is withdrawn."))
            return redirect("recognition:mine")
        if not editable:
            raise Http404
        if form.is_valid():
            data = nql.ApplicationData(
                texts={code: form.cleaned_data[f"text_{code}"] for code in rules.SUM_CODES},
                pages=[page.pk for page in form.cleaned_data["pages"]],
                materials=[material.pk for material in form.cleaned_data["materials"]],
                declared=form.cleaned_data["declared"],
            )
            try:
                nql.save_draft(user, found, data)
                if action == "submit":
                    nql.submit(user, found)
                    messages.success(request, _("Your application is sent to your national team."))
                else:
                    messages.success(request, _("Your draft is saved."))
                return redirect("recognition:application", pk=found.pk)
            except DomainError as error:
                form.add_error(None, error.message)
    context = {
        "application": found,
        "form": form,
        "editable": editable,
        "missing": nql.missing(found) if editable else [],
        "criteria": [(rules.CRITERION_BY_CODE[code], found.texts.get(code, "")) for code in rules.SUM_CODES],
        "decision": _decision_rows(found),
        "can_appeal": found.state == ApplicationState.REFUSED and found.appealed_at is None,
    }
    return render(request, "recognition/application.html", context, status=400 if form.errors else 200)


def _decision_rows(found: object) -> list[tuple[rules.Criterion, object, str]]:
    scores = getattr(found, "scores", {}) or {}
    reasons = getattr(found, "reasons", {}) or {}
    return [(criterion, scores.get(criterion.code), reasons.get(criterion.code, "")) for criterion in rules.CRITERIA]


@member_required
@require_http_methods(["GET", "POST"])
def appeal(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = access.get_own_application(user, pk)
    if found.state != ApplicationState.REFUSED or found.appealed_at is not None:
        raise Http404
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nql.appeal(user, found, form.cleaned_data["criteria"], form.cleaned_data["text"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your appeal is sent. Another assessor will look at the application."))
            return redirect("recognition:application", pk=found.pk)
    context = {"application": found, "form": form}
    return render(request, "recognition/appeal.html", context, status=400 if form.errors else 200)


@member_required
@require_POST
def profile_badge(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    label = access.get_own_label(user, pk)
    nql.set_on_profile(user, label, request.POST.get("shown") == "1")
    messages.success(request, _("Saved."))
    return redirect("recognition:mine")


# --- an ambassador who assesses ------------------------------------------------------------------------------


@member_required
def assessments(request: HttpRequest) -> HttpResponse:
    """The applications an ambassador was asked to assess (the decision stays with the national team)."""
    return render(request, "recognition/assessments.html", {"assessments": list(access.my_assessments(_user(request)))})


@member_required
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    assessment = access.get_my_assessment(user, pk)
    found = assessment.application
    open_now = assessment.closed_at is None and found.state == ApplicationState.SUBMITTED
    form = ScoresForm(request.POST or None, scores=assessment.scores or None, notes=assessment.notes or None)
    if request.method == "POST":
        if not open_now:
            raise Http404
        if form.is_valid():
            try:
                nql.record_scores(user, assessment, form.scores(), form.notes())
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your scores are saved."))
                return redirect("recognition:assess", pk=assessment.pk)
    context = {
        "assessment": assessment,
        "application": found,
        "criteria": [(rules.CRITERION_BY_CODE[code], found.texts.get(code, "")) for code in rules.SUM_CODES],
        "pages": list(found.evidence_pages.all()),
        "materials": list(found.evidence_materials.all()),
        "space": space_of_project(found.project_id) if open_now else None,
        "form": form,
        "open_now": open_now,
        "scored": rules.score(assessment.scores, rules.rules_for(found.school_year).minimums)
        if assessment.scores
        else None,
        "max_sum": rules.MAX_SUM,
    }
    return render(request, "recognition/assess.html", context, status=400 if form.errors else 200)


# --- the NSO ---------------------------------------------------------------------------------------------------


@officer_required
def queue(request: HttpRequest) -> HttpResponse:
    officer = _user(request)
    form = QueueFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() and form.cleaned_data["status"] else "open"
    rows = access.applications_for(officer)
    waiting = rows.filter(state=ApplicationState.SUBMITTED)
    if status == "open":
        rows = waiting.order_by("submitted_at", "pk")
    else:
        rows = rows.filter(state__in=[ApplicationState.AWARDED, ApplicationState.REFUSED]).order_by(
            "-decided_at", "-pk"
        )
    page = CappedPaginator(rows.prefetch_related("assessments__assessor"), 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "status": status,
        "waiting": waiting.count(),
        "query_string": query.urlencode(),
    }
    return render(request, "recognition/queue.html", context)


@officer_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """One application: what the teacher wrote and linked, the assessors (assign, second), their scores side by
    side, the viewer's own scores and — for the national team — the decision."""
    officer = _user(request)
    found = access.get_application_for_officer(officer, pk)
    mine = access.open_assessment(officer, found)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    scores_form = ScoresForm(
        request.POST if action in {"score", "award", "refuse"} else None,
        scores=(mine.scores if mine and mine.scores else None) or found.scores or None,
        notes=(mine.notes if mine else None) or found.reasons or None,
    )
    assign_form = AssignForm(request.POST if action == "assign" else None, candidates=access.assessor_candidates(found))
    if request.method == "POST":
        try:
            if action == "assign" and assign_form.is_valid():
                nql.assign(
                    officer, found, assign_form.cleaned_data["assessor"], second=assign_form.cleaned_data["second"]
                )
                messages.success(
                    request, _("The assessor is assigned and may read the project space until the decision.")
                )
                return redirect("recognition:review", pk=found.pk)
            if action == "score" and scores_form.is_valid():
                if mine is None:
                    raise DomainError(_("Only the assigned assessor can score."))
                nql.record_scores(officer, mine, scores_form.scores(), scores_form.notes())
                messages.success(request, _("Your scores are saved."))
                return redirect("recognition:review", pk=found.pk)
            if action in {"award", "refuse"} and scores_form.is_valid():
                nql.decide(
                    officer, found, award=action == "award", scores=scores_form.scores(), reasons=scores_form.notes()
                )
                messages.success(
                    request, _("The label is awarded.") if action == "award" else _("The decision is sent.")
                )
                return redirect("recognition:review", pk=found.pk)
            if action not in {"assign", "score", "award", "refuse"}:
                scores_form.add_error(None, _("Choose what to do."))
        except DomainError as error:
            (assign_form if action == "assign" else scores_form).add_error(None, error.message)
    assessments = access.assessments_of(found)
    the_rules = rules.rules_for(found.school_year)
    side_by_side = [
        (criterion, [assessment.scores.get(criterion.code) for assessment in assessments])
        for criterion in rules.CRITERIA
    ]
    pages = list(found.evidence_pages.all())
    materials = list(found.evidence_materials.all())
    space = space_of_project(found.project_id)
    deciding = found.state == ApplicationState.SUBMITTED
    context = {
        "application": found,
        "criteria": [(rules.CRITERION_BY_CODE[code], found.texts.get(code, "")) for code in rules.SUM_CODES],
        "pages": pages,
        "materials": materials,
        "space": space,
        "can_read_space": mine is not None and deciding,
        "assessments": assessments,
        "scored": [
            (assessment, rules.score(assessment.scores, the_rules.minimums) if assessment.scores else None)
            for assessment in assessments
        ],
        "side_by_side": side_by_side,
        "mine": mine,
        "scores_form": scores_form,
        "assign_form": assign_form,
        "deciding": deciding,
        "stage": Stage.APPEAL if found.appealed_at else Stage.FIRST,
        "minimums": [(rules.CRITERION_BY_CODE[code], value) for code, value in the_rules.minimums.items()],
        "max_sum": rules.MAX_SUM,
        "decision": _decision_rows(found),
    }
    status = 400 if (scores_form.errors or assign_form.errors) else 200
    return render(request, "recognition/review.html", context, status=status)
