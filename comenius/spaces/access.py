"""Who is who in a project space, and what each role may do (DOMAIN.md).

`seat_for(user, space_id)` answers the viewer's place in a space — their role — or 404 for anyone who is not
in it (pupils of another project included). `can(seat, right)` is the one table of rights; every space view
and service asks it. Write rights also need the project to be active: a closed or archived project's space
is read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from comenius.accounts.models import Role, User
from comenius.core.lifecycle import ExportPart
from comenius.projects.models import MemberState, ProjectMember, ProjectRole, ProjectState
from comenius.spaces.models import Space, SpacePupil


class SpaceRole:
    TEACHER_ADMIN = ProjectRole.TEACHER_ADMIN.value
    TEACHER = ProjectRole.TEACHER.value
    EXPERT = ProjectRole.EXPERT.value
    OBSERVER = ProjectRole.OBSERVER.value
    PUPIL = "pupil"
    PUPIL_ADMIN = "pupil_admin"
    # Someone outside the project who may read it for a while (an assessor of a quality label, a prize juror):
    # granted by a registered `ReaderProvider`, read right only, every look recorded by the provider.
    EVALUATOR = "evaluator"

    LABELS = {
        TEACHER_ADMIN: _("Teacher administrator"),
        TEACHER: _("Teacher"),
        EXPERT: _("Expert"),
        OBSERVER: _("Observer"),
        PUPIL: _("Pupil"),
        PUPIL_ADMIN: _("Pupil administrator"),
        EVALUATOR: _("Evaluator (read only)"),
    }


TEACHERS = {SpaceRole.TEACHER_ADMIN, SpaceRole.TEACHER, SpaceRole.EXPERT, SpaceRole.OBSERVER}
PUPILS = {SpaceRole.PUPIL, SpaceRole.PUPIL_ADMIN}
EVERYONE = TEACHERS | PUPILS
WRITERS = {SpaceRole.TEACHER_ADMIN, SpaceRole.TEACHER, SpaceRole.EXPERT, SpaceRole.PUPIL_ADMIN}
LEADERS = {SpaceRole.TEACHER_ADMIN, SpaceRole.TEACHER}

# The rights table. Read rights hold in every state of the project; the others need an active project.
RIGHTS: dict[str, set[str]] = {
    "read": EVERYONE | {SpaceRole.EVALUATOR},
    "post": WRITERS,  # home feed posts
    "comment": EVERYONE - {SpaceRole.OBSERVER},  # comments and likes
    "pin": LEADERS,
    "write_pages": WRITERS,
    "publish_pages": {SpaceRole.TEACHER_ADMIN},
    "upload": WRITERS,
    "start_thread": WRITERS,
    "reply": EVERYONE - {SpaceRole.OBSERVER},
    "read_bulletin": TEACHERS,
    "write_bulletin": TEACHERS - {SpaceRole.OBSERVER},
    "chat": EVERYONE - {SpaceRole.OBSERVER},  # pupils only in open pupils' rooms (see can_chat)
    "manage_chat": LEADERS,  # open and close rooms, delete messages
    "schedule_meetings": LEADERS,
    "manage_pupils": LEADERS,
    "moderate": {SpaceRole.TEACHER_ADMIN},
    "export": {SpaceRole.TEACHER_ADMIN},
}
READ_RIGHTS = {"read", "read_bulletin", "export"}


@dataclass(frozen=True)
class Seat:
    """The viewer's place in one space."""

    space: Space
    user: User
    role: str

    @property
    def is_pupil(self) -> bool:
        return self.role in PUPILS

    @property
    def is_teacher(self) -> bool:
        return self.role in TEACHERS

    @property
    def sees_pictures(self) -> bool:
        """The pupils' chosen pictures are for the space's own teachers and pupils (not for evaluators)."""
        return self.role in TEACHERS or self.role in PUPILS

    @property
    def role_label(self) -> str:
        return str(SpaceRole.LABELS[self.role])

    @property
    def read_only(self) -> bool:
        return self.space.project.state != ProjectState.ACTIVE


def can(seat: Seat, right: str) -> bool:
    if seat.role not in RIGHTS[right]:
        return False
    return right in READ_RIGHTS or not seat.read_only


def require(seat: Seat, right: str) -> None:
    """Views: a right the viewer lacks answers 404 (nothing about the space's other pages leaks)."""
    if not can(seat, right):
        raise Http404


# --- readers from outside the project (evaluators) --------------------------------------------------------


@dataclass(frozen=True)
class ReaderProvider:
    """A higher app's answer to "may this person read this space for now?" (recognition: the assessors of a
    label application while it is assessed, a prize jury while it scores). spaces never imports that app:
    the app registers a provider from its `AppConfig.ready()`. `allows(user, space)` must be cheap (one
    query); `looked(user, space, path)` is called on every page such a reader opens, to audit the look."""

    name: str
    allows: Callable[[User, Space], bool]
    looked: Callable[[User, Space, str], object]


_reader_providers: dict[str, ReaderProvider] = {}


def register_reader_provider(provider: ReaderProvider) -> None:
    """Called from an app's `AppConfig.ready()`; registering the same name again replaces it."""
    _reader_providers[provider.name] = provider


def _extra_reader(user: User, space: Space) -> ReaderProvider | None:
    """The provider that lets a non-pupil outside the project read the space now, if any."""
    if user.role == Role.PUPIL or (user.role == Role.MEMBER and user.status != "validated"):
        return None
    for provider in _reader_providers.values():
        if provider.allows(user, space):
            return provider
    return None


