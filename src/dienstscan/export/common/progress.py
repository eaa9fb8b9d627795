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
    rounded = dutch.display_round(change.delta)
    if rounded == 0:
        return "gelijk"
    sign = "+" if rounded > 0 else "\u2212"  # a real minus sign: a hyphen is easily missed
    points = dutch.number(abs(change.delta))
    return f"{sign}{points} {'punt' if points == '1' else 'punten'}"


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
            "baseline_text": pct_text(fw.score.baseline),
            "current_text": pct_text(fw.score.current),
            "delta_text": delta_text(fw.score),
            "change": fw.score.change or "",
            "sections": [{"id": s.id, "title": s.title, "baseline_text": pct_text(s.baseline),
                          "current_text": pct_text(s.current), "delta_text": delta_text(s), "change": s.change or ""}
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
