"""The participant page's files: Dutch, nothing from outside, WCAG AA contrast of every colour pair used."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from dienstscan.ui.workshop.theme import contrast_ratio

STATIC = resources.files("dienstscan.participation").joinpath("static")
CSS = STATIC.joinpath("app.css").read_text(encoding="utf-8")

# (foreground, background, minimum): text 4.5:1; borders and focus rings of controls 3:1 (WCAG 1.4.11)
PAIRS = [
    ("#1a1a1a", "#ffffff", 4.5),  # body text, unchosen answers
    ("#4a4a4a", "#ffffff", 4.5),  # small text
    ("#0b4f8a", "#ffffff", 4.5),  # heading, secondary buttons
    ("#ffffff", "#0b4f8a", 4.5),  # chosen answer
    ("#0b4f8a", "#f2f5f8", 4.5),  # "Toelichting" on its panel
    ("#1a1a1a", "#f2f5f8", 4.5),  # the toelichting itself
    ("#1d6b2f", "#ffffff", 4.5),  # "Bewaard"
    ("#a1241b", "#ffffff", 4.5),  # an error
    ("#5f6b76", "#ffffff", 3.0),  # borders of answers and the text field
    ("#b35c00", "#ffffff", 3.0),  # focus ring
]


@pytest.mark.parametrize(("foreground", "background", "minimum"), PAIRS)
def test_colour_pairs_meet_wcag_aa(foreground, background, minimum):
    assert foreground in CSS.lower() and background in CSS.lower()
    assert contrast_ratio(foreground, background) >= minimum


def test_every_colour_in_the_stylesheet_is_checked():
    used = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", CSS)}
    checked = {c for pair in PAIRS for c in pair[:2]} | {"#062c4d", "#c8ced4"}  # dark frame, footer rule
    assert used <= checked, used - checked


def test_page_loads_nothing_from_outside_and_is_dutch():
    page = STATIC.joinpath("index.html").read_text(encoding="utf-8")
    script = STATIC.joinpath("app.js").read_text(encoding="utf-8")
    assert '<html lang="nl">' in page
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page  # no zoom lock
    for text in (page, CSS, script):
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", text), "alleen de laptop zelf"
        assert "@import" not in text and "url(" not in text
    assert "<script>" not in page and " on" + "click=" not in page  # the CSP forbids inline script
