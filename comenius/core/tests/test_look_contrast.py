"""The colour tokens' contrasts, computed for light and dark mode (issue 20, STYLE.md's table, docs/look.md): every
pair of text and background the stylesheet uses ≥ 4.5:1; controls' boundaries and large text ≥ 3:1. The tokens
are read from comenius.css itself (the light :root and the dark-mode :root), so a changed value is re-checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from comenius.core.tests.contrast import contrast

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "comenius.css").read_text()

# (foreground, background): text of normal size, ≥ 4.5.
TEXT = [
    ("text", "surface"), ("text", "card"), ("text", "zebra"), ("text", "neutral-tint"), ("text", "info-tint"),
    ("text", "success-tint"), ("text", "warning-tint"), ("text", "danger-tint"),
    ("muted", "surface"), ("muted", "card"), ("muted", "zebra"), ("muted", "neutral-tint"), ("muted", "disabled-bg"),
    ("primary", "surface"), ("primary", "card"), ("primary", "zebra"), ("primary", "info-tint"),
    ("primary-strong", "card"), ("primary-strong", "surface"), ("primary-strong", "info-tint"),
    ("accent", "card"), ("accent", "surface"), ("accent", "accent-tint"),
    ("success", "success-tint"), ("success", "card"), ("warning-text", "warning-tint"), ("warning-text", "card"),
    ("danger", "danger-tint"), ("danger", "card"),
    ("on-primary", "primary"), ("on-primary", "primary-strong"), ("on-primary", "danger"),
    ("on-primary", "danger-strong"), ("on-primary", "success"),
    ("on-band", "band"), ("band", "on-band"),  # the header, and its inverted hover
    ("surface", "text"),  # tooltips
    ("focus-ring", "focus"),  # the skip link
]  # fmt: skip
# Boundaries of controls and icons: ≥ 3.
NON_TEXT = [
    ("control-border", "card"), ("control-border", "surface"), ("primary", "card"), ("on-band", "band"),
    ("muted", "card"), ("muted", "surface"),  # icon buttons
]  # fmt: skip
# The focus indicator is two rings (an outline of focus-ring, a shadow of focus): one of them ≥ 3 on each ground.
FOCUS_GROUNDS = ["surface", "card", "band", "primary", "info-tint", "neutral-tint"]


def _tokens(block: str) -> dict[str, str]:
    return dict(re.findall(r"--c-([a-z-]+):\s*(#[0-9a-fA-F]{3,6})", block))


def light() -> dict[str, str]:
    return _tokens(CSS.split("/* 1. Tokens */", 1)[1].split("}", 1)[0])


def dark() -> dict[str, str]:
    block = CSS.split("@media (prefers-color-scheme: dark)", 1)[1].split("}", 1)[0]
    return {**light(), **_tokens(block)}


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_text_pair_is_at_least_4_5(mode: str):
    tokens = light() if mode == "light" else dark()
    low = {f"{fg} on {bg}": round(contrast(tokens[fg], tokens[bg]), 2) for fg, bg in TEXT}
    assert {pair: ratio for pair, ratio in low.items() if ratio < 4.5} == {}


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_controls_and_focus_are_at_least_3(mode: str):
    tokens = light() if mode == "light" else dark()
    low = {f"{fg} on {bg}": round(contrast(tokens[fg], tokens[bg]), 2) for fg, bg in NON_TEXT}
    assert {pair: ratio for pair, ratio in low.items() if ratio < 3} == {}


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_focus_indicator_is_at_least_3_on_every_ground(mode: str):
    tokens = light() if mode == "light" else dark()
    best = {
        g: max(contrast(tokens["focus"], tokens[g]), contrast(tokens["focus-ring"], tokens[g])) for g in FOCUS_GROUNDS
    }
    assert {ground: round(ratio, 2) for ground, ratio in best.items() if ratio < 3} == {}


def test_dark_mode_changes_the_page_and_the_cards():
    assert dark()["surface"] != light()["surface"] and dark()["card"] != light()["card"]
    assert set(dark()) == set(light())


def test_no_colour_outside_the_tokens_where_dark_mode_would_miss_it():
    """Backgrounds and text colours of the page's parts go through tokens; the few literal colours left are the
    avatar palette (white text on it), the region map's blues and shadows."""
    body = CSS.split("/* 2. Base */", 1)[1]
    literal = re.findall(r"(?:^|[;{ ])(?:background|color):\s*(#[0-9a-fA-F]{3,6})", body)
    assert set(literal) <= {"#fff", "#1d4ed8", "#15803d", "#b91c1c", "#7e22ce", "#0f766e", "#b45309", "#be185d",
                            "#4338ca", "#374151"}, literal  # fmt: skip
