"""The next PDCA cycle from the menu: a new scan from the previous one, and comparing with an earlier scan.

``install(window)`` adds, without touching the rest of the main window:

- Bestand > "Nieuwe scan op basis van vorige…" (``new_scan_from_previous``): the user picks the
  previous scan, optionally an edited Excel plan to take over first (read with
  ``plan_import.read_plan``, shown in the usual preview, applied in memory only: the previous
  file is not changed), the peildatum and whether to copy key figures; ``cycle.next_cycle``
  builds the new scan, which opens as a new unsaved document. What could not be copied is shown.
- Scan > "Vergelijk met eerdere scan…" (``compare_with_earlier``) and "Vergelijking wissen":
  the dashboard then shows the progress since that scan (``cycle_widgets.ProgressPanel``).
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
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction
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
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

from .. import storage
from ..cycle import CycleError, next_cycle
from ..export.excel_plan import PlanFileError, apply_plan_import, read_plan
from . import dialogs, exporting, settings
from .cycle_widgets import ConfirmSectionBar, baseline_holder, confirm_all_answers, unconfirmed_items
from .document import ScanDocument

if TYPE_CHECKING:
    from .main_window import MainWindow

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
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Antwoorden uit vorige scan bevestigen")
    box.setText(f"Wilt u {what} uit de vorige scan {where} bevestigen zoals {'het is' if count == 1 else 'ze zijn'}?")
    box.setInformativeText("Doe dit alleen als u ze hebt nagelopen. U kunt het ongedaan maken met Ctrl+Z.")
    confirm = box.addButton(f"{count} &bevestigen", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is confirm


def choose_baseline_file(parent: QWidget | None, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Vergelijk met eerdere scan", str(folder), SCAN_FILTER)
    return Path(name) if name else None


# --------------------------------------------------------------------------- flows


def _folder(window: MainWindow) -> Path:
    doc = window.doc
    if doc is not None and doc.path is not None:
        return doc.path.parent
    return settings.last_folder()


def new_scan_from_previous(window: MainWindow) -> bool:
    """Bestand > Nieuwe scan op basis van vorige. True when the new scan was opened."""
    title = "Nieuwe scan op basis van vorige"
    request = ask_next_cycle(window, _folder(window))
    if request is None:
        return False
    try:
        previous = storage.load_scan(request.previous, window.checklists)
    except storage.ScanFileError as exc:
        dialogs.show_error(window, title, str(exc))
        return False
    checklists = window.checklists
    as_saved = previous.model_copy(deep=True)  # the baseline: the plan edits count as progress since then
    if request.plan is not None:
        try:
            plan = read_plan(request.plan, previous, checklists)
        except PlanFileError as exc:
            dialogs.show_error(window, title, str(exc))
            return False
        except OSError as exc:
            dialogs.show_error(window, title, f"'{request.plan}' kon niet worden gelezen: {exc.strerror or exc}.")
            return False
        if not exporting.confirm_import(window, plan):
            return False
        if not plan.ok:
            return False
        apply_plan_import(previous, plan)  # in memory only: the previous scan file stays as it was
    try:
        result = next_cycle(checklists, previous, peildatum=request.peildatum,
                            copy_key_figures=request.copy_key_figures)
    except CycleError as exc:
        dialogs.show_error(window, title, f"De nieuwe scan kan niet worden gemaakt: {exc}.")
        return False
    if not window.maybe_close_document():
        return False
    doc = ScanDocument(checklists, result.assessment, None, unsaved=True)
    window.set_document(doc)
    baseline_holder(doc).set_baseline(as_saved, request.previous.name)  # the dashboard shows the progress at once
    dialogs.show_info(window, title, result.describe())
    return True


def compare_with_earlier(window: MainWindow) -> bool:
    """Scan > Vergelijk met eerdere scan. True when a baseline was set."""
    doc = window.doc
    if doc is None:
        return False
    path = choose_baseline_file(window, _folder(window))
    if path is None:
        return False
    try:
        baseline = storage.load_scan(path, window.checklists)
    except storage.ScanFileError as exc:
        dialogs.show_error(window, "Vergelijk met eerdere scan", str(exc))
        return False
    if baseline.id == doc.assessment.id:
        dialogs.show_error(window, "Vergelijk met eerdere scan",
                           f"'{path.name}' is dezelfde scan als de geopende; kies een eerdere scan.")
        return False
    baseline_holder(doc).set_baseline(baseline, path.name)
    window.show_page("dashboard")
    return True


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


def _add_section_bar(window: MainWindow, doc: ScanDocument | None) -> None:
    """Put the 'n te bevestigen' bar on the section page of a newly opened scan."""
    workspace = getattr(window, "workspace", None)
    if doc is None or workspace is None:
        return
    page = workspace.section_page
    bar = ConfirmSectionBar(doc, lambda section_id: confirm_previous_answers(window, doc, section_id), page)
    page.layout_.insertWidget(page.layout_.indexOf(page.table), bar)
    page.confirm_bar = bar
    workspace.tree.nodeActivated.connect(
        lambda kind, node_id: bar.set_section(node_id) if kind == "section" else None)
    current = workspace.tree.current_node()
    if current is not None and current[0] == "section":
        bar.set_section(current[1])


def clear_comparison(window: MainWindow) -> None:
    if window.doc is not None:
        baseline_holder(window.doc).set_baseline(None)


def scan_menu(window: MainWindow) -> QMenu:
    """The Scan menu, after Bewerken (an existing Scan or Beeld menu of another part is reused)."""
    bar = window.menuBar()
    for action in bar.actions():
        if action.menu() is not None and action.text().replace("&", "") in ("Scan", "Beeld"):
            return action.menu()
    menu = QMenu("&Scan", window)  # not "&Beeld": Alt+B is Bestand
    bar.insertMenu(window.go_menu.menuAction(), menu)
    return menu


def install(window: MainWindow) -> None:
    """Add the menu entries of the next cycle to ``window``."""
    window.next_cycle_action = QAction("Nieuwe scan op basis van &vorige…", window)
    window.next_cycle_action.setToolTip("Een nieuwe scan beginnen met de antwoorden en het plan van de vorige")
    window.next_cycle_action.triggered.connect(lambda: new_scan_from_previous(window))
    file_menu = window.export_menu.parentWidget()
    actions = file_menu.actions()
    after = actions[actions.index(window.new_action) + 1] if window.new_action in actions else None
    file_menu.insertAction(after, window.next_cycle_action)

    window.compare_action = QAction("&Vergelijk met eerdere scan…", window)
    window.compare_action.setToolTip("Een eerdere scan kiezen; het dashboard toont wat er sindsdien veranderd is")
    window.compare_action.triggered.connect(lambda: compare_with_earlier(window))
    window.clear_compare_action = QAction("Vergelijking &wissen", window)
    window.clear_compare_action.triggered.connect(lambda: clear_comparison(window))
    menu = scan_menu(window)
    window.add_document_action(window.compare_action, menu)
    window.add_document_action(window.clear_compare_action, menu)
    window.confirm_all_action = QAction("Alle antwoorden uit vorige scan &bevestigen…", window)
    window.confirm_all_action.setToolTip("De antwoorden die uit de vorige scan zijn overgenomen bevestigen zoals ze zijn")
    window.confirm_all_action.triggered.connect(lambda: confirm_previous_answers(window, window.doc))
    window.add_document_action(window.confirm_all_action, menu)
    window.documentChanged.connect(lambda doc: _add_section_bar(window, doc))
    _add_section_bar(window, window.doc)
