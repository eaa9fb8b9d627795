"""Read an edited Excel plan back into a scan: preview first, then all or nothing.

``read_plan`` never writes: it returns a ``PlanImport`` with the changes per action (field,
old -> new), the rows added by hand (new actions), the rows deleted (reported, never applied)
and every cell it could not read, all at once, as Dutch messages naming sheet and cell
("Verbeterplan!H12: 'volgende week' is geen datum"). ``apply_plan_import`` applies it only when
there are no errors, and builds every changed action before it touches the scan.

It survives the real world: columns are found by their header text (widened, moved or extra
columns do not matter), rows are matched by action id (sorted or filtered rows do not matter),
dates may be real dates, Excel serial numbers or text ("1-3-2027", "1 maart 2027"), and
choices may be typed in any case with stray spaces. A workbook that is not a Dienstscan plan,
that belongs to another scan or that is damaged raises ``PlanFileError``.

What it cannot read it never guesses: a formula without a computed value, an Excel error value
(``#DIV/0!``), merged cells over the plan's fields, a second column with the same header and a date
outside 1900-2199 are each a problem named by sheet!cell, and the import is refused. Rows far below
the table (under many empty rows) are read too, with a note saying so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from ...model.assessment import (
    ACT_CHOICE_LABELS,
    ACTION_STATUS_LABELS,
    PRIORITY_LABELS,
    Action,
    Assessment,
)
from ...model.checklist import FIRST_YEAR, LAST_YEAR, ChecklistSet
from ...model.typed_date import TypedDateError, parse_typed_date
from ...plan import DECISION_LABELS, decision_record_problem, is_undecided, undecided_status_problem
from ...storage.messages import problem_text
from .workbook import (
    FIELD_HEADERS,
    FORMAT_NAME,
    FORMAT_VERSION,
    META_SHEET,
    PLAN_COLUMNS,
    PROPOSALS_HEADING,
    WORK_SHEET,
    WORK_SHEET_V1,
    PlanColumn,
)
from ..common.layout import clean
from ..common.plan_view import ACCEPTED, DECISION_CHOICES, OWN_ACTION, REJECTED, UNDECIDED
from ..common.reading import OpenedWorkbook, WorkbookReadError, cell_problem, filled_rows, merged_ranges, open_workbook


class PlanFileError(Exception):
    """The workbook cannot be read as this scan's plan; the message says why, in Dutch."""


_OWN_ID = re.compile(r"^E-(\d+)$")

#: A filled row below this many empty ones gets a note: it is read, but the user may not know it is there.
_FAR_BELOW = 50

#: The fields a plan row may change, in column order.
EDITABLE_FIELDS = tuple(c.field for c in PLAN_COLUMNS if c.field and c.kind != "id")


def _norm(text: str) -> str:
    """Lower case, single spaces, underscores as spaces: how choices and headers are compared."""
    return " ".join(text.replace("_", " ").replace("\u00a0", " ").split()).casefold()


def _choices(labels: dict[str, str]) -> dict[str, str]:
    """Label or id, normalised -> id."""
    lookup = {_norm(label): key for key, label in labels.items()}
    lookup.update({_norm(key): key for key in labels})
    return lookup


_STATUS = _choices(ACTION_STATUS_LABELS)
_PRIORITY = _choices(PRIORITY_LABELS)
_ACT = _choices(ACT_CHOICE_LABELS)
#: The Besluit column: the dropdown's words, and the plan page's words typed by hand. "eigen" is
#: no decision of its own: it says the row is an own action (accepted when it was written).
_OWN = "eigen"
_DECISION = {
    **_choices(DECISION_LABELS),
    _norm(UNDECIDED): "voorgesteld",
    _norm(ACCEPTED): "geaccepteerd",
    _norm("aangenomen"): "geaccepteerd",
    _norm(REJECTED): "afgewezen",
    _norm(OWN_ACTION): _OWN,
}


