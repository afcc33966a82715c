"""The least data the smoke journey needs, in seconds instead of the full demo's minute: the test cast (Mette,
Lucía … with the demo password, their project and its space) and the space's open "Class chat" room.

Run by deploy/stack.py when PROD_DEMO_DATA=cast (the smoke test's setting), on an empty database only, with
demo-mode settings (production refuses demo data).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comenius.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402

from comenius.accounts.models import User  # noqa: E402
from comenius.devdata.testing import build_cast  # noqa: E402
from comenius.spaces.services import chat  # noqa: E402

if User.objects.exists():
    print("The database has data already; keeping it.")
else:
    with transaction.atomic():
        cast = build_cast()
        space_id = cast.project.space.pk
        chat.create_room(cast.mette, space_id, name="Class chat", for_pupils=True, open_now=True)
    print("Smoke data loaded (the test cast and its chat room).")
