"""'Rapport maken...' from the GUI: ask where, write the report as PDF, Word or HTML with progress
and *Annuleren*, then "Rapport opgeslagen" with *Openen* and *Map tonen*.

The format follows the extension the user picks (or the chosen filter when the name has none).
The file dialog is ``ask_report_path``, the closing question ``ask_open_report`` and errors go
through ``dialogs.show_error``, so tests patch them and no dialog ever blocks. The writing itself
is ``dienstscan.ui.pdf.write_report``, the same code as ``dienstscan report``, run on a copy of
the scan (later edits never reach it). A progress dialog with *Annuleren* shows after half a
second; cancelling stops at the next step and writes nothing.

Where it runs (``runs_without_qt``): the tagged PDF (WeasyPrint, no Qt) and the HTML are made in a
worker thread (``_write_in_worker``), so the window keeps painting during the few seconds a report
of a hundred actions takes (benchmarks/bench_report.py): Windows calls a window that does not
answer for five seconds "Reageert niet". The worker never touches a widget: it hands its steps to
the dialog through a queued signal and sees *Annuleren* as a ``threading.Event``.

The Qt print (the fallback PDF where Pango is missing) and the Word report (its chart is drawn by
QtSvg) stay in the GUI thread, step by step with the window repainting in between
(``_write_with_progress``). Why not a worker there: Qt's text layout and painting run in a Python
thread beside a GUI thread that paints the progress dialog can wait for each other for ever (the
worker holds a Qt lock and wants Python's GIL, the GUI thread the other way round); it happened on
a busy two-core machine. When the dashboard compares with an earlier scan
(``ScanDocument.baseline``) the report gets the chapter "Voortgang sinds <datum>".
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from ..logs import log_path
from ..operations import ReportFormatError
from ..storage import SaveError
from ..storage.messages import failure_message
from . import dialogs

if TYPE_CHECKING:
    from .document import ScanDocument

log = logging.getLogger(__name__)

#: Filter text -> extension; the first is the default.
REPORT_FILTERS = {
    "PDF-document (*.pdf)": ".pdf",
    "PDF/A voor het archief (*.pdf)": ".pdf",
    "Word-document (*.docx)": ".docx",
    "Webpagina (*.html)": ".html",
}
#: The filter that makes the PDF for the archive (PDF/A-3a) instead of the one to publish (PDF/UA-1).
ARCHIVE_FILTER = "PDF/A voor het archief (*.pdf)"
REPORT_SUFFIXES = (".pdf", ".docx", ".html", ".htm")
#: The progress dialog appears when the work takes longer than this.
PROGRESS_AFTER_MS = 500


def write_report(*args, **kwargs):
    """``dienstscan.ui.pdf.write_report``, imported on first use: jinja2, python-docx and the
    print step are not needed to start the application."""
    from .pdf import write_report as write

    return write(*args, **kwargs)


class ReportCancelled(Exception):
    """The user chose *Annuleren* while the report was being made."""


def suggested_report_path(doc: ScanDocument) -> Path:
    """``<folder of the scan>/<organisation> <peildatum> rapport.pdf``."""
    folder = doc.path.parent if doc.path else Path.home()
    from .document import suggested_name

    return folder / suggested_name(doc.assessment, folder, after="rapport", suffix=".pdf")


def ask_report_path(parent: QWidget | None, suggested: Path) -> tuple[Path, bool] | None:
    """Ask where to write the report (native dialog): the path, and whether the PDF is for the
    archive (the filter *PDF/A voor het archief* was chosen); None when cancelled."""
    name, chosen = QFileDialog.getSaveFileName(parent, "Rapport maken", str(suggested), ";;".join(REPORT_FILTERS))
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in REPORT_SUFFIXES:
        path = path.with_name(path.name + REPORT_FILTERS.get(chosen, ".pdf"))
    return path, chosen == ARCHIVE_FILTER and path.suffix.lower() == ".pdf"


def ask_open_report(parent: QWidget | None, path: Path) -> Literal["open", "folder", "close"]:
    """'Rapport opgeslagen' with *Openen*, *Map tonen* and *Sluiten*."""
    chosen = dialogs.choose(
        parent, icon=dialogs.Icon.Information, title="Rapport opgeslagen", text=f"Het rapport is opgeslagen als '{path.name}'.",
        informative=f"Map: {path.parent}", default="open",
        buttons=[("open", "&Openen", dialogs.Role.AcceptRole), ("folder", "&Map tonen", dialogs.Role.ActionRole),
                 ("close", "&Sluiten", dialogs.Role.RejectRole)])
    return "open" if chosen == "open" else "folder" if chosen == "folder" else "close"


open_location = dialogs.open_in_system  # one home; tests replace it here


def runs_without_qt(path: Path) -> bool:
    """Whether the report for ``path`` is made without Qt, so it can be made in a worker thread:
    HTML always, PDF where the tagged PDF (WeasyPrint and Pango) can be made; not Word (its chart
    is drawn by QtSvg) and not the Qt print."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return True
    if suffix == ".pdf":
        from ..export.report import pdf as tagged

        return tagged.available()
    return False