def parse_date(value: Any) -> dt.date | None:
    """A cell value as a date; None for an empty cell. Raises ValueError when it is no date.

    Accepts real dates, Excel serial numbers and Dutch text: ``1-3-2027``, ``01/03/27``,
    ``2027-03-01``, ``1 maart 2027``, ``1 mrt. 2027``.
    """
    date = _parse_date(value)
    if date is not None and not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise ValueError(f"valt buiten de jaren {FIRST_YEAR}-{LAST_YEAR}")
    return date


def _parse_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        if not 1 <= value < 2_958_466:  # Excel's range: 1-1-1900 .. 31-12-9999
            raise ValueError(value)
        return from_excel(value).date()
    # typed text: the app's date fields' rule (model.typed_date), so a date the plan page takes
    # is taken from the workbook too
    return parse_typed_date(str(value).replace("\u00a0", " "))


def _text(value: Any, number_format: str = "General") -> str:
    """A cell value as text, the way a person typed it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d-%m-%Y")
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, (int, float)):
        if "%" in (number_format or ""):
            value = value * 100
            suffix = "%"
        else:
            suffix = ""
        if float(value).is_integer():
            return f"{int(value)}{suffix}"
        return f"{round(float(value), 6):g}".replace(".", ",") + suffix
    return str(value).strip()


def _show(field_name: str, value: Any, theme_labels: dict[str, str] | None) -> str:
    """A field value as the preview shows it."""
    if value is None or value == "":
        return "(leeg)"
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if field_name == "status":
        return ACTION_STATUS_LABELS.get(value, value)
    if field_name == "priority":
        return PRIORITY_LABELS.get(value, value)
    if field_name == "act":
        return ACT_CHOICE_LABELS.get(value, value)
    if field_name == "decision":
        return DECISION_LABELS.get(value, value)
    if field_name == "theme" and theme_labels and value in theme_labels:
        return theme_labels[value]
    text = str(value).replace("\n", " ")
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


@dataclass
class FieldChange:
    field: str
    label: str
    old: Any
    new: Any
    old_text: str
    new_text: str


@dataclass
class ActionChange:
    action_id: str
    title: str
    row: int
    fields: list[FieldChange]


@dataclass
class DeletedRow:
    action_id: str
    title: str


@dataclass
class PlanImport:
    """What reading the plan found; nothing is applied until ``apply_plan_import``."""

    path: Path
    scan_id: str
    changes: list[ActionChange] = field(default_factory=list)
    new_actions: list[Action] = field(default_factory=list)
    deleted: list[DeletedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unchanged: int = 0
    #: Notes that are no error (e.g. a row for an action the scan no longer shows in the plan).
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def has_changes(self) -> bool:
        return bool(self.changes or self.new_actions)

    def describe(self) -> str:
        """The preview in Dutch: what would change, what is new, what was deleted, what is wrong."""
        lines = [f"Verbeterplan {self.path.name}:"]
        if self.errors:
            lines.append(f"{len(self.errors)} cel(len) kunnen niet worden gelezen; er wordt niets overgenomen "
                         "tot dit is verbeterd:")
            lines += [f"  {e}" for e in self.errors]
            return "\n".join(lines)
        if not self.has_changes and not self.deleted:
            lines.append("Geen wijzigingen: het verbeterplan komt overeen met de scan.")
        if self.changes:
            lines.append(f"Gewijzigde acties ({len(self.changes)}):")
            for change in self.changes:
                lines.append(f"  {change.action_id} {change.title}")
                for fc in change.fields:
                    lines.append(f"    {fc.label}: {fc.old_text} -> {fc.new_text}")
        if self.new_actions:
            lines.append(f"Nieuwe acties ({len(self.new_actions)}), met de hand toegevoegd:")
            for action in self.new_actions:
                extra = [f"{FIELD_HEADERS[f].lower()} {_show(f, getattr(action, f), None)}"
                         for f in ("owner", "end", "status") if getattr(action, f)]
                lines.append(f"  {action.id} {action.title}" + (f" ({', '.join(extra)})" if extra else ""))
        if self.deleted:
            lines.append(f"Verwijderde regels ({len(self.deleted)}): deze acties blijven in de scan staan. "
                         "Verwijder ze in Dienstscan of zet hun status op Vervallen:")
            lines += [f"  {d.action_id} {d.title}" for d in self.deleted]
        lines += self.notes
        if self.unchanged:
            lines.append(f"Ongewijzigd: {self.unchanged} actie(s).")
        return "\n".join(lines)


# --------------------------------------------------------------------------- reading


def _open(path: Path) -> OpenedWorkbook:
    try:
        return open_workbook(Path(path))
    except WorkbookReadError as exc:
        raise PlanFileError(str(exc)) from None


def _read_meta(wb, path: Path) -> dict[str, Any]:
    name = {ws.title.casefold(): ws.title for ws in wb.worksheets}
    not_ours = (f"{path.name} is geen verbeterplan van Dienstscan (het verborgen werkblad {META_SHEET} ontbreekt). "
                "Gebruik een werkmap die met 'Exporteren naar Excel' is gemaakt.")
    if META_SHEET.casefold() not in name:
        raise PlanFileError(not_ours)
    ws = wb[name[META_SHEET.casefold()]]
    meta: dict[str, Any] = {"actie": [], "themes": {}}
    for key, value, _, theme_label, theme_id in ws.iter_rows(min_row=1, max_col=5, values_only=True):
        if isinstance(theme_label, str) and isinstance(theme_id, str) and theme_id != "thema_id":
            meta["themes"][theme_id.strip()] = theme_label.strip()
        if not isinstance(key, str):
            continue
        if key == "actie":
            if value is not None:
                meta["actie"].append(str(value).strip())
        else:
            meta[key] = value
    if meta.get("formaat") != FORMAT_NAME:
        raise PlanFileError(not_ours)
    try:
        version = int(meta.get("formaatversie"))
    except (TypeError, ValueError):
        raise PlanFileError(f"{path.name}: het verborgen werkblad {META_SHEET} is beschadigd (formaatversie).") from None
    if version > FORMAT_VERSION:
        raise PlanFileError(f"{path.name} is gemaakt met een nieuwere versie van Dienstscan (formaat {version}); "
                            "werk Dienstscan bij om het terug te lezen.")
    if not meta.get("scan_id"):
        raise PlanFileError(f"{path.name}: het verborgen werkblad {META_SHEET} is beschadigd (scan-id ontbreekt).")
    meta["formaatversie"] = version
    return meta


def _find_header(ws: Worksheet) -> tuple[int, dict[str, int], list[tuple[str, int, int]]]:
    """The header row (searched in the first rows), header text -> column number, and the
    headers that stand there twice (header, first column, second column)."""
    wanted = {_norm(c.header) for c in PLAN_COLUMNS}
    best: tuple[int, dict[str, int], list[tuple[str, int, int]]] = (0, {}, [])
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=12, values_only=True), start=1):
        found: dict[str, int] = {}
        twice: list[tuple[str, int, int]] = []
        for c, value in enumerate(row, start=1):
            if isinstance(value, str) and _norm(value) in wanted:
                if _norm(value) in found:
                    twice.append((value.strip(), found[_norm(value)], c))
                else:
                    found[_norm(value)] = c
        if len(found) > len(best[1]):
            best = (r, found, twice)
    return best


def _dutch_date_text(value: Any) -> str:
    """The peildatum stored in the workbook (ISO text, or a date after a re-save) as 01-03-2026."""
    if value in (None, ""):
        return "onbekend"
    try:
        date = parse_date(value)
    except (ValueError, OverflowError):
        return str(value)[:40]
    return date.strftime("%d-%m-%Y") if date else "onbekend"


def _theme_labels(meta: dict[str, Any], checklists: ChecklistSet | None) -> dict[str, str]:
    """Theme id -> label: the list written into the workbook, and the checklists' when given."""
    labels = dict(meta["themes"])
    if checklists is not None:
        labels.update({tid: t.label for tid, t in checklists.themes.items()})
    return labels


