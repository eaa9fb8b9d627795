"""Export the Excel plan and read an edited plan back, from the menu.

``export_plan_dialog(parent, doc)``: asks where to save (``choose_export_path``), writes the
workbook with ``dienstscan.export.excel_plan.export_plan`` (in a worker thread, with a progress dialog
when it takes longer than half a second; with the *Voortgang* sheet when the dashboard compares
with an earlier scan, ``ScanDocument.baseline``) and offers to open it in the spreadsheet
program (``ask_open_exported`` -> ``open_file``, i.e. ``QDesktopServices``).

``import_plan_dialog(parent, doc)``: asks for the workbook (``choose_import_path``), reads it with
``dienstscan.export.excel_plan.read_plan`` and shows the preview (``PlanImport.describe``) in
``confirm_import``; only OK applies it, as one undo step (``plan_commands.import_plan``). A plan
with unreadable cells shows them all and applies nothing.

Every dialog is a module-level function so tests replace it; failures show a Dutch message
(``dialogs.show_error``), never a traceback.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # openpyxl (behind excel_plan) is imported on first use: it costs half a second at start
    from ..export.excel_plan import PlanImport
from ..logs import log_path
from ..storage import SaveError
from ..storage.messages import failure_message
from . import dialogs
from .document import ScanDocument
from .plan_commands import import_plan

log = logging.getLogger(__name__)

EXCEL_FILTER = "Excel-werkmap (*.xlsx);;Alle bestanden (*)"
#: A progress dialog appears when the work takes longer than this.
PROGRESS_AFTER_MS = 500

T = TypeVar("T")


# --------------------------------------------------------------------------- dialogs (patchable)


def choose_export_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Where to save the plan (native dialog); ``.xlsx`` is added when missing."""
    name, _ = QFileDialog.getSaveFileName(parent, "Verbeterplan exporteren", str(suggested), EXCEL_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def choose_import_path(parent: QWidget | None, folder: Path) -> Path | None:
    """Which edited plan to read (native dialog)."""
    name, _ = QFileDialog.getOpenFileName(parent, "Bewerkt verbeterplan inlezen", str(folder), EXCEL_FILTER)
    return Path(name) if name else None


def ask_open_exported(parent: QWidget | None, path: Path) -> bool:
    """'Het verbeterplan is opgeslagen. Nu openen?' True to open it in the spreadsheet program."""
    return dialogs.choose(
        parent, icon=dialogs.Icon.Information, title="Verbeterplan geëxporteerd",
        text=f"Het verbeterplan is opgeslagen als '{path.name}'.",
        informative=f"Map: {path.parent}\n\nWilt u het nu openen in uw spreadsheetprogramma?",
        buttons=[("open", "&Openen", dialogs.Role.AcceptRole), ("later", "&Niet nu", dialogs.Role.RejectRole)],
        default="open") == "open"


open_file = dialogs.open_in_system  # one home; tests replace it here


class ImportPreviewDialog(QDialog):
    """The preview of an import: what would change; OK applies it, Annuleren does nothing."""

    def __init__(self, parent: QWidget | None, plan_import: PlanImport) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verbeterplan inlezen: voorbeeld")
        self.resize(760, 520)
        if plan_import.errors:
            intro = ("Dit verbeterplan kan niet worden ingelezen: de cellen hieronder zijn niet te lezen. "
                     "Verbeter ze in Excel en lees het plan opnieuw in. Er is niets gewijzigd.")
        elif plan_import.has_changes:
            intro = ("Dit zijn de wijzigingen in het verbeterplan. Kies OK om ze over te nemen in de scan "
                     "(ongedaan te maken met Ctrl+Z), of Annuleren om niets te wijzigen.")
        else:
            intro = "Het verbeterplan bevat geen wijzigingen ten opzichte van de scan."
        label = QLabel(intro)
        label.setWordWrap(True)
        self.text = QPlainTextEdit(plan_import.describe())
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Voorbeeld van de wijzigingen")
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.text.font())
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFamily("monospace")
        self.text.setFont(font)
        self.buttons = QDialogButtonBox()
        can_apply = plan_import.ok and plan_import.has_changes
        if can_apply:
            ok = self.buttons.addButton(QDialogButtonBox.StandardButton.Ok)
            ok.setText("&Overnemen")
            self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        else:
            self.buttons.addButton(QDialogButtonBox.StandardButton.Close).setText("Sluiten")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)


