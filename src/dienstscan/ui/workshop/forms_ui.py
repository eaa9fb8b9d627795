"""Menu actions for the participant forms: make one Excel form per participant, read them back.

The dialogs are small module-level functions (``ask_*``, ``show_*``) so tests replace them with
``monkeypatch``; nothing here blocks a test. Reading shows the problems (file, sheet!cell) and the
spread, "meeste verschil eerst", and asks before the individual answers go into the scan as one
undo step (``commands.apply_forms``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from ...export.forms import FormFileError, read_participant_forms, write_participant_forms
from ...operations.forms import FORMS_ROUND
from ...scoring.spread import most_different_first, spread
from ...operations import apply_form_answers
from .. import dialogs
from ..document import ScanDocument
from .commands import apply_forms

TITLE = "Deelnemersformulieren"


def ask_forms_folder(parent: QWidget | None, start: Path) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, "Map voor de deelnemersformulieren", str(start))
    return Path(folder) if folder else None


def ask_participant_count(parent: QWidget | None) -> int | None:
    value, ok = QInputDialog.getInt(parent, TITLE, "Hoeveel deelnemers krijgen een formulier?", 10, 1, 100)
    return value if ok else None


def ask_form_files(parent: QWidget | None, start: Path) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, "Ingevulde deelnemersformulieren kiezen", str(start),
                                            "Excel-werkmappen (*.xlsx);;Alle bestanden (*)")
    return [Path(n) for n in names]


def confirm(parent: QWidget | None, text: str, details: str) -> bool:
    return dialogs.choose(parent, icon=dialogs.Icon.Question, title=TITLE, text=text, details=details,
                          buttons=[("ok", "&Overnemen", dialogs.Role.AcceptRole), ("cancel", "Annuleren", dialogs.Role.RejectRole)]
                          ) == "ok"


def show_message(parent: QWidget | None, text: str, details: str = "") -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(TITLE)
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(text)
    if details:
        box.setDetailedText(details)
    box.exec()


def _start_folder(doc: ScanDocument) -> Path:
    return doc.path.parent if doc.path else Path.home()


def make_forms(parent: QWidget | None, doc: ScanDocument) -> list[Path]:
    """Ask a folder (and, without participants in the scan, how many) and write the forms."""
    folder = ask_forms_folder(parent, _start_folder(doc))
    if folder is None:
        return []
    labels = [p.name for p in doc.assessment.participants]
    if not labels:
        count = ask_participant_count(parent)
        if not count:
            return []
        labels = [f"Deelnemer {n}" for n in range(1, count + 1)]
    try:
        paths = write_participant_forms(doc.checklists, doc.assessment, folder, labels)
    except FormFileError as exc:
        show_message(parent, f"De formulieren konden niet worden gemaakt: {exc}")
        return []
    show_message(parent, f"{len(paths)} formulieren gemaakt in {folder}. Stuur elke deelnemer het eigen "
                         "formulier; lees de ingevulde formulieren daarna in.",
                 "\n".join(p.name for p in paths))
    return paths


def read_forms(parent: QWidget | None, doc: ScanDocument) -> int:
    """Ask for filled-in forms, show problems and spread, and on confirmation record them (one undo step)."""
    paths = ask_form_files(parent, _start_folder(doc))
    if not paths:
        return 0
    result = read_participant_forms(doc.checklists, doc.assessment, paths)
    if not result.answers:
        show_message(parent, "Er is niets ingelezen: " + (result.problems[0] if result.problems
                                                          else "de formulieren bevatten geen antwoorden."),
                     "\n".join(result.problems))
        return 0
    preview = doc.assessment.model_copy(deep=True)
    try:
        apply_form_answers(doc.checklists, preview, result.answers)  # the same policy as the scan gets
    except ValueError as exc:
        show_message(parent, str(exc))
        return 0
    # the forms' own round: what these forms say, not another round of the same items
    ordered = most_different_first(spread(doc.checklists, preview, result.answers, FORMS_ROUND), only_answered=True)
    lines = ["Meeste verschil eerst:"] + [f"  {s.item_id}: {s.text()}" for s in ordered]
    if result.problems:
        lines = ["Niet ingelezen:"] + [f"  {p}" for p in result.problems] + [""] + lines
    text = result.describe().split("\n")[0]
    if result.problems:
        text += f"\n{len(result.problems)} cellen of bestanden konden niet worden gelezen (zie details)."
    text += "\nDe individuele antwoorden komen naast het gezamenlijke antwoord; ze tellen niet mee in de score."
    if not confirm(parent, text, "\n".join(lines)):
        return 0
    return apply_forms(doc, result.answers)