def _read_cell(column: PlanColumn, cell, ref: str, errors: list[str], themes: dict[str, str],
               theme_names: str) -> Any:
    value = cell.value
    kind = column.kind
    if kind == "date":
        try:
            return parse_date(value)
        except TypedDateError as exc:
            # "de datum '1-3-0000': het jaar 0 ligt buiten ...": the message says it is about a date
            what = "de datum " if exc.problem.startswith(":") else ""
            errors.append(f"{ref}: {what}'{exc.shown}'{exc.problem} (typ bijvoorbeeld 1-3-2027 of 1 maart 2027)")
            return None
        except (ValueError, OverflowError) as exc:
            reason = str(exc) if str(exc).startswith("valt buiten") else ""
            shown = _text(value)[:60]
            if reason:
                errors.append(f"{ref}: de datum '{shown}' {reason}; typ een datum als 1-3-2027")
            else:
                errors.append(f"{ref}: '{shown}' is geen datum (typ bijvoorbeeld 1-3-2027 of 1 maart 2027)")
            return None
    text = _text(value, cell.number_format)
    if kind in {"status", "priority", "act"}:
        if not text:
            return None if kind == "act" else ""
        lookup, labels, name = {
            "status": (_STATUS, ACTION_STATUS_LABELS, "status"),
            "priority": (_PRIORITY, PRIORITY_LABELS, "prioriteit"),
            "act": (_ACT, ACT_CHOICE_LABELS, "PDCA-keuze"),
        }[kind]
        key = lookup.get(_norm(text))
        if key is None:
            errors.append(f"{ref}: '{text}' is geen geldige {name} (kies uit: {', '.join(labels.values())})")
        return key
    if kind == "decision":
        if not text:
            return None
        key = _DECISION.get(_norm(text))
        if key is None:
            errors.append(f"{ref}: '{text}' is geen besluit (kies uit: {', '.join(DECISION_CHOICES)})")
        return key
    if kind == "theme":
        if not text:
            return ""
        key = themes.get(_norm(text))
        if key is None:
            if not themes:
                return text
            errors.append(f"{ref}: '{text}' is geen bekend thema (kies uit: {theme_names})")
        return key
    return text


