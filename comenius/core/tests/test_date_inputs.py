"""Native date pickers need ISO values in every language (a localised value is dropped by the browser and
saving the form would erase the date)."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from comenius.network.forms import IdeaForm, PartnerProfileForm
from comenius.projects.forms import ProjectForm


@pytest.mark.django_db
def test_date_inputs_render_iso_values_in_danish():
    with translation.override("da"):
        forms = [
            ProjectForm(initial={"starts_on": date(2027, 1, 10)})["starts_on"],
            IdeaForm(initial={"starts_on": date(2027, 1, 10)})["starts_on"],
            PartnerProfileForm(initial={"available_from": date(2027, 1, 10)})["available_from"],
        ]
        for field in forms:
            html = str(field)
            assert 'type="date"' in html and 'value="2027-01-10"' in html, html
