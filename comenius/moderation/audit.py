"""The audit log's codes for moderation decisions, one per action of the queue (core/audit.py)."""

from comenius.core import audit
from comenius.moderation.models import Action

audit.register({f"moderation.{action.value}": action.label for action in Action})
