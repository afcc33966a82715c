"""Course pages (thin: reads through `access`, writes through `services`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comenius.accounts.access import has_second_factor
from comenius.accounts.models import Role, User
from comenius.certificates import access as certificates_access
from comenius.core.errors import DomainError
from comenius.core.pagination import CappedPaginator
from comenius.core.private_files import send_private_file
from comenius.courses import access, services
from comenius.courses.access import CourseSeat
from comenius.courses.forms import (
    ActivityForm,
    ContributionForm,
    CourseForm,
    EditActivityForm,
    EditPageForm,
    ModuleForm,
    NewCourseForm,
    PageForm,
    QuestionForm,
    QuizForm,
    ReviewForm,
    TaskForm,
)
from comenius.courses.models import Activity, ActivityKind, ContentPage, Course, CoursePost, Module

View = Callable[..., HttpResponseBase]


def _guard(request: HttpRequest, central_only: bool = False) -> HttpResponseBase | None:
    """Validated members and central support (with its second factor); 404 for everyone else."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if user.role == Role.CENTRAL:
        if not has_second_factor(user):
            messages.warning(request, _("Set up two-factor authentication before you work on members' data."))
            return redirect("mfa_activate_totp")
        return None
    if central_only:
        raise Http404
    if user.is_pending_member:
        return redirect("accounts:status")
    if not user.is_validated_member:
        raise Http404
    return None


