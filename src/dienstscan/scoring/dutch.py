"""Dutch number, date and unit formatting for scores, key figures and benchmark sentences.

Pure helpers: ``62.5`` -> ``"62,5"``, ``44000`` -> ``"44.000"``, ``"2011-07-05"`` ->
``"5 juli 2011"``. Scores are shown with at most one decimal; a whole number has none.
"""

from __future__ import annotations

import math
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal

from ..model.typed_date import MONTH_NAMES

#: The Dutch month names (one list, with the date fields' reader).
MONTHS = MONTH_NAMES

#: Singular forms for a value of exactly 1 ("1 minuut", not "1 minuten").
_SINGULAR = {"seconden": "seconde", "minuten": "minuut", "werkdagen": "werkdag"}

#: Plural of the item labels frameworks use (Norm, Instrument, Stelling ...).
_PLURALS = {
    "item": "items",
    "norm": "normen",
    "instrument": "instrumenten",
    "stelling": "stellingen",
    "vraag": "vragen",
    "maatregel": "maatregelen",
    "onderdeel": "onderdelen",
}


@lru_cache(maxsize=4096)  # pure, and called for every benchmark of every comparison
def display_round(value: float, decimals: int = 1) -> float:
    """The value as it is shown, so comparisons and the text never disagree.

    Rounded half away from zero on the decimal value a person typed (3,25 -> 3,3; 12,5% stays
    12,5%), not Python's round-half-to-even on the binary float (which gives 3,2).
    """
    if not math.isfinite(value):
        return value
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value + 0.0)).quantize(quantum, rounding=ROUND_HALF_UP))


def number(value: float, decimals: int = 1) -> str:
    """Dutch notation: decimal comma, dot between thousands, no trailing ``,0``."""
    rounded = display_round(value, decimals)
    if rounded == int(rounded):
        text = f"{int(rounded):,}"
    else:
        text = f"{rounded:,.{decimals}f}".rstrip("0")
    # swap the English separators: 1,234.5 -> 1.234,5
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(value: float) -> str:
    return f"{number(value)}%"


def with_unit(value: float, unit: str) -> str:
    """A key-figure value with its unit: ``7,5``, ``45``, ``3,2 minuten``, ``ja``."""
    if unit == "%":
        return percent(value)
    if unit == "ja/nee":
        return "ja" if value >= 0.5 else "nee"
    if unit in ("cijfer", "aantal"):
        return number(value)
    word = _SINGULAR.get(unit, unit) if display_round(value) == 1 else unit
    return f"{number(value)} {word}"


def date_text(value: str) -> str:
    """``2011`` -> ``2011``; ``2011-07`` -> ``juli 2011``; ``2011-07-05`` -> ``5 juli 2011``."""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return value


def plural(label: str) -> str:
    """Plural of an item label, lower case: ``Instrument`` -> ``instrumenten``."""
    key = label.strip().lower()
    return _PLURALS.get(key, "items")


def join_and(parts: list[str]) -> str:
    """``a``, ``a en b``, ``a, b en c``."""
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " en " + parts[-1]
