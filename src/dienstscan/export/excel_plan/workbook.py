"""The Excel improvement plan: a workbook management reads without the app, and that reads back.

``export_plan`` writes a fresh workbook (never edits a user's file: openpyxl loses charts,
styles and extension-format dropdowns on a load/save) to a temporary file and moves it into
place. Sheets, all in Dutch:

- *Samenvatting*: organisation, peildatum, participants, scores beside their benchmarks, a
  native bar chart, and the number of actions per priority and status;
- *Verbeterplan*: one row per action in an Excel table, columns grouped under the bands Plan,
  Do, Check and Act, with dropdowns, real dates, conditional formatting and print setup;
- *Voortgang* (only when an earlier scan is given as the baseline): change per framework,
  section and item since then, actions completed in between, what could not be compared;
- one sheet per framework in scope (every item with its answer and notes);
- *Kengetallen* (key figures beside their norms) and *Bronnen* (every source cited);
- a hidden sheet ``_dienstscan`` with what the read-back needs (scan id, format version,
  checklist versions, the exported action ids) and the dropdown lists.

The column layout of the plan (``PLAN_COLUMNS``) is shared with the read-back (``readback.py``),
which finds columns by their header text, never by position.
"""

from __future__ import annotations

import datetime as dt
import os
from copy import copy
import tempfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ...model.assessment import (
    ACT_CHOICE_LABELS,
    ACTION_FIELD_LABELS,
    ACTION_STATUS_LABELS,
    PRIORITY_LABELS,
    Action,
    Assessment,
)
from ...model.checklist import LEGAL_STATUS_LABELS, ChecklistSet, Framework
from ...scoring import ScoreReport, score
from ...scoring.spread import item_spread
from ...cycle import compare_scans
from ..common.sources import action_source_text, cited_sources
from ...plan import visible_actions
from ..common.layout import CHARS_PER_WIDTH, LINE_HEIGHT, clean, fit_rows, lines_needed, print_setup
from .progress_sheet import PROGRESS_SHEET, write_progress_sheet
from .summary import write_summary

#: Identifies a workbook written by Dienstscan; stored in the hidden sheet.
FORMAT_NAME = "dienstscan-verbeterplan"
#: Raised when the layout changes in a way an older reader cannot follow.
FORMAT_VERSION = 1
META_SHEET = "_dienstscan"
PLAN_SHEET = "Verbeterplan"
SUMMARY_SHEET = "Samenvatting"
KEYFIGURE_SHEET = "Kengetallen"
SOURCES_SHEET = "Bronnen"
THEME_LIST_NAME = "Dienstscan_themas"
#: Sheet rows of the plan: a title, the Plan/Do/Check/Act bands, then the column headers.
PLAN_TITLE_ROW = 1
PLAN_BAND_ROW = 2
PLAN_HEADER_ROW = 3
PLAN_TABLE_NAME = "Verbeterplan"

DATE_FORMAT = "DD-MM-YYYY"


@dataclass(frozen=True)
class PlanColumn:
    """One column of the Verbeterplan sheet.

    ``field`` is the ``Action`` attribute it shows (None for a column that is only shown; its
    ``title`` is then the header); the header of a field column is the field's Dutch name
    (``ACTION_FIELD_LABELS``). ``kind`` says how it is written and read back: text, date, status,
    priority, act, theme, or info (shown, never read back).
    """

    field: str | None
    band: str
    width: float
    kind: str = "text"
    wrap: bool = False
    title: str = ""

    @property
    def header(self) -> str:
        return ACTION_FIELD_LABELS[self.field] if self.field else self.title


PLAN_COLUMNS: tuple[PlanColumn, ...] = (
    PlanColumn("id", "Plan", 11, "id"),
    PlanColumn("title", "Plan", 30, wrap=True),
    PlanColumn("description", "Plan", 20.5, wrap=True),
    PlanColumn(None, "Plan", 22, "info", wrap=True, title="Bron / onderdeel"),
    PlanColumn("theme", "Plan", 18, "theme", wrap=True),
    PlanColumn("priority", "Plan", 9, "priority"),
    PlanColumn("owner", "Plan", 17.5, wrap=True),
    PlanColumn("start", "Plan", 10.5, "date"),
    PlanColumn("end", "Plan", 10.5, "date"),
    PlanColumn("indicator", "Plan", 14, wrap=True),
    PlanColumn("target", "Plan", 12.5, wrap=True),
    PlanColumn("status", "Do", 11.5, "status"),
    PlanColumn("progress", "Do", 16, wrap=True),
    PlanColumn("measured_value", "Check", 10, wrap=True),
    PlanColumn("measured_on", "Check", 10.5, "date"),
    PlanColumn("conclusion", "Check", 15, wrap=True),
    PlanColumn("act", "Act", 10, "act"),
    PlanColumn("act_note", "Act", 15, wrap=True),
)