def read_plan(path: Path, assessment: Assessment, checklists: ChecklistSet | None = None) -> PlanImport:
    """Read an edited plan and compare it with ``assessment``; writes nothing.

    Theme names are matched with the theme list stored in the workbook (and with
    ``checklists`` when given).
    Raises ``PlanFileError`` for a workbook that is not a Dienstscan plan, belongs to another
    scan or is damaged; cell problems go to ``PlanImport.errors``.
    """
    path = Path(path)
    book = _open(path)
    wb = book.values
    meta = _read_meta(wb, path)
    if str(meta["scan_id"]).strip() != assessment.id:
        org = meta.get("organisatie") or "onbekend"
        date = _dutch_date_text(meta.get("peildatum"))
        raise PlanFileError(
            f"{path.name} hoort bij een andere scan ({org}, peildatum {date}) dan de geopende scan "
            f"({assessment.organisation.name}, peildatum {assessment.peildatum.strftime('%d-%m-%Y')}). "
            "Er is niets overgenomen."
        )
    sheets = {ws.title.casefold(): ws for ws in wb.worksheets}
    # Format 1 kept the working columns on the sheet Verbeterplan; since format 2 that is the
    # director's read-only view and the working sheet is Werkblad PDCA.
    wanted = WORK_SHEET if meta["formaatversie"] >= 2 else WORK_SHEET_V1
    ws = sheets.get(wanted.casefold())
    if ws is None:
        raise PlanFileError(f"{path.name}: het werkblad {wanted} ontbreekt; is het hernoemd of verwijderd?")
    # As Excel writes a reference: quoted only when the name has a space or another sign.
    sheet_ref = ws.title if re.fullmatch(r"\w+", ws.title) else "'" + ws.title.replace("'", "''") + "'"

    result = PlanImport(path=path, scan_id=assessment.id)
    errors = result.errors
    header_row, found, twice = _find_header(ws)
    for header, first, second in twice:
        errors.append(f"{sheet_ref}!{get_column_letter(second)}{header_row}: de kolom '{header}' staat twee keer "
                      f"in de koptekst (ook in {get_column_letter(first)}{header_row}); verwijder of hernoem een "
                      "van beide, anders is niet duidelijk welke geldt")
    columns: list[tuple[PlanColumn, int]] = []
    for column in PLAN_COLUMNS:
        col = found.get(_norm(column.header))
        if col is None:
            if column.kind != "info" and column.since <= meta["formaatversie"]:
                errors.append(f"{ws.title}: de kolom '{column.header}' ontbreekt (koptekst in rij "
                              f"{header_row or '?'}); zet de kolomkop terug")
            continue
        columns.append((column, col))
    if errors:
        return result

    theme_labels = _theme_labels(meta, checklists)
    themes = {_norm(label): tid for tid, label in theme_labels.items()}
    themes.update({_norm(tid): tid for tid in theme_labels})
    # A theme the checklists do not know (e.g. the default 'overig' of an own action) is written as
    # its id; it must read back unchanged rather than be refused.
    for action in assessment.actions:
        if action.theme:
            themes.setdefault(_norm(action.theme), action.theme)
    theme_names = ", ".join(theme_labels.values())
    existing = {a.id: a for a in assessment.actions}
    taken_numbers = [int(m.group(1)) for a in assessment.actions if (m := _OWN_ID.match(a.id))]
    next_own = max(taken_numbers, default=0) + 1
    seen: dict[str, int] = {}
    id_col = dict((c.kind, col) for c, col in columns)["id"]

    read_cols = {col for column, col in columns if column.kind != "info"}
    # Merged cells over the plan's fields: only the first cell keeps a value, the others read as
    # empty, which would silently clear fields or split one action into two rows.
    covered: set[int] = set()
    for merged in merged_ranges(book, ws.title):
        cols_hit = read_cols & set(range(merged.min_col, merged.max_col + 1))
        if merged.max_row <= header_row or not cols_hit:
            continue
        top = f"{get_column_letter(merged.min_col)}{max(merged.min_row, header_row + 1)}"
        errors.append(f"{sheet_ref}!{top}: de cellen {merged.coord} zijn samengevoegd; maak het samenvoegen "
                      "ongedaan en vul elke cel apart in")
        covered.update(range(max(merged.min_row, header_row + 1) + 1, merged.max_row + 1))
    previous_row = header_row
    for r in filled_rows(book, ws.title, header_row + 1, read_cols):
        if r in covered:
            continue  # already named as merged
        if r - previous_row > _FAR_BELOW:
            result.notes.append(f"Let op: {ws.title} rij {r} staat onder {r - previous_row - 1} lege regels; "
                                "die regel is ook gelezen.")
        previous_row = r
        first_cell = ws.cell(row=r, column=id_col).value
        if isinstance(first_cell, str) and (_norm(first_cell).startswith(_norm(PROPOSALS_HEADING))
                                            or _norm(first_cell) == _norm(FIELD_HEADERS["id"])):
            continue  # the heading above the proposals, and their header row
        row_errors: list[str] = []
        values: dict[str, Any] = {}
        for column, col in columns:
            if column.kind == "info":
                continue
            ref = f"{sheet_ref}!{get_column_letter(col)}{r}"
            problem = cell_problem(book, ws.title, r, col)
            if problem is not None:
                row_errors.append(f"{ref}: {problem}")
                values[column.field] = None
                continue
            values[column.field] = _read_cell(column, ws.cell(row=r, column=col), ref, row_errors, themes,
                                              theme_names)
        action_id = values.pop("id")
        id_ref = f"{sheet_ref}!{get_column_letter(id_col)}{r}"
        title_ref = f"{sheet_ref}!{get_column_letter(found[_norm('Actie')])}{r}"
        if not values.get("title"):
            row_errors.append(f"{title_ref}: de actie is leeg; vul een omschrijving in of maak de hele regel leeg")
        if action_id:
            if action_id in seen:
                row_errors.append(f"{id_ref}: de ID '{action_id}' staat ook in rij {seen[action_id]}; "
                                  "maak de ID van een nieuwe regel leeg")
            seen.setdefault(action_id, r)
            if action_id not in existing:
                row_errors.append(f"{id_ref}: de ID '{action_id}' is onbekend in deze scan; "
                                  "laat de ID leeg voor een nieuwe actie")
        decision = values.pop("decision", None)
        decision_ref = (f"{sheet_ref}!{get_column_letter(found[_norm(FIELD_HEADERS['decision'])])}{r}"
                        if _norm(FIELD_HEADERS["decision"]) in found else f"{sheet_ref} rij {r}")
        if not action_id or action_id in existing:
            problem = _decision_problem(decision, existing.get(action_id) if action_id else None, action_id)
            if problem:
                row_errors.append(f"{decision_ref}: {problem}")
        if action_id in existing and not row_errors:
            old_action = existing[action_id]
            if decision is None:
                decision = old_action.decision
            elif decision == _OWN:
                decision = "geaccepteerd"
            values["decision"] = decision
            decided_by = values.get("decided_by", old_action.decided_by)
            decided_on = values.get("decided_on", old_action.decided_on)
            if decision_record_problem(decision, str(decided_by or ""), decided_on):  # the rule, in plan/
                row_errors.append(f"{decision_ref}: er staat wie besloot of wanneer, maar het besluit is "
                                  f"'{UNDECIDED}'; kies '{ACCEPTED}' of '{REJECTED}', of maak "
                                  f"'{FIELD_HEADERS['decided_by']}' en '{FIELD_HEADERS['decided_on']}' leeg")
            # a plan of format 1 wrote the stored status ("Gepland") beside a proposal: no edit
            typed = values.get("status")
            problem = undecided_status_problem(decision, typed if typed != old_action.status else None)
            if problem:
                status_ref = (f"{sheet_ref}!{get_column_letter(found[_norm(FIELD_HEADERS['status'])])}{r}"
                              if _norm(FIELD_HEADERS["status"]) in found else f"{sheet_ref} rij {r}")
                row_errors.append(f"{status_ref}: {problem}")
        if values.get("start") and values.get("end") and values["end"] < values["start"]:
            end_ref = f"{sheet_ref}!{get_column_letter(found[_norm('Einde')])}{r}"
            row_errors.append(f"{end_ref}: de einddatum ligt vóór de startdatum")
        if row_errors:
            errors.extend(row_errors)
            continue

        if not action_id:  # a row added by hand
            fields = {k: v for k, v in values.items() if v not in ("", None)}
            new_id = f"E-{next_own}"
            next_own += 1
            while new_id in existing:
                new_id = f"E-{next_own}"
                next_own += 1
            try:
                action = Action(id=new_id, origin="eigen", decision="geaccepteerd", **fields)
            except ValidationError as exc:
                errors.extend(_cell_problems(exc, found, sheet_ref, r, "deze nieuwe regel"))
                continue
            result.new_actions.append(action)
            continue

        action = existing[action_id]
        changes: list[FieldChange] = []
        for name, new in values.items():
            old = getattr(action, name)
            if name in {"status", "priority", "theme"} and new in ("", None):
                if name == "theme" or name == "priority":
                    continue  # an emptied dropdown keeps what the scan has
                new = old
            if _same(old, new):
                continue
            # a proposal had no status until this decision (the sheet showed none): never "Gepland"
            old_shown = _show(name, None if name == "status" and is_undecided(action) else old, theme_labels)
            changes.append(FieldChange(name, FIELD_HEADERS[name], old, new, old_shown, _show(name, new, theme_labels)))
        if changes:
            try:
                Action.model_validate({**action.model_dump(), **{c.field: c.new for c in changes}})
            except ValidationError as exc:
                errors.extend(_cell_problems(exc, found, sheet_ref, r, f"de regel van {action_id}"))
                continue
            result.changes.append(ActionChange(action_id, action.title, r, changes))
        else:
            result.unchanged += 1

    exported = [i for i in meta["actie"] if i] if not errors else []  # unread rows are no deleted rows
    for action_id in exported:
        if action_id not in seen and action_id in existing:
            result.deleted.append(DeletedRow(action_id, existing[action_id].title))
    return result


