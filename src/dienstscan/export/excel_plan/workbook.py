"""The Excel improvement plan: a workbook management reads without the app, and that reads back.

``export_plan`` writes a fresh workbook (never edits a user's file: openpyxl loses charts,
styles and extension-format dropdowns on a load/save) to a temporary file and moves it into
place. Sheets, all in Dutch:

- *Samenvatting*: the first page for the management team, on one printed page: where we
  stand per framework (against which benchmark, from which source), the five most important
  gaps, what was decided, who owns it and when, and how many proposals still await a decision;
- *Voortgang* (only when an earlier scan is given as the baseline): change per framework,
  section and item since then, actions completed in between, what could not be compared;
- *Verbeterplan*: what was decided (accepted proposals and own actions), one row per action
  with its decision, owner, dates, status and indicator, readable on A4 at about 100%;
- *Voorstellen*: the proposals nobody has decided on yet, apart from the plan (never *Gepland*);
- *Scores*: every framework and section beside its benchmarks, with native Excel charts (shares
  on a % axis, growth levels on their own axis);
- one sheet per framework in scope (every item with its answer and notes); it prints one page wide
  the reading columns (ID, item, status, herkomst, Stand 2026, Antwoord, Uitleg), herkomst and
  Stand 2026 in a few words with their full text under the table, the rest on screen;
- *Kengetallen* (key figures beside their norms) and *Bronnen* (every source by title);
- *Werkblad PDCA*: the project lead's working sheet, every action (the decided ones first) with
  all plan-do-check-act columns in an Excel table with dropdowns, real dates and conditional
  formatting. This is the sheet ``import-plan`` reads back; it prints one page wide the 12 columns
  a project lead fills in (``PRINTED_WORK_COLUMNS``) for the decided actions, the plan's
  background beside them on screen only;
- a hidden sheet ``_dienstscan`` with what the read-back needs (scan id, format version,
  checklist versions, the exported action ids) and the dropdown lists.

*Verbeterplan* and *Voorstellen* are views for reading and printing: they are protected
(without a password) so an edit cannot be typed where the read-back would not see it.
The column layout of the working sheet (``PLAN_COLUMNS``) is shared with the read-back
(``readback.py``), which finds columns by their header text, never by position. Format version 1 (before the director's
sheets) had the working columns on the sheet *Verbeterplan*; it still reads back.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from copy import copy
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ...model.assessment import (  # noqa: I001
    ACT_CHOICE_LABELS,
    ACTION_FIELD_LABELS,
    ACTION_STATUS_LABELS,
    PRIORITY_LABELS,
    Action,
    Answer,
    Assessment,
    explanation_shown,
)
from ...model.checklist import ChecklistSet, Framework, Item
from ...scoring import ScoreReport, score
from ...scoring.spread import round_spreads
from ...cycle import compare_scans
from ...gcpause import paused_collection
from ...storage import atomic_write_bytes
from ..common.plan_view import (DECISION_CHOICES, decision_record, decision_text, is_proposal, plan_order, rejection_note,
                                rejection_record, split_plan)
from ..common.sources import action_source_text, source_rows, theme_label
from ...plan import rejected_actions, status_label, visible_actions
from ..common.item_notes import current_short, item_notes, notes_heading, origin_short
from ..common.cells import merge, new_cell, text_only
from ..common.layout import CELL_PADDING, LINE_HEIGHT, clean, fit_rows, lines_needed, print_setup, width_needed
from .progress_sheet import PROGRESS_SHEET, write_progress_sheet
from .summary import write_scores, write_summary

#: Identifies a workbook written by Dienstscan; stored in the hidden sheet.
FORMAT_NAME = "dienstscan-verbeterplan"
#: Raised when the layout changes in a way an older reader cannot follow (3: the Besluit column
#: is read back, with who decided and when, and the proposals stand apart under a heading row).
FORMAT_VERSION = 3
META_SHEET = "_dienstscan"
#: The director's view of the decided plan.
PLAN_SHEET = "Verbeterplan"
PROPOSALS_SHEET = "Voorstellen"
#: The proposals decided against, with who decided and when; a sheet only when there are any.
REJECTED_SHEET = "Afgewezen voorstellen"
SCORES_SHEET = "Scores"
#: The project lead's working sheet with every PDCA column: the one read back.
WORK_SHEET = "Werkblad PDCA"
#: Where format version 1 kept the working columns.
WORK_SHEET_V1 = PLAN_SHEET
SUMMARY_SHEET = "Samenvatting"
KEYFIGURE_SHEET = "Kengetallen"
SOURCES_SHEET = "Bronnen"
THEME_LIST_NAME = "Dienstscan_themas"
#: Sheet rows of the plan: a title, the Plan/Do/Check/Act bands, then the column headers.
PLAN_TITLE_ROW = 1
PLAN_BAND_ROW = 2
PLAN_HEADER_ROW = 3
PLAN_TABLE_NAME = "WerkbladPDCA"

DATE_FORMAT = "DD-MM-YYYY"


@dataclass(frozen=True)
class PlanColumn:
    """One column of the Verbeterplan sheet.

    ``field`` is the ``Action`` attribute it shows (None for a column that is only shown; its
    ``title`` is then the header); the header of a field column is the field's Dutch name
    (``ACTION_FIELD_LABELS``). ``kind`` says how it is written and read back: text, date, status,
    priority, act, theme, decision (``DECISION_CHOICES``), or info (shown, never read back).
    """

    field: str | None
    band: str
    width: float
    kind: str = "text"
    wrap: bool = False
    title: str = ""
    #: The format version that brought the column: an older workbook may lack it.
    since: int = 1

    @property
    def header(self) -> str:
        return ACTION_FIELD_LABELS[self.field] if self.field else self.title


PLAN_COLUMNS: tuple[PlanColumn, ...] = (
    # What the project lead fills in and reviews on paper (the print area: one A4 landscape page
    # wide, 8 pt or more): the decision first, the PDCA step management takes ...
    PlanColumn("id", "Plan", 11, "id"),
    PlanColumn("title", "Plan", 25, wrap=True),
    PlanColumn("decision", "Plan", 11.5, "decision", wrap=True, since=3),
    PlanColumn("owner", "Plan", 17, wrap=True),
    PlanColumn("indicator", "Plan", 12, wrap=True),
    PlanColumn("target", "Plan", 12.5, wrap=True),
    PlanColumn("status", "Do", 11.5, "status"),
    PlanColumn("progress", "Do", 11, wrap=True),
    PlanColumn("measured_value", "Check", 9.5, wrap=True),
    PlanColumn("measured_on", "Check", 10.5, "date"),
    PlanColumn("conclusion", "Check", 10.5, wrap=True),
    PlanColumn("act", "Act", 10, "act"),
    PlanColumn("act_note", "Act", 11, wrap=True),
    # ... and what the plan was built with, beside it on screen (wide: they do not print, so they
    # cost no paper and do not make the rows taller). On paper the Verbeterplan has the looptijd,
    # toelichting, besluit (with who decided and when) and prioriteit of every decided action,
    # Voorstellen the bron, thema and prioriteit of every proposal. The read-back finds every
    # column by its header.
    PlanColumn("decided_by", "Plan (vervolg)", 16, wrap=True, since=3),
    PlanColumn("decided_on", "Plan (vervolg)", 12, "date", since=3),
    PlanColumn("start", "Plan (vervolg)", 10.5, "date"),
    PlanColumn("end", "Plan (vervolg)", 10.5, "date"),
    PlanColumn("description", "Plan (vervolg)", 40, wrap=True),
    PlanColumn(None, "Plan (vervolg)", 40, "info", wrap=True, title="Bron / onderdeel"),
    PlanColumn("theme", "Plan (vervolg)", 18, "theme", wrap=True),
    PlanColumn("priority", "Plan (vervolg)", 9, "priority"),
)
#: The working sheet prints these first columns (the rest is on the director's sheets).
PRINTED_WORK_COLUMNS = 13
#: The heading row between the decided actions and the proposals on the working sheet; the
#: read-back skips it (and the proposals' own header row).
PROPOSALS_HEADING = "Voorstellen: nog niet besloten"
PROPOSALS_TABLE_NAME = "WerkbladVoorstellen"

#: Field -> the Dutch column header, for messages and the preview.
FIELD_HEADERS: dict[str, str] = {c.field: c.header for c in PLAN_COLUMNS if c.field}

BAND_COLOURS = {"Plan": "1F4E79", "Do": "548235", "Check": "BF8F00", "Act": "7B2C83", "Plan (vervolg)": "1F4E79"}
BAND_LIGHT = {"Plan": "DDEBF7", "Do": "E2EFDA", "Check": "FFF2CC", "Act": "EADCF0", "Plan (vervolg)": "DDEBF7"}
STATUS_FILLS = {
    "gepland": "FFFFFF",
    "in_uitvoering": "DDEBF7",
    "gereed": "C6EFCE",
    "uitgesteld": "FFE699",
    "vervallen": "D9D9D9",
}

_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_TITLE_FONT = Font(name="Calibri", size=16, bold=True, color="1F4E79")
_BOLD = Font(name="Calibri", bold=True)
_HEADER_FONT = Font(name="Calibri", bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_MUTED = Font(name="Calibri", italic=True, color="595959")
_SUBTITLE_FONT = Font(name="Calibri", size=12, bold=True, color="1F4E79")


# --------------------------------------------------------------------------- helpers


def _date_text(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _safe_sheet_title(title: str, taken: set[str]) -> str:
    cleaned = "".join("-" if ch in '[]:*?/\\' else ch for ch in clean(title)).strip() or "Kader"
    cleaned = cleaned[:31]
    candidate, n = cleaned, 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({n})"
        candidate = cleaned[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


def _header_row(ws: Worksheet, row: int, headers: list[str], widths: list[float]) -> None:
    style = None  # the first header cell's, copied to the others (setting each style object hashes it)
    for col, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = new_cell(ws, row, col, clean(header), style)
        if style is None:
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.border = _BORDER
            style = cell._style
        ws.column_dimensions[get_column_letter(col)].width = width
    # Bold headers are wider than body text: count them one unit narrower.
    lines = max(lines_needed(h, w - 1) for h, w in zip(headers, widths, strict=True)) if headers else 1
    if lines > 1:
        ws.row_dimensions[row].height = LINE_HEIGHT * lines + 2


def _write_rows(ws: Worksheet, first_row: int, rows: list[list[object]], wrap_cols: set[int]) -> int:
    """Writes plain rows with borders and top alignment; returns the last row written."""
    row_no = first_row - 1
    # Each style is set through openpyxl once per kind of cell and then copied as its index array:
    # assigning border/alignment objects hashes and looks them up per cell (most of the export's time).
    styles: dict[tuple[bool, bool], StyleArray] = {}
    written: list[list[object]] = []
    for row_no, values in enumerate(rows, start=first_row):
        cleaned = [clean(value) for value in values]
        written.append(cleaned)
        for col, value in enumerate(cleaned, start=1):
            kind = (col in wrap_cols, isinstance(value, dt.date))
            style = styles.get(kind)
            if style is not None:
                new_cell(ws, row_no, col, value, style)
                continue
            cell = new_cell(ws, row_no, col, value)
            cell.border = _BORDER
            cell.alignment = _WRAP_TOP if kind[0] else _TOP
            if kind[1]:
                cell.number_format = DATE_FORMAT
            styles[kind] = copy(cell._style)
    widths = {col: ws.column_dimensions[get_column_letter(col)].width for col in wrap_cols}
    fit_rows(ws, first_row, row_no, widths, values=written)
    return row_no


def _sheet_title(ws: Worksheet, title: str, subtitle: str = "") -> None:
    ws["A1"] = clean(title)
    ws["A1"].font = _TITLE_FONT
    if subtitle:
        ws["A2"] = clean(subtitle)
        ws["A2"].font = _MUTED


def _fit_titles(ws: Worksheet, ncols: int, rows: tuple[int, ...] = (1, 2)) -> None:
    """The sheet title and subtitle wrap within the printed columns instead of running off the
    page (a long organisation name, a long explanation): merged across, rows as tall as needed."""
    width = sum(ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(1, ncols + 1))
    for r in rows:
        cell = ws.cell(row=r, column=1)
        if not isinstance(cell.value, str) or not cell.value:
            continue
        big = (cell.font.sz or 11) > 11
        merge(ws, r, 1, r, ncols)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        lines = lines_needed(cell.value, width * (0.62 if big else 1.0))
        ws.row_dimensions[r].height = (22 if big else LINE_HEIGHT) * lines + 4


# --------------------------------------------------------------------------- Verbeterplan


def _info_value(checklists: ChecklistSet, action: Action, header: str) -> str:
    return action_source_text(checklists, action)


def _work_value(column: PlanColumn, checklists: ChecklistSet) -> Callable[[Action], object]:
    """What a cell of ``column`` on the working sheet holds for an action (by the column's kind,
    chosen once per column, not per cell)."""
    field = column.field
    if column.kind == "info":
        return lambda action: _info_value(checklists, action, column.header)
    if column.kind == "decision":
        return decision_text
    if column.kind == "status":  # a proposal has no status until it is decided: never "Gepland"
        return lambda action: None if is_proposal(action) else ACTION_STATUS_LABELS[getattr(action, field)]
    if column.kind == "priority":
        return lambda action: PRIORITY_LABELS[getattr(action, field)]
    if column.kind == "act":
        return lambda action: ACT_CHOICE_LABELS[choice] if (choice := getattr(action, field)) else None
    if column.kind == "theme":
        themes = {tid: t.label for tid, t in checklists.themes.items()}
        return lambda action: themes.get(theme := getattr(action, field), theme)

    def as_written(action: Action) -> object:
        value = getattr(action, field)  # type: ignore[arg-type]
        return value if value != "" else None

    return as_written


def _write_work_sheet(ws: Worksheet, checklists: ChecklistSet, assessment: Assessment, decided: list[Action],
                      proposals: list[Action]) -> None:
    """Every visible action: the project lead's PDCA columns, read back by ``import-plan``.

    The decided actions come first, in a table of their own; under them a heading row
    (``PROPOSALS_HEADING``) and the proposals nobody decided on yet, in a second table with the
    same columns: their Besluit reads 'Nog niet besloten' and their status is empty (a proposal
    has no status until it is decided). Management decides by choosing 'Voorstel aangenomen' or
    'Voorstel afgewezen' in the Besluit dropdown, with who decided and when beside it. On paper
    only the decided actions: the Voorstellen sheet prints the proposals with their reason."""
    # in the plan's order (``plan.plan_order``), as on the Verbeterplan and Voorstellen sheets
    decided, proposals = plan_order(decided), plan_order(proposals)
    actions = [*decided, *proposals]
    ncols = len(PLAN_COLUMNS)
    last_letter = get_column_letter(ncols)
    org = assessment.organisation.name
    # Short, unmerged texts: a merged title across all columns would run past the print area.
    ws.cell(row=PLAN_TITLE_ROW, column=1, value=WORK_SHEET)
    note = ws.cell(row=PLAN_TITLE_ROW, column=3,
                   value="Wijzig de acties hier en lees ze terug in Dienstscan. Op papier: de besloten acties; "
                         "de voorstellen staan eronder apart.")
    note.font = _MUTED
    note.alignment = Alignment(vertical="bottom")
    ws.cell(row=PLAN_TITLE_ROW, column=1).font = _TITLE_FONT

    # Bands: Plan / Do / Check / Act above the column headers.
    col = 1
    while col <= ncols:
        band = PLAN_COLUMNS[col - 1].band
        end = col
        while end < ncols and PLAN_COLUMNS[end].band == band:
            end += 1
        cell = ws.cell(row=PLAN_BAND_ROW, column=col, value=band)
        cell.font = Font(name="Calibri", bold=True, color="FFFFFF", size=12)
        cell.fill = PatternFill("solid", fgColor=BAND_COLOURS[band])
        cell.alignment = Alignment(horizontal="center", vertical="center")
        for c in range(col, end + 1):
            ws.cell(row=PLAN_BAND_ROW, column=c).fill = PatternFill("solid", fgColor=BAND_COLOURS[band])
        if end > col:
            merge(ws, PLAN_BAND_ROW, col, PLAN_BAND_ROW, end)
        col = end + 1

    header_fills = {band: PatternFill("solid", fgColor=BAND_LIGHT[band]) for band in BAND_LIGHT}
    header_styles: dict[str, StyleArray] = {}  # per band, copied (setting each style object hashes it)

    def headers(row: int) -> None:
        for c, column in enumerate(PLAN_COLUMNS, start=1):
            style = header_styles.get(column.band)
            cell = new_cell(ws, row, c, column.header, style)
            if style is None:
                cell.font = _BOLD
                cell.fill = header_fills[column.band]
                cell.alignment = Alignment(wrap_text=True, vertical="center")
                cell.border = _BORDER
                header_styles[column.band] = cell._style
        ws.row_dimensions[row].height = 30

    headers(PLAN_HEADER_ROW)
    for c, column in enumerate(PLAN_COLUMNS, start=1):
        # An id (V-BSC-02-O1) on one line, never running into the action beside it.
        ws.column_dimensions[get_column_letter(c)].width = max(column.width, _id_width(a.id for a in actions)) \
            if column.kind == "id" else column.width

    first = PLAN_HEADER_ROW + 1
    values_of = [_work_value(column, checklists) for column in PLAN_COLUMNS]
    # Style one cell per column and copy its style array to the other rows: setting border and
    # alignment cell by cell makes openpyxl hash the style objects each time (10x slower).
    column_styles = []
    for c, column in enumerate(PLAN_COLUMNS, start=1):
        proto = ws.cell(row=first, column=c)
        proto.border = _BORDER
        if column.kind == "date":
            proto.number_format = DATE_FORMAT
            proto.alignment = _TOP
        else:
            proto.alignment = _WRAP_TOP if column.wrap else _TOP
        column_styles.append(copy(proto._style))

    def write_rows(start: int, rows: list[Action]) -> int:
        """The rows from ``start``; returns the last row of the block (at least ``start``: a table
        needs one data row, and an empty plan gets one empty row to type in)."""
        written: list[list[object]] = []
        for r, action in enumerate(rows, start=start):
            row_values = [clean(value_of(action)) for value_of in values_of]
            written.append(row_values)
            for c, (value, style) in enumerate(zip(row_values, column_styles, strict=True), start=1):
                new_cell(ws, r, c, value, style)
        last = max(start, start + len(rows) - 1)
        if not rows:  # the empty row to type in still gets borders and dates
            for c in range(1, ncols + 1):
                new_cell(ws, start, c, None, column_styles[c - 1])
        fit_rows(ws, start, last, {i: c.width for i, c in enumerate(PLAN_COLUMNS, start=1) if c.wrap},
                 values=written if rows else None)
        return last

    def add_table(name: str, ref: str) -> None:
        """A table over ``ref`` whose header row is ``PLAN_COLUMNS``. Its columns and filter are
        named here as openpyxl would at saving, which otherwise reads every cell of the table
        to find the header row's names."""
        table = Table(displayName=name, ref=ref, autoFilter=AutoFilter(ref=ref))
        table.tableColumns = [TableColumn(id=i, name=column.header) for i, column in enumerate(PLAN_COLUMNS, start=1)]
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
        ws.add_table(table)

    last_decided = write_rows(first, decided)
    add_table(PLAN_TABLE_NAME, f"A{PLAN_HEADER_ROW}:{last_letter}{last_decided}")
    last = last_decided
    if proposals:
        # Two empty rows to add own actions under the decided ones (the table grows into them),
        # then the proposals apart, under a heading row of their own.
        heading_row = last_decided + 3
        heading = ws.cell(row=heading_row, column=1,
                          value=f"{PROPOSALS_HEADING} ({len(proposals)}). Kies bij Besluit 'Voorstel aangenomen' "
                                "of 'Voorstel afgewezen'; bij de volgende export staat een aangenomen voorstel "
                                "bij de besloten acties.")
        heading.font = _SUBTITLE_FONT
        ws.row_dimensions[heading_row].height = 22
        proposals_header = heading_row + 1
        headers(proposals_header)
        last = write_rows(proposals_header + 1, proposals)
        add_table(PROPOSALS_TABLE_NAME, f"A{proposals_header}:{last_letter}{last}")
    ws.freeze_panes = ws.cell(row=first, column=3)

    letters = {column.kind if column.kind in {"status", "priority", "act", "theme", "decision"} else column.field:
               get_column_letter(i) for i, column in enumerate(PLAN_COLUMNS, start=1)}
    # Dropdowns run well below the tables so rows typed by hand get them too. Lists are inline
    # (status, priority, act, decision) or a defined name (themes): Excel's extension format,
    # which cross-sheet references would need, is dropped by openpyxl and some other programs.
    dv_last = last + 200

    def add_list(kind: str, formula: str, title: str) -> None:
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, errorStyle="warning",
                            showErrorMessage=True, errorTitle=title,
                            error="Kies een waarde uit de lijst.", promptTitle=title)
        dv.add(f"{letters[kind]}{first}:{letters[kind]}{dv_last}")
        ws.add_data_validation(dv)

    add_list("decision", '"' + ",".join(DECISION_CHOICES) + '"', ACTION_FIELD_LABELS["decision"])
    add_list("status", '"' + ",".join(ACTION_STATUS_LABELS.values()) + '"', "Status")
    add_list("priority", '"' + ",".join(PRIORITY_LABELS.values()) + '"', "Prioriteit")
    add_list("act", '"' + ",".join(ACT_CHOICE_LABELS.values()) + '"', "PDCA-keuze")
    if checklists.themes:
        add_list("theme", THEME_LIST_NAME, "Thema")  # OOXML stores formulas without "="
    for field in ("start", "end", "measured_on", "decided_on"):
        dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True,
                            errorStyle="warning", showErrorMessage=True, errorTitle="Datum",
                            error="Typ een datum, bijvoorbeeld 1-3-2027.")
        dv.add(f"{letters[field]}{first}:{letters[field]}{dv_last}")
        ws.add_data_validation(dv)

    s = letters["status"]
    status_range = f"{s}{first}:{s}{dv_last}"
    for status, colour in STATUS_FILLS.items():
        if colour == "FFFFFF":
            continue
        label = ACTION_STATUS_LABELS[status].lower()
        ws.conditional_formatting.add(
            status_range,
            FormulaRule(formula=[f'LOWER(TRIM(${s}{first}))="{label}"'], fill=PatternFill("solid", bgColor=colour)),
        )
    e = letters["end"]
    done = [ACTION_STATUS_LABELS[k].lower() for k in ("gereed", "vervallen")]
    overdue = (f'AND(ISNUMBER(${e}{first}),${e}{first}<TODAY(),LEN(TRIM(${s}{first}))>0,'
               f'LOWER(TRIM(${s}{first}))<>"{done[0]}",LOWER(TRIM(${s}{first}))<>"{done[1]}")')
    ws.conditional_formatting.add(
        f"{e}{first}:{e}{dv_last}",
        FormulaRule(formula=[overdue], fill=PatternFill("solid", bgColor="FFC7CE"), font=Font(name="Calibri", bold=True, color="9C0006")),
    )
    ws.conditional_formatting.add(
        f"A{first}:A{dv_last}",
        FormulaRule(formula=[overdue], fill=PatternFill("solid", bgColor="FFC7CE"), font=Font(name="Calibri", bold=True, color="9C0006")),
    )

    ws.row_dimensions[PLAN_TITLE_ROW].height = 24
    # Printed one page wide: the columns the project lead fills in, the decision first (the
    # background columns after them print on the Verbeterplan and Voorstellen sheets), narrow
    # margins; the rows of the decided actions (with none decided yet: the headers and the first
    # row, to fill in).
    print_setup(ws, org, title_rows=f"{PLAN_BAND_ROW}:{PLAN_HEADER_ROW}", side_margin=0.2)
    ws.print_area = f"A1:{get_column_letter(PRINTED_WORK_COLUMNS)}{last_decided}"


