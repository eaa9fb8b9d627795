"""Dutch formatting of numbers, dates and units."""

from __future__ import annotations

import pytest

from dienstscan.scoring import dutch


@pytest.mark.parametrize(
    ("value", "text"),
    [(62.5, "62,5"), (50.0, "50"), (62.46, "62,5"), (44000, "44.000"), (1234.5, "1.234,5"), (0.04, "0"), (7.55, "7,6")],
)
def test_number(value, text):
    # 7.55 is 7.5499.. in binary, but a person typed 7,55: it rounds up to 7,6
    assert dutch.number(value) == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [(62.5, "%", "62,5%"), (3.2333, "minuten", "3,2 minuten"), (1, "minuten", "1 minuut"),
     (25, "seconden", "25 seconden"), (7.5, "cijfer", "7,5"), (45, "aantal", "45"), (1, "ja/nee", "ja"),
     (0, "ja/nee", "nee"), (2, "werkdagen", "2 werkdagen")],
)
def test_with_unit(value, unit, text):
    assert dutch.with_unit(value, unit) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [("2011", "2011"), ("2011-07", "juli 2011"), ("2011-07-05", "5 juli 2011"), ("2010-03-15", "15 maart 2010")],
)
def test_date_text(value, text):
    assert dutch.date_text(value) == text


def test_plural_and_join():
    assert dutch.plural("Instrument") == "instrumenten"
    assert dutch.plural("Norm") == "normen"
    assert dutch.plural("Iets anders") == "items"
    assert dutch.join_and(["a"]) == "a"
    assert dutch.join_and(["a", "b", "c"]) == "a, b en c"


def test_numbers_round_half_up_as_a_person_expects():
    from dienstscan.scoring import dutch

    assert dutch.number(3.25) == "3,3"  # not round-half-to-even's 3,2
    assert dutch.number(12.25) == "12,3"
    assert dutch.number(2.675, 2) == "2,68"  # the typed decimal, not the binary float below it
    assert dutch.number(37.5) == "37,5"
    assert dutch.display_round(float("inf")) == float("inf")
