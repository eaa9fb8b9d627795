"""The *Voortgang* sheet of the exported plan (only with a baseline scan), in the layout of the
other sheets; its words come from ``common.progress``, shared with the report and the dashboard."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ...cycle import CHANGE_LABELS, Comparison
from ..common.layout import LINE_HEIGHT, clean, fit_rows, lines_needed, print_setup
from ..common.progress import CHANGE_ORDER, delta_text, score_change_text, short_date, status_text

PROGRESS_SHEET = "Voortgang"


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
        rows.append(([fw.short_title, fw.title, score_change_text(fw.score.baseline, fw.score.level_top),
                      score_change_text(fw.score.current, fw.score.level_top),
                      delta_text(fw.score)], fw.score.change, True))
        for s in fw.sections:
            rows.append((["", s.title, score_change_text(s.baseline, s.level_top), score_change_text(s.current, s.level_top),
                          delta_text(s)], s.change, False))
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
    rows = [([a.id, a.title, status_text(a.baseline_status), status_text(a.current_status), a.item_id or ""], "better", False)
            for a in c.completed_actions]
    rows += [([a.id, a.title, status_text(a.baseline_status), status_text(a.current_status), a.item_id or ""], "gone", False)
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
