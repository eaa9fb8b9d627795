"""The plan (Excel) and the report (PDF, Word, HTML) of a scan, from its proposed plan.

Both write from a copy whose plan is proposed (``follow_answers``), so a file is the same whoever
made it, whatever state the caller's assessment was in; the caller's assessment is not changed.
The PDF is the tagged one (``export.report.pdf``, WeasyPrint: PDF/UA-1, or PDF/A-3a for the
archive), chosen here for the app and the command line alike. Only where WeasyPrint or Pango
cannot load does the caller's ``pdf_writer`` print it (``ui.pdf.write_report_pdf``, Qt, untagged),
so this layer stays Qt-free; so is the chart picture of the Word report (``chart_png``, optional).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from ..model import Assessment, ChecklistSet
from .changes import follow_answers

#: The report's formats by file extension.
REPORT_SUFFIXES = (".pdf", ".docx", ".html", ".htm")

Progress = Callable[[int, int], None]

log = logging.getLogger(__name__)


class ReportFormatError(ValueError):
    """This report cannot be made in the format asked for (here); the message says why, in Dutch."""


def _proposed(checklists: ChecklistSet, assessment: Assessment) -> Assessment:
    copy = assessment.model_copy(deep=True)
    follow_answers(checklists, copy)
    return copy


def export_plan(checklists: ChecklistSet, assessment: Assessment, path: Path, *,
                baseline: Assessment | None = None) -> Path:
    """Write the Excel improvement plan (``export.excel_plan.export_plan``); returns the path.

    ``baseline``: an earlier scan, adds the *Voortgang* sheet. Raises ``SaveError`` (Dutch).
    """
    from ..export.excel_plan import export_plan as write

    write(checklists, _proposed(checklists, assessment), Path(path),
          baseline=_proposed(checklists, baseline) if baseline is not None else None)
    return Path(path)


def write_report(checklists: ChecklistSet, assessment: Assessment, path: Path, *,
                 baseline: Assessment | None = None, progress: Progress | None = None, archive: bool = False,
                 pdf_writer: Callable[..., object] | None = None,
                 chart_png: Callable[[str], bytes] | None = None) -> Path:
    """Write the management report in the format the extension names: .pdf, .docx, .html/.htm.

    ``baseline`` adds the progress chapter. ``progress(done, total)`` is called between steps and
    may raise to cancel before anything is written. A PDF is tagged (PDF/UA-1 to publish, or
    PDF/A-3a with ``archive`` for the archive); where that cannot be made here, ``pdf_writer(checklists,
    assessment, path, *, baseline, progress)`` prints an untagged one (a warning in the log says
    so), and without it, or for ``archive``, ``ReportFormatError`` (Dutch) says why. ``chart_png(svg)``
    draws the Word report's chart (without it the score table stands alone). Raises
    ``ReportFormatError`` (Dutch) for another extension and ``SaveError`` (Dutch) when saving fails.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise ReportFormatError(f"{path.name}: kies een bestandsnaam die eindigt op .pdf, .docx of .html")
    if archive and suffix != ".pdf":
        raise ReportFormatError(f"{path.name}: een rapport voor het archief (PDF/A) is altijd een PDF; kies .pdf")
    scan = _proposed(checklists, assessment)
    earlier = _proposed(checklists, baseline) if baseline is not None else None
    if suffix == ".pdf":
        from ..export.report import pdf as tagged

        if tagged.available():
            tagged.write_report_pdf(checklists, scan, path, baseline=earlier, progress=progress,
                                    variant=tagged.ARCHIVE_VARIANT if archive else tagged.PDF_VARIANT)
        elif archive:
            raise ReportFormatError(f"{path.name}: een PDF/A voor het archief kan op deze computer niet worden gemaakt "
                             "(WeasyPrint of Pango ontbreekt); maak een gewone PDF of een Word-document")
        elif pdf_writer is None:
            raise ReportFormatError(f"{path.name}: een PDF maken kan hier niet (de afdrukmodule ontbreekt); kies .docx of .html")
        else:
            log.warning("WeasyPrint of Pango ontbreekt: het PDF-rapport wordt met Qt gemaakt, zonder tags en "
                        "bladwijzers")
            pdf_writer(checklists, scan, path, baseline=earlier, progress=progress)
        return path
    if progress is not None:
        progress(0, 1)  # Word and HTML take a moment only: one step, before anything is written
    if suffix == ".docx":
        from ..export.report.docx import write_report_docx

        write_report_docx(checklists, scan, path, chart_png=chart_png, baseline=earlier)
    else:
        from ..export.report import write_report_html

        write_report_html(checklists, scan, path, baseline=earlier)
    return path
