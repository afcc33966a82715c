"""How far each demo project goes through DOMAIN.md's flow; the projects themselves are in `project_plans`.
Every step is a call to `projects.services` (see the seed_demo command)."""

from __future__ import annotations

from dataclasses import dataclass

DRAFT = "draft"  # the founder is still writing (a co-founder may be named, nothing sent)
AWAITING_COFOUNDER = "awaiting_cofounder"  # sent to the co-founder, who has not answered
DECLINED = "declined"  # the co-founder declined (with `reason`): a draft again
RETURNED = "returned"  # the NSO of `returned_by` returned it with `reason`: a draft again
AWAITING_APPROVAL = "awaiting_approval"  # accepted; the NSOs of `approved_by` approved, the others wait
ACTIVE = "active"
CLOSED = "closed"
REOPENED = "reopened"  # closed and reopened once: active again
ARCHIVED = "archived"

JOINED, INVITED, DECLINED_INVITATION, LEFT = "joined", "invited", "declined", "left"
PARTNER_DECLINE_REASON = "Thank you for thinking of us! Our timetable is full this year; please ask us again."
DEFAULT_TOOLS = "The project space (forum, shared files, pages), video calls, a shared spreadsheet and photos."


@dataclass(frozen=True)
class DemoPartner:
    """A partner invited once the project is active. `who`: as `DemoProject.founder`."""

    who: str
    role: str
    outcome: str = JOINED  # joined, invited (still waiting for the answer), declined or left
    later_role: str = ""  # an administrator changes the role after the partner joined


@dataclass(frozen=True)
class DemoProject:
    """One demo project. People: "mette", "lucia", "otto" of the cast, or "<country code><n>": the n-th
    validated demo member of that country (0, 1 and 2 work at three different institutions)."""

    founder: str
    cofounder: str
    stage: str
    title: str
    summary: str
    description: str
    aims: str
    work_process: str
    expected_results: str
    languages: tuple[str, ...]
    subjects: tuple[str, ...]
    ages: tuple[int, int]
    pupils: int
    gallery: bool = False
    tools: str = DEFAULT_TOOLS
    partners: tuple[DemoPartner, ...] = ()
    approved_by: tuple[str, ...] = ()  # AWAITING_APPROVAL: countries whose NSO has approved already
    returned_by: str = ""  # the country whose NSO returned the project (then re-sent unless RETURNED)
    reason: str = ""  # why the NSO returned it, or why the co-founder declined
    fix: str = ""  # what the founder added to the description before sending it again
