"""'Rapport maken...' from the GUI: ask where, write the report as PDF, Word or HTML, report errors.

The format follows the extension the user picks (or the chosen filter when the name has none).
The file dialog is ``ask_report_path`` here and errors go through ``dialogs.show_error``, so
tests patch both and no dialog ever blocks. The writing itself is ``dienstscan.ui.pdf.write_report``,
the same code as ``dienstscan report``. When the dashboard compares with an earlier scan
(``ScanDocument.baseline``) the report gets the chapter "Voortgang sinds <datum>".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from . import dialogs
from .pdf import write_report

if TYPE_CHECKING:
    from .document import ScanDocument

#: Filter text -> extension; the first is the default.
REPORT_FILTERS = {
    "PDF-document (*.pdf)": ".pdf",
    "Word-document (*.docx)": ".docx",
    "Webpagina (*.html)": ".html",
}
REPORT_SUFFIXES = (".pdf", ".docx", ".html", ".htm")


def suggested_report_path(doc: ScanDocument) -> Path:
    """``<folder of the scan>/<organisation> <peildatum> rapport.pdf``."""
    assessment = doc.assessment
    name = assessment.organisation.name.strip() or "scan"
    safe = "".join(c if c.isalnum() or c in " -_" else "-" for c in name).strip()
    folder = doc.path.parent if doc.path else Path.home()
    return folder / f"{safe} {assessment.peildatum:%Y-%m-%d} rapport.pdf"


def ask_report_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Ask where to write the report (native dialog); None when cancelled."""
    name, chosen = QFileDialog.getSaveFileName(parent, "Rapport maken", str(suggested), ";;".join(REPORT_FILTERS))
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in REPORT_SUFFIXES:
        path = path.with_name(path.name + REPORT_FILTERS.get(chosen, ".pdf"))
    return path


def export_report_dialog(parent: QWidget | None, doc: ScanDocument) -> Path | None:
    """Ask for a file name and write the report there; returns the path, or None (cancelled/failed)."""
    path = ask_report_path(parent, suggested_report_path(doc))
    if path is None:
        return None
    if path.suffix.lower() not in REPORT_SUFFIXES:
        dialogs.show_error(parent, "Rapport maken",
                           f"{path.name}: kies een bestandsnaam die eindigt op .pdf, .docx of .html.")
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        write_report(doc.checklists, doc.assessment, path, baseline=doc.baseline)
    except OSError as exc:
        QGuiApplication.restoreOverrideCursor()
        dialogs.show_error(parent, "Rapport maken",
                           f"Kan {path} niet schrijven ({exc.strerror or exc}). "
                           "Is het bestand nog open in een ander programma, of bestaat de map niet?")
        return None
    QGuiApplication.restoreOverrideCursor()
    return path