def courses_view(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return _guard(request) or view(request, *args, **kwargs)

    return wrapper


def seat_view(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, course_id: int, *args: Any, **kwargs: Any) -> HttpResponseBase:
        refused = _guard(request)
        if refused is not None:
            return refused
        return view(request, access.seat_for(request.user, course_id), *args, **kwargs)

    return wrapper


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _render(
    request: HttpRequest, seat: CourseSeat, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, template, {"seat": seat, "course": seat.course, **context}, status=status)


@courses_view
def course_list(request: HttpRequest) -> HttpResponse:
    page = CappedPaginator(access.course_list(_user(request)), 20).get_page(request.GET.get("page"))
    enrolled = access.enrolled_ids(_user(request), [course.pk for course in page.object_list])
    for course in page.object_list:
        course.viewer_enrolled = course.pk in enrolled
    context = {"page": page, "led": list(access.led_courses(_user(request))[:20])}
    return render(request, "courses/list.html", context)


@courses_view
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    if not access.is_central(request.user):
        raise Http404
    form = NewCourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.create_course(_user(request), form.data_object(), form.cleaned_data["leads"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The course is saved as a draft. Add modules and activities."))
            return redirect("courses:manage", course_id=course.pk)
    return render(request, "courses/new.html", {"form": form}, status=400 if form.errors else 200)


@seat_view
def detail(request: HttpRequest, seat: CourseSeat) -> HttpResponse:
    progress = access.progress_of(seat.enrolment) if seat.enrolment is not None else None
    certificate = None
    if seat.enrolment is not None and seat.enrolment.completed_at is not None:
        certificate = (
            certificates_access.own_certificates(seat.user)
            .filter(kind=services.CERTIFICATE_KIND, subject_type="courses.course", subject_id=seat.course.pk)
            .first()
        )
    context = {"modules": access.modules_of(seat.course), "progress": progress, "certificate": certificate}
    return _render(request, seat, "courses/detail.html", context)


@seat_view
@require_POST
def enrol(request: HttpRequest, seat: CourseSeat) -> HttpResponse:
    try:
        services.enrol(seat.user, seat.course)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You are enrolled. Start with the first module."))
    return redirect("courses:detail", course_id=seat.course.pk)


@seat_view
@require_POST
def withdraw(request: HttpRequest, seat: CourseSeat) -> HttpResponse:
    try:
        services.withdraw(seat.user, seat.course)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You have left the course."))
    return redirect("courses:detail", course_id=seat.course.pk)


@seat_view
def page(request: HttpRequest, seat: CourseSeat, pk: int) -> HttpResponse:
    found = access.page_for(seat, pk)
    return _render(request, seat, "courses/page.html", {"page": found})


@seat_view
@require_http_methods(["GET", "POST"])
def activity(request: HttpRequest, seat: CourseSeat, pk: int) -> HttpResponse:
    found = access.activity_for(seat, pk)
    form: Any = None
    if found.kind == ActivityKind.TASK and seat.participates:
        form = TaskForm(request.POST or None, request.FILES or None)
    elif found.kind == ActivityKind.QUIZ and seat.participates:
        form = QuizForm(request.POST or None, activity=found)
    elif found.kind == ActivityKind.DISCUSSION and seat.reads_content:
        form = ContributionForm(request.POST or None)
    if request.method == "POST":
        access.require(form is not None)
        if form.is_valid():
            try:
                message = _act_on(seat, found, form)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, message)
                return redirect("courses:activity", course_id=seat.course.pk, pk=found.pk)
    progress = access.progress_of(seat.enrolment) if seat.enrolment is not None else None
    context = {
        "activity": found,
        "form": form,
        "progress": progress,
        "submission": progress.submissions.get(found.pk) if progress else None,
        "best_score": progress.best_scores.get(found.pk) if progress else None,
        "posts": list(access.thread(seat, found)[:300]) if found.kind == ActivityKind.DISCUSSION else [],
    }
    return _render(
        request, seat, "courses/activity.html", context, status=400 if form is not None and form.errors else 200
    )


def _act_on(seat: CourseSeat, found: Any, form: Any) -> str:
    if found.kind == ActivityKind.TASK:
        services.submit_task(seat.user, found, form.cleaned_data["text"], form.cleaned_data["file"])
        return _("Sent. A course lead will review it.")
    if found.kind == ActivityKind.QUIZ:
        attempt = services.answer_quiz(seat.user, found, form.answers())
        return _("Your score: %(score)s %%.") % {"score": attempt.score}
    services.contribute(seat.user, found, form.cleaned_data["body"])
    return _("Thank you for your contribution.")


@seat_view
@require_POST
def hide_post(request: HttpRequest, seat: CourseSeat, pk: int) -> HttpResponse:
    access.require(seat.manages)
    post = get_object_or_404(
        CoursePost.objects.select_related("activity__module__course"), pk=pk, activity__module__course=seat.course
    )
    services.set_post_hidden(seat.user, post, request.POST.get("hidden") == "1")
    return redirect("courses:activity", course_id=seat.course.pk, pk=post.activity_id)


@seat_view
def submission_file(request: HttpRequest, seat: CourseSeat, pk: int) -> HttpResponseBase:
    found = access.submission_for(seat, pk)
    if not found.file:
        raise Http404
    return send_private_file(request, found.file, found.content_type, filename=found.filename, inline=False)


@seat_view
def participants(request: HttpRequest, seat: CourseSeat) -> HttpResponse:
    return _render(request, seat, "courses/participants.html", {"rows": access.participants(seat)})


@seat_view
def review_queue(request: HttpRequest, seat: CourseSeat) -> HttpResponse:
    waiting = list(access.submissions_to_review(seat)[:200])
    return _render(request, seat, "courses/review_queue.html", {"waiting": waiting})


@seat_view
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, seat: CourseSeat, pk: int) -> HttpResponse:
    access.require(seat.manages)
    found = access.submission_for(seat, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            services.review_task(seat.user, found, accept, form.cleaned_data["feedback"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Accepted.") if accept else _("Returned with your feedback."))
            return redirect("courses:review_queue", course_id=seat.course.pk)
    return _render(
        request, seat, "courses/review.html", {"submission": found, "form": form}, status=400 if form.errors else 200
    )


# --- the course's content (leads and central support) -----------------------------------------------------------

MANAGE_FORMS = {"module": ModuleForm, "page": PageForm, "activity": ActivityForm, "question": QuestionForm}


def _manage_forms(course: Course, posted: str = "", data: Any = None) -> dict[str, Any]:
    made: dict[str, Any] = {}
    for name, form_class in MANAGE_FORMS.items():
        bound = data if name == posted else None
        made[name] = form_class(bound) if form_class is ModuleForm else form_class(bound, course=course)
    return made


@seat_view
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, seat: CourseSeat) -> HttpResponse:
    access.require(seat.manages)
    course = seat.course
    posted = request.POST.get("form", "") if request.method == "POST" else ""
    settings_form = CourseForm(request.POST if posted == "settings" else None, initial=CourseForm.initial_from(course))
    forms = _manage_forms(course, posted, request.POST)
    if posted:
        try:
            done = _manage_action(request, seat, posted, settings_form, forms)
        except DomainError as error:
            messages.error(request, error.message)
            done = False
        if done:
            return redirect("courses:manage", course_id=course.pk)
    context = {"settings_form": settings_form, "forms": forms, "modules": access.modules_of(course)}
    invalid = posted and (settings_form.errors or any(f.errors for f in forms.values()))
    return _render(request, seat, "courses/manage.html", context, status=400 if invalid else 200)


def _manage_action(
    request: HttpRequest, seat: CourseSeat, posted: str, settings_form: CourseForm, forms: dict[str, Any]
) -> bool:
    user, course = seat.user, seat.course
    if posted == "publish":
        services.set_published(user, course, request.POST.get("published") == "1")
        messages.success(request, _("Saved."))
        return True
    if posted == "settings":
        if not settings_form.is_valid():
            return False
        services.update_course(user, course, settings_form.data_object())
        messages.success(request, _("Saved."))
        return True
    form = forms.get(posted)
    if form is None:
        raise Http404
    if not form.is_valid():
        return False
    data = form.cleaned_data
    if posted == "module":
        services.add_module(user, course, data["title"])
    elif posted == "page":
        services.add_page(user, data["module"], data["title"], data["body"])
    elif posted == "activity":
        services.add_activity(user, data["module"], data["kind"], data["title"], data["instructions"], data["required"])
    else:
        services.add_question(user, data["activity"], data["text"], data["answers"])
    messages.success(request, _("Added."))
    return True


# --- changing the content: edit, move up/down, delete (leads and central support; plain forms, no script) -------


def _edit_form(item: Module | ContentPage | Activity, data: Any = None) -> Any:
    if isinstance(item, Module):
        return ModuleForm(data, initial={"title": item.title}, prefix="")
    if isinstance(item, ContentPage):
        return EditPageForm(data, initial={"title": item.title, "body": item.body})
    initial = {"title": item.title, "instructions": item.instructions, "required": item.required}
    return EditActivityForm(data, initial=initial)


def _save(user: User, item: Module | ContentPage | Activity, data: dict[str, Any]) -> None:
    if isinstance(item, Module):
        services.update_module(user, item, data["title"])
    elif isinstance(item, ContentPage):
        services.update_page(user, item, data["title"], data["body"])
    else:
        services.update_activity(user, item, data["title"], data["instructions"], data["required"])


@seat_view
@require_http_methods(["GET", "POST"])
def edit_content(request: HttpRequest, seat: CourseSeat, kind: str, pk: int) -> HttpResponse:
    item = access.content_item_for(seat, kind, pk)
    form = _edit_form(item, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _save(seat.user, item, form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("courses:manage", course_id=seat.course.pk)
    context = {"item": item, "kind": kind, "form": form}
    return _render(request, seat, "courses/edit_content.html", context, status=400 if form.errors else 200)


@seat_view
def move_content(request: HttpRequest, seat: CourseSeat, kind: str, pk: int) -> HttpResponse:
    item = access.content_item_for(seat, kind, pk)  # 404 before 405: only leads learn the door exists
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Choose up or down."))
    else:
        try:
            services.move(seat.user, item, up=direction == "up")
        except DomainError as error:
            messages.error(request, error.message)
    return redirect(reverse("courses:manage", args=[seat.course.pk]) + f"#{kind}-{item.pk}")


@seat_view
def delete_content(request: HttpRequest, seat: CourseSeat, kind: str, pk: int) -> HttpResponse:
    item = access.content_item_for(seat, kind, pk)  # 404 before 405: only leads learn the door exists
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.delete_content(seat.user, item)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("courses:edit_content", course_id=seat.course.pk, kind=kind, pk=pk)
    messages.success(request, _("Deleted."))
    return redirect("courses:manage", course_id=seat.course.pk)