#: Field -> the Dutch column header, for messages and the preview.
FIELD_HEADERS: dict[str, str] = {c.field: c.header for c in PLAN_COLUMNS if c.field}

BAND_COLOURS = {"Plan": "1F4E79", "Do": "548235", "Check": "BF8F00", "Act": "7B2C83"}
BAND_LIGHT = {"Plan": "DDEBF7", "Do": "E2EFDA", "Check": "FFF2CC", "Act": "EADCF0"}
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
    for col, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row=row, column=col, value=clean(header))
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = _BORDER
        ws.column_dimensions[get_column_letter(col)].width = width
    # Bold headers are wider than body text: count them one unit narrower.
    lines = max(lines_needed(h, w - 1) for h, w in zip(headers, widths, strict=True)) if headers else 1
    if lines > 1:
        ws.row_dimensions[row].height = LINE_HEIGHT * lines + 2


def _write_rows(ws: Worksheet, first_row: int, rows: list[list[object]], wrap_cols: set[int]) -> int:
    """Writes plain rows with borders and top alignment; returns the last row written."""
    row_no = first_row - 1
    for row_no, values in enumerate(rows, start=first_row):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row_no, column=col, value=clean(value))
            cell.border = _BORDER
            cell.alignment = _WRAP_TOP if col in wrap_cols else _TOP
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
    widths = {col: ws.column_dimensions[get_column_letter(col)].width for col in wrap_cols}
    fit_rows(ws, first_row, row_no, widths)
    return row_no


def _sheet_title(ws: Worksheet, title: str, subtitle: str = "") -> None:
    ws["A1"] = clean(title)
    ws["A1"].font = _TITLE_FONT
    if subtitle:
        ws["A2"] = clean(subtitle)
        ws["A2"].font = _MUTED


# --------------------------------------------------------------------------- Verbeterplan


