"""Signals of the accounts app for the apps above it (which must not be imported from here)."""

from django.dispatch import Signal

# Sent (after commit) with `user_id` when a person's sessions end everywhere at once: their password changed,
# their role changed (`services.end_sessions`, `services.end_live_connections`). Apps with live connections
# (the chat) close that person's open connections on it, as they do on log-out.
sessions_ended = Signal()
