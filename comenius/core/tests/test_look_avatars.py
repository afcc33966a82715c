"""Initials avatars (issue 20, docs/look.md): the palette keeps white text readable (≥ 4.5:1), the CSS classes
draw exactly the palette, and the same name always gets the same letters and colour."""

from __future__ import annotations

import re
from pathlib import Path

from django.template import Context, Template

from comenius.core.avatars import PALETTE, PICTURES, colour, initials
from comenius.core.tests.contrast import contrast

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "comenius.css").read_text()
STATIC = Path(__file__).resolve().parents[2] / "static" / "avatars"


def test_white_text_on_every_palette_colour_is_at_least_4_5():
    for hex_colour in PALETTE:
        assert contrast("#ffffff", hex_colour) >= 4.5, hex_colour


def test_the_css_classes_draw_the_palette_in_order():
    classes = dict(re.findall(r"\.avatar--c(\d+) \{ background: (#[0-9a-f]{6}); \}", CSS))
    assert [classes[str(index)] for index in range(len(PALETTE))] == PALETTE
    assert len(classes) == len(PALETTE)


def test_initials_and_colour_come_from_the_name():
    assert initials("Mette Sørensen") == "MS"
    assert initials("Pia") == "P"
    assert initials("  lucía  garcía  lópez ") == "LL"
    assert initials("") == "?"
    assert colour("Mette Sørensen") == colour("mette sørensen ")
    assert len({colour(name) for name in ["Mette Sørensen", "Lucía García", "Otto Berg", "Ana Ruiz", "Jonas"]}) > 1


def test_every_shipped_picture_is_a_file_we_drew_and_nothing_else_is_there():
    assert sorted(path.stem for path in STATIC.glob("*.svg")) == sorted(PICTURES)
    for path in STATIC.glob("*.svg"):
        text = path.read_text()
        assert text.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"')
        assert "<image" not in text and "href" not in text and "<script" not in text  # drawn, never a photo


def test_the_tag_draws_initials_for_a_name_and_a_photo_only_when_given():
    html = Template('{% load look %}{% avatar "Mette Sørensen" %}').render(Context())
    index = PALETTE.index(colour("Mette Sørensen"))
    assert html == f'<span class="avatar avatar--sm avatar--initials avatar--c{index}" aria-hidden="true">MS</span>'
    html = Template('{% load look %}{% avatar "Mette" size="md" photo_url="/people/3/photo/" %}').render(Context())
    assert html == '<img class="avatar" src="/people/3/photo/" alt="" width="56" height="56">'