def confirm_import(parent: QWidget | None, plan_import: PlanImport) -> bool:
    """Show the preview; True only when the user chose to apply a valid import with changes."""
    dialog = ImportPreviewDialog(parent, plan_import)
    return dialog.exec() == QDialog.DialogCode.Accepted and plan_import.ok and plan_import.has_changes


# --------------------------------------------------------------------------- progress


class _Done(QObject):
    finished = Signal()


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[], T]) -> T:
    """Run ``work`` in a worker thread; a modal progress dialog shows after half a second.

    The event loop keeps running (the window repaints), the user cannot edit the scan meanwhile.
    Returns what ``work`` returns or raises what it raised.
    """
    result: dict[str, object] = {}
    done = _Done()
    loop = QEventLoop()
    done.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def run() -> None:
        try:
            result["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            result["error"] = exc
        done.finished.emit()

    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setWindowTitle("Dienstscan")
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(PROGRESS_AFTER_MS)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setValue(0)
    thread = threading.Thread(target=run, name="dienstscan-worker", daemon=True)
    thread.start()
    # ``finished`` is queued to this thread, so the loop ends even when the work was done before it
    # started; meanwhile the dialog's own timer shows it after PROGRESS_AFTER_MS.
    loop.exec()
    thread.join()
    progress.close()
    progress.deleteLater()
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result.get("value")  # type: ignore[return-value]


# --------------------------------------------------------------------------- the two commands


def _default_folder(doc: ScanDocument) -> Path:
    return doc.path.parent if doc.path else Path.home()


def suggested_plan_name(doc: ScanDocument, folder: Path | None = None) -> str:
    return doc.suggested_file_name(folder, before="Verbeterplan", suffix=".xlsx")


def export_plan_dialog(parent: QWidget | None, doc: ScanDocument) -> Path | None:
    """Menu Bestand > Exporteren > Verbeterplan (Excel). Returns the written path, or None."""
    folder = _default_folder(doc)
    target = choose_export_path(parent, folder / suggested_plan_name(doc, folder))
    if target is None:
        return None
    from ..operations import export_plan

    checklists, snapshot, baseline = doc.snapshot()  # the baseline adds Voortgang
    try:
        run_with_progress(parent, "Verbeterplan wordt geschreven…",
                          lambda: export_plan(checklists, snapshot, target, baseline=baseline))
    except SaveError as exc:
        log.warning("export of the plan to %s failed: %s", target, exc)
        dialogs.show_error(parent, "Exporteren mislukt",
                           f"{exc}\n\nKies een andere map of naam (of sluit het bestand in Excel). "
                           "Uw scan is niet gewijzigd.")
        return None
    except Exception as exc:  # noqa: BLE001 - the user gets a message, the log the details
        log.exception("export of the plan failed")
        dialogs.show_error(parent, "Exporteren mislukt",
                           failure_message("Het verbeterplan kon niet worden gemaakt", exc, log_path())
                           + " Uw scan is niet gewijzigd.")
        return None
    if ask_open_exported(parent, target) and not open_file(target):
        dialogs.show_error(parent, "Openen mislukt",
                           f"'{target.name}' kon niet worden geopend: er is geen programma voor .xlsx-bestanden "
                           "gevonden. Het bestand staat in " + str(target.parent) + ".")
    return target


def import_plan_dialog(parent: QWidget | None, doc: ScanDocument) -> bool:
    """Menu Bestand > Verbeterplan inlezen. True when an import was applied."""
    source = choose_import_path(parent, _default_folder(doc))
    if source is None:
        return False
    from ..export.excel_plan import PlanFileError, read_plan

    checklists = doc.checklists
    snapshot = doc.assessment.model_copy(deep=True)
    try:
        plan_import = run_with_progress(parent, "Verbeterplan wordt gelezen…",
                                        lambda: read_plan(source, snapshot, checklists))
    except PlanFileError as exc:
        dialogs.show_error(parent, "Verbeterplan inlezen", str(exc))
        return False
    except OSError as exc:
        dialogs.show_error(parent, "Verbeterplan inlezen",
                           failure_message(f"'{source}' kon niet worden gelezen", exc) + " Er is niets gewijzigd.")
        return False
    except Exception as exc:  # noqa: BLE001
        log.exception("reading the plan failed")
        dialogs.show_error(parent, "Verbeterplan inlezen",
                           failure_message(f"'{source.name}' kon niet worden gelezen", exc, log_path())
                           + " Er is niets gewijzigd.")
        return False
    if not confirm_import(parent, plan_import):
        return False
    try:
        import_plan(doc, plan_import)
    except PlanFileError as exc:
        dialogs.show_error(parent, "Verbeterplan inlezen", str(exc))
        return False
    return True
