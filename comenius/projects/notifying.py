"""What the project lifecycle tells people (registered with `comenius.notifications` from `ProjectsConfig.ready`).

Each e-mail template of `projects/email/` is one notification type `projects.<template>`; `notify_member` is what
`services._common._mail` calls: the in-app sentence, the link, the project as object and group (watch levels,
digest headings) and the e-mail's templates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comenius.notifications.registry import (
    Delivery,
    NotificationType,
    Target,
    WatchKind,
    register_target,
    register_type,
    register_watch_kind,
)
from comenius.notifications.services import Mail, notify


def _name(key: str) -> Callable[[dict[str, Any]], str]:
    return lambda context: context[key].get_full_name() if context.get(key) is not None else ""


# template → (label for preferences, default delivery, in-app sentence, its parameters from the mail context)
TYPES: dict[str, tuple[Any, str, Any, dict[str, Callable[[dict[str, Any]], str]]]] = {
    "cofounder_invitation": (
        _("Invitations to co-found a project"),
        Delivery.EMAIL,
        _("%(name)s invites you to co-found “%(project)s”"),
        {"name": _name("founder")},
    ),
    "cofounder_accepted": (
        _("Your co-founder accepted"),
        Delivery.EMAIL,
        _("%(name)s accepted to co-found “%(project)s”"),
        {"name": _name("member")},
    ),
    "cofounder_declined": (
        _("Your co-founder declined"),
        Delivery.EMAIL,
        _("%(name)s declined to co-found “%(project)s”"),
        {"name": _name("member")},
    ),
    "partner_invitation": (
        _("Invitations to join a project"),
        Delivery.EMAIL,
        _("%(name)s invites you to join “%(project)s”"),
        {"name": _name("inviter")},
    ),
    "partner_answered": (
        _("Answers to your project invitations"),
        Delivery.EMAIL,
        _("%(name)s answered your invitation to “%(project)s”"),
        {"name": _name("member")},
    ),
    "project_active": (
        _("Project approvals"),
        Delivery.EMAIL,
        _("“%(project)s” is approved: its space is open"),
        {},
    ),
    "project_returned": (
        _("Projects returned by a national team"),
        Delivery.EMAIL,
        _("“%(project)s” was returned to you as a draft"),
        {},
    ),
    "invitation_reminder": (
        _("Reminders of invitations waiting for you"),
        Delivery.EMAIL,
        _("An invitation to “%(project)s” is waiting for your answer"),
        {},
    ),
    "approval_reminder": (
        _("Reminders of projects waiting for approval"),
        Delivery.EMAIL,
        _("Projects are waiting for your national team's approval"),
        {},
    ),
}


def notify_member(user: Any, template: str, context: dict[str, Any]) -> None:
    """One step of a project, told to one person (in-app, and by e-mail as their preferences say)."""
    _label, _default, text, params = TYPES[template]
    project = context.get("project")
    values = {key: function(context) for key, function in params.items()}
    if project is not None:
        values["project"] = project.title
        url = reverse("projects:detail", args=[project.pk])
    else:
        url = reverse("projects:approvals")
    notify(
        user,
        f"projects.{template}",
        project,
        text=text,
        params=values,
        url=url,
        group=project,
        mail=Mail(f"projects/email/{template}", context),
    )


def _visible_projects(user: Any) -> Any:
    from comenius.projects.access import projects_visible_to

    return projects_visible_to(user)


def _project_titles(ids: set[int]) -> dict[int, str]:
    from comenius.projects.models import Project

    return dict(Project.objects.filter(pk__in=ids).values_list("pk", "title"))


def register() -> None:
    for template, (label, default, _text, _params) in TYPES.items():
        # Answers and approvals are one person's step: required ones are those a project cannot move without.
        register_type(NotificationType(f"projects.{template}", label, default=default))
    register_target(
        Target("projects.project", _visible_projects, path=lambda pk: reverse("projects:detail", args=[pk]))
    )
    # A project's activity happens in its space (one per project): watching or muting the project (its page)
    # applies to everything in its space unless the member chose otherwise for the space or a thread (spaces
    # passes `watch=[thread, space, project]`). A project's steps are one person's business and are not muted.
    register_watch_kind(WatchKind("projects.project", _("Projects"), label_of=_project_titles))
