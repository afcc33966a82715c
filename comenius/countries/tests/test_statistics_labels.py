"""Labels and prizes in the figures (issue 12): quality labels, school labels and prizes of published rounds are
counted by the aggregates task, per country and school year; /stats/ and its downloads publish them with small
counts suppressed; the NSO dashboard shows its own country's."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from typing import Any

import pytest
from django.utils import timezone

from comenius.countries import access, aggregates
from comenius.devdata.testing import client_for
from comenius.network.tests.helpers import member
from comenius.recognition.models import PrizeCategory, PrizeEntry, PrizeRound
from comenius.recognition.services.labels import award

pytestmark = pytest.mark.django_db

WHEN = timezone.make_aware(datetime(2026, 6, 20, 12, 0))


def _labels(cast: Any) -> None:
    """Six Danish teachers with an NQL for the cast's project, two EQLs, one school label; Spain: none."""
    teachers = [member("DK", officer=cast.jonas, first_name=f"Lærer{n}") for n in range(6)]
    for teacher in teachers:
        award("nql", teacher, WHEN, None, notify=False, project_id=cast.project.pk, school_year=2025, country_id="DK")
    for teacher in teachers[:2]:
        award("eql", teacher, WHEN, None, notify=False, project_id=cast.project.pk, school_year=2025, country_id="DK")
    award("school", None, WHEN, None, notify=False, institution=cast.vestbyskolen, school_year=2024, country_id="DK")


def _prizes(cast: Any, count: int, state: str = "published") -> None:
    """`count` winning entries of the cast's project (Danish and Spanish founders), one per round."""
    for number in range(count):
        round_ = PrizeRound.objects.create(school_year=2025, title=f"Prizes {number}", state=state)
        category = PrizeCategory.objects.create(round=round_, age_band="7_11")
        PrizeEntry.objects.create(round=round_, category=category, project=cast.project, result="winner")


def test_labels_and_prizes_are_counted_per_country_and_school_year(cast):
    _labels(cast)
    _prizes(cast, 5)
    _prizes(cast, 3, state="judging")  # not published: not counted
    aggregates.refresh()
    values = {(c.country, c.measure): c.value for c in access.labels_by_country()}
    assert values[("DK", "nql")] == 6
    assert values[("DK", "eql")] is None  # two: suppressed
    assert values[("DK", "school_labels")] is None  # one: suppressed
    assert values[("ES", "nql")] == 0
    assert values[("DK", "prizes")] == 5 and values[("ES", "prizes")] == 5  # in each founder's country
    assert values[("", "prizes")] == 5  # once in the total
    years = {(c.period, c.measure): c.value for c in access.labels_by_school_year("DK")}
    assert years[("2025", "nql")] == 6 and years[("2024", "nql")] == 0
    assert years[("2024", "school_labels")] is None


def test_the_page_and_the_downloads_show_the_same_label_counts(cast):
    _labels(cast)
    _prizes(cast, 5)
    aggregates.refresh()
    page = client_for(None).get("/stats/").text
    table = page.split('id="table-labels-by-country"', 1)[1].split("</table>", 1)[0]
    row = re.search(r'<tr data-country="DK">(.*?)</tr>', table, re.S)
    assert row is not None
    shown = re.findall(r'data-value="([^"]*)"', row.group(1))
    assert shown == ["6", "", "", "5"]  # NQL, EQL (suppressed), school labels (suppressed), prizes
    assert "fewer than 5" in table
    rows = list(csv.reader(io.StringIO(client_for(None).get("/stats/data.csv").content.decode())))
    header = rows[1]
    records = [dict(zip(header, r, strict=True)) for r in rows[2:]]
    danish = {r["measure"]: r["value"] for r in records if r["dataset"] == "labels_by_country" and r["country"] == "DK"}
    assert danish == {"nql": "6", "eql": "", "school_labels": "", "prizes": "5"}
    data = client_for(None).get("/stats/data.json?country=DK").json()
    by_year = [f for f in data["figures"] if f["dataset"] == "labels_by_school_year" and f["period"] == "2025"]
    assert {f["measure"]: f["value"] for f in by_year} == {"nql": 6, "eql": None, "school_labels": 0, "prizes": 5}
    assert "Lærer" not in page and "Lærer" not in str(data)  # no holder is ever named


def test_the_dashboard_shows_its_countrys_labels(cast):
    _labels(cast)
    aggregates.refresh()
    page = client_for(cast.jonas).get("/nso/dashboard/")
    assert page.status_code == 200
    assert dict(page.context["labels"])["National Quality Labels"] == 6
    assert dict(page.context["labels"])["European Quality Labels"] == 2  # the NSO's own figures: not suppressed
    assert 'id="table-labels"' in page.text
    assert page.context["labels_chart"].labels == ["2024", "2025"]
