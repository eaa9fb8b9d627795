"""Progress since an earlier scan, as the Excel *Voortgang* sheet, the report and the dashboard show it.

``dienstscan.cycle.compare_scans`` does the comparing; this module only words it, once, so the
three outputs say the same thing:

- ``delta_text(change)``: "+12,5 punt", "-3 punten", "gelijk", "nieuw", "vervallen";
- ``progress_context(comparison)``: plain dicts and strings (per framework, section and changed
  item, the completed and cancelled actions, what could not be compared, the notes) for the
  report template, the Word document and the dashboard;
The Excel sheet itself is ``excel_plan.progress_sheet``.
No Qt.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...cycle import CHANGE_LABELS, ActionProgress, Comparison, ScoreChange
from ...model.assessment import ACTION_STATUS_LABELS
from ...scoring import display, dutch

#: The order in which item changes are listed: what needs attention first.
CHANGE_ORDER = ("worse", "better", "new", "gone", "same")


def short_date(iso: str) -> str:
    """``2011-07-05`` -> ``05-07-2011`` (the date format of the Excel plan and the dashboard)."""
    return dt.date.fromisoformat(iso).strftime("%d-%m-%Y")


def delta_text(change: ScoreChange) -> str:
    """The change of a score in words a manager reads at once: "+12,5 punt", "-3 punten", "gelijk"."""
    if change.change is None:
        return "geen score"
    if change.delta is None:
        return CHANGE_LABELS[change.change]
    # the difference of the two values as they are shown (scoring.display), so the three numbers
    # in a row always add up: "38% -> 50%: +12 punten", "niveau 1,4 -> 1,6: +0,2 niveau"
    top = change.level_top
    if top:
        shown = display.level_value(change.current / 100 * top) - display.level_value(change.baseline / 100 * top)
        rounded = display.round_half_up(shown, display.LEVEL_DECIMALS)
        unit = "niveau"
    else:
        rounded = display.share_value(change.current) - display.share_value(change.baseline)
        unit = "punt" if abs(rounded) == 1 else "punten"
    if rounded == 0:
        return "gelijk"
    sign = "+" if rounded > 0 else "\u2212"  # a real minus sign: a hyphen is easily missed
    return f"{sign}{dutch.number(abs(rounded), display.LEVEL_DECIMALS if top else 0)} {unit}"


def score_change_text(value: float | None, level_top: int | None) -> str:
    """One side of a score change: "83%", or for a mean growth level "niveau 1,6"; none: "–"."""
    return display.percentage_score_text(value, level_top)


def pct_text(value: float | None) -> str:
    """A share as every output shows it (``scoring.display``): "83%"; none: "–"."""
    return display.share_text(value) if value is not None else "–"


def status_text(status: str | None) -> str:
    return ACTION_STATUS_LABELS.get(status, status) if status else "nieuw in het plan"


def _actions(group: list[ActionProgress]) -> list[dict[str, Any]]:
    return [{"id": a.id, "title": a.title, "item_id": a.item_id or "", "was": status_text(a.baseline_status),
             "now": status_text(a.current_status)} for a in group]


def progress_context(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain data for the report (HTML and Word) and the dashboard."""
    c = comparison
    frameworks = []
    for fw in c.frameworks:
        items = sorted((i for i in fw.items if i.change != "same"),
                       key=lambda i: CHANGE_ORDER.index(i.change))
        frameworks.append({
            "id": fw.id,
            "title": fw.title,
            "short_title": fw.short_title,
            "baseline_text": score_change_text(fw.score.baseline, fw.score.level_top),
            "current_text": score_change_text(fw.score.current, fw.score.level_top),
            "delta_text": delta_text(fw.score),
            "change": fw.score.change or "",
            "sections": [{"id": s.id, "title": s.title, "baseline_text": score_change_text(s.baseline, s.level_top),
                          "current_text": score_change_text(s.current, s.level_top), "delta_text": delta_text(s), "change": s.change or ""}
                         for s in fw.sections],
            "counts_text": ", ".join(f"{fw.counts.get(k, 0)} {CHANGE_LABELS[k]}" for k in CHANGE_ORDER),
            "changed_items": [{"id": i.item_id, "text": i.text, "change": CHANGE_LABELS[i.change],
                       "before": i.baseline_text, "after": i.current_text} for i in items],
        })
    return {
        "baseline_date": dutch.date_text(c.baseline_date),
        "current_date": dutch.date_text(c.current_date),
        "baseline_short": short_date(c.baseline_date),
        "current_short": short_date(c.current_date),
        "frameworks": frameworks,
        "completed": _actions(c.completed_actions),
        "cancelled": _actions(c.cancelled_actions),
        "new_action_count": len(c.new_actions),
        "removed_actions": list(c.removed_actions),
        "not_comparable": [{"id": n.item_id, "scan": n.scan, "reason": n.reason} for n in c.not_comparable],
        "notes": list(c.notes),
    }
