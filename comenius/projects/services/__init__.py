"""Writes for projects: every transition of DOMAIN.md's flow, each with its guard.

Each service checks who may act and from which state, locks the project row (`select_for_update`) so that a
double click or two officers cannot act twice, writes a `ProjectEvent` (the history the status panel
shows), an audit entry for NSO decisions, and sends e-mails in the recipient's language after commit.
A refused action raises `DomainError` with a translated message and changes nothing.

One module per stage: `founding` (draft, co-founder, invitations), `approval` (NSOs), `partners`,
`lifecycle` (close, reopen, archive, reminders, moderation, account deletion); `_common` holds what they share."""

from comenius.projects.services._common import (
    PROJECT_FIELDS,
    REQUIRED_FOR_SUBMISSION,
    ProjectData,
    missing_fields,
    refresh_search,
)
from comenius.projects.services.approval import (
    approve,
    reject,
)
from comenius.projects.services.founding import (
    answer_invitation,
    change_cofounder,
    create_draft,
    discard_draft,
    submit_project,
    update_project,
    withdraw_cofounder,
)
from comenius.projects.services.lifecycle import (
    archive_due_projects,
    archive_project,
    close_project,
    forget_member,
    reopen_project,
    send_reminders,
    set_hidden,
)
from comenius.projects.services.partners import (
    change_role,
    invite_member,
    leave_project,
    remove_member,
)

__all__ = [
    "PROJECT_FIELDS",
    "REQUIRED_FOR_SUBMISSION",
    "ProjectData",
    "answer_invitation",
    "approve",
    "archive_due_projects",
    "archive_project",
    "change_cofounder",
    "change_role",
    "close_project",
    "create_draft",
    "discard_draft",
    "forget_member",
    "invite_member",
    "leave_project",
    "missing_fields",
    "refresh_search",
    "reject",
    "remove_member",
    "reopen_project",
    "send_reminders",
    "set_hidden",
    "submit_project",
    "update_project",
    "withdraw_cofounder",
]
