"""Writes about courses (DESIGN.md rule 2). Who may call is checked again here; enrolment locks the course row
so concurrent enrolments never pass the capacity; every event that can complete a course (a task accepted, a
quiz passed, a first contribution to a discussion) calls `refresh_completion`, which computes completion from
the activities and, the first time it holds, issues the certificate (`comenius.certificates`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comenius.accounts.models import Role, User
from comenius.certificates import services as certificates
from comenius.core.emails import absolute_url
from comenius.core.errors import DomainError
from comenius.core.lifecycle import Deletion
from comenius.core.services import record_audit
from comenius.core.uploads import CheckedFile
from comenius.courses import access, notifying
from comenius.courses.access import CourseSeat
from comenius.courses.models import (
    Activity,
    ActivityKind,
    Choice,
    ContentPage,
    Course,
    CourseLead,
    CoursePost,
    Enrolment,
    Module,
    Question,
    QuizAttempt,
    SubmissionState,
    TaskSubmission,
)
from comenius.notifications.services import Mail, notify
from comenius.spaces.sanitise import clean_html

CERTIFICATE_KIND = "courses.completion"


@dataclass(frozen=True)
class CourseData:
    title: str
    summary: str
    description: str
    language: str
    starts_on: date
    ends_on: date
    capacity: int | None
    expected_hours: Decimal
    quiz_pass_percent: int


def _course_url(course: Course) -> str:
    return absolute_url(reverse("courses:detail", args=[course.pk]))


def _check(data: CourseData) -> None:
    if data.ends_on < data.starts_on:
        raise DomainError(_("The course cannot end before it starts."))
    if not 0 < data.quiz_pass_percent <= 100:
        raise DomainError(_("The pass mark is a percentage from 1 to 100."))


def _manager(actor: User, course: Course) -> CourseSeat:
    seat = access.seat_for(actor, course.pk)
    if not seat.manages:
        raise DomainError(_("Only the course's leads and central support can change it."))
    return seat


# --- making a course (central support; leads edit the content) ------------------------------------------------


def create_course(officer: User, data: CourseData, leads: list[User]) -> Course:
    """Central support makes a draft course and names its leads (validated members). Audited."""
    if officer.role != Role.CENTRAL:
        raise DomainError(_("Only central support makes courses."))
    _check(data)
    with transaction.atomic():
        course = Course.objects.create(created_by=officer, **data.__dict__)
        for lead in leads:
            add_lead(officer, course, lead)
        record_audit(officer, "course.created", course)
    return course


def add_lead(officer: User, course: Course, lead: User) -> CourseLead:
    if officer.role != Role.CENTRAL:
        raise DomainError(_("Only central support names course leads."))
    if not lead.is_validated_member:
        raise DomainError(_("Course leads are validated members."))
    found, _created = CourseLead.objects.get_or_create(course=course, user=lead)
    return found


def update_course(actor: User, course: Course, data: CourseData) -> Course:
    _manager(actor, course)
    _check(data)
    with transaction.atomic():
        locked = Course.objects.select_for_update().get(pk=course.pk)
        if data.capacity is not None and data.capacity < locked.enrolled_count:
            raise DomainError(_("More people are already enrolled than these places."))
        for name, value in data.__dict__.items():
            setattr(locked, name, value)
        locked.save()
    return locked


def set_published(actor: User, course: Course, published: bool) -> None:
    _manager(actor, course)
    if published and not Activity.objects.filter(module__course=course).exists():
        raise DomainError(_("Add at least one activity before you publish the course."))
    Course.objects.filter(pk=course.pk).update(is_published=published)


def add_module(actor: User, course: Course, title: str) -> Module:
    _manager(actor, course)
    position = course.modules.count()
    return Module.objects.create(course=course, title=title.strip()[:150], position=position)


def add_page(actor: User, module: Module, title: str, body: str) -> ContentPage:
    """Rich text made safe with nh3 (the project space's rules, without images from a space)."""
    _manager(actor, module.course)
    return ContentPage.objects.create(
        module=module, title=title.strip()[:150], body=clean_html(body, space_id=0), position=module.pages.count()
    )


def add_activity(
    actor: User, module: Module, kind: str, title: str, instructions: str, required: bool = True
) -> Activity:
    _manager(actor, module.course)
    if kind not in ActivityKind.values:
        raise DomainError(_("Choose the kind of activity."))
    return Activity.objects.create(
        module=module, kind=kind, title=title.strip()[:150], instructions=instructions.strip()[:5000],
        required=required, position=module.activities.count(),
    )  # fmt: skip


def add_question(actor: User, activity: Activity, text: str, choices: list[tuple[str, bool]]) -> Question:
    """A quiz question with its answers; exactly one of them is right."""
    _manager(actor, activity.module.course)
    if activity.kind != ActivityKind.QUIZ:
        raise DomainError(_("Questions belong to quizzes."))
    if len(choices) < 2 or sum(1 for _text, right in choices if right) != 1:
        raise DomainError(_("Give at least two answers and mark exactly one as right."))
    with transaction.atomic():
        question = Question.objects.create(
            activity=activity, text=text.strip()[:500], position=activity.questions.count()
        )
        Choice.objects.bulk_create(Choice(question=question, text=t.strip()[:300], is_correct=r) for t, r in choices)
    return question


# --- changing the content: edit, reorder, delete (leads and central support) -----------------------------------
# Participants' progress is computed from their work on activities (accepted tasks, quiz attempts, discussion
# posts), keyed by the activity, so editing a title or text and reordering never change it. What could: an
# activity someone has worked on cannot be deleted (nor its module) — make it optional instead; changing
# whether an activity is required, or deleting one nobody touched, re-computes completion for everyone enrolled:
# who now meets the rule completes (and gets the certificate); who completed before keeps it (a certificate
# issued stays issued).


def _course_of(item: Module | ContentPage | Activity) -> Course:
    return item.course if isinstance(item, Module) else item.module.course


def _lock_course(actor: User, item: Module | ContentPage | Activity) -> Course:
    """Check the actor manages the item's course and lock the course row: content changes of one course (and
    enrolments, which lock it too) happen one after the other."""
    course = _course_of(item)
    _manager(actor, course)
    return Course.objects.select_for_update().get(pk=course.pk)


def _siblings(item: Module | ContentPage | Activity) -> list[Any]:
    if isinstance(item, Module):
        return list(Module.objects.filter(course_id=item.course_id).order_by("position", "id"))
    model = type(item)
    return list(model.objects.filter(module_id=item.module_id).order_by("position", "id"))


def _refresh_everyone(course: Course) -> None:
    for enrolment in Enrolment.objects.filter(course=course, completed_at__isnull=True):
        refresh_completion(enrolment)


def update_module(actor: User, module: Module, title: str) -> Module:
    """Rename a module. Who may call: the course's leads and central support. Audit "course.content_changed"."""
    title = title.strip()[:150]
    if not title:
        raise DomainError(_("Give a title."))
    with transaction.atomic():
        _lock_course(actor, module)
        Module.objects.filter(pk=module.pk).update(title=title)
        record_audit(actor, "course.content_changed", module, reason=title)
    module.title = title
    return module


def update_page(actor: User, page: ContentPage, title: str, body: str) -> ContentPage:
    """Change a content page (text made safe with nh3, as when it was added). Leads and central support.
    Audit "course.content_changed"."""
    title = title.strip()[:150]
    if not title:
        raise DomainError(_("Give a title."))
    with transaction.atomic():
        _lock_course(actor, page)
        page.title, page.body = title, clean_html(body, space_id=0)
        page.save(update_fields=["title", "body"])
        record_audit(actor, "course.content_changed", page, reason=title)
    return page


def update_activity(actor: User, activity: Activity, title: str, instructions: str, required: bool) -> Activity:
    """Change an activity's title, instructions and whether it is needed to complete the course (its kind stays:
    participants' work belongs to it). A change of `required` re-computes completion for everyone enrolled.
    Leads and central support. Locks the course. Audit "course.content_changed"."""
    title = title.strip()[:150]
    if not title:
        raise DomainError(_("Give a title."))
    with transaction.atomic():
        course = _lock_course(actor, activity)
        changed_rule = activity.required != required
        activity.title, activity.instructions, activity.required = title, instructions.strip()[:5000], required
        activity.save(update_fields=["title", "instructions", "required"])
        if changed_rule:
            _refresh_everyone(course)
        record_audit(actor, "course.content_changed", activity, reason=title)
    return activity


def move(actor: User, item: Module | ContentPage | Activity, up: bool) -> None:
    """Move a module within its course, or a page or activity within its module, one place up or down (at the
    edge nothing changes). Positions are rewritten 0, 1, 2 … in the new order. Leads and central support.
    Locks the course. Audit "course.reordered"."""
    with transaction.atomic():
        _lock_course(actor, item)
        siblings = _siblings(item)
        index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(siblings):
            return
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                type(sibling).objects.filter(pk=sibling.pk).update(position=position)
        record_audit(actor, "course.reordered", item, reason="up" if up else "down")


def _has_work(activities: Any) -> bool:
    ids = list(activities.values_list("pk", flat=True))
    return (
        TaskSubmission.objects.filter(activity_id__in=ids).exists()
        or QuizAttempt.objects.filter(activity_id__in=ids).exists()
        or CoursePost.objects.filter(activity_id__in=ids).exists()
    )


def delete_content(actor: User, item: Module | ContentPage | Activity) -> None:
    """Delete a page, an activity or a module (with its pages and activities). Refused when participants have
    worked on an activity that would go (their submissions, quiz attempts or posts, and the progress they give,
    would be lost: make the activity optional instead), and when a published course would be left without
    activities. Deleting a required activity nobody touched re-computes completion for everyone enrolled.
    Leads and central support. Locks the course. Audit "course.content_deleted"."""
    with transaction.atomic():
        course = _lock_course(actor, item)
        if isinstance(item, ContentPage):
            going = Activity.objects.none()
        elif isinstance(item, Activity):
            going = Activity.objects.filter(pk=item.pk)
        else:
            going = Activity.objects.filter(module=item)
        if _has_work(going):
            raise DomainError(
                _(
                    "Participants have already worked on this. Deleting it would lose their work and change their "
                    "progress: make the activity optional instead."
                )
            )
        left = Activity.objects.filter(module__course=course).exclude(pk__in=going.values("pk"))
        if course.is_published and going.exists() and not left.exists():
            raise DomainError(_("A published course needs at least one activity. Take it back to a draft first."))
        required_going = going.filter(required=True).exists()
        record_audit(actor, "course.content_deleted", item, reason=str(item))
        item.delete()
        for position, sibling in enumerate(_siblings(item)):  # close the gap
            if sibling.position != position:
                type(sibling).objects.filter(pk=sibling.pk).update(position=position)
        if required_going:
            _refresh_everyone(course)


# --- enrolment --------------------------------------------------------------------------------------------------


def enrol(member: User, course: Course) -> Enrolment:
    """A validated member enrols in a published course until it ends. Locks the course row: two members
    racing for the last place never both get it. Enrolling twice returns the first enrolment."""
    if not member.is_validated_member:
        raise DomainError(_("Only validated members can enrol."))
    with transaction.atomic():
        locked = Course.objects.select_for_update().get(pk=course.pk)
        existing = Enrolment.objects.filter(course=locked, user=member).first()
        if existing is not None:
            return existing
        if not locked.is_published:
            raise DomainError(_("This course is not open yet."))
        if locked.ends_on < timezone.localdate():
            raise DomainError(_("This course has ended."))
        if locked.capacity is not None and locked.enrolled_count >= locked.capacity:
            raise DomainError(_("The course is full."))
        enrolment = Enrolment.objects.create(course=locked, user=member)
        Course.objects.filter(pk=locked.pk).update(enrolled_count=F("enrolled_count") + 1)
    return enrolment


def withdraw(member: User, course: Course) -> None:
    """Leave a course not yet completed (the place frees up). What the member wrote goes with it."""
    with transaction.atomic():
        Course.objects.select_for_update().get(pk=course.pk)
        enrolment = Enrolment.objects.filter(course=course, user=member).first()
        if enrolment is None:
            return
        if enrolment.completed_at is not None:
            raise DomainError(_("You have completed this course; it stays on your record."))
        for submission in enrolment.submissions.exclude(file=""):
            submission.file.delete(save=False)
        enrolment.delete()
        Course.objects.filter(pk=course.pk).update(enrolled_count=F("enrolled_count") - 1)


def _participant(member: User, activity: Activity) -> Enrolment:
    course = activity.module.course
    enrolment = Enrolment.objects.filter(course=course, user=member).first()
    if enrolment is None:
        raise DomainError(_("Enrol in the course first."))
    today = timezone.localdate()
    if today < course.starts_on:
        raise DomainError(_("The course has not started yet."))
    if today > course.ends_on:
        raise DomainError(_("The course has ended."))
    return enrolment


# --- activities -------------------------------------------------------------------------------------------------


def submit_task(member: User, activity: Activity, text: str, checked: CheckedFile | None = None) -> TaskSubmission:
    """Text, a file checked under SPACE_MATERIAL (by the form), or both. Sending again replaces the answer and
    waits for review again; an accepted task stays accepted."""
    if activity.kind != ActivityKind.TASK:
        raise DomainError(_("This activity is not a task."))
    enrolment = _participant(member, activity)
    if not text.strip() and checked is None:
        raise DomainError(_("Write your answer or add a file."))
    with transaction.atomic():
        submission = TaskSubmission.objects.select_for_update().filter(
            activity=activity, enrolment=enrolment
        ).first() or TaskSubmission(activity=activity, enrolment=enrolment)
        if submission.state == SubmissionState.ACCEPTED and submission.pk:
            raise DomainError(_("Your task is already accepted."))
        submission.text = text.strip()[:10000]
        submission.submitted_at = timezone.now()
        submission.state = SubmissionState.SUBMITTED
        if checked is not None:
            if submission.file:
                submission.file.delete(save=False)
            submission.filename, submission.content_type, submission.size = (
                checked.filename, checked.content_type, checked.size,
            )  # fmt: skip
            submission.file.save("upload", checked.as_file(), save=False)
        submission.save()
    return submission


def review_task(lead: User, submission: TaskSubmission, accept: bool, feedback: str = "") -> TaskSubmission:
    """A lead (or central support) accepts a submitted task — the task is then done — or returns it with
    feedback. Locks the submission; the participant is e-mailed. Accepting may complete the course."""
    seat = _manager(lead, submission.activity.module.course)
    feedback = feedback.strip()
    if not accept and not feedback:
        raise DomainError(_("Say what to change; the participant reads it."))
    with transaction.atomic():
        locked = TaskSubmission.objects.select_for_update().get(pk=submission.pk)
        if locked.state != SubmissionState.SUBMITTED:
            raise DomainError(_("This task has already been reviewed."))
        locked.state = SubmissionState.ACCEPTED if accept else SubmissionState.RETURNED
        locked.reviewed_by, locked.reviewed_at, locked.feedback = lead, timezone.now(), feedback[:3000]
        locked.save(update_fields=["state", "reviewed_by", "reviewed_at", "feedback"])
        enrolment = Enrolment.objects.select_related("user", "course").get(pk=locked.enrolment_id)
        text = (
            gettext_lazy("Your task %(title)s is accepted")
            if accept
            else gettext_lazy("Your task %(title)s needs changes")
        )
        context = {"course": seat.course, "activity": locked.activity, "accepted": accept, "feedback": feedback,
                   "url": _course_url(seat.course)}  # fmt: skip
        notify(
            enrolment.user, notifying.TASK_REVIEWED, locked, text=text, params={"title": locked.activity.title},
            url=reverse("courses:activity", args=[seat.course.pk, locked.activity_id]), group=seat.course,
            mail=Mail("courses/email/task_reviewed", context),
        )  # fmt: skip
        if accept:
            refresh_completion(enrolment)
    return locked


def mark_quiz(activity: Activity, answers: dict[int, int]) -> int:
    """The percentage of the quiz's questions answered right (unanswered counts as wrong)."""
    questions = list(activity.questions.prefetch_related("choices"))
    if not questions:
        return 100
    right = 0
    for question in questions:
        chosen = answers.get(question.pk)
        if any(choice.pk == chosen and choice.is_correct for choice in question.choices.all()):
            right += 1
    return round(100 * right / len(questions))


def answer_quiz(member: User, activity: Activity, answers: dict[int, int]) -> QuizAttempt:
    """Marks the answers at once; every attempt is kept and the best counts. May complete the course."""
    if activity.kind != ActivityKind.QUIZ:
        raise DomainError(_("This activity is not a quiz."))
    enrolment = _participant(member, activity)
    with transaction.atomic():
        attempt = QuizAttempt.objects.create(
            activity=activity,
            enrolment=enrolment,
            answers={str(k): v for k, v in answers.items()},
            score=mark_quiz(activity, answers),
        )
        refresh_completion(enrolment)
    return attempt


def contribute(member: User, activity: Activity, body: str) -> CoursePost:
    """A contribution to a discussion activity (participants and leads). May complete the course."""
    if activity.kind != ActivityKind.DISCUSSION:
        raise DomainError(_("This activity is not a discussion."))
    if not body.strip():
        raise DomainError(_("Write something first."))
    seat = access.seat_for(member, activity.module.course_id)
    with transaction.atomic():
        enrolment = None if seat.manages and seat.enrolment is None else _participant(member, activity)
        post = CoursePost.objects.create(activity=activity, author=member, body=body.strip()[:5000])
        if enrolment is not None:
            refresh_completion(enrolment)
    return post


def set_post_hidden(actor: User, post: CoursePost, hidden: bool) -> None:
    """Leads hide a contribution (or show it again); also the moderation registry's hide."""
    _manager(actor, post.activity.module.course)
    set_hidden(post, hidden)


def set_hidden(post: Any, hidden: bool) -> None:
    CoursePost.objects.filter(pk=post.pk).update(hidden_at=timezone.now() if hidden else None)


def delete_post(post: Any) -> None:
    post.delete()


# --- completion -------------------------------------------------------------------------------------------------


def refresh_completion(enrolment: Enrolment) -> bool:
    """Compute completion from the activities (access.progress_of). The first time it holds, record it and
    issue the certificate (idempotent: certificates gives one per member and course). Call inside the
    transaction of the event that may complete the course; locks the enrolment row."""
    locked = Enrolment.objects.select_for_update().select_related("course", "user").get(pk=enrolment.pk)
    if locked.completed_at is not None:
        return True
    if not access.progress_of(locked).complete:
        return False
    locked.completed_at = timezone.now()
    locked.save(update_fields=["completed_at"])
    course = locked.course
    certificates.issue(
        locked.user,
        CERTIFICATE_KIND,
        course,
        title=course.title,
        hours=course.expected_hours,
        achieved_on=timezone.localdate(),
        issuer=_issuer(course),
    )
    return True


def _issuer(course: Course) -> str:
    leads = [lead.user.get_full_name() for lead in course.leads.select_related("user")]
    return ", ".join([*leads, _("Central support")]) if leads else _("Central support")


# --- account deletion -------------------------------------------------------------------------------------------


def forget_member(user: Any, deletion: Deletion) -> None:
    """Account deletion: enrolments, answers and files go (their own learning record); contributions to
    discussions stay under the former name unless the member asked for them to go too."""
    for enrolment in Enrolment.objects.filter(user=user):
        for submission in enrolment.submissions.exclude(file=""):
            submission.file.delete(save=False)
        Course.objects.filter(pk=enrolment.course_id).update(enrolled_count=F("enrolled_count") - 1)
        enrolment.delete()
    CourseLead.objects.filter(user=user).delete()
    if deletion.delete_contributions:
        CoursePost.objects.filter(author=user).delete()


def merge_member(kept: Any, merged: Any) -> None:
    """Account merge: the merged account's courses move to the kept account. Where both were enrolled in one
    course, the kept enrolment gains the other's quiz attempts and the submissions it lacks (and an earlier
    completion), and the other enrolment goes (its place frees up)."""
    Course.objects.filter(created_by=merged).update(created_by=kept)
    TaskSubmission.objects.filter(reviewed_by=merged).update(reviewed_by=kept)
    CoursePost.objects.filter(author=merged).update(author=kept)
    for lead in CourseLead.objects.filter(user=merged):
        if CourseLead.objects.filter(course_id=lead.course_id, user=kept).exists():
            lead.delete()
        else:
            CourseLead.objects.filter(pk=lead.pk).update(user=kept)
    for theirs in Enrolment.objects.filter(user=merged):
        ours = Enrolment.objects.filter(course_id=theirs.course_id, user=kept).first()
        if ours is None:
            Enrolment.objects.filter(pk=theirs.pk).update(user=kept)
            continue
        QuizAttempt.objects.filter(enrolment=theirs).update(enrolment=ours)
        answered = TaskSubmission.objects.filter(enrolment=ours).values_list("activity_id", flat=True)
        TaskSubmission.objects.filter(enrolment=theirs).exclude(activity_id__in=list(answered)).update(enrolment=ours)
        if theirs.completed_at and (ours.completed_at is None or theirs.completed_at < ours.completed_at):
            Enrolment.objects.filter(pk=ours.pk).update(completed_at=theirs.completed_at)
        for submission in TaskSubmission.objects.filter(enrolment=theirs).exclude(file=""):
            submission.file.delete(save=False)
        theirs.delete()
        Course.objects.filter(pk=theirs.course_id).update(enrolled_count=F("enrolled_count") - 1)