def _write_plan_sheet(ws: Worksheet, checklists: ChecklistSet, assessment: Assessment, actions: list[Action]) -> None:
    ncols = len(PLAN_COLUMNS)
    last_letter = get_column_letter(ncols)
    org = assessment.organisation.name
    ws.cell(row=PLAN_TITLE_ROW, column=1, value=clean(f"Verbeterplan {org} – peildatum {_date_text(assessment.peildatum)}"))
    ws.cell(row=PLAN_TITLE_ROW, column=1).font = _TITLE_FONT
    ws.row_dimensions[PLAN_TITLE_ROW].height = 24

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
            ws.merge_cells(start_row=PLAN_BAND_ROW, start_column=col, end_row=PLAN_BAND_ROW, end_column=end)
        col = end + 1

    header_fills = {band: PatternFill("solid", fgColor=BAND_LIGHT[band]) for band in BAND_LIGHT}
    for c, column in enumerate(PLAN_COLUMNS, start=1):
        cell = ws.cell(row=PLAN_HEADER_ROW, column=c, value=column.header)
        cell.font = _BOLD
        cell.fill = header_fills[column.band]
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = _BORDER
        ws.column_dimensions[get_column_letter(c)].width = column.width
    ws.row_dimensions[PLAN_HEADER_ROW].height = 30

    first = PLAN_HEADER_ROW + 1
    themes = {tid: t.label for tid, t in checklists.themes.items()}
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
    for r, action in enumerate(actions, start=first):
        for c, column in enumerate(PLAN_COLUMNS, start=1):
            if column.kind == "info":
                value: object = action_source_text(checklists, action)
            else:
                raw = getattr(action, column.field)  # type: ignore[arg-type]
                if column.kind == "status":
                    value = ACTION_STATUS_LABELS[raw]
                elif column.kind == "priority":
                    value = PRIORITY_LABELS[raw]
                elif column.kind == "act":
                    value = ACT_CHOICE_LABELS[raw] if raw else None
                elif column.kind == "theme":
                    value = themes.get(raw, raw)
                else:
                    value = raw if raw != "" else None
            cell = ws.cell(row=r, column=c, value=clean(value))
            cell._style = copy(column_styles[c - 1])
    # A table needs at least one data row; an empty plan gets one empty row to type in.
    last = max(first, first + len(actions) - 1)

    fit_rows(ws, first, last, {i: c.width for i, c in enumerate(PLAN_COLUMNS, start=1) if c.wrap})

    table = Table(displayName=PLAN_TABLE_NAME, ref=f"A{PLAN_HEADER_ROW}:{last_letter}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = ws.cell(row=first, column=3)

    letters = {column.kind if column.kind in {"status", "priority", "act", "theme"} else column.field: get_column_letter(i)
               for i, column in enumerate(PLAN_COLUMNS, start=1)}
    # Dropdowns run well below the table so rows typed by hand get them too. Lists are inline
    # (status, priority, act) or a defined name (themes): Excel's extension format, which
    # cross-sheet references would need, is dropped by openpyxl and some other programs.
    dv_last = last + 200

    def add_list(kind: str, formula: str, title: str) -> None:
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, errorStyle="warning",
                            showErrorMessage=True, errorTitle=title,
                            error="Kies een waarde uit de lijst.", promptTitle=title)
        dv.add(f"{letters[kind]}{first}:{letters[kind]}{dv_last}")
        ws.add_data_validation(dv)

    add_list("status", '"' + ",".join(ACTION_STATUS_LABELS.values()) + '"', "Status")
    add_list("priority", '"' + ",".join(PRIORITY_LABELS.values()) + '"', "Prioriteit")
    add_list("act", '"' + ",".join(ACT_CHOICE_LABELS.values()) + '"', "PDCA-keuze")
    if checklists.themes:
        add_list("theme", THEME_LIST_NAME, "Thema")  # OOXML stores formulas without "="
    for field in ("start", "end", "measured_on"):
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
    overdue = (f'AND(ISNUMBER(${e}{first}),${e}{first}<TODAY(),'
               f'LOWER(TRIM(${s}{first}))<>"{done[0]}",LOWER(TRIM(${s}{first}))<>"{done[1]}")')
    ws.conditional_formatting.add(
        f"{e}{first}:{e}{dv_last}",
        FormulaRule(formula=[overdue], fill=PatternFill("solid", bgColor="FFC7CE"), font=Font(name="Calibri", bold=True, color="9C0006")),
    )
    ws.conditional_formatting.add(
        f"A{first}:A{dv_last}",
        FormulaRule(formula=[overdue], fill=PatternFill("solid", bgColor="FFC7CE"), font=Font(name="Calibri", bold=True, color="9C0006")),
    )

    print_setup(ws, org, title_rows=f"{PLAN_BAND_ROW}:{PLAN_HEADER_ROW}")
    ws.print_area = f"A1:{last_letter}{last}"


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
        longest = max((len(line) for row in rows if isinstance(row[i], str) for line in row[i].split("\n")),
                      default=0)
        header_min = max(len(word) for word in header.split()) + 2
        widths.append(max(header_min, min(width, longest / CHARS_PER_WIDTH + 1.5)))
    return widths


def has_individual_answers(assessment: Assessment) -> bool:
    """True when any item of the scan has individual (workshop) answers."""
    return any(answer.individual for answer in assessment.answers.values())


