"""Reader-alphabet order in the events, courses, groups and ambassadors forms (issue 11): subjects, languages and
countries are sorted in the reader's language when the form is shown, so a Danish reader finds Æ, Ø and Å after Z
(not the English order of the labels, nor Python's code-point order, which puts Å before Æ)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import translation

from comenius.ambassadors.forms import AppointmentForm, FinderForm
from comenius.core.forms import country_choices
from comenius.core.vocabulary import reading_order
from comenius.courses.forms import CourseForm
from comenius.devdata.testing import Cast
from comenius.events.forms import EventFilterForm, EventForm
from comenius.groups.forms import DirectoryForm, GroupForm

pytestmark = pytest.mark.django_db


def labels(form, name: str) -> list[str]:
    return [str(label) for value, label in form.fields[name].choices if value != ""]


def forms_and_fields(cast: Cast) -> list[tuple[object, str]]:
    return [
        (EventForm(user=cast.jonas), "language"),
        (EventForm(user=cast.jonas), "subjects"),
        (EventFilterForm(), "language"),
        (EventFilterForm(), "subject"),
        (EventFilterForm(), "country"),
        (CourseForm(), "language"),
        (GroupForm(), "subjects"),
        (GroupForm(), "languages"),
        (DirectoryForm(), "subject"),
        (DirectoryForm(), "language"),
        (FinderForm("DK"), "language"),
        (AppointmentForm("DK"), "subjects"),
        (AppointmentForm("DK"), "languages"),
    ]


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_lists_are_alphabetical_in_the_readers_language(cast: Cast, language: str):
    cache.clear()
    with translation.override(language):
        for form, name in forms_and_fields(cast):
            shown = labels(form, name)
            assert len(shown) > 3, f"{type(form).__name__}.{name}"
            assert shown == sorted(shown, key=reading_order), f"{type(form).__name__}.{name} in {language}"


def test_in_danish_the_lists_are_not_in_the_english_order(cast: Cast):
    with translation.override("da"):
        shown = labels(EventFilterForm(), "language")
    # German is "tysk" in Danish: after "svensk", not among the Gs.
    assert shown.index("tysk") > shown.index("svensk")


def test_danish_countries_put_ae_oe_aa_after_z(cast: Cast):
    from comenius.core.models import Country

    Country.objects.update_or_create(code="AT", defaults={"name": "Austria", "is_active": True})
    Country.objects.update_or_create(code="ZZ", defaults={"name": "Zealandia", "is_active": True})
    cache.clear()
    with translation.override("da"):
        shown = [label for code, label in country_choices("")[1:]]
    assert "Østrig" in shown
    # Every name starting with a letter of the Latin alphabet comes before Østrig.
    assert all(shown.index(name) < shown.index("Østrig") for name in shown if name[0].upper() <= "Z")
    assert shown == sorted(shown, key=reading_order)
    cache.clear()