def _decision_problem(decision: str | None, action: Action | None, action_id: str | None) -> str | None:
    """Why a Besluit does not fit its row, or None: an own action (or a row added by hand) is no
    proposal, and a proposal is no own action."""
    if action is None:  # a new row: an own action
        if decision not in (None, _OWN):
            return (f"een regel die met de hand is toegevoegd is een eigen actie, geen voorstel; kies "
                    f"'{OWN_ACTION}' of laat het besluit leeg")
        return None
    if action.origin == "eigen" and decision not in (None, _OWN):
        return (f"{action_id} is een eigen actie, geen voorstel; kies '{OWN_ACTION}' (een eigen actie die niet "
                "doorgaat krijgt de status Vervallen)")
    if action.origin != "eigen" and decision == _OWN:
        return (f"{action_id} is een voorstel van Dienstscan, geen eigen actie; kies '{ACCEPTED}', '{REJECTED}' "
                f"of '{UNDECIDED}'")
    return None


def _same(old: Any, new: Any) -> bool:
    """Equal as the sheet can show them: a cell loses surrounding spaces, Windows line ends and
    control characters (see ``layout.clean``)."""
    if isinstance(old, str) and isinstance(new, str):
        return clean(old).replace("\r\n", "\n").strip() == clean(new).replace("\r\n", "\n").strip()
    return (old or None) == (new or None)


