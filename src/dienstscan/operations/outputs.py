"""The plan (Excel) and the report (PDF, Word, HTML) of a scan, from its proposed plan.

Both write from a copy whose plan is proposed (``follow_answers``), so a file is the same whoever
made it, whatever state the caller's assessment was in; the caller's assessment is not changed.
The PDF writer (``ui.pdf.write_report_pdf``, Qt) is handed over by the caller, so this layer
stays Qt-free; so is the chart picture of the Word report (``chart_png``, optional).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..model import Assessment, ChecklistSet
from .changes import follow_answers

#: The report's formats by file extension.
REPORT_SUFFIXES = (".pdf", ".docx", ".html", ".htm")

Progress = Callable[[int, int], None]


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
                 baseline: Assessment | None = None, progress: Progress | None = None,
                 pdf_writer: Callable[..., object] | None = None,
                 chart_png: Callable[[str], bytes] | None = None) -> Path:
    """Write the management report in the format the extension names: .pdf, .docx, .html/.htm.

    ``baseline`` adds the progress chapter. ``progress(done, total)`` is called between steps and
    may raise to cancel before anything is written. ``pdf_writer(checklists, assessment, path, *,
    baseline, progress)`` writes the PDF (required for .pdf); ``chart_png(svg)`` draws the Word
    report's chart (without it the score table stands alone). Raises ``ValueError`` (Dutch) for another extension and
    ``SaveError`` (Dutch) when saving fails.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise ValueError(f"{path.name}: kies een bestandsnaam die eindigt op .pdf, .docx of .html")
    if suffix == ".pdf" and pdf_writer is None:
        raise ValueError(f"{path.name}: een PDF maken kan hier niet (de afdrukmodule ontbreekt); kies .docx of .html")
    scan = _proposed(checklists, assessment)
    earlier = _proposed(checklists, baseline) if baseline is not None else None
    if suffix == ".pdf":
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