def _progress_dialog(parent: QWidget | None) -> QProgressDialog:
    dialog = QProgressDialog("Rapport wordt gemaakt…", "Annuleren", 0, 0, parent)
    dialog.setWindowTitle("Rapport maken")
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(PROGRESS_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog


def _show_step(dialog: QProgressDialog, done: int, total: int) -> None:
    dialog.setMaximum(total)
    dialog.setValue(done)
    dialog.setLabelText(f"Rapport wordt gemaakt… deel {min(done + 1, total)} van {total}")


def _write_with_progress(parent: QWidget | None, work) -> None:
    """Run ``work(progress)`` in this (the GUI) thread with a progress dialog that can cancel it.

    ``progress(done, total)`` is what ``work`` calls between steps: the window repaints and the
    dialog answers there; after *Annuleren* it raises ``ReportCancelled``, which this function
    raises too. Other errors are raised as they were.
    """
    dialog = _progress_dialog(parent)

    def progress(done: int, total: int) -> None:
        QCoreApplication.processEvents()  # repaint, and see Annuleren (the dialog is modal)
        if dialog.wasCanceled():  # Annuleren, Esc or closing the dialog
            raise ReportCancelled
        _show_step(dialog, done, total)

    try:
        work(progress)
    finally:
        dialog.close()
        dialog.deleteLater()


class _Relay(QObject):
    """Carries the worker's steps and its end to the GUI thread (queued: emitted in the worker)."""

    step = Signal(int, int)
    finished = Signal()


def _write_in_worker(parent: QWidget | None, work) -> None:
    """Run ``work(progress)`` in a worker thread while the window keeps painting, with the same
    progress dialog as ``_write_with_progress``.

    ``progress(done, total)`` (called in the worker) raises ``ReportCancelled`` once *Annuleren*,
    Esc or closing the dialog has been chosen, and otherwise shows the step; this function returns
    when the work has ended and raises what it raised. The worker touches no widget.
    """
    dialog = _progress_dialog(parent)
    cancelled = threading.Event()
    dialog.canceled.connect(cancelled.set)
    relay = _Relay()
    relay.step.connect(lambda done, total: _show_step(dialog, done, total), Qt.ConnectionType.QueuedConnection)
    loop = QEventLoop()
    relay.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    failure: list[BaseException] = []

    def progress(done: int, total: int) -> None:
        if cancelled.is_set():
            raise ReportCancelled
        relay.step.emit(done, total)

    def run() -> None:
        try:
            work(progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            failure.append(exc)
        relay.finished.emit()

    thread = threading.Thread(target=run, name="dienstscan-report", daemon=True)
    thread.start()
    try:
        # ``finished`` is queued to this thread, so the loop ends even when the work ended first
        loop.exec()
    finally:
        thread.join()
        dialog.close()
        dialog.deleteLater()
    if failure:
        raise failure[0]


def export_report_dialog(parent: QWidget | None, doc: ScanDocument) -> Path | None:
    """Ask for a file name and write the report there; returns the path, or None (cancelled/failed)."""
    chosen = ask_report_path(parent, suggested_report_path(doc))
    if chosen is None:
        return None
    path, archive = chosen
    if path.suffix.lower() not in REPORT_SUFFIXES:
        dialogs.show_error(parent, "Rapport maken",
                           f"{path.name}: kies een bestandsnaam die eindigt op .pdf, .docx of .html.")
        return None
    checklists, snapshot, baseline = doc.snapshot()  # the baseline adds Voortgang
    write = _write_in_worker if runs_without_qt(path) else _write_with_progress
    try:
        write(parent, lambda progress: write_report(checklists, snapshot, path, baseline=baseline, archive=archive,
                                                    progress=progress))
    except ReportCancelled:
        return None
    except SaveError as exc:
        dialogs.show_error(parent, "Rapport maken",
                           f"{exc}\n\nKies een andere map of naam (of sluit het bestand in het programma "
                           "dat het open heeft).")
        return None
    except ReportFormatError as exc:  # e.g. PDF/A where WeasyPrint cannot load: says why, in Dutch
        dialogs.show_error(parent, "Rapport maken", f"{exc}. Uw scan is niet gewijzigd.")
        return None
    except OSError as exc:  # not the file: the PDF printer itself could not start
        dialogs.show_error(parent, "Rapport maken",
                           failure_message("Het rapport kon niet worden gemaakt", exc, log_path()))
        return None
    except Exception as exc:  # noqa: BLE001 - the user gets a message, the log the details
        log.exception("making the report failed")
        dialogs.show_error(parent, "Rapport maken",
                           failure_message("Het rapport kon niet worden gemaakt", exc, log_path())
                           + " Uw scan is niet gewijzigd.")
        return None
    choice = ask_open_report(parent, path)
    target = path if choice == "open" else path.parent if choice == "folder" else None
    if target is not None and not open_location(target):
        dialogs.show_error(parent, "Openen mislukt",
                           f"'{target}' kon niet worden geopend: er is geen programma voor gevonden.")
    return path


# --------------------------------------------------------------------------- print preview


def show_preview(dialog) -> None:
    """Show the print preview (modal); tests replace this so nothing blocks."""
    dialog.exec()


def make_report_preview(parent: QWidget | None, doc: ScanDocument):
    """The print preview of the report (A4, the same pages as the PDF) with *Opslaan als…*.

    The report is made from a copy of the scan as it is now, when the preview first asks for its
    pages; *Opslaan als…* closes the preview and goes on as Bestand > Exporteren > Rapport.
    """
    from PySide6.QtGui import QAction
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrinter
    from PySide6.QtWidgets import QToolBar

    from ..export.report import render_report_html
    from .pdf import print_preview_pages

    snapshot = doc.assessment.model_copy(deep=True)
    baseline = doc.baseline.model_copy(deep=True) if doc.baseline is not None else None
    html = render_report_html(doc.checklists, snapshot, baseline=baseline)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Afdrukvoorbeeld van het rapport – Dienstscan")
    dialog.printer = printer  # the dialog only points to it: kept alive as long as the dialog
    dialog.pages = 0

    def paint(device) -> None:
        dialog.pages = print_preview_pages(html, device)

    dialog.paintRequested.connect(paint)
    save = QAction("Opslaan als…", dialog)
    save.setToolTip("Het rapport opslaan als PDF, Word of HTML")
    save.setObjectName("preview-save")

    def save_as() -> None:
        dialog.accept()
        export_report_dialog(parent, doc)

    save.triggered.connect(save_as)
    bar = dialog.findChild(QToolBar)
    if bar is not None:
        bar.addSeparator()
        bar.addAction(save)
    dialog.save_action = save
    if parent is not None:
        dialog.resize(min(1000, parent.width()), max(600, parent.height() - 40))
    return dialog


def preview_report_dialog(parent: QWidget | None, doc: ScanDocument) -> None:
    """Bestand > Exporteren > Afdrukvoorbeeld van het rapport: look at the pages before saving."""
    try:
        dialog = make_report_preview(parent, doc)
    except Exception as exc:  # noqa: BLE001 - the user gets a message, the log the details
        log.exception("the print preview failed")
        dialogs.show_error(parent, "Afdrukvoorbeeld",
                           f"Het afdrukvoorbeeld kon niet worden gemaakt ({type(exc).__name__}: {exc}). "
                           "Uw scan is niet gewijzigd.")
        return
    show_preview(dialog)
