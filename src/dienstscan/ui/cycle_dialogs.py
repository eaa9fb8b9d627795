"""The next PDCA cycle from the menu: a new scan from the previous one, and comparing with an earlier scan.

The menu entries are rows in ``ui/actions.py``; the callbacks here take an ``ActionContext``:

- Bestand > "Nieuwe scan op basis van vorige…" (``new_scan_from_previous``): the user picks the
  previous scan, optionally an edited Excel plan to take over first (read with
  ``plan_import.read_plan``, shown in the usual preview, applied in memory only: the previous
  file is not changed), the peildatum and whether to copy key figures; ``cycle.next_cycle``
  builds the new scan, which opens as a new unsaved document. What could not be copied is shown.
- Scan > "Vergelijk met eerdere scan…" (``compare_with_earlier``) and "Vergelijking wissen":
  set ``ScanDocument.baseline``; the dashboard then shows the progress since that scan
  (``cycle_widgets.ProgressPanel``).
- Scan > "Alle antwoorden uit vorige scan bevestigen…" (``confirm_previous_answers``), and the
  same for one section from its page (``cycle_widgets.ConfirmSectionBar``): asks first
  (``ask_confirm_all``, naming the count), then confirms them as one undoable step.

Every dialog is a module-level function so tests can replace it; failures are Dutch messages.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from .. import operations, storage
from ..storage.messages import failure_message
from ..cycle import CycleError, next_cycle
from . import dialogs, exporting, settings
from .cycle_widgets import confirm_all_answers, unconfirmed_items
from .document import ScanDocument
from .shell import ActionContext

log = logging.getLogger(__name__)

SCAN_FILTER = f"Dienstscan-bestand (*{storage.FILE_SUFFIX});;Alle bestanden (*)"
EXCEL_FILTER = "Excel-werkmap (*.xlsx);;Alle bestanden (*)"


@dataclass
class NextCycleRequest:
    previous: Path
    plan: Path | None
    peildatum: dt.date
    copy_key_figures: bool = False


# --------------------------------------------------------------------------- dialogs (patchable)


class NextCycleDialog(QDialog):
    """Previous scan, optional edited plan, peildatum, key figures."""

    def __init__(self, parent: QWidget | None, folder: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nieuwe scan op basis van vorige")
        self.folder = folder
        form = QFormLayout(self)
        intro = QLabel("De nieuwe scan neemt organisatie, antwoorden, uitleg en het plan met de laatste statussen "
                       "over. Overgenomen antwoorden zijn gemarkeerd tot u ze bevestigt of wijzigt.")
        intro.setWordWrap(True)
        form.addRow(intro)
        self.previous_edit = QLineEdit()
        self.plan_edit = QLineEdit()
        self.plan_edit.setPlaceholderText("optioneel: het in Excel bijgewerkte verbeterplan")
        for label, edit, pick in (("&Vorige scan:", self.previous_edit, self._pick_previous),
                                  ("Bewerkt &verbeterplan:", self.plan_edit, self._pick_plan)):
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            button = QPushButton("Kiezen…")
            button.setAccessibleName(f"{label.replace('&', '').rstrip(':')} kiezen")
            button.clicked.connect(pick)
            row.addWidget(button)
            caption = QLabel(label)
            caption.setBuddy(edit)
            form.addRow(caption, row)
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd-MM-yyyy")
        date_label = QLabel("&Peildatum:")
        date_label.setBuddy(self.date_edit)
        form.addRow(date_label, self.date_edit)
        self.key_figures = QCheckBox("&Kengetallen van de vorige scan overnemen")
        form.addRow(self.key_figures)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Nieuwe scan maken")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(640, self.sizeHint().height())

    def _pick_previous(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Vorige scan kiezen", str(self.folder), SCAN_FILTER)
        if name:
            self.previous_edit.setText(name)

    def _pick_plan(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Bewerkt verbeterplan kiezen", str(self.folder), EXCEL_FILTER)
        if name:
            self.plan_edit.setText(name)

    def _accept(self) -> None:
        if not self.previous_edit.text().strip():
            dialogs.show_error(self, "Nieuwe scan op basis van vorige", "Kies eerst de vorige scan.")
            return
        self.accept()

    def request(self) -> NextCycleRequest:
        plan = self.plan_edit.text().strip()
        return NextCycleRequest(previous=Path(self.previous_edit.text().strip()), plan=Path(plan) if plan else None,
                                peildatum=self.date_edit.date().toPython(),
                                copy_key_figures=self.key_figures.isChecked())


def ask_next_cycle(parent: QWidget | None, folder: Path) -> NextCycleRequest | None:
    dialog = NextCycleDialog(parent, folder)
    return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_confirm_all(parent: QWidget | None, count: int, where: str) -> bool:
    """'Alle 12 antwoorden uit vorige scan bevestigen?' True to confirm them."""
    what = "het antwoord" if count == 1 else f"alle {count} antwoorden"
    return dialogs.choose(
        parent, icon=dialogs.Icon.Question, title="Antwoorden uit vorige scan bevestigen",
        text=f"Wilt u {what} uit de vorige scan {where} bevestigen zoals {'het is' if count == 1 else 'ze zijn'}?",
        informative="Doe dit alleen als u ze hebt nagelopen. U kunt het ongedaan maken met Ctrl+Z.",
        buttons=[("confirm", f"{count} &bevestigen", dialogs.Role.AcceptRole), ("cancel", "Annuleren", dialogs.Role.RejectRole)],
        default="cancel") == "confirm"


def choose_baseline_file(parent: QWidget | None, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Vergelijk met eerdere scan", str(folder), SCAN_FILTER)
    return Path(name) if name else None


# --------------------------------------------------------------------------- flows


def _folder(doc: ScanDocument | None) -> Path:
    if doc is not None and doc.path is not None:
        return doc.path.parent
    return settings.last_folder()


def new_scan_from_previous(ctx: ActionContext) -> bool:
    """Bestand > Nieuwe scan op basis van vorige. True when the new scan was opened."""
    title = "Nieuwe scan op basis van vorige"
    parent = ctx.parent
    request = ask_next_cycle(parent, _folder(ctx.doc))
    if request is None:
        return False
    try:
        previous = operations.open_scan(request.previous, ctx.shell.checklists).assessment
    except storage.ScanFileError as exc:
        dialogs.show_error(parent, title, str(exc))
        return False
    checklists = ctx.shell.checklists
    as_saved = previous.model_copy(deep=True)  # the baseline: the plan edits count as progress since then
    if request.plan is not None:
        from ..export.excel_plan import PlanFileError, read_plan  # openpyxl: on first use

        try:
            plan = read_plan(request.plan, previous, checklists)
        except PlanFileError as exc:
            dialogs.show_error(parent, title, str(exc))
            return False
        except OSError as exc:
            dialogs.show_error(parent, title, failure_message(f"'{request.plan}' kon niet worden gelezen", exc))
            return False
        if not exporting.confirm_import(parent, plan):
            return False
        if not plan.ok:
            return False
        operations.import_plan(checklists, previous, plan)  # in memory only: the previous scan file stays as it was
    try:
        result = next_cycle(checklists, previous, peildatum=request.peildatum,
                            copy_key_figures=request.copy_key_figures)
    except CycleError as exc:
        dialogs.show_error(parent, title, f"De nieuwe scan kan niet worden gemaakt: {exc}.")
        return False
    doc = ScanDocument(checklists, result.assessment, None, unsaved=True)
    if not ctx.shell.open_document(doc):
        doc.deleteLater()
        return False
    doc.set_baseline(as_saved, request.previous.name)  # the dashboard shows the progress at once
    dialogs.show_info(parent, title, result.describe())
    return True


def compare_with_earlier(ctx: ActionContext) -> bool:
    """Scan > Vergelijk met eerdere scan. True when a baseline was set."""
    doc = ctx.doc
    if doc is None:
        return False
    path = choose_baseline_file(ctx.parent, _folder(doc))
    if path is None:
        return False
    try:
        baseline = operations.open_scan(path, ctx.shell.checklists).assessment
    except storage.ScanFileError as exc:
        dialogs.show_error(ctx.parent, "Vergelijk met eerdere scan", str(exc))
        return False
    if baseline.id == doc.assessment.id:
        dialogs.show_error(ctx.parent, "Vergelijk met eerdere scan",
                           f"'{path.name}' is dezelfde scan als de geopende; kies een eerdere scan.")
        return False
    doc.set_baseline(baseline, path.name)
    ctx.shell.show_page("dashboard")
    return True


def clear_comparison(ctx: ActionContext) -> None:
    """Scan > Vergelijking wissen."""
    if ctx.doc is not None:
        ctx.doc.set_baseline(None)


def confirm_previous_answers(parent: QWidget | None, doc: ScanDocument | None, section_id: str | None = None) -> int:
    """Scan > Alle antwoorden uit vorige scan bevestigen (or one section's): asks, then confirms as
    one undo step. Returns how many were confirmed."""
    if doc is None:
        return 0
    title = "Antwoorden uit vorige scan bevestigen"
    where = (f"in '{doc.checklists.section(section_id).title}'" if section_id is not None else "in deze scan")
    count = len(unconfirmed_items(doc, section_id))
    if count == 0:
        dialogs.show_info(parent, title, f"Er zijn geen antwoorden uit de vorige scan meer te bevestigen {where}.")
        return 0
    if not ask_confirm_all(parent, count, where):
        return 0
    return confirm_all_answers(doc, section_id)
