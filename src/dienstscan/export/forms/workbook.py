"""Per-participant Excel forms for a workshop: everyone answers alone first, the app reads them back.

``write_participant_form`` makes one workbook per participant (sent round by e-mail before the
session): one row per item in scope with a dropdown of the scale's answers, the layout protected
(only the answer and remark cells can be edited) and the instructions in Dutch. A hidden sheet
records the scan it belongs to and a form id, so a form of another scan, or the same form read
twice, is refused.

``read_participant_forms`` reads any number of filled-in forms and returns the answers per item
(anonymous option ids, in the order read) and every problem as a Dutch message naming the file
and ``sheet!cell``. It never writes; ``dienstscan.operations.apply_form_answers`` puts the answers
into the scan as ``Answer.individual`` under the one policy of forms. Individual answers are reported
as a spread (``dienstscan.scoring.spread``), never averaged into the score.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ...model.assessment import Assessment, items_in_scope
from ...model.checklist import ChecklistSet, Framework, Item, Scale, Section
from ...storage import SaveError, atomic_write_bytes
from ...storage.filenames import safe_file_name
from ..common.cells import text_only
from ..common.layout import clean
from ..common.reading import WorkbookReadError, cell_problem, open_workbook

FORM_FORMAT = "dienstscan-deelnemersformulier"
FORM_VERSION = 1
FORM_SHEET = "Formulier"
CHOICES_SHEET = "Keuzes"
META_SHEET = "Dienstscan"

HEADERS = ("Nr.", "Kader", "Onderdeel", "Norm, instrument of stelling", "Uw antwoord", "Toelichting (mag leeg)")
WIDTHS = (11, 14, 24, 70, 28, 40)
COL_ID, COL_ANSWER, COL_REMARK = 1, 5, 6
HEADER_ROW = 8

INSTRUCTIONS = (
    "Vul dit formulier alleen in, vóór de bijeenkomst. Uw antwoorden blijven anoniem: de app telt "
    "alleen hoe vaak elk antwoord is gekozen en laat in de bijeenkomst zien waar de meningen "
    "uiteenlopen. Het antwoord van de groep wordt daarna samen vastgesteld.",
    "Kies per regel in de kolom 'Uw antwoord' een antwoord uit de keuzelijst (klik op de cel en "
    "daarna op het pijltje). Weet u het niet, laat de cel dan leeg of kies 'Onbekend'.",
    "Verander de andere kolommen niet; het formulier is beveiligd (zonder wachtwoord) zodat de "
    "regels bij de juiste vragen blijven. Sla het bestand op en stuur het terug aan de begeleider.",
)

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="1F3864")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")


class FormFileError(Exception):
    """A workbook that cannot be written; the message says why, in Dutch."""


@dataclass
class FormsResult:
    """What ``read_participant_forms`` found: answers per item, remarks, problems."""

    #: item id -> individual option ids (anonymous), in the order the forms were read.
    answers: dict[str, list[str]] = field(default_factory=dict)
    #: item id -> remarks participants wrote (anonymous).
    remarks: dict[str, list[str]] = field(default_factory=dict)
    #: Number of forms read without a form-wide problem.
    forms_read: int = 0
    #: Dutch messages: "Deelnemer 1.xlsx, Formulier!E12: 'misschien' is geen antwoord ...".
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        lines = [f"{self.forms_read} {'formulier' if self.forms_read == 1 else 'formulieren'} gelezen, "
                 f"{sum(len(v) for v in self.answers.values())} antwoorden op {len(self.answers)} items."]
        if self.problems:
            lines.append(f"{len(self.problems)} {'probleem' if len(self.problems) == 1 else 'problemen'}:")
            lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)


def _norm(text: object) -> str:
    return " ".join(str(text).replace("\u00a0", " ").split()).casefold()


def _item_text(item: Item) -> str:
    if item.right or item.duty:
        return "\n".join(t for t in (item.text, item.right, item.duty) if t)
    return item.text


def _section_text(fw: Framework, section: Section | None) -> str:
    return section.heading(fw.section_label) if section is not None else "Hele organisatie"


def form_file_name(assessment: Assessment, participant_label: str, folder: Path | None = None,
                   number: int | None = None) -> str:
    """'Deelnemersformulier Gemeente Voorbeeld - Deelnemer 3.xlsx': safe for every file system
    (no character Windows forbids, no device name, at most 255 bytes, within MAX_PATH in ``folder``);
    ``number`` tells apart two names alike up to where they were shortened: '... (2).xlsx'."""
    raw = f"Deelnemersformulier {assessment.organisation.name} - {participant_label}"
    tail = f" ({number}).xlsx" if number is not None else ".xlsx"
    return safe_file_name(raw, tail, folder=folder, fallback="Deelnemersformulier")


def write_participant_form(checklists: ChecklistSet, assessment: Assessment, path: Path,
                           participant_label: str) -> None:
    """Write one participant's form to ``path`` (.xlsx). Raises ``FormFileError`` in Dutch."""
    path = Path(path)
    rows = list(items_in_scope(checklists, assessment))
    if not rows:
        raise FormFileError("de scan heeft geen kaders of onderdelen in scope: er is niets om in te vullen")
    wb = Workbook()
    ws = wb.active
    ws.title = FORM_SHEET

    # The answer lists live on a hidden sheet: one column per scale (no 255-character limit).
    choices = wb.create_sheet(CHOICES_SHEET)
    scale_ranges: dict[str, str] = {}
    used_scales: list[Scale] = []
    for _, _, item in rows:
        scale = checklists.scale_for(item.id)
        if scale.id not in scale_ranges:
            col = get_column_letter(len(used_scales) + 1)
            choices.cell(row=1, column=len(used_scales) + 1, value=clean(scale.label))
            for r, opt in enumerate(scale.options, start=2):
                choices.cell(row=r, column=len(used_scales) + 1, value=clean(opt.label))
            scale_ranges[scale.id] = f"{quote_sheetname(CHOICES_SHEET)}!${col}$2:${col}${len(scale.options) + 1}"
            used_scales.append(scale)
    choices.sheet_state = "hidden"
    choices.protection.sheet = True

    ws["A1"] = clean(f"Deelnemersformulier {assessment.organisation.name}")
    ws["A1"].font = Font(size=16, bold=True)
    ws["A2"] = clean(f"Voor: {participant_label} · peildatum {assessment.peildatum:%d-%m-%Y}")
    ws["A2"].font = Font(size=11, italic=True)
    for n, text in enumerate(INSTRUCTIONS, start=3):
        ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=len(HEADERS))
        cell = ws.cell(row=n, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[n].height = 45
    for col, (header, width) in enumerate(zip(HEADERS, WIDTHS), start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = _BORDER
        ws.column_dimensions[get_column_letter(col)].width = width

    validations: dict[str, DataValidation] = {}
    for scale in used_scales:
        dv = DataValidation(type="list", formula1=f"={scale_ranges[scale.id]}", allow_blank=True,
                            showDropDown=False)  # False = show the arrow (openpyxl's inverted name)
        dv.errorTitle = "Geen geldig antwoord"
        dv.error = f"Kies een antwoord uit de lijst ({scale.label})."
        dv.promptTitle = "Uw antwoord"
        dv.prompt = "Kies uit de lijst: " + " / ".join(o.label for o in scale.options)
        dv.showErrorMessage = True
        dv.showInputMessage = True
        ws.add_data_validation(dv)
        validations[scale.id] = dv

    for r, (fw, section, item) in enumerate(rows, start=HEADER_ROW + 1):
        text = _item_text(item)
        values = (item.id, fw.short_title, _section_text(fw, section), text, None, None)
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col, value=clean(value) if value is not None else None)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = _BORDER
            if col in (COL_ANSWER, COL_REMARK):
                cell.protection = Protection(locked=False)
                cell.fill = _INPUT_FILL
        validations[checklists.scale_for(item.id).id].add(ws.cell(row=r, column=COL_ANSWER))
        lines = sum(max(1, -(-len(part) // 75)) for part in text.split("\n"))
        ws.row_dimensions[r].height = max(30, 15 * lines + 4)

    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.protection.sheet = True  # no password: it keeps the layout, it is not a secret
    ws.protection.formatColumns = False  # columns may still be widened
    ws.protection.formatRows = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"

    meta = wb.create_sheet(META_SHEET)
    meta_rows = (("format", FORM_FORMAT), ("versie", FORM_VERSION), ("scan", assessment.id),
                 ("organisatie", assessment.organisation.name), ("formulier", str(uuid.uuid4())),
                 ("deelnemer", participant_label))
    for r, (key, value) in enumerate(meta_rows, start=1):
        meta.cell(row=r, column=1, value=key)
        meta.cell(row=r, column=2, value=clean(value))
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    wb.properties.title = clean(f"Deelnemersformulier {assessment.organisation.name}")
    wb.properties.creator = "Dienstscan"
    text_only(wb)  # no participant or organisation name becomes a live formula
    buffer = io.BytesIO()
    wb.save(buffer)
    try:
        atomic_write_bytes(path, buffer.getvalue())
    except SaveError as exc:
        raise FormFileError(str(exc)) from exc


def write_participant_forms(checklists: ChecklistSet, assessment: Assessment, folder: Path,
                            participant_labels: list[str]) -> list[Path]:
    """One form per participant in ``folder``; returns the paths written."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FormFileError(f"de map {folder} bestaat niet")
    paths: list[Path] = []
    for label in participant_labels:
        path = folder / form_file_name(assessment, label, folder)
        if path in paths:  # two long names alike up to where they were shortened
            path = folder / form_file_name(assessment, label, folder, number=len(paths) + 1)
        write_participant_form(checklists, assessment, path, label)
        paths.append(path)
    return paths


def _option_lookup(scale: Scale) -> dict[str, str]:
    lookup = {}
    for opt in scale.options:
        lookup[_norm(opt.label)] = opt.id
        lookup.setdefault(_norm(opt.id), opt.id)
    return lookup


def _read_meta(wb, name: str, assessment: Assessment) -> tuple[dict[str, str] | None, str | None]:
    if META_SHEET not in wb.sheetnames or FORM_SHEET not in wb.sheetnames:
        return None, f"{name}: dit is geen deelnemersformulier van Dienstscan (het blad '{META_SHEET}' of '{FORM_SHEET}' ontbreekt)"
    meta_ws = wb[META_SHEET]
    meta = {str(row[0]): "" if row[1] is None else str(row[1])
            for row in meta_ws.iter_rows(min_row=1, max_col=2, values_only=True) if row[0] is not None}
    if meta.get("format") != FORM_FORMAT:
        return None, f"{name}: dit is geen deelnemersformulier van Dienstscan"
    try:
        version = int(meta.get("versie", ""))
    except ValueError:
        version = -1
    if version != FORM_VERSION:
        return None, f"{name}: formulierversie {meta.get('versie')!r} wordt niet ondersteund (verwacht {FORM_VERSION})"
    if meta.get("scan") != assessment.id:
        return None, (f"{name}: dit formulier hoort bij een andere scan ({meta.get('organisatie') or 'onbekend'}), "
                      f"niet bij de scan van {assessment.organisation.name}; het is niet ingelezen")
    return meta, None


def read_participant_forms(checklists: ChecklistSet, assessment: Assessment, paths: list[Path]) -> FormsResult:
    """Read filled-in forms; never writes. Problems are Dutch, with file name and ``sheet!cell``."""
    result = FormsResult()
    in_scope = {item.id for _, _, item in items_in_scope(checklists, assessment)}
    seen_forms: dict[str, str] = {}
    for path in paths:
        path = Path(path)
        name = path.name
        if not path.exists():
            result.problems.append(f"{name}: het bestand bestaat niet ({path})")
            continue
        try:
            book = open_workbook(path)
        except WorkbookReadError as exc:
            result.problems.append(f"{name}: kan het formulier niet lezen. {exc}")
            continue
        wb = book.values
        meta, problem = _read_meta(wb, name, assessment)
        if problem:
            result.problems.append(problem)
            continue
        form_id = meta.get("formulier", "")
        if form_id in seen_forms:
            result.problems.append(f"{name}: dit formulier ({meta.get('deelnemer', '')}) is al ingelezen als "
                                   f"{seen_forms[form_id]}; het telt maar één keer")
            continue
        seen_forms[form_id] = name
        ws = wb[FORM_SHEET]
        form_answers: dict[str, str] = {}
        form_remarks: dict[str, str] = {}
        problems: list[str] = []
        for r in range(HEADER_ROW + 1, ws.max_row + 1):
            id_cell = ws.cell(row=r, column=COL_ID)
            answer_cell = ws.cell(row=r, column=COL_ANSWER)
            remark_cell = ws.cell(row=r, column=COL_REMARK)
            unreadable = [(cell, problem) for cell in (id_cell, answer_cell, remark_cell)
                          if (problem := cell_problem(book, FORM_SHEET, r, cell.column)) is not None]
            if unreadable:  # a formula without a value or #N/A is never read as empty or as text
                problems += [f"{name}, {FORM_SHEET}!{cell.coordinate}: {problem}" for cell, problem in unreadable]
                continue
            item_id = str(id_cell.value).strip() if id_cell.value is not None else ""
            has_input = answer_cell.value not in (None, "") or remark_cell.value not in (None, "")
            if not item_id:
                if has_input:
                    problems.append(f"{name}, {FORM_SHEET}!{answer_cell.coordinate}: antwoord op een regel "
                                    f"zonder nummer in kolom A; niet meegeteld")
                continue
            if item_id not in in_scope:
                problems.append(f"{name}, {FORM_SHEET}!{id_cell.coordinate}: '{item_id}' is geen item van deze scan")
                continue
            if item_id in form_answers or item_id in form_remarks:
                problems.append(f"{name}, {FORM_SHEET}!{id_cell.coordinate}: {item_id} staat twee keer in het formulier")
                continue
            if remark_cell.value not in (None, ""):
                form_remarks[item_id] = str(remark_cell.value).strip()
            if answer_cell.value in (None, "") or not str(answer_cell.value).strip():
                continue
            scale = checklists.scale_for(item_id)
            option_id = _option_lookup(scale).get(_norm(answer_cell.value))
            if option_id is None:
                allowed = ", ".join(f"'{o.label}'" for o in scale.options)
                problems.append(f"{name}, {FORM_SHEET}!{answer_cell.coordinate}: '{answer_cell.value}' is geen "
                                f"antwoord bij {item_id}; kies uit {allowed}")
                continue
            form_answers[item_id] = option_id
        result.problems.extend(problems)
        result.forms_read += 1
        for item_id, option_id in form_answers.items():
            result.answers.setdefault(item_id, []).append(option_id)
        for item_id, remark in form_remarks.items():
            result.remarks.setdefault(item_id, []).append(remark)
    return result