def spread_cell_text(checklists: ChecklistSet, item_id: str, agreed: str | None, individual: list[str]) -> str | None:
    """'Ingevoerd 3 · Niet ingevoerd 1 (4 antwoorden)', plus a note when the agreed answer is not
    (one of) the option(s) most participants chose; None without individual answers."""
    if not individual:
        return None
    s = item_spread(checklists, item_id, individual)
    text = s.text()
    if s.unknown:
        text += f"; {s.unknown} onbekend"
    top = s.most_chosen()
    if agreed and top and agreed not in top:
        labels = {oid: label for oid, label, _ in s.counts}
        text += f"\nLet op: afspraak wijkt af van meest gekozen ({' / '.join(labels[t] for t in top)})."
    return text


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
    subtitle = f"{fw.title}, versie {fw.version}. Bron: {fw.source.cite()}."
    if excluded:
        subtitle += f" Buiten scope: {excluded.justification}"
    _sheet_title(ws, fw.title, subtitle)

    # A framework without sections (BSC) gets no column that says 'Organisatiebreed' on every row.
    has_sections = bool(fw.sections)
    columns: list[tuple[str, float, bool]] = [("ID", 9, False)]
    if has_sections:
        columns.append((fw.section_label, 18, True))
    columns.append((fw.item_label, 38, True))
    if has_duty:
        columns += [("Recht van de burger", 30, True), ("Plicht van de overheid", 30, True)]
    if has_legal:
        columns += [("Status in regelgeving", 14, True)]
    if has_origin:
        columns += [("Herkomst", 34, True)]
    if has_current:
        columns += [("Stand 2026", 40, True)]
    columns += [("Antwoord", 14, True), ("Uitleg / toelichting", 30, True), ("Notities", 22, True)]
    if has_analysis:
        columns += [("Belemmeringen", 22, True), ("Oorzaken", 22, True), ("Oplossingen", 22, True)]
    if has_poll:
        columns += [("Draagvlak: ja", 8, False), ("twijfel", 8, False), ("nee", 8, False)]
    if has_spread:
        columns += [("Spreiding deelnemers", 32, True)]
    columns += [("Bron", 20, True)]
    header_row = 4

    rows: list[list[object]] = []
    sections = [(None, fw.items), *((s, s.items) for s in fw.sections)]
    for section, section_items in sections:
        section_text = "Organisatiebreed" if section is None else section.heading()
        exclusion = assessment.out_of_scope.get(section.id) if section is not None else None
        if exclusion is not None:
            section_text += f" (buiten scope: {exclusion.justification})"
        for item in section_items:
            answer = answers.get(item.id)
            scale = checklists.scale_for(item.id)
            option = scale.option(answer.option) if answer and answer.option else None
            row: list[object] = [item.id, section_text, item.text] if has_sections else [item.id, item.text]
            if has_duty:
                row += [item.right or None, item.duty or None]
            if has_legal:
                row += [LEGAL_STATUS_LABELS.get(item.legal_status, "") if item.legal_status else None]
            if has_origin:
                row += [item.provenance.text() if item.provenance else None]
            if has_current:
                note = checklists.current_note(item.id)
                row += [note.full_text() if note else None]
            row += [option.label if option else "Niet beantwoord",
                    (answer.explanation or None) if answer else None,
                    (answer.notes or None) if answer else None]
            if has_analysis:
                row += [_join(answer.barriers) if answer else None,
                        _join(answer.causes) if answer else None,
                        _join(answer.solutions) if answer else None]
            if has_poll:
                poll = answer.poll if answer else None
                row += [poll.ja, poll.twijfel, poll.nee] if poll else [None, None, None]
            if has_spread:
                row.append(spread_cell_text(checklists, item.id, answer.option if answer else None,
                                            answer.individual if answer else []))
            row.append(item.source.cite())
            rows.append(row)
    widths = _content_widths(columns, rows)
    _header_row(ws, header_row, [c[0] for c in columns], widths)
    wrap = {i for i, c in enumerate(columns, start=1) if c[2]}
    last = _write_rows(ws, header_row + 1, rows, wrap)
    answer_col = [c[0] for c in columns].index("Antwoord") + 1
    for r in range(header_row + 1, last + 1):
        cell = ws.cell(row=r, column=answer_col)
        if cell.value == "Niet beantwoord":
            cell.font = _MUTED
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{max(last, header_row + 1)}"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=4 if has_sections else 3)
    print_setup(ws, assessment.organisation.name, title_rows=f"{header_row}:{header_row}")


# --------------------------------------------------------------------------- Kengetallen, Bronnen


def _write_key_figures(ws: Worksheet, checklists: ChecklistSet, assessment: Assessment, report: ScoreReport) -> None:
    _sheet_title(ws, "Kengetallen", "Ingevulde kengetallen naast de norm of referentie uit de bronnen.")
    columns = [("Kengetal", 34, True), ("Waarde", 13, True), ("Datum", 11, False),
               ("Benchmark (soort)", 30, True), ("Vergelijking", 46, True), ("Toelichting", 26, True),
               ("Bron", 30, True)]
    _header_row(ws, 4, [c[0] for c in columns], [c[1] for c in columns])
    rows: list[list[object]] = []
    for result in report.key_figures:
        entered = assessment.key_figures.get(result.id)
        comparison = result.comparison
        norms = _join([f"{b.label}: {b.value_text} ({b.kind_label})" for b in comparison.benchmarks]) if comparison else None
        sources = [checklists.key_figures[result.id].source.cite()] if result.id in checklists.key_figures else []
        if comparison:
            sources += [b.source_sentence for b in comparison.benchmarks]
        rows.append([
            result.label,
            result.value_text,
            entered.date if entered and entered.date else None,
            norms or "geen norm bekend",
            comparison.sentence if comparison else None,
            result.note or None,
            _join(list(dict.fromkeys(sources))),
        ])
    last = _write_rows(ws, 5, rows, {i for i, c in enumerate(columns, start=1) if c[2]})
    for r in range(5, last + 1):
        if ws.cell(row=r, column=2).value == "niet ingevuld":
            ws.cell(row=r, column=2).font = _MUTED
    ws.freeze_panes = "B5"
    if last >= 5:
        ws.auto_filter.ref = f"A4:{get_column_letter(len(columns))}{last}"
    print_setup(ws, assessment.organisation.name, title_rows="4:4")


