"""DESIGN.md rule 7: the list pages of recognition make as many queries for many rows as for one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.devdata.testing import Cast, active_project, client_for, count_queries
from comenius.recognition.services import nql
from comenius.recognition.tests.helpers import SCORES_PASS, submitted

pytestmark = pytest.mark.django_db


def _labelled(cast: Cast, title: str) -> None:
    project = active_project(cast.mette, cast.lucia, [cast.jonas, cast.ana], title)
    nql.decide(cast.jonas, submitted(cast.mette, project), award=True, scores=SCORES_PASS, reasons={})
    nql.decide(cast.ana, submitted(cast.lucia, project), award=True, scores=SCORES_PASS, reasons={})


def test_list_pages_do_not_grow_with_rows(cast: Cast):
    pages = [
        (client_for(None), reverse("recognition:labelled")),
        (client_for(cast.jonas), reverse("recognition:queue") + "?status=decided"),
        (client_for(cast.mette), reverse("recognition:mine")),
    ]
    _labelled(cast, "First labelled project")
    before = [count_queries(client, url) for client, url in pages]
    _labelled(cast, "Second labelled project")
    _labelled(cast, "Third labelled project")
    after = [count_queries(client, url) for client, url in pages]
    assert after == before
