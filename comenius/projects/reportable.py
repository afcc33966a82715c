"""What of projects can be reported (the moderation registry): a project, as its page shows it."""

from __future__ import annotations

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from comenius.moderation.registry import Kind, register_kind
from comenius.projects import access, services
from comenius.projects.models import Project


def _project(pk: int) -> Model | None:
    return Project.objects.select_related("founder").filter(pk=pk).first()


def register() -> None:
    register_kind(
        Kind(
            "project",
            _("Project"),
            fetch_for=access.get_project_for,
            fetch=_project,
            author=lambda project: project.founder,
            describe=lambda project: f"{project.title}\n\n{project.summary}\n\n{project.description}".strip(),
            set_hidden=services.set_hidden,
        )
    )