# --------------------------------------------------------------------------- the director's views

#: The decided plan as a director reads it: (header, width, wraps).
#: About 136 units fill an A4 landscape page at 90% (LibreOffice prints Calibri 11 as DejaVu Sans,
#: about 6.3 pt a unit), so the body prints at 10 pt; the rows are in priority order and the
#: priority stands under the decision. Every header word fits its column whole.
_L = ACTION_FIELD_LABELS
_VIEW_COLUMNS: list[tuple[str, float, bool]] = [
    (_L["id"], 10, False), (_L["title"], 37, True), (_L["decision"], 16.5, True), (_L["owner"], 17, True),
    ("Looptijd", 13.5, True), (_L["status"], 13, True), (f"{_L['indicator']} en {_L['target'].lower()}", 25.5, True),
]
_REJECTED_COLUMNS: list[tuple[str, float, bool]] = [
    (_L["id"], 10, False), ("Voorstel", 50, True), (_L["decision"], 24, True), ("Toelichting", 36, True),
    ("Naar aanleiding van", 40, True),
]
_PROPOSAL_COLUMNS: list[tuple[str, float, bool]] = [
    (_L["id"], 10, False), ("Voorstel", 60, True), ("Naar aanleiding van", 50, True), (_L["priority"], 11, False),
    (_L["theme"], 19, True),
]