def _write_sources(ws: Worksheet, checklists: ChecklistSet, frameworks: list[Framework], organisation: str) -> None:
    _sheet_title(ws, "Bronnen", "Elke bron die in dit verbeterplan wordt aangehaald, met de vindplaats en waar zij is gebruikt.")
    columns = [("Bron", 34, True), ("Vindplaats", 22, True), ("Gebruikt bij", 70, True)]
    _header_row(ws, 4, [c[0] for c in columns], [c[1] for c in columns])
    rows: list[list[object]] = []
    for document in sorted(checklists_sources := cited_sources(checklists, frameworks)):
        for section in sorted(checklists_sources[document]):
            used = list(dict.fromkeys(checklists_sources[document][section]))
            rows.append([document, section or "(hele document)", ", ".join(used)])
    _write_rows(ws, 5, rows, {1, 2, 3})
    ws.freeze_panes = "A5"
    print_setup(ws, organisation, title_rows="4:4", landscape=False)


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
        ws.cell(row=r, column=1, value=key)
        ws.cell(row=r, column=2, value=clean(value))
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
                         "Bewerk het blad Verbeterplan en lees het terug met Dienstscan (import-plan).")
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
    report = score(checklists, assessment)
    wb = Workbook()
    summary = wb.active
    summary.title = SUMMARY_SHEET
    actions = visible_actions(assessment)
    taken = {SUMMARY_SHEET, PLAN_SHEET, KEYFIGURE_SHEET, SOURCES_SHEET, META_SHEET, PROGRESS_SHEET}
    progress_ws = wb.create_sheet(PROGRESS_SHEET) if baseline is not None else None
    plan_ws = wb.create_sheet(PLAN_SHEET)
    in_scope = [fw for fw in checklists.frameworks if fw.id in assessment.frameworks]
    fw_sheets = [(fw, wb.create_sheet(_safe_sheet_title(fw.short_title, taken))) for fw in in_scope]
    kf_ws = wb.create_sheet(KEYFIGURE_SHEET)
    src_ws = wb.create_sheet(SOURCES_SHEET)
    meta_ws = wb.create_sheet(META_SHEET)

    write_summary(summary, checklists, assessment, actions, report)
    if progress_ws is not None:
        write_progress_sheet(progress_ws, compare_scans(checklists, baseline, assessment),
                             assessment.organisation.name)
    _write_plan_sheet(plan_ws, checklists, assessment, actions)
    for fw, ws in fw_sheets:
        _write_framework_sheet(ws, checklists, assessment, fw)
    _write_key_figures(kf_ws, checklists, assessment, report)
    _write_sources(src_ws, checklists, in_scope, assessment.organisation.name)
    _write_meta(wb, meta_ws, checklists, assessment, actions)
    _set_properties(wb, assessment)
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    wb.active = 0
    return wb


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def export_plan(checklists: ChecklistSet, assessment: Assessment, path: Path, *,
                baseline: Assessment | None = None) -> None:
    """Write the improvement plan workbook to ``path``: a fresh file, moved into place at once.

    ``baseline``: an earlier scan of the organisation; adds the *Voortgang* sheet.

    Raises ``OSError`` when the folder cannot be written (e.g. the file is open in Excel on
    Windows); the previous file, if any, is then left as it was.
    """
    path = Path(path)
    wb = build_workbook(checklists, assessment, baseline=baseline)
    fd, tmp_name = tempfile.mkstemp(prefix=".dienstscan-", suffix=".xlsx", dir=path.parent or None)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        wb.save(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private; a plan is a normal document
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


__all__ = [
    "FIELD_HEADERS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "PLAN_COLUMNS",
    "PlanColumn",
    "build_workbook",
    "export_plan",
]
