"""A date as a person types it in a Dutch date field: ``31-12-2027`` and the usual short forms.

``parse_typed_date`` reads ``d-m-jjjj`` with ``-``, ``/``, ``.`` or a space between the parts,
a two-digit year (``31-12-27`` is 2027), the digits alone (``31122027``, ``311227``), ISO
(``2027-12-31``) and a written month (``31 december 2027``, ``31 dec 2027``). What it cannot
read raises ``TypedDateError`` with a Dutch sentence saying what is wrong, for the field to show.
No Qt: the date fields of the application (``ui.widgets.OptionalDateEdit``) use it.
"""

from __future__ import annotations

import datetime as dt
import re

from .checklist import FIRST_YEAR, LAST_YEAR

#: How a date is written back into the field and shown in tables.
DATE_PATTERN = "%d-%m-%Y"
EXAMPLE = "31-12-2027"

MONTH_NAMES = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                "oktober", "november", "december")
_MONTHS = {name: n for n, name in enumerate(MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: n for name, n in list(_MONTHS.items())})
_MONTHS.update({"mrt": 3, "sept": 9})

_DMY = re.compile(r"^(\d{1,2})\s*[-/. ]\s*(\d{1,2})\s*[-/. ]\s*(\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?$")
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")
_WRITTEN = re.compile(r"^(\d{1,2})\s*\.?\s*([a-z]+)\.?\s*(\d{2}|\d{4})$")


class TypedDateError(ValueError):
    """The text is no date; the message (Dutch) says why and how to write one.

    ``shown`` is the text as typed (shortened) and ``problem`` what is wrong with it, to follow
    that text (" is geen datum", ": maand 13 bestaat niet (1 tot en met 12)"): the Excel plan's
    read-back names the cell and its own example with the same words."""

    def __init__(self, shown: str, problem: str, how: str) -> None:
        self.shown, self.problem = shown, problem
        super().__init__(f"‘{shown}’{problem}.{how}")


def format_date(value: dt.date | None) -> str:
    return value.strftime(DATE_PATTERN) if value else ""


def parse_typed_date(text: str) -> dt.date | None:
    """The date in ``text``; None for an empty text. Raises ``TypedDateError`` when it is no date.

    Also reads what a spreadsheet may hold as text: ISO with a time (``2027-12-31 00:00:00``)."""
    clean = " ".join(text.strip().lower().split())
    if not clean:
        return None
    shown = text.strip()[:40]
    how = f" Typ dd-mm-jjjj, bijvoorbeeld {EXAMPLE}."
    if m := _DMY.match(clean) or _DIGITS.match(clean):
        day, month, year = int(m.group(1)), int(m.group(2)), _year(m.group(3))
    elif m := _YMD.match(clean):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _WRITTEN.match(clean):
        day, year = int(m.group(1)), _year(m.group(3))
        month = _MONTHS.get(m.group(2))
        if month is None:
            raise TypedDateError(shown, f": ‘{m.group(2)}’ is geen maand", how)
    else:
        raise TypedDateError(shown, " is geen datum", f" Typ dd-mm-jjjj, bijvoorbeeld {EXAMPLE} of 31122027.")
    if not 1 <= month <= 12:
        raise TypedDateError(shown, f": maand {month} bestaat niet (1 tot en met 12)", how)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise TypedDateError(shown, f": het jaar {year} ligt buiten {FIRST_YEAR}-{LAST_YEAR}", "")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise TypedDateError(shown, f": {MONTH_NAMES[month - 1]} {year} heeft geen dag {day}", "") from None


def _year(digits: str) -> int:
    """A two-digit year is one in 2000-2099 (plans and evidence are recent or coming)."""
    return int(digits) + 2000 if len(digits) == 2 else int(digits)
