"""One rounding rule and one display per kind of score, for every output (issue 24, point 2).

The Samenvatting, the Scores sheet and its chart, the sentences, the report (HTML, PDF, Word), the
CLI and the app all show a score through these functions, so one score reads the same
everywhere. The rule is Excel's: **half up** on the decimal value (37,5 -> 38; Python's ``round``
would give 38 for 37,5 but 82 for 82,5).

Kinds of score:

- a **share** (the part of the items fully applied, the partial share, a share of *niet van
  toepassing*): a whole percentage, ``"83%"``; in Excel the raw value 0..100 with
  ``SHARE_FORMAT``, which Excel and LibreOffice round the same way;
- a **level** (Antwoord's mean growth level, per framework or bouwsteen): one decimal on the
  scale's own levels, ``"niveau 1,6 van 4"``, never a percentage; in Excel the level with
  ``LEVEL_FORMAT``;
- **completeness**: ``"77 van 78 beantwoord (99%)"``; the percentage never reads 100% while an
  item is open, nor 0% when one is answered.

Key figures keep their own unit and one decimal (``dutch.with_unit``): they are entered values,
not scores.
"""

from __future__ import annotations

from . import dutch

#: Decimals a share is shown with (a whole percentage).
SHARE_DECIMALS = 0
#: Decimals a level is shown with.
LEVEL_DECIMALS = 1
#: Excel number formats that show a value as these functions write it (Excel and LibreOffice
#: round a displayed number half away from zero, as ``round_half_up`` does).
SHARE_FORMAT = '0"%"'
LEVEL_FORMAT = "0.0"
#: A level in a table cell, with its word: "niveau 1,6".
LEVEL_CELL_FORMAT = '"niveau "0.0'
#: What a score without a value reads as.
NO_SCORE = "geen score"


def round_half_up(value: float, decimals: int = 0) -> float:
    """``value`` rounded as Excel shows it: half away from zero on the decimal value."""
    return dutch.display_round(value, decimals)


def share_value(percentage: float) -> float:
    """The share as shown (a whole number of percent): what comparisons are decided on."""
    return round_half_up(percentage, SHARE_DECIMALS)


def share_text(percentage: float | None) -> str:
    """``82.5`` -> ``"83%"``; None -> ``"geen score"``."""
    if percentage is None:
        return NO_SCORE
    return f"{dutch.number(percentage, SHARE_DECIMALS)}%"


def level_value(level: float) -> float:
    """The level as shown (one decimal)."""
    return round_half_up(level, LEVEL_DECIMALS)


def level_text(level: float | None, top: int | None = None) -> str:
    """``1.5556, 4`` -> ``"niveau 1,6 van 4"``; without ``top``: ``"niveau 1,6"``."""
    if level is None:
        return NO_SCORE
    # always one decimal, as Excel's "0.0" shows it: "niveau 2,0", not "niveau 2"
    text = f"niveau {level_value(level):.{LEVEL_DECIMALS}f}".replace(".", ",")
    return f"{text} van {top}" if top else text


def mean_level_text(level: float | None, top: int | None) -> str:
    """A framework's mean growth level: ``"gemiddeld niveau 1,6 van 4"``."""
    return NO_SCORE if level is None else f"gemiddeld {level_text(level, top)}"


def score_text(tally, *, empty: str = NO_SCORE) -> str:
    """A framework's or section's score (a ``Tally``) as every output shows it: a share ("83%") or,
    for a mean growth level, "gemiddeld niveau 1,6 van 4"; ``empty`` when there is no score."""
    if tally.level_top is not None:
        return mean_level_text(tally.level, tally.level_top) if tally.level is not None else empty
    return share_text(tally.percentage) if tally.percentage is not None else empty


def completeness_percentage(answered: int, total: int) -> float | None:
    """The share answered as shown: half up, but never 100 while something is open, never 0 once
    something is answered (a reader takes "100%" for "done")."""
    if not total:
        return None
    shown = share_value(100.0 * answered / total)
    if answered < total:
        shown = min(shown, 99.0)
    if answered > 0:
        shown = max(shown, 1.0)
    return shown