def _id_width(ids: Iterable[str]) -> float:
    """Wide enough for the longest id on one line (V-ANT-LM-01: capitals, wider than the average
    character), at least the header's."""
    return max(8.0, max((len(i) for i in ids), default=0) * 1.1 + CELL_PADDING)


def _protect_view(ws: Worksheet) -> None:
    """Read-only without a password: what is typed here would not be read back, so it cannot be
    typed at all; column widths, row heights and filters stay free."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.sort = False


def _indicator_text(action: Action) -> str | None:
    parts = [action.indicator.strip()]
    if action.target.strip():
        parts.append(f"streefwaarde: {action.target.strip()}")
    return "; ".join(p for p in parts if p) or None


def _action_text(action: Action) -> str:
    """The action as the director reads it: its title and, when there is one, its description
    (the working sheet prints only the columns the project lead fills in)."""
    return "\n".join(p for p in (action.title.strip(), action.description.strip()) if p)


def _write_plan_view(ws: Worksheet, checklists: ChecklistSet, assessment: Assessment, decided: list[Action],
                     proposals: int, rejected: int = 0) -> None:
    org = assessment.organisation.name
    n = len(decided)
    intro = (f"Wat is besloten: {n} {'actie' if n == 1 else 'acties'} (aangenomen voorstellen en eigen acties), "
             "op prioriteit en einddatum.")
    if proposals:
        intro += f" Nog niet besloten: {proposals} {'voorstel' if proposals == 1 else 'voorstellen'} (blad {PROPOSALS_SHEET})."
    if rejected:
        intro += f" Afgewezen: {rejected} {'voorstel' if rejected == 1 else 'voorstellen'} (blad {REJECTED_SHEET})."
    intro += f" Wijzigen: blad {WORK_SHEET}."
    _sheet_title(ws, f"Verbeterplan {org}", intro)
    header_row = 4
    headers, widths = [c[0] for c in _VIEW_COLUMNS], [c[1] for c in _VIEW_COLUMNS]
    widths[0] = _id_width(a.id for a in decided)
    _header_row(ws, header_row, headers, widths)
    rows: list[list[object]] = []
    for a in plan_order(decided):
        period = f"{_date_text(a.start) or '…'} – {_date_text(a.end) or '…'}" if a.start or a.end else "geen data"
        record = decision_record(a)
        decision = "\n".join([decision_text(a), *([record] if record else []),
                               f"{_L['priority'].lower()} {PRIORITY_LABELS.get(a.priority, a.priority).lower()}"])
        rows.append([a.id, _action_text(a), decision, a.owner or "nog geen eigenaar", period,
                     ACTION_STATUS_LABELS.get(a.status, a.status), _indicator_text(a)])
    if not rows:
        ws.cell(row=header_row + 1, column=2, value="Er is nog geen actie besloten. "
                + (f"Zie de {proposals} voorstellen in het blad {PROPOSALS_SHEET}." if proposals else "")).font = _MUTED
        last = header_row + 1
    else:
        last = _write_rows(ws, header_row + 1, rows, {i for i, c in enumerate(_VIEW_COLUMNS, start=1) if c[2]})
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    _fit_titles(ws, len(_VIEW_COLUMNS))
    print_setup(ws, org, title_rows=f"{header_row}:{header_row}", side_margin=0.25)
    ws.print_area = f"A1:{get_column_letter(len(_VIEW_COLUMNS))}{last}"
    _protect_view(ws)


def _write_list_sheet(ws: Worksheet, assessment: Assessment, title: str, subtitle: str,
                      columns: list[tuple[str, float, bool]], actions: list[Action],
                      row_of: Callable[[Action], list[object]], empty: str) -> None:
    """A printed, protected list of actions under a title (the Voorstellen and the Afgewezen
    voorstellen sheets): a header row, one row per action in plan order, or ``empty``."""
    _sheet_title(ws, title, subtitle)
    header_row = 4
    widths = [c[1] for c in columns]
    widths[0] = _id_width(a.id for a in actions)
    _header_row(ws, header_row, [c[0] for c in columns], widths)
    rows = [row_of(a) for a in plan_order(actions)]
    if not rows:
        ws.cell(row=header_row + 1, column=2, value=empty).font = _MUTED
        last = header_row + 1
    else:
        last = _write_rows(ws, header_row + 1, rows, {i for i, c in enumerate(columns, start=1) if c[2]})
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    _fit_titles(ws, len(columns))
    print_setup(ws, assessment.organisation.name, title_rows=f"{header_row}:{header_row}")
    ws.print_area = f"A1:{get_column_letter(len(columns))}{last}"
    _protect_view(ws)


def _write_proposals(ws: Worksheet, checklists: ChecklistSet, assessment: Assessment, proposals: list[Action]) -> None:
    _write_list_sheet(
        ws, assessment, f"Voorstellen waarover nog niet is besloten ({len(proposals)})",
        "Dienstscan stelt bij elke tekortkoming een actie voor. Een voorstel hoort pas bij het plan als het "
        "management het aanneemt (in Dienstscan, of met Besluit op het Werkblad PDCA); tot dan heeft het "
        "geen eigenaar, data of status.",
        _PROPOSAL_COLUMNS, proposals,
        lambda a: [a.id, a.title, action_source_text(checklists, a) or None,
                   PRIORITY_LABELS.get(a.priority, a.priority), theme_label(checklists, a.theme)],
        "Er liggen geen voorstellen meer open.")


def _write_rejected(ws: Worksheet, checklists: ChecklistSet, assessment: Assessment, rejected: list[Action]) -> None:
    """The proposals decided against: not in the plan, but a decision management took, handed over
    with who decided and when and what was noted (issue 24: each hand-over says what people said)."""

    def row_of(a: Action) -> list[object]:
        return [a.id, _action_text(a), f"{decision_text(a)}\n{rejection_record(a)}", rejection_note(a) or None,
                action_source_text(checklists, a) or None]

    _write_list_sheet(
        ws, assessment, f"{REJECTED_SHEET} ({len(rejected)})",
        "Voorstellen waartegen is besloten: ze horen niet bij het plan. Wie besloot en wanneer staat bij het "
        "besluit. Een besluit terugdraaien kan in Dienstscan (pagina Verbeterplan, 'Ook acties buiten het "
        "plan tonen').",
        _REJECTED_COLUMNS, rejected, row_of, "Er is geen voorstel afgewezen.")


# --------------------------------------------------------------------------- framework sheets


def _join(lines: list[str]) -> str | None:
    lines = [line for line in lines if line.strip()]
    if not lines:
        return None
    if len(lines) == 1:
        return lines[0]
    return "\n".join(f"• {line}" for line in lines)


def _content_widths(columns: list[tuple[str, float, bool]], rows: list[list[object]]) -> list[float]:
    """Each wrapped column as wide as its longest line needs, at most its configured width and at
    least its longest header word: a column nobody filled in (notes, say) does not make every
    printed page smaller."""
    widths = []
    for i, (header, width, wraps) in enumerate(columns):
        if not wraps:
            widths.append(width)
            continue
        header_min = max(len(word) for word in header.split()) + 2
        widths.append(max(header_min, min(width, width_needed(row[i] for row in rows))))
    return widths


#: Units of column width that print one A4 landscape page wide at about 9 pt.
PRINTED_WIDTH = 150
#: A short column (status, herkomst, answer) is widened to at most this first.
SHORT_COLUMN_CAP = 22


def _fill_page(widths: list[float], columns: list[tuple[str, float, bool]], rows: list[list[object]],
               printed: int) -> list[float]:
    """Widen the printed wrapped columns up to what their longest line needs, until they fill
    ``PRINTED_WIDTH``: first the short columns (status, herkomst, answer) to two lines at most,
    then the item's text, then the rest. A narrow table printed at 100% left half the page empty
    and made every row three or four lines high (Antwoord printed on 4 pages)."""
    widths = list(widths)
    slack = PRINTED_WIDTH - sum(widths[:printed])

    short = [i for i in range(2, printed) if columns[i][2]]
    for i, cap in [*((i, SHORT_COLUMN_CAP) for i in short), (1, None), *((i, None) for i in short)]:
        if slack <= 0:
            break
        if not columns[i][2]:
            continue
        need = width_needed(row[i] for row in rows)
        target = need if cap is None else min(need, cap)
        add = min(slack, max(0.0, target - widths[i]))
        widths[i] += add
        slack -= add
    return widths


def has_individual_answers(assessment: Assessment) -> bool:
    """True when any item of the scan has individual (workshop) answers."""
    return any(answer.has_individual() for answer in assessment.answers.values())


def spread_cell_text(checklists: ChecklistSet, item_id: str, answer: Answer | None) -> str | None:
    """One line per round, 'Voorronde: Ingevoerd 3 · Niet ingevoerd 1 (4 antwoorden)' (one answer
    per person per round; rounds are not added up), plus a note when the agreed answer is not (one
    of) the option(s) most participants chose in the last round; None without individual answers."""
    rounds = round_spreads(checklists, item_id, answer)
    if not rounds or answer is None:
        return None
    lines = []
    for s in rounds:
        text = s.text()
        if s.unknown:
            text += f"; {s.unknown} onbekend"
        lines.append(f"{s.round_label}: {text}")
    last = rounds[-1]
    top = last.most_chosen()
    if answer.option and top and answer.option not in top:
        labels = {oid: label for oid, label, _ in last.counts}
        lines.append(f"Let op: afspraak wijkt af van meest gekozen in {last.round_label.lower()} "
                     f"({' / '.join(labels[t] for t in top)}).")
    return "\n".join(lines)


#: header, width, wraps, the cell value of an item (and its section's heading)
_FrameworkColumn = tuple[str, float, bool, Callable[[Item, str], object]]


def _write_framework_sheet(ws: Worksheet, checklists: ChecklistSet, assessment: Assessment, fw: Framework) -> None:
    items = fw.all_items()
    answers = assessment.answers
    has_duty = any(item.right or item.duty for item in items)
    has_legal = any(item.legal_status for item in items)
    has_origin = any(item.provenance for item in items)
    has_analysis = fw.id.upper() == "BSC" or any(
        answers.get(i.id) and (answers[i.id].barriers or answers[i.id].causes or answers[i.id].solutions) for i in items
    )
    has_poll = any(answers.get(i.id) and answers[i.id].poll for i in items)
    has_current = any(checklists.current_note(i.id) for i in items)
    # Scan-wide, so every framework sheet has the same columns; anonymous counts, never a mean.
    has_spread = has_individual_answers(assessment)

    excluded = assessment.out_of_scope.get(fw.id)
    # The framework's own document is named once, here; the Bron column gives the place in it
    # (or the other document an item comes from), instead of the same title on every row.
    own_title = fw.source.title or fw.source.document
    subtitle = (f"{fw.title}, versie {fw.version}. Bron: {fw.source.cite()}. Kolom Bron: de vindplaats in "
                f"dit document, of de andere bron.")
    if excluded:
        subtitle += f" Buiten scope: {excluded.justification}"
    _sheet_title(ws, fw.title, subtitle)

    # Printed (A4 landscape, one page wide, body at least 8 pt on paper): the columns a reader
    # needs first; the long working columns follow on screen only (print area), nothing hidden.
    # A framework without sections (BSC) gets no column that says 'Organisatiebreed' on every row.
    has_sections = bool(fw.sections)
    def answer_of(item: Item) -> Answer | None:
        return answers.get(item.id)

    def option_label(item: Item) -> str:
        answer = answer_of(item)
        option = checklists.scale_for(item.id).option(answer.option) if answer and answer.option else None
        return option.label if option else "Niet beantwoord"

    def source(item: Item) -> str:
        same = (item.source.title or item.source.document) == own_title
        return (item.source.section or "zie boven") if same else item.source.cite()

    def analysis(field: str) -> Callable[[Item, str], object]:
        return lambda item, _: _join(getattr(answer_of(item), field)) if answer_of(item) else None

    def poll(field: str) -> Callable[[Item, str], object]:
        return lambda item, _: getattr(answer_of(item).poll, field) if answer_of(item) and answer_of(item).poll else None

    printed: list[_FrameworkColumn] = [("ID", 9, False, lambda item, _: item.id),
                                       (fw.item_label, 38, True, lambda item, _: item.text)]
    if has_legal:
        printed += [("Status in regelgeving", 14, True,
                     lambda item, _: status_label(item, fw.checked) or None)]
    # Herkomst and Stand 2026 in a few words; the reasons of a reconstruction and the 2026 notes
    # (300-600 characters each) print in full under the table, one full-width row per item: in
    # a column they made every such row ten lines high (5 beloften printed on 8 pages).
    if has_origin:
        printed += [("Herkomst", 16, True, lambda item, _: origin_short(item) or None)]
    if has_current:
        printed += [("Stand 2026", 26, True, lambda item, _: current_short(checklists, item) or None)]
    printed += [("Antwoord", 14, True, lambda item, _: option_label(item)),
                ("Uitleg / toelichting", 30, True,
                 lambda item, _: explanation_shown(answer_of(item), checklists.scale_for(item.id)) or None)]
    # Rights and duties (BSC) first on screen: printed beside Stand 2026 they took the page to 6.8 pt.
    # Screen-only columns are wide (paper does not pay for them), so they do not make the printed
    # rows taller than their own text needs.
    screen: list[_FrameworkColumn] = []
    if has_duty:
        screen += [("Recht van de burger", 45, True, lambda item, _: item.right or None),
                   ("Plicht van de overheid", 45, True, lambda item, _: item.duty or None)]
    if has_sections:
        screen.append((fw.section_label, 30, True, lambda _, section_text: section_text))
    screen.append(("Notities", 45, True, lambda item, _: (answer_of(item).notes or None) if answer_of(item) else None))
    if has_analysis:
        screen += [("Belemmeringen", 45, True, analysis("barriers")), ("Oorzaken", 45, True, analysis("causes")),
                   ("Oplossingen", 45, True, analysis("solutions"))]
    if has_poll:
        screen += [("Draagvlak: ja", 8, False, poll("ja")), ("twijfel", 8, False, poll("twijfel")),
                   ("nee", 8, False, poll("nee"))]
    if has_spread:
        screen.append(("Spreiding deelnemers", 50, True,
                       lambda item, _: spread_cell_text(checklists, item.id, answer_of(item))))
    screen.append(("Bron", 60, True, lambda item, _: source(item)))
    full = printed + screen
    columns = [(header, width, wraps) for header, width, wraps, _ in full]
    header_row = 4

    rows: list[list[object]] = []
    sections = [(None, fw.items), *((s, s.items) for s in fw.sections)]
    for section, section_items in sections:
        section_text = "Organisatiebreed" if section is None else section.heading()
        exclusion = assessment.out_of_scope.get(section.id) if section is not None else None
        if exclusion is not None:
            section_text += f" (buiten scope: {exclusion.justification})"
        rows.extend([value(item, section_text) for *_, value in full] for item in section_items)
    widths = _content_widths(columns, rows)
    widths[0] = max(widths[0], _id_width(item.id for item in items))
    widths = _fill_page(widths, columns, rows, len(printed))
    _header_row(ws, header_row, [c[0] for c in columns], widths)
    wrap = {i for i, c in enumerate(columns, start=1) if c[2]}
    last = _write_rows(ws, header_row + 1, rows, wrap)
    answer_col = [c[0] for c in columns].index("Antwoord") + 1
    item_rows = [item for _, section_items in sections for item in section_items]
    for r, item in enumerate(item_rows, start=header_row + 1):
        cell = ws.cell(row=r, column=answer_col)
        if cell.value == "Niet beantwoord":
            cell.font = _MUTED
            continue
        answer = answer_of(item)
        option = checklists.scale_for(item.id).option(answer.option) if answer and answer.option else None
        if option is not None:
            cell.fill = _answer_fill(option.weight)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{max(last, header_row + 1)}"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    last = _write_item_notes(ws, last + 2, checklists, items, widths[:len(printed)])
    last = _write_answer_notes(ws, last + 2, fw, sections, answers, widths[:len(printed)])
    _fit_titles(ws, len(printed))
    print_setup(ws, assessment.organisation.name, title_rows=f"{header_row}:{header_row}", side_margin=0.25)
    ws.print_area = f"A1:{get_column_letter(len(printed))}{last}"


#: The Antwoord cell's colour by the answer's weight in the score: realised (green), partly
#: (amber), not (red), not applicable (grey). The word stays: colour is never the only sign.
_ANSWER_FILLS = {"full": PatternFill("solid", fgColor="C6EFCE"), "partial": PatternFill("solid", fgColor="FFEB9C"),
                 "none": PatternFill("solid", fgColor="FFC7CE"), "na": PatternFill("solid", fgColor="E7E6E6")}


def _answer_fill(weight: float | None) -> PatternFill:
    if weight is None:
        return _ANSWER_FILLS["na"]
    return _ANSWER_FILLS["full" if weight >= 1 else "partial" if weight > 0 else "none"]


def _write_answer_notes(ws: Worksheet, row: int, fw: Framework, sections, answers,
                        printed_widths: list[float]) -> int:
    """The team's notes (the Notities column, which is not printed) in full under the table,
    grouped by section: a heading row per section, then one row per item with a note. Returns
    the last row written (``row - 2`` when nobody wrote a note)."""
    groups = []
    for section, section_items in sections:
        noted = [(item.id, answers[item.id].notes) for item in section_items
                 if answers.get(item.id) is not None and answers[item.id].notes]
        if noted:
            groups.append(("Organisatiebreed" if section is None else section.heading(), noted))
    if not groups:
        return row - 2
    ncols = len(printed_widths)
    width = sum(printed_widths[1:])
    ws.cell(row=row, column=1, value="Aantekeningen van het team bij de antwoorden, per onderdeel").font = _BOLD
    r = row
    for heading, noted in groups:
        if fw.sections:
            r += 1
            head = ws.cell(row=r, column=1, value=clean(heading))
            head.font = _BOLD
            head.fill = _HEADER_FILL_LIGHT
            if ncols > 1:
                merge(ws, r, 1, r, ncols)
        for item_id, text in noted:
            r += 1
            ws.cell(row=r, column=1, value=item_id).alignment = _TOP
            cell = ws.cell(row=r, column=2, value=clean(text))
            cell.alignment = _WRAP_TOP
            if ncols > 2:
                merge(ws, r, 2, r, ncols)
            lines = lines_needed(clean(text), width)
            if lines > 1:
                ws.row_dimensions[r].height = LINE_HEIGHT * lines + 2
    return r


_HEADER_FILL_LIGHT = PatternFill("solid", fgColor="DDEBF7")


def _write_item_notes(ws: Worksheet, row: int, checklists: ChecklistSet, items: list[Item],
                      printed_widths: list[float]) -> int:
    """Under the table (``export.common.item_notes``), one row per note: the item's id, then
    (merged over the other printed columns) the reason of a reconstruction or the 2026 note with
    its source. Returns the last row written (the table's last row when there is no note)."""
    notes = item_notes(checklists, items)
    if not notes:
        return row - 2
    ncols = len(printed_widths)
    ws.cell(row=row, column=1, value=notes_heading(notes)).font = _BOLD
    width = sum(printed_widths[1:])
    for r, note in enumerate(notes, start=row + 1):
        ws.cell(row=r, column=1, value=note.item_id).alignment = _TOP
        cell = ws.cell(row=r, column=2, value=clean(note.text))
        cell.alignment = _WRAP_TOP
        if ncols > 2:
            merge(ws, r, 2, r, ncols)
        lines = lines_needed(note.text, width)
        if lines > 1:
            ws.row_dimensions[r].height = LINE_HEIGHT * lines + 2
    return row + len(notes)


# --------------------------------------------------------------------------- Kengetallen, Bronnen


def _write_key_figures(ws: Worksheet, checklists: ChecklistSet, assessment: Assessment, report: ScoreReport) -> None:
    _sheet_title(ws, "Kengetallen", "Ingevulde kengetallen naast de norm of referentie uit de bronnen.")
    # About PRINTED_WIDTH units: one A4 landscape page wide at about 9 pt (it printed at 6 pt).
    columns = [("Kengetal", 28, True), ("Waarde", 12, True), ("Datum", 10.5, False),
               ("Benchmark (soort)", 30, True), ("Vergelijking", 30, True), ("Toelichting", 20, True),
               ("Bron", 30, True)]
    rows: list[list[object]] = []
    for result in report.key_figures:
        entered = assessment.key_figures.get(result.id)
        comparison = result.comparison
        norms = _join([b.listed for b in comparison.benchmarks]) if comparison else None
        # Each source by title and place; the benchmark's label, date and kind are in its own column.
        sources = [checklists.key_figures[result.id].source.cite()] if result.id in checklists.key_figures else []
        if comparison:
            sources += [b.source for b in comparison.benchmarks]
        # A benchmark usually cites the key figure's own source with a detail added: once, with the detail.
        sources = [s for s in sources if not any(o != s and o.startswith(s) for o in sources)]
        rows.append([
            result.label,
            result.value_text,
            entered.date if entered and entered.date else None,
            norms or "geen norm bekend",
            # nothing entered: the benchmark column says what it will be compared with
            (comparison.sentence if comparison.actual is not None else "niet ingevuld, dus niet vergeleken")
            if comparison else None,
            result.note or None,
            _join(list(dict.fromkeys(sources))),
        ])
    # Columns nobody filled in (toelichting, say) shrink to their header, as on the framework sheets.
    _header_row(ws, 4, [c[0] for c in columns], _content_widths(columns, rows))
    last = _write_rows(ws, 5, rows, {i for i, c in enumerate(columns, start=1) if c[2]})
    for r in range(5, last + 1):
        if ws.cell(row=r, column=2).value == "niet ingevuld":
            ws.cell(row=r, column=2).font = _MUTED
    ws.freeze_panes = "B5"
    _fit_titles(ws, len(columns))
    if last >= 5:
        ws.auto_filter.ref = f"A4:{get_column_letter(len(columns))}{last}"
    print_setup(ws, assessment.organisation.name, title_rows="4:4")


def _write_sources(ws: Worksheet, checklists: ChecklistSet, frameworks: list[Framework], organisation: str) -> None:
    _sheet_title(ws, "Bronnen", "Elke bron die in dit verbeterplan wordt aangehaald, met de vindplaats en waar zij is gebruikt.")
    # A4 landscape, PRINTED_WIDTH units: it printed at 6.6 pt on a portrait page.
    columns = [("Bron", 40, True), ("Vindplaats", 36, True), ("Gebruikt bij", 74, True)]
    _header_row(ws, 4, [c[0] for c in columns], [c[1] for c in columns])
    rows: list[list[object]] = [[r.title, r.places, r.used_by] for r in source_rows(checklists, frameworks)]
    _write_rows(ws, 5, rows, {1, 2, 3})
    ws.freeze_panes = "A5"
    _fit_titles(ws, len(columns))
    print_setup(ws, organisation, title_rows="4:4")


# --------------------------------------------------------------------------- metadata


def _write_meta(wb: Workbook, ws: Worksheet, checklists: ChecklistSet, assessment: Assessment,
                actions: list[Action]) -> None:
    ws["A1"] = "Dit werkblad hoort bij Dienstscan en is nodig om het verbeterplan terug te lezen. Niet wijzigen."
    rows: list[tuple[str, object]] = [
        ("formaat", FORMAT_NAME),
        ("formaatversie", FORMAT_VERSION),
        ("scan_id", assessment.id),
        ("organisatie", assessment.organisation.name),
        ("peildatum", assessment.peildatum.isoformat()),
        ("geexporteerd", dt.datetime.now().replace(microsecond=0).isoformat()),
    ]
    for fw_id, version in sorted(assessment.checklist_versions.items()):
        rows.append((f"checklist:{fw_id}", version))
    rows += [("actie", a.id) for a in actions]
    for r, (key, value) in enumerate(rows, start=3):
        new_cell(ws, r, 1, key)
        new_cell(ws, r, 2, clean(value))
    # Dropdown list of themes, referenced through a defined name (see _write_plan_sheet).
    ws["D2"] = "Thema's"
    ws["E2"] = "thema_id"
    labels = [t.label for t in checklists.themes.values()]
    for r, (theme_id, theme) in enumerate(checklists.themes.items(), start=3):
        ws.cell(row=r, column=4, value=clean(theme.label))
        ws.cell(row=r, column=5, value=theme_id)
    if labels:
        ref = f"{quote_sheetname(ws.title)}!$D$3:$D${2 + len(labels)}"
        wb.defined_names[THEME_LIST_NAME] = DefinedName(THEME_LIST_NAME, attr_text=ref)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _set_properties(wb: Workbook, assessment: Assessment) -> None:
    org = clean(assessment.organisation.name)
    props = wb.properties
    props.title = f"Verbeterplan dienstverlening {org}"
    props.subject = f"Dienstscan, peildatum {_date_text(assessment.peildatum)}"
    props.creator = "Dienstscan"
    props.lastModifiedBy = "Dienstscan"
    props.keywords = "dienstverlening; verbeterplan; PDCA"
    props.description = (f"Verbeterplan van {org}, peildatum {_date_text(assessment.peildatum)}. "
                         f"Bewerk het blad {WORK_SHEET} en lees het terug met Dienstscan (import-plan).")
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    props.created = now
    props.modified = now


# --------------------------------------------------------------------------- entry point


def build_workbook(checklists: ChecklistSet, assessment: Assessment, *,
                   baseline: Assessment | None = None) -> Workbook:
    """The complete workbook in memory (``export_plan`` saves it).

    With ``baseline`` (an earlier scan) a *Voortgang* sheet follows the summary: the change per
    framework, section and item since then, the actions completed in between and what could not
    be compared (``dienstscan.cycle.compare_scans``, worded by ``progress.py``).
    """
    # Tens of thousands of cells, style arrays and row dimensions, all kept: the cyclic garbage
    # collector walked them again and again (a sixth of the time to build 1,000 actions).
    with paused_collection():
        return _build_workbook(checklists, assessment, baseline)


def _build_workbook(checklists: ChecklistSet, assessment: Assessment, baseline: Assessment | None) -> Workbook:
    report = score(checklists, assessment)
    wb = Workbook()
    summary = wb.active
    summary.title = SUMMARY_SHEET
    actions = visible_actions(assessment)
    decided, proposals = split_plan(actions)
    rejected = rejected_actions(assessment)
    taken = {SUMMARY_SHEET, PLAN_SHEET, PROPOSALS_SHEET, REJECTED_SHEET, SCORES_SHEET, WORK_SHEET, KEYFIGURE_SHEET,
             SOURCES_SHEET, META_SHEET, PROGRESS_SHEET}
    progress_ws = wb.create_sheet(PROGRESS_SHEET) if baseline is not None else None
    plan_ws = wb.create_sheet(PLAN_SHEET)
    proposals_ws = wb.create_sheet(PROPOSALS_SHEET)
    rejected_ws = wb.create_sheet(REJECTED_SHEET) if rejected else None
    scores_ws = wb.create_sheet(SCORES_SHEET)
    in_scope = [fw for fw in checklists.frameworks if fw.id in assessment.frameworks]
    fw_sheets = [(fw, wb.create_sheet(_safe_sheet_title(fw.short_title, taken))) for fw in in_scope]
    kf_ws = wb.create_sheet(KEYFIGURE_SHEET)
    src_ws = wb.create_sheet(SOURCES_SHEET)
    work_ws = wb.create_sheet(WORK_SHEET)
    meta_ws = wb.create_sheet(META_SHEET)

    write_summary(summary, checklists, assessment, actions, report)
    write_scores(scores_ws, checklists, assessment, report)
    if progress_ws is not None:
        write_progress_sheet(progress_ws, compare_scans(checklists, baseline, assessment),
                             assessment.organisation.name)
    _write_plan_view(plan_ws, checklists, assessment, decided, len(proposals), len(rejected))
    _write_proposals(proposals_ws, checklists, assessment, proposals)
    if rejected_ws is not None:
        _write_rejected(rejected_ws, checklists, assessment, rejected)
    _write_work_sheet(work_ws, checklists, assessment, decided, proposals)
    for fw, ws in fw_sheets:
        _write_framework_sheet(ws, checklists, assessment, fw)
    _write_key_figures(kf_ws, checklists, assessment, report)
    _write_sources(src_ws, checklists, in_scope, assessment.organisation.name)
    _write_meta(wb, meta_ws, checklists, assessment, actions)
    _set_properties(wb, assessment)
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    wb.active = 0
    text_only(wb)  # last: no text a user typed is written as a live formula
    return wb


def export_plan(checklists: ChecklistSet, assessment: Assessment, path: Path, *,
                baseline: Assessment | None = None) -> None:
    """Write the improvement plan workbook to ``path`` (atomically, see ``storage.atomic_write_bytes``).

    ``baseline``: an earlier scan of the organisation; adds the *Voortgang* sheet.

    Raises ``SaveError`` (Dutch, names the file) when it cannot be saved, e.g. a full disk or the
    file open in Excel on Windows; the previous file, if any, is then left as it was.
    """
    buffer = io.BytesIO()
    build_workbook(checklists, assessment, baseline=baseline).save(buffer)
    atomic_write_bytes(Path(path), buffer.getvalue())


__all__ = [
    "FIELD_HEADERS",
    "PLAN_SHEET",
    "PROPOSALS_SHEET",
    "REJECTED_SHEET",
    "SCORES_SHEET",
    "WORK_SHEET",
    "WORK_SHEET_V1",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "PLAN_COLUMNS",
    "PlanColumn",
    "build_workbook",
    "export_plan",
]
