"""One primary action a page (issue 20): the founders' page of an active project leads into its space; inviting
partners stays beside it as a secondary button."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.devdata.testing import Cast, client_for

pytestmark = pytest.mark.django_db


def test_an_active_project_page_has_one_primary_button(cast: Cast):
    cast.mette.language = "en"
    cast.mette.save(update_fields=["language"])
    html = client_for(cast.mette).get(reverse("projects:detail", args=[cast.project.pk])).content.decode()
    assert "Invite partners" in html and "Open the project space" in html
    main = html[html.index("<main") : html.index("</main>")]
    assert main.count("btn--primary") == 1, "one primary action on the project page"
