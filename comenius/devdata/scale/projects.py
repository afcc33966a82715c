"""160,000 projects for the scale data: states, founders from two institutions, topics that fit the
founders' schools, members, NSO approvals, history and spaces."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from comenius.accounts import services as accounts
from comenius.accounts.models import Role, User
from comenius.core.vocabulary import Subject, search_config
from comenius.devdata.scale.loader import ScaleLoader
from comenius.devdata.scale.project_topics import (
    AIMS,
    BUSY_MEMBERS,
    BUSY_PROJECTS,
    DESCRIPTION,
    FIRST_YEAR,
    LANGUAGES,
    PARTNER_ROLES,
    PROJECT_STATES,
    RESULTS,
    SUMMARIES,
    TOOLS,
    TOPICS,
    WORK_PROCESS,
    ScaleMember,
)
from comenius.devdata.testing import DEMO_TOTP_SECRET
from comenius.projects.models import (
    ApprovalState,
    EventKind,
    MemberState,
    ProjectKind,
    ProjectRole,
    ProjectState,
)


class ProjectsLoader(ScaleLoader):
    def all_projects(self, count: int) -> int:
        """NSO officers, then projects with their members, approvals, history and spaces."""
        officers = self.officers()
        made = self.projects(count, self.scale_members(), officers)
        self.finish(
            "projects_project",
            "projects_projectmember",
            "projects_projectapproval",
            "projects_projectevent",
            "spaces_space",
        )
        return made

    # --- projects -----------------------------------------------------------------------------------------

    def officers(self) -> dict[str, int]:
        """One NSO officer per participating country, with MFA, who decided its approvals. Country → user id."""
        self.reset_sequence("accounts_user")  # the officers' ids come after the copied members
        made: dict[str, int] = {}
        for country in self.countries:
            email = f"nso.{country.code.lower()}@scale.example"
            officer = User.objects.filter(email=email).first()
            if officer is None:
                name = self.officer_names.get(country.code, {"first_name": "Officer", "last_name": country.code})
                officer = accounts.create_officer(
                    role=Role.NSO,
                    email=email,
                    first_name=name["first_name"],
                    last_name=name["last_name"],
                    country=country,
                    password=None,
                )
                accounts.enable_totp(officer, DEMO_TOTP_SECRET)
            made[country.code] = officer.pk
        return made

    def scale_members(self) -> list[ScaleMember]:
        """Every generated member with what a project needs of them (read back, so that projects can also be
        added to members generated earlier)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT ON (u.id) u.id, u.country_id, m.institution_id, i.city, p.institution_type, "
                "p.age_min, p.age_max FROM accounts_user u "
                "JOIN institutions_membership m ON m.user_id = u.id "
                "JOIN institutions_institution i ON i.id = m.institution_id "
                "JOIN network_profile p ON p.user_id = u.id "
                "WHERE u.email LIKE %s AND u.role = %s AND u.status = %s AND u.country_id IS NOT NULL "
                "ORDER BY u.id, m.created_at",
                ["%@scale.example", Role.MEMBER, "validated"],
            )
            return [(row[0], row[1], row[2], row[3], row[4], row[5] or 6, row[6] or 18) for row in cursor.fetchall()]

    def founders(
        self, members: list[ScaleMember], by_country: dict[str, list[int]], european: bool, index: int | None
    ) -> tuple[ScaleMember, ScaleMember]:
        """A founder (members[index], or anyone: countries weighted like the members) and a co-founder from
        another institution: of another country for a European project, of the same country for a national one."""
        founder = members[self.rng.randrange(len(members)) if index is None else index]
        compatriots = by_country[founder[1]]
        for attempt in range(40):
            if european or attempt >= 30:  # a small country may have a single institution
                other = members[self.rng.randrange(len(members))]
                if other[2] != founder[2] and (other[1] != founder[1] or attempt >= 30):
                    return founder, other
            else:
                other = members[self.rng.choice(compatriots)]
                if other[2] != founder[2]:
                    return founder, other
        other = next(member for member in members if member[2] != founder[2])
        return founder, other

    def projects(self, count: int, members: list[ScaleMember], officers: dict[str, int]) -> int:
        """Projects in every state (PROJECT_STATES), each with what its state implies, as the services would
        have left it: founders' memberships, partners, approvals of every round, the history and the space."""
        if len({member[2] for member in members}) < 2:
            raise CommandError("Projects need generated members of at least two institutions.")
        rng, now = self.rng, self.now
        start = self.next_id("projects_project")
        ids = {
            table: self.next_id(table)
            for table in ("projects_projectmember", "projects_projectapproval", "projects_projectevent", "spaces_space")
        }
        member_rows: list[tuple[Any, ...]] = []
        approval_rows: list[tuple[Any, ...]] = []
        event_rows: list[tuple[Any, ...]] = []
        space_rows: list[tuple[Any, ...]] = []
        by_country: dict[str, list[int]] = {}
        for index, scale_member in enumerate(members):
            by_country.setdefault(scale_member[1], []).append(index)
        countries = {country.code: country for country in self.countries}
        with translation.override("en"):
            labels = {code: str(label) for code, label in Subject.choices}
        states, state_weights = zip(*PROJECT_STATES, strict=True)
        years = list(range(FIRST_YEAR, now.year - 1))  # archived projects ended more than a year ago
        year_weights = [1 + (year - FIRST_YEAR) * 0.6 for year in years]
        last_day = date(now.year, 12, 31)
        busy = min(BUSY_MEMBERS, len(members))
        topics_for: dict[tuple[int, int], list[tuple[str, str, list[str], int, int]]] = {}

        def days(low: float, high: float) -> timedelta:
            return timedelta(days=rng.uniform(low, high))

        def past(when: datetime) -> datetime:
            return min(when, now - timedelta(minutes=rng.randint(1, 600)))

        def between(low: datetime, high: datetime) -> datetime:
            return low + (high - low) * rng.random()

        def event(pk: int, kind: str, when: datetime, actor: int | None, **extra: Any) -> None:
            event_rows.append(
                (
                    ids["projects_projectevent"] + len(event_rows),
                    kind,
                    extra.get("reason", ""),
                    when,
                    actor,
                    extra.get("country"),
                    pk,
                    extra.get("subject"),
                )
            )

        def approval(pk: int, code: str, round_: int, state: str, created: datetime, decided: datetime | None) -> None:
            by = officers.get(code) if state in (ApprovalState.APPROVED, ApprovalState.REJECTED) else None
            reason = "Please describe how the pupils will work together." if state == ApprovalState.REJECTED else ""
            approval_rows.append(
                (
                    ids["projects_projectapproval"] + len(approval_rows),
                    round_,
                    state,
                    decided if by else None,
                    reason,
                    created,
                    None,
                    code,
                    by,
                    pk,
                )
            )
            if state == ApprovalState.APPROVED and decided is not None:
                event(pk, EventKind.APPROVED, decided, by, country=code)
            elif state == ApprovalState.REJECTED and decided is not None:
                event(pk, EventKind.REJECTED, decided, by, country=code, reason=reason)

        def member(pk: int, user: ScaleMember, role: str, state: str, founder: bool, **extra: Any) -> None:
            member_rows.append(
                (
                    ids["projects_projectmember"] + len(member_rows),
                    role,
                    state,
                    founder,
                    "",
                    extra["created"],
                    extra.get("decided"),
                    None,
                    user[2],
                    extra.get("invited_by"),
                    pk,
                    user[0],
                )
            )

        def languages_of(european: bool, founder: ScaleMember, cofounder: ScaleMember) -> list[str]:
            own = [code for code in countries[founder[1]].languages if code in LANGUAGES][:1]
            other = [code for code in countries[cofounder[1]].languages if code in LANGUAGES][:1]
            draw = rng.random()
            if not european:
                chosen = own + (["en"] if draw < 0.25 or not own else [])
            elif draw < 0.7:
                chosen = ["en"]
            elif draw < 0.85:
                chosen = ["en", *own]
            elif draw < 0.93:
                chosen = own + other or ["en"]
            else:
                chosen = ["en", *own, *other]
            return list(dict.fromkeys(chosen))

        def topic_for(low: int, high: int) -> tuple[str, str, list[str], int, int]:
            fitting = topics_for.get((low, high))
            if fitting is None:
                fitting = [t for t in TOPICS if t[3] <= high and t[4] >= low] or TOPICS
                topics_for[(low, high)] = fitting
            return rng.choice(fitting)

        def rows() -> Iterator[tuple[Any, ...]]:
            for offset in range(count):
                pk = start + offset
                state = rng.choices(states, state_weights)[0]
                european = rng.random() < 0.75
                if offset < busy * BUSY_PROJECTS:  # the busy members: founder or co-founder in turn
                    founder, cofounder = self.founders(members, by_country, european, offset % busy)
                    if (offset // busy) % 2:
                        founder, cofounder = cofounder, founder
                else:
                    founder, cofounder = self.founders(members, by_country, european, None)
                european = founder[1] != cofounder[1]
                yield project(pk, state, founder, cofounder, european)

        def project(pk: int, state: str, founder: ScaleMember, cofounder: ScaleMember, european: bool) -> tuple:
            invited = accepted = activated = closed = archived = rejected = None
            starts: date | None = None
            named = state != ProjectState.DRAFT or rng.random() < 0.7  # a fresh draft may not name one yet
            returned = state == ProjectState.DRAFT and named and rng.random() < 0.2  # returned by an NSO
            if state == ProjectState.ACTIVE:
                activated = now - days(1, 700)
            elif state == ProjectState.CLOSED:
                closed = now - days(1, 360)
                activated = closed - days(90, 420)
            elif state == ProjectState.ARCHIVED:
                year = rng.choices(years, year_weights)[0]
                starts = date(year, rng.choice([1, 2, 3, 9, 9, 10, 10, 11]), rng.randint(1, 28))
                activated = datetime(starts.year, starts.month, starts.day, 9, tzinfo=UTC) - days(0, 40)
                ends = starts + timedelta(days=rng.randint(90, 300))
                closed = datetime(ends.year, ends.month, ends.day, 15, tzinfo=UTC) + days(0, 30)
                automatic = rng.random() < 0.8
                archived = closed + (days(365, 380) if automatic else days(1, 120))
                if archived > now:
                    archived = past(now)
                    closed = min(closed, archived - days(1, 3))
            if activated is not None:
                accepted = activated - days(2, 40)
                invited = accepted - days(0.1, 14)
                created = invited - days(1, 60)
            elif state == ProjectState.DRAFT and returned:
                created = now - days(30, 120)
                invited = created + days(1, 10)
                accepted = invited + days(0.1, 7)
                rejected = past(accepted + days(1, 14))
            elif state == ProjectState.DRAFT:
                created = now - days(0.1, 90)
            elif state == ProjectState.AWAITING_COFOUNDER:
                created = now - days(2, 60)
                invited = between(created, now)
            else:  # awaiting approval
                created = now - days(5, 90)
                invited = between(created, created + (now - created) / 2)
                accepted = between(invited, now)
            if starts is None and (state != ProjectState.DRAFT or rng.random() < 0.6):
                planned = activated + days(0, 40) if activated else created + days(30, 150)
                starts = min(planned.date(), last_day)
            ends_on = starts + timedelta(days=rng.randint(90, 300)) if starts else None
            if closed is not None and ends_on is not None and starts is not None:
                ends_on = max(starts + timedelta(days=30), min(ends_on, closed.date()))

            low, high = founder[5], founder[6]
            title, theme, topic_subjects, _low, _high = topic_for(low, high)
            subjects = [topic_subjects[0], *rng.sample(topic_subjects[1:], rng.randint(0, len(topic_subjects) - 1))]
            if rng.random() < 0.1:
                subjects.append("cross_curricular")
            if founder[4] == "special_needs" and "inclusion" not in subjects:
                subjects.append("inclusion")
            languages = languages_of(european, founder, cofounder)
            year = (starts or created.date()).year
            draw = rng.random()
            if draw < 0.25:
                title = f"{title} {year}"
            elif draw < 0.55:
                title = f"{title}: {founder[3]} and {cofounder[3]}" if european else f"{title} in {founder[3]}"
            places = f"{founder[3]} and {cofounder[3]}"
            summary = rng.choice(SUMMARIES).format(low=low, high=high, places=places, theme=theme)
            project_countries = sorted({founder[1], cofounder[1]})
            tags = [f"s:{code}" for code in subjects] + [f"l:{code}" for code in languages]
            tags += [f"c:{code}" for code in (project_countries if named else [founder[1]])]
            if starts:
                tags.append(f"y:{starts.year}")
            search_text = " ".join([title, summary, *(labels[code] for code in subjects)])

            # Members, approvals, history and the space, in the order things happened.
            f_id, c_id = founder[0], cofounder[0]
            event(pk, EventKind.CREATED, created, f_id)
            member(pk, founder, ProjectRole.TEACHER_ADMIN, MemberState.ACTIVE, True, created=created, decided=created)
            if invited is not None:
                event(pk, EventKind.COFOUNDER_INVITED, invited, f_id, subject=c_id)
                cofounder_state = MemberState.INVITED if accepted is None else MemberState.ACTIVE
                member(
                    pk,
                    cofounder,
                    ProjectRole.TEACHER_ADMIN,
                    cofounder_state,
                    True,
                    created=invited,
                    decided=accepted,
                    invited_by=f_id,
                )
            approval_round = 0
            if accepted is not None:
                event(pk, EventKind.COFOUNDER_ACCEPTED, accepted, c_id)
                event(pk, EventKind.SENT_FOR_APPROVAL, accepted, c_id)
                approval_round = 1
                sent = accepted
                if rejected is None and activated is not None and rng.random() < 0.05:
                    rejected = between(accepted, accepted + (activated - accepted) / 3)
                if rejected is not None:
                    no = rejected
                    refusing = rng.choice(project_countries)
                    for code in project_countries:
                        approval(
                            pk,
                            code,
                            1,
                            ApprovalState.REJECTED if code == refusing else ApprovalState.CANCELLED,
                            accepted,
                            no,
                        )
                    if activated is not None:  # the founders improved the project and sent it again
                        approval_round = 2
                        sent = between(no, no + (activated - no) / 2)
                        event(pk, EventKind.SENT_FOR_APPROVAL, sent, f_id)
                if activated is not None:
                    last = rng.choice(project_countries)
                    for code in project_countries:
                        when = activated if code == last else between(sent, activated)
                        approval(pk, code, approval_round, ApprovalState.APPROVED, sent, when)
                elif state == ProjectState.AWAITING_APPROVAL:
                    waiting = rng.choice(project_countries)  # one country may already have approved
                    for code in project_countries:
                        if code != waiting and rng.random() < 0.35:
                            approval(pk, code, 1, ApprovalState.APPROVED, sent, between(sent, now))
                        else:
                            approval(pk, code, 1, ApprovalState.PENDING, sent, None)
            if activated is not None:
                event(pk, EventKind.ACTIVATED, activated, None)
                space_rows.append((ids["spaces_space"] + len(space_rows), activated, pk))
                self.partners(pk, founder, cofounder, european, members, by_country, activated, closed, event, member)
            if closed is not None:
                event(pk, EventKind.CLOSED, closed, rng.choice([f_id, c_id]))
            if archived is not None:
                event(pk, EventKind.ARCHIVED, archived, None if rng.random() < 0.8 else f_id)
            since: dict[str, datetime | None] = {
                ProjectState.DRAFT: rejected if returned else created,
                ProjectState.AWAITING_COFOUNDER: invited,
                ProjectState.AWAITING_APPROVAL: accepted,
                ProjectState.ACTIVE: activated,
                ProjectState.CLOSED: closed,
                ProjectState.ARCHIVED: archived,
            }
            state_since = since[state] or created
            return (
                pk,
                title[:150],
                summary[:500],
                summary + DESCRIPTION,
                json.dumps(languages),
                low,
                high,
                None if state == ProjectState.DRAFT and rng.random() < 0.3 else rng.randint(8, 90),
                json.dumps(subjects),
                TOOLS,
                AIMS,
                WORK_PROCESS,
                RESULTS,
                starts,
                ends_on,
                rng.random() < 0.3,
                (ProjectKind.EUROPEAN if european else ProjectKind.NATIONAL) if named else "",
                state,
                state_since,
                approval_round,
                activated,
                closed,
                archived,
                None,
                f"scale-{pk}",
                f" {' '.join(tags)} ",
                search_text,
                search_config(languages[0] if languages else "en"),
                None,
                created,
                state_since,
                c_id if named else None,
                cofounder[2] if accepted is not None else None,
                f_id,
                founder[2],
            )

        stage = self.staging_table("projects_project")
        self.copy(
            stage,
            [
                "id",
                "title",
                "summary",
                "description",
                "languages",
                "age_min",
                "age_max",
                "pupils_count",
                "subjects",
                "tools",
                "aims",
                "work_process",
                "expected_results",
                "starts_on",
                "ends_on",
                "show_in_gallery",
                "kind",
                "state",
                "state_since",
                "approval_round",
                "activated_at",
                "closed_at",
                "archived_at",
                "reopened_at",
                "creation_key",
                "tags",
                "search_text",
                "search_config",
                "search_vector",
                "created_at",
                "updated_at",
                "cofounder_id",
                "cofounder_institution_id",
                "founder_id",
                "founder_institution_id",
            ],
            rows(),
            count,
            "projects",
        )
        self.search_vectors(stage, "title", "projects")
        self.move_staged(stage, "projects_project")
        self.copy(
            "projects_projectmember",
            [
                "id",
                "role",
                "state",
                "is_founder",
                "reason",
                "created_at",
                "decided_at",
                "reminded_at",
                "institution_id",
                "invited_by_id",
                "project_id",
                "user_id",
            ],
            iter(member_rows),
            len(member_rows),
            "project members",
        )
        self.copy(
            "projects_projectapproval",
            [
                "id",
                "round",
                "state",
                "decided_at",
                "reason",
                "created_at",
                "reminded_at",
                "country_id",
                "decided_by_id",
                "project_id",
            ],
            iter(approval_rows),
            len(approval_rows),
            "approvals",
        )
        self.copy(
            "projects_projectevent",
            ["id", "kind", "reason", "created_at", "actor_id", "country_id", "project_id", "subject_id"],
            iter(event_rows),
            len(event_rows),
            "project history",
        )
        self.copy("spaces_space", ["id", "opened_at", "project_id"], iter(space_rows), len(space_rows), "spaces")
        return count

    def partners(
        self,
        pk: int,
        founder: ScaleMember,
        cofounder: ScaleMember,
        european: bool,
        members: list[ScaleMember],
        by_country: dict[str, list[int]],
        activated: datetime,
        closed: datetime | None,
        event: Callable[..., None],
        member: Callable[..., None],
    ) -> None:
        """Teachers the founders invited once the project was active: most joined, a few left or still think."""
        rng = self.rng
        wanted = rng.choices([0, 1, 2, 3, 4, 6], [40, 25, 15, 10, 6, 4])[0]
        taken = {founder[0], cofounder[0]}
        roles, role_weights = zip(*PARTNER_ROLES, strict=True)
        end = closed or self.now
        for _ in range(wanted * 2):
            if wanted == 0:
                break
            compatriots = by_country[founder[1]]
            partner = members[
                rng.choice(compatriots) if not european and rng.random() < 0.6 else rng.randrange(len(members))
            ]
            if partner[0] in taken:
                continue
            taken.add(partner[0])
            wanted -= 1
            inviter = rng.choice([founder[0], cofounder[0]])
            invited = activated + (end - activated) * rng.uniform(0.01, 0.3)
            draw = rng.random()
            state = MemberState.ACTIVE
            if closed is None and draw < 0.1:
                state = MemberState.INVITED
            elif draw < 0.15:
                state = MemberState.LEFT
            joined = invited + (end - invited) * rng.uniform(0.01, 0.2)
            event(pk, EventKind.MEMBER_INVITED, invited, inviter, subject=partner[0])
            decided = None
            if state != MemberState.INVITED:
                event(pk, EventKind.MEMBER_JOINED, joined, partner[0])
                decided = joined
            if state == MemberState.LEFT:
                decided = joined + (end - joined) * rng.uniform(0.1, 0.9)
                event(pk, EventKind.MEMBER_LEFT, decided, partner[0])
            role = rng.choices(roles, role_weights)[0]
            member(pk, partner, role, state, False, created=invited, decided=decided, invited_by=inviter)
