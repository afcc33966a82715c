"""The icon sprite (issue 20, docs/look.md): one file in our static files, with its licence, holding exactly the
icons of core/icons.py; every `{% icon %}` in a template names one of them; the tag draws decoration only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError

from comenius.core.icons import ICONS

PACKAGE = Path(__file__).resolve().parents[2]
SPRITE = PACKAGE / "static" / "icons" / "sprite.svg"


def test_the_sprite_holds_exactly_our_icons_and_its_licence_lies_next_to_it():
    text = SPRITE.read_text()
    assert sorted(re.findall(r'<symbol id="([a-z0-9-]+)"', text)) == sorted(ICONS)
    assert "<script" not in text and "href" not in text  # nothing that runs or fetches
    licence = (SPRITE.parent / "LICENSE.lucide.txt").read_text()
    assert "ISC License" in licence and "Lucide" in licence


def test_every_icon_a_template_draws_is_in_the_sprite():
    used = set()
    for template in PACKAGE.rglob("templates/**/*.html"):
        used |= set(re.findall(r'{%\s*icon\s+"([^"]+)"', template.read_text()))
    assert used, "no template draws an icon"
    assert used <= set(ICONS), used - set(ICONS)


def test_the_tag_draws_a_hidden_icon_from_the_sprite_and_refuses_an_unknown_name():
    html = Template('{% load look %}{% icon "like" %}').render(Context())
    expected = '<svg class="icon" aria-hidden="true" focusable="false"><use href="/static/icons/sprite.svg#like"></use>'
    assert html == expected + "</svg>", html
    with pytest.raises(TemplateSyntaxError):
        Template('{% load look %}{% icon "no-such-icon" %}').render(Context())