def completeness_text(answered: int, total: int, noun: str = "items", unknown: int = 0) -> str:
    """``"77 van 78 items beantwoord (99%)"``; with ``unknown`` answers ("Onbekend", not counted as
    answered) ``"...; 1 met antwoord 'Onbekend'"``."""
    shown = completeness_percentage(answered, total)
    tail = f" ({dutch.number(shown, 0)}%)" if shown is not None else ""
    if unknown:
        tail += f"; {unknown} met antwoord 'Onbekend'"
    return f"{answered} van {total} {noun} beantwoord{tail}"


def percentage_score_text(value: float | None, level_top: int | None, empty: str = "–") -> str:
    """A score kept as a percentage of its scale (a benchmark, a comparison, a ranking) in a table:
    a share "83%", a mean growth level "niveau 1,6" (never "39%"); ``empty`` when there is none."""
    if value is None:
        return empty
    return level_text(value / 100 * level_top) if level_top else share_text(value)


def framework_completeness_text(framework_score) -> str:
    """A framework's completeness (a ``FrameworkScore``) as the CLI and the dashboard say it:
    ``"39 van 40 instrumenten beantwoord (98%)"``."""
    t = framework_score.tally
    return completeness_text(t.all_answered, t.all_items, dutch.plural(framework_score.item_label))


def scan_completeness_text(completeness) -> str:
    """A whole scan's completeness (a ``Completeness``) in one line, as the report's cover, the
    Samenvatting and the CLI say it: ``"77 van 78 items beantwoord (99%); 1 met antwoord 'Onbekend';
    bij 1 antwoord ontbreekt nog de uitleg"``."""
    text = completeness_text(completeness.answered, completeness.items, unknown=len(completeness.unknown_answers))
    n = len(completeness.explanations_missing)
    if n:
        text += f"; bij {n} {'antwoord' if n == 1 else 'antwoorden'} ontbreekt nog de uitleg"
    return text


__all__ = [
    "LEVEL_DECIMALS",
    "LEVEL_CELL_FORMAT",
    "LEVEL_FORMAT",
    "NO_SCORE",
    "SHARE_DECIMALS",
    "SHARE_FORMAT",
    "completeness_percentage",
    "completeness_text",
    "completeness_warnings",
    "framework_completeness_text",
    "level_text",
    "level_value",
    "mean_level_text",
    "percentage_score_text",
    "round_half_up",
    "scan_completeness_text",
    "score_text",
    "share_text",
    "share_value",
]


def _ids(ids: list[str], limit: int = 10) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" en nog {len(ids) - limit}" if len(ids) > limit else "")


def completeness_warnings(completeness) -> list[str]:
    """What exactly is still missing from a scan (a ``Completeness``), one Dutch sentence each;
    empty when nothing is. The cover of the report and the CLI say these, never a general "the scan
    is not complete": 78 of 78 answered with one explanation missing says just that."""
    warnings = []
    unanswered = [i for ids in completeness.unanswered.values() for i in ids]
    if unanswered:
        n = len(unanswered)
        warnings.append(f"{n} {'item is' if n == 1 else 'items zijn'} nog niet beantwoord ({_ids(unanswered)}); "
                        f"{'het telt' if n == 1 else 'ze tellen'} als niet gerealiseerd.")
    unknown = list(completeness.unknown_answers)
    if unknown:
        n = len(unknown)
        warnings.append(f"Bij {n} {'item' if n == 1 else 'items'} is het antwoord 'Onbekend' of 'Nog niet beoordeeld' "
                        f"({_ids(unknown)}): nog uit te zoeken; {'het telt' if n == 1 else 'ze tellen'} niet als "
                        "beantwoord.")
    missing = list(completeness.explanations_missing)
    if missing:
        n = len(missing)
        warnings.append(f"Bij {n} {'antwoord' if n == 1 else 'antwoorden'} ontbreekt nog de uitleg ({_ids(missing)}).")
    odd = list(completeness.unknown_options)
    if odd:
        n = len(odd)
        warnings.append(f"{n} {'antwoord past' if n == 1 else 'antwoorden passen'} niet bij de schaal van het item "
                        f"({_ids(odd)}) en {'telt' if n == 1 else 'tellen'} als niet beantwoord.")
    return warnings
