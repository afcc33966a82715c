"""What the project services share: the data a project is written from, the row lock, the history
entry, e-mail after commit, the co-founder rule and the search columns."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.accounts.models import User
from comenius.core.emails import absolute_url
from comenius.core.errors import DomainError
from comenius.core.search import is_postgres, vector_sql
from comenius.core.vocabulary import search_config
from comenius.institutions.models import Institution, Membership
from comenius.network.access import are_contacts, is_blocked_between, is_network_member
from comenius.projects import notifying
from comenius.projects.models import (
    Project,
    ProjectEvent,
    ProjectKind,
)


@dataclass(frozen=True)
class ProjectData:
    title: str
    summary: str
    description: str
    languages: list[str]
    age_min: int | None
    age_max: int | None
    pupils_count: int | None
    subjects: list[str]
    tools: str
    aims: str
    work_process: str
    expected_results: str
    starts_on: date | None
    ends_on: date | None
    show_in_gallery: bool


PROJECT_FIELDS = [field.name for field in fields(ProjectData)]
# What a project needs before the founder can send it to the co-founder (tools are optional).
REQUIRED_FOR_SUBMISSION = [name for name in PROJECT_FIELDS if name not in {"tools", "show_in_gallery"}]


def _now() -> datetime:
    return timezone.now()


def _institution_of(user: User) -> Institution | None:
    membership = Membership.objects.select_related("institution").filter(user=user).order_by("created_at").first()
    return membership.institution if membership else None


def _event(
    project: Project,
    kind: str,
    actor: User | None,
    *,
    subject: User | None = None,
    country_id: str | None = None,
    reason: str = "",
) -> None:
    ProjectEvent.objects.create(
        project=project, kind=kind, actor=actor, subject=subject, country_id=country_id, reason=reason[:1000]
    )


def _locked(project: Project) -> Project:
    """The project row, locked until the transaction ends: the guard below it sees the latest state."""
    return Project.objects.select_for_update().get(pk=project.pk)


def _set_state(project: Project, state: str, *extra: str) -> None:
    project.state = state
    project.state_since = _now()
    project.save(update_fields=["state", "state_since", "updated_at", *extra])


def _mail(user: User, template: str, context: dict[str, object]) -> None:
    """Tell a member through the notification service (in-app now; e-mail after commit, in their language, as
    their preferences say)."""
    notifying.notify_member(user, template, context)


def _project_url(project: Project) -> str:
    return absolute_url(reverse("projects:detail", args=[project.pk]))


def missing_fields(project: Project) -> list[str]:
    """The names (translated) of what the project still needs before it can be sent on."""
    missing = [
        str(Project._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
        for name in REQUIRED_FOR_SUBMISSION
        if getattr(project, name) in (None, "", [])
    ]
    if project.cofounder_id is None:
        missing.append(_("co-founder"))
    return missing


def _check_cofounder(founder: User, cofounder: User, founder_institution: Institution) -> Institution:
    """DOMAIN.md: the co-founder is one of the founder's contacts, a validated member of another institution."""
    if cofounder.pk == founder.pk:
        raise DomainError(_("You cannot be your own co-founder."))
    if not is_network_member(cofounder):
        raise DomainError(_("The co-founder must be a validated member."))
    if not are_contacts(founder, cofounder.pk) or is_blocked_between(founder, cofounder.pk):
        raise DomainError(_("The co-founder must be one of your contacts."))
    institution = _institution_of(cofounder)
    if institution is None or institution.pk == founder_institution.pk:
        raise DomainError(_("A project needs two founders from two different institutions."))
    return institution


def _kind(founder: User, cofounder: User | None) -> str:
    if cofounder is None:
        return ""
    return ProjectKind.EUROPEAN if founder.country_id != cofounder.country_id else ProjectKind.NATIONAL


# --- search -------------------------------------------------------------------------------------------


def refresh_search(project: Project) -> None:
    """Recompute the denormalised filter tags and search text (and the tsvector on PostgreSQL)."""
    from comenius.core.vocabulary import Subject

    countries = {project.founder.country_id, project.cofounder.country_id if project.cofounder else None}
    year = project.starts_on.year if project.starts_on else None
    tokens = [f"s:{s}" for s in project.subjects] + [f"l:{code}" for code in project.languages]
    tokens += [f"c:{code}" for code in sorted(c for c in countries if c)]
    if year:
        tokens.append(f"y:{year}")
    project.tags = f" {' '.join(tokens)} "
    subject_names = [str(Subject(s).label) for s in project.subjects if s in Subject.values]
    project.search_text = " ".join(part for part in [project.title, project.summary, *subject_names] if part)
    project.search_config = search_config(project.languages[0] if project.languages else project.founder.language)
    project.save(update_fields=["tags", "search_text", "search_config"])
    if is_postgres():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(vector_sql(Project._meta.db_table, "title"), [[project.pk]])