def _first_problem(exc: ValidationError) -> str:
    """The first validation problem in Dutch, with the column header it is about."""
    err = exc.errors(include_url=False)[0]
    where = str(err["loc"][0]) if err.get("loc") else ""
    return f"{FIELD_HEADERS.get(where, where)}: {problem_text(err)}"


def _cell_problems(exc: ValidationError, found: dict[str, int], sheet_ref: str, row: int, what: str) -> list[str]:
    """Each validation problem of a row as ``Verbeterplan!H12: <kolom> <probleem>``, at its own cell."""
    problems = []
    for err in exc.errors(include_url=False):
        name = str(err["loc"][0]) if err.get("loc") else ""
        header = FIELD_HEADERS.get(name, name)
        col = found.get(_norm(header)) if name in FIELD_HEADERS else None
        where = f"{sheet_ref}!{get_column_letter(col)}{row}" if col else f"{sheet_ref} rij {row}"
        problems.append(f"{where}: {what} is ongeldig: {header} {problem_text(err)}")
    return problems


# --------------------------------------------------------------------------- applying


def apply_plan_import(assessment: Assessment, plan_import: PlanImport) -> None:
    """Apply a valid import: all changes and new actions at once, or nothing.

    Raises ``PlanFileError`` when the import has errors or no longer fits the scan (another scan,
    or an action changed id since the preview). Deleted rows are never applied.
    """
    if plan_import.errors:
        raise PlanFileError("Het verbeterplan bevat fouten; er is niets overgenomen:\n"
                            + "\n".join(plan_import.errors))
    if plan_import.scan_id != assessment.id:
        raise PlanFileError("Dit voorbeeld hoort bij een andere scan; er is niets overgenomen.")
    by_id = {a.id: a for a in assessment.actions}
    replacement: dict[str, Action] = {}
    for change in plan_import.changes:
        action = by_id.get(change.action_id)
        if action is None:
            raise PlanFileError(f"Actie {change.action_id} staat niet meer in de scan; lees het plan opnieuw in.")
        updates = {fc.field: fc.new for fc in change.fields}
        edited = list(action.edited)
        for name in updates:
            if name not in edited:
                edited.append(name)
        try:
            replacement[action.id] = Action.model_validate({**action.model_dump(), **updates, "edited": edited})
        except ValidationError as exc:
            raise PlanFileError(f"Actie {change.action_id}: {_first_problem(exc)}; er is niets overgenomen.") from exc
    for action in plan_import.new_actions:
        if action.id in by_id:
            raise PlanFileError(f"De ID {action.id} is intussen in gebruik; lees het plan opnieuw in.")
    new_list = [replacement.get(a.id, a) for a in assessment.actions]
    new_list += [a.model_copy(deep=True) for a in plan_import.new_actions]
    assessment.actions = new_list
    assessment.modified = dt.datetime.now()


__all__ = [
    "ActionChange",
    "DeletedRow",
    "FieldChange",
    "PlanFileError",
    "PlanImport",
    "apply_plan_import",
    "parse_date",
    "read_plan",
]
