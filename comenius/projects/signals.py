"""What projects announce to the apps above them (which projects may not import). Sent inside the
transaction of the change, so a receiver's writes commit or roll back with it."""

from django.dispatch import Signal

# A project became active (every approval given): sent with `project`. Spaces opens the project space.
project_activated = Signal()

# A person stopped taking part in a project (removed or left): sent with `project` and `user_id`.
# Spaces ends their live chat connections at once.
member_left = Signal()