def role_in(user: User, space: Space) -> str | None:
    if not user.is_authenticated or not user.is_active:
        return None
    if user.role == Role.PUPIL:
        place = SpacePupil.objects.filter(space=space, user=user).only("is_admin").first()
        if place is None:
            return None
        return SpaceRole.PUPIL_ADMIN if place.is_admin else SpaceRole.PUPIL
    if user.role == Role.MEMBER and user.status == "validated":
        member = (
            ProjectMember.objects.filter(project_id=space.project_id, user=user, state=MemberState.ACTIVE)
            .only("role")
            .first()
        )
        if member is not None:
            return member.role
    return SpaceRole.EVALUATOR if _extra_reader(user, space) else None


def seat_for(user: User, space_id: int, path: str = "") -> Seat:
    """The viewer's seat in a space, or 404 for anyone outside it. An evaluator's look is audited by the
    provider that let them in (`path` says what they opened)."""
    space = Space.objects.select_related("project").filter(pk=space_id).first()
    if space is None:
        raise Http404
    role = role_in(user, space)
    if role is None:
        raise Http404
    if role == SpaceRole.EVALUATOR:
        provider = _extra_reader(user, space)
        if provider is not None:
            provider.looked(user, space, path)
    return Seat(space=space, user=user, role=role)


def spaces_for(user: User) -> QuerySet[Space]:
    """The spaces a person belongs to: a pupil's, or a member's active projects (any state once opened)."""
    spaces = Space.objects.select_related("project")
    if not user.is_authenticated or not user.is_active:
        return spaces.none()
    if user.role == Role.PUPIL:
        return spaces.filter(pupils__user=user).order_by("project__title")
    if user.role != Role.MEMBER:
        return spaces.none()
    return spaces.filter(project__members__user=user, project__members__state=MemberState.ACTIVE).order_by(
        "project__title"
    )


def space_of_project(project_id: int) -> Space | None:
    return Space.objects.filter(project_id=project_id).first()


# --- reporting space content ------------------------------------------------------------------------------
# (kind, model, how to reach its space): what members and pupils can report inside a space.
REPORTABLE = {
    "post": ("Post", "space"),
    "comment": ("Comment", "space"),
    "page": ("Page", "space"),
    "material": ("Material", "space"),
    "thread": ("Thread", "space"),
    "reply": ("Reply", "space"),
    "chat_message": ("ChatMessage", "room__space"),
}


def reportable_for(user: User, kind: str, pk: int) -> object:
    """A piece of space content the user can see (to report it), else 404."""
    from django.apps import apps

    if kind not in REPORTABLE:
        raise Http404
    model_name, space_path = REPORTABLE[kind]
    model = apps.get_model("spaces", model_name)
    content = model.objects.filter(pk=pk).select_related(f"{space_path}__project").first()
    if content is None:
        raise Http404
    space = content.room.space if kind == "chat_message" else content.space
    seat = seat_for(user, space.pk)
    hidden = content.deleted_at if kind == "chat_message" else content.hidden_at
    if hidden is not None:
        raise Http404
    board = getattr(content, "board", None) or getattr(getattr(content, "thread", None), "board", None)
    if board == "bulletin" and not can(seat, "read_bulletin"):
        raise Http404
    if kind == "page" and content.is_draft and not can(seat, "write_pages"):
        raise Http404
    if kind == "chat_message" and content.room.for_pupils is False and seat.is_pupil:
        raise Http404
    return content


def space_of_content(kind: str, content: object) -> Space:
    return content.room.space if kind == "chat_message" else content.space  # type: ignore[attr-defined]


def administered_space_ids(user: User) -> list[int]:
    """Spaces where the user is a teacher administrator (they moderate its content)."""
    if not user.is_authenticated or user.role != Role.MEMBER:
        return []
    return list(
        Space.objects.filter(
            project__members__user=user,
            project__members__state=MemberState.ACTIVE,
            project__members__role=ProjectRole.TEACHER_ADMIN,
        ).values_list("pk", flat=True)
    )


# --- the member's own data (privacy export) ---------------------------------------------------------------


def own_data(user: User) -> ExportPart:
    """What the member wrote and uploaded in project spaces (nothing of anyone else): (data, files)."""
    from comenius.spaces.models import ChatMessage, Comment, Material, Page, Post, Reply, Thread

    def rows(model: type, *fields: str) -> list[dict[str, object]]:
        return list(model.objects.filter(author=user).order_by("created_at").values(*fields))  # type: ignore[attr-defined]

    data: dict[str, object] = {
        "space_posts": rows(Post, "space__project__title", "body", "created_at"),
        "space_comments": rows(Comment, "post__space__project__title", "body", "created_at"),
        "space_pages": rows(Page, "space__project__title", "title", "body", "is_draft", "created_at"),
        "space_threads": rows(Thread, "space__project__title", "board", "title", "body", "created_at"),
        "space_replies": rows(Reply, "thread__space__project__title", "body", "created_at"),
        "space_chat_messages": list(
            ChatMessage.objects.filter(author=user, deleted_at__isnull=True)
            .order_by("created_at")
            .values("room__space__project__title", "room__name", "body", "created_at")
        ),
        "space_materials": rows(Material, "space__project__title", "kind", "title", "filename", "url", "created_at"),
    }
    files: dict[str, object] = {}
    for material in Material.objects.filter(author=user).exclude(file=""):
        files[f"materials/{material.pk}-{material.filename or 'file'}"] = material.file
    return ExportPart(data, files)
