"""Public statistics: from the maintained figures, small counts suppressed, downloads equal to the page, no
personal data anywhere."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from comenius.accounts.models import User
from comenius.countries import access, aggregates, tasks
from comenius.countries.models import Figure
from comenius.devdata.testing import client_for, count_queries
from comenius.network.tests.helpers import member

pytestmark = pytest.mark.django_db


def _cells(page_text: str, table_id: str) -> dict[tuple[str, int], str]:
    table = page_text.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    found = {}
    for code, cells in re.findall(r"<tr data-country=\"(\w+)\">(.*?)</tr>", table, re.S):
        for column, value in enumerate(re.findall(r'data-value="([^"]*)"', cells)):
            found[(code, column)] = value
    return found


def test_small_counts_are_suppressed(cast):
    for _number in range(6):
        member("IT", officer=cast.carla)
    member("PT", officer=cast.carla)
    aggregates.refresh()
    values = {(c.country, c.measure): c.value for c in access.by_country()}
    assert values[("IT", "members")] == 6
    assert values[("PT", "members")] is None  # one member: suppressed
    assert values[("FR", "members")] == 0
    page = client_for(None).get("/stats/")
    assert "fewer than 5" in page.text


def test_csv_and_json_match_the_page(cast):
    for _number in range(5):
        member("IT", officer=cast.carla)
    aggregates.refresh()
    page = client_for(None).get("/stats/").text
    shown = _cells(page, "table-by-country")
    rows = list(csv.reader(io.StringIO(client_for(None).get("/stats/data.csv").content.decode())))
    assert "CC BY 4.0" in rows[0][0]
    header = rows[1]
    records = [dict(zip(header, row, strict=True)) for row in rows[2:]]
    measures = ["members", "institutions", "projects"]
    by_country = {
        (r["country"], measures.index(r["measure"])): r["value"]
        for r in records
        if r["dataset"] == "by_country" and r["country"]
    }
    assert shown and all(by_country[key] == value for key, value in shown.items())
    data = json.loads(client_for(None).get("/stats/data.json").content)
    assert "CC BY 4.0" in data["licence"]
    from_json = {
        (f["country"], measures.index(f["measure"])): "" if f["value"] is None else str(f["value"])
        for f in data["figures"]
        if f["dataset"] == "by_country" and f["country"]
    }
    assert from_json == by_country


def test_no_personal_data_in_any_download(cast):
    aggregates.refresh()
    downloads = (
        client_for(None).get("/stats/data.csv").content.decode()
        + client_for(None).get("/stats/data.json").content.decode()
    )
    downloads += client_for(None).get("/stats/data.json?country=DK").content.decode()
    for person in User.objects.all():
        for value in (person.email, person.first_name, person.last_name, person.username):
            if value and len(value) > 2:
                assert value not in downloads
    from comenius.institutions.models import Institution
    from comenius.projects.models import Project

    for name in [*Institution.objects.values_list("name", flat=True), *Project.objects.values_list("title", flat=True)]:
        assert name not in downloads


def test_figures_come_from_the_periodic_task(cast):
    from comenius.core.tasks import PERIODIC

    assert "countries.refresh_statistics" in PERIODIC
    tasks.refresh_statistics.enqueue()
    assert Figure.objects.filter(metric="members", country="DK").exists()


def test_the_page_reads_only_the_figures(cast):
    aggregates.refresh()
    visitor = client_for(None)
    before = count_queries(visitor, "/stats/")
    for _number in range(3):
        member("IT", officer=cast.carla)
    aggregates.refresh()
    assert count_queries(visitor, "/stats/") == before
