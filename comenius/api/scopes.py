"""What a personal access token may do. A token carries a subset; every private endpoint names the scope it
needs, and reads go through the same `access` functions as the pages (one rule, two doors)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    PROFILE_READ = "profile:read", _("Read your profile")
    CONTACTS_READ = "contacts:read", _("Read your contacts")
    MESSAGES_READ = "messages:read", _("Read your conversations and messages")
    MESSAGES_WRITE = "messages:write", _("Send messages in your name")
    PROJECTS_READ = "projects:read", _("Read your projects")
    SPACES_READ = "spaces:read", _("Read the project spaces you belong to")
    NOTIFICATIONS_READ = "notifications:read", _("Read your notifications")
    NSO_READ = "nso:read", _("Read your country's queues and figures (national teams)")


# Scopes only national teams and central support may give a token (and only with a second factor).
OFFICER_SCOPES = frozenset({Scope.NSO_READ})
MEMBER_SCOPES = frozenset(Scope) - OFFICER_SCOPES
