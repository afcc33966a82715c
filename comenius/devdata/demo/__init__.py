"""Demo data (`manage.py seed_demo`): what the demo contains, kept apart from the command that loads it."""
