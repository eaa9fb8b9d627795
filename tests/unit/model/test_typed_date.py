"""Dates as people type them into a date field (issue 28)."""

from __future__ import annotations

import datetime as dt

import pytest

from dienstscan.model.typed_date import TypedDateError, format_date, parse_typed_date


@pytest.mark.parametrize("text", ["31-12-2027", "31122027", "311227", "31-12-27", "31/12/2027", "31.12.2027",
                                  " 31 - 12 - 2027 ", "31 12 2027", "2027-12-31", "31 december 2027",
                                  "31 dec 2027", "31 dec. 2027"])
def test_the_usual_forms(text):
    assert parse_typed_date(text) == dt.date(2027, 12, 31)


def test_short_parts_and_empty():
    assert parse_typed_date("1-3-2027") == dt.date(2027, 3, 1)
    assert parse_typed_date("1 mrt 27") == dt.date(2027, 3, 1)
    assert parse_typed_date("") is None
    assert parse_typed_date("   ") is None
    assert format_date(dt.date(2027, 3, 1)) == "01-03-2027"
    assert format_date(None) == ""


@pytest.mark.parametrize(("text", "says"), [
    ("31-13-2027", "maand 13 bestaat niet"),
    ("31-04-2027", "april 2027 heeft geen dag 31"),
    ("29-02-2027", "februari 2027 heeft geen dag 29"),
    ("morgen", "‘morgen’ is geen datum"),
    ("3112027", "is geen datum"),
    ("1 brumaire 2027", "‘brumaire’ is geen maand"),
    ("1-1-1850", "het jaar 1850 ligt buiten 1900-2199"),
])
def test_what_cannot_be_read_is_said_in_dutch(text, says):
    with pytest.raises(TypedDateError) as caught:
        parse_typed_date(text)
    assert says in str(caught.value)
    assert "dd-mm-jjjj" in str(caught.value) or "ligt buiten" in str(caught.value) or "heeft geen dag" in str(caught.value)
