"""Progress since an earlier scan, as the Excel *Voortgang* sheet, the report and the dashboard show it.

``dienstscan.cycle.compare_scans`` does the comparing; this module only words it, once, so the
three outputs say the same thing:

- ``delta_text(change)``: "+12,5 punt", "-3 punten", "gelijk", "nieuw", "vervallen";
- ``progress_context(comparison)``: plain dicts and strings (per framework, section and changed
  item, the completed and cancelled actions, what could not be compared, the notes) for the
  report template, the Word document and the dashboard;
- ``write_progress_sheet(ws, comparison, organisation)``: the *Voortgang* sheet of the exported
  plan, in the layout of the other sheets (``layout.py``: print setup, wrapped rows fitted).
No Qt.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..cycle import CHANGE_LABELS, ActionProgress, Comparison, ScoreChange
from ..model.assessment import ACTION_STATUS_LABELS
from ..scoring import dutch
from .layout import LINE_HEIGHT, clean, fit_rows, lines_needed, print_setup

PROGRESS_SHEET = "Voortgang"
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


def _pct(value: float | None) -> str:
    return dutch.percent(value) if value is not None else "–"


def _status(status: str | None) -> str:
    return ACTION_STATUS_LABELS.get(status, status) if status else "nieuw in het plan"


def _actions(group: list[ActionProgress]) -> list[dict[str, Any]]:
    return [{"id": a.id, "title": a.title, "item_id": a.item_id or "", "was": _status(a.baseline_status),
             "now": _status(a.current_status)} for a in group]


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
            "baseline_text": _pct(fw.score.baseline),
            "current_text": _pct(fw.score.current),
            "delta_text": delta_text(fw.score),
            "change": fw.score.change or "",
            "sections": [{"id": s.id, "title": s.title, "baseline_text": _pct(s.baseline),
                          "current_text": _pct(s.current), "delta_text": delta_text(s), "change": s.change or ""}
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


# --------------------------------------------------------------------------- the Excel sheet

_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_TITLE_FONT = Font(name="Calibri", size=16, bold=True, color="1F4E79")
_SUBTITLE_FONT = Font(name="Calibri", size=12, bold=True, color="1F4E79")
_HEADER_FONT = Font(name="Calibri", bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_FRAMEWORK_FILL = PatternFill("solid", fgColor="DDEBF7")
_BOLD = Font(name="Calibri", bold=True)
_MUTED = Font(name="Calibri", italic=True, color="595959")
#: Light fills beside the word (never colour alone): better green, worse red, new blue, gone grey.
CHANGE_FILLS = {
    "better": PatternFill("solid", fgColor="E2EFDA"),
    "worse": PatternFill("solid", fgColor="FCE4D6"),
    "new": PatternFill("solid", fgColor="DDEBF7"),
    "gone": PatternFill("solid", fgColor="EDEDED"),
}
#: Column widths of the sheet; every table on it uses the same five columns.
WIDTHS = [13.0, 60.0, 22.0, 22.0, 14.0]


class _Writer:
    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = 1

    def text(self, value: str, font: Font | None = None, *, merge: bool = True) -> None:
        cell = self.ws.cell(row=self.row, column=1, value=clean(value))
        if font is not None:
            cell.font = font
        if merge:
            self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=len(WIDTHS))
            cell.alignment = _WRAP_TOP
            lines = lines_needed(value, sum(WIDTHS) - 2)
            if lines > 1:
                self.ws.row_dimensions[self.row].height = LINE_HEIGHT * lines + 2
        self.row += 1

    def gap(self) -> None:
        self.row += 1

    def header(self, headers: list[str]) -> int:
        for col, value in enumerate(headers, start=1):
            cell = self.ws.cell(row=self.row, column=col, value=clean(value))
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
            cell.border = _BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        self.row += 1
        return self.row - 1

    def rows(self, rows: list[tuple[list[object], str | None, bool]]) -> None:
        """(values, change for the fill, bold) per row; row heights fitted to the wrapped text."""
        first = self.row
        for values, change, bold in rows:
            for col, value in enumerate(values, start=1):
                cell = self.ws.cell(row=self.row, column=col, value=clean(value))
                cell.border = _BORDER
                cell.alignment = _WRAP_TOP
                if bold:
                    cell.font = _BOLD
                    cell.fill = _FRAMEWORK_FILL
            if change in CHANGE_FILLS:
                self.ws.cell(row=self.row, column=len(values)).fill = CHANGE_FILLS[change]
            self.row += 1
        fit_rows(self.ws, first, self.row - 1, dict(enumerate(WIDTHS, start=1)))


def write_progress_sheet(ws: Worksheet, comparison: Comparison, organisation: str) -> None:
    """Fill ``ws`` with the progress since the baseline scan (the *Voortgang* sheet)."""
    c = comparison
    w = _Writer(ws)
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    before, after = short_date(c.baseline_date), short_date(c.current_date)
    w.text(f"Voortgang sinds {before}", _TITLE_FONT, merge=False)
    w.text(f"{organisation}: de scan met peildatum {after} vergeleken met de vorige scan (peildatum {before}). "
           "Scores in procenten; het verschil in procentpunten. Items vergeleken op id.", _MUTED)
    for note in c.notes:
        w.text(f"Let op: {note}", _BOLD)
    w.gap()

    # scores per framework and section
    w.text("Scores per kader en onderdeel", _SUBTITLE_FONT, merge=False)
    w.header(["Kader", "Onderdeel", f"Score {before}", f"Score {after}", "Verschil"])
    rows: list[tuple[list[object], str | None, bool]] = []
    for fw in c.frameworks:
        rows.append(([fw.short_title, fw.title, _pct(fw.score.baseline), _pct(fw.score.current),
                      delta_text(fw.score)], fw.score.change, True))
        for s in fw.sections:
            rows.append((["", s.title, _pct(s.baseline), _pct(s.current), delta_text(s)], s.change, False))
    if not rows:
        rows.append((["", "Geen kader in een van beide scans.", "", "", ""], None, False))
    w.rows(rows)
    w.gap()

    # per item: what changed
    w.text("Wat is er per item veranderd", _SUBTITLE_FONT, merge=False)
    for fw in c.frameworks:
        counts = ", ".join(f"{fw.counts.get(k, 0)} {CHANGE_LABELS[k]}" for k in CHANGE_ORDER)
        w.text(f"{fw.short_title}: {counts}.", merge=False)
    w.text("Hieronder de items die veranderd zijn, het slechtere eerst; wat gelijk bleef staat op de bladen per kader.",
           _MUTED)
    w.header(["Item", "Tekst", f"Antwoord {before}", f"Antwoord {after}", "Verandering"])
    first_item_row = w.row
    changed = [i for fw in c.frameworks for i in fw.items if i.change != "same"]
    rows = [([i.item_id, i.text, i.baseline_text, i.current_text, CHANGE_LABELS[i.change]], i.change, False)
            for i in sorted(changed, key=lambda i: CHANGE_ORDER.index(i.change))]
    if not rows:
        rows.append((["", "Geen item is veranderd.", "", "", ""], None, False))
    w.rows(rows)
    item_rows = (first_item_row - 1, w.row - 1)
    w.gap()

    # actions
    w.text(f"Acties afgerond of vervallen tussen {before} en {after}", _SUBTITLE_FONT, merge=False)
    w.header(["Actie", "Titel", "Status toen", "Status nu", "Bij item"])
    rows = [([a.id, a.title, _status(a.baseline_status), _status(a.current_status), a.item_id or ""], "better", False)
            for a in c.completed_actions]
    rows += [([a.id, a.title, _status(a.baseline_status), _status(a.current_status), a.item_id or ""], "gone", False)
             for a in c.cancelled_actions]
    if not rows:
        rows.append((["", "Tussen beide scans is geen actie afgerond of vervallen.", "", "", ""], None, False))
    w.rows(rows)
    extra = []
    if c.new_actions:
        extra.append(f"Nieuw in het plan sinds {before}: {len(c.new_actions)} "
                     f"{'actie' if len(c.new_actions) == 1 else 'acties'}.")
    if c.removed_actions:
        extra.append(f"Niet meer in het plan: {', '.join(c.removed_actions)}.")
    for line in extra:
        w.text(line, _MUTED)
    w.gap()

    # what could not be compared
    w.text("Niet te vergelijken", _SUBTITLE_FONT, merge=False)
    if c.not_comparable:
        w.header(["Item", "Reden", "In welke scan"])
        scan_words = {"basis": f"de vorige ({before})", "huidig": f"de huidige ({after})", "beide": "beide"}
        w.rows([([n.item_id, n.reason, scan_words[n.scan]], None, False) for n in c.not_comparable])
    else:
        w.text("Alle items van beide scans konden worden vergeleken.", _MUTED)

    ws.auto_filter.ref = f"A{item_rows[0]}:E{max(item_rows[1], item_rows[0] + 1)}"
    ws.freeze_panes = None
    print_setup(ws, organisation, landscape=False)
