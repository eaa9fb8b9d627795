"""The Samenvatting as Excel prints it: Excel's own fit-to-page scale, computed from the sheet's
column widths, row heights, paper and margins, times the smallest font on it, is at least 9 pt
(issue 24: it was about 7.2 pt when the sheet was squeezed onto one page)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from dienstscan.checklists import load_checklists
from dienstscan.export.excel_plan import export_plan
from dienstscan.storage import load_scan

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
A4 = (595.0, 842.0)  # points, portrait


def _area(ws) -> str:
    area = ws.print_area
    area = area[0] if isinstance(area, (list, tuple)) else area
    return area.split(",")[0].split("!")[-1].replace("$", "")


def column_points(width: float | None) -> float:
    """Excel's width in characters of Calibri 11 to points: 7 px per character plus 5 px padding."""
    return int((width or 8.43) * 7 + 5) * 0.75


def excel_print_scale(ws) -> float:
    """The scale Excel prints the print area at: 100% (or the sheet's own scale), lowered to fit
    ``fitToWidth`` pages wide and ``fitToHeight`` pages high (0: as many as needed)."""
    min_col, min_row, max_col, max_row = range_boundaries(_area(ws))
    width = sum(column_points(ws.column_dimensions[get_column_letter(c)].width) for c in range(min_col, max_col + 1))
    height = sum(ws.row_dimensions[r].height or 15.0 for r in range(min_row, max_row + 1))
    paper_w, paper_h = A4 if ws.page_setup.orientation != "landscape" else A4[::-1]
    margins = ws.page_margins
    usable_w = paper_w - (margins.left + margins.right) * 72
    usable_h = paper_h - (margins.top + margins.bottom) * 72
    if not ws.sheet_properties.pageSetUpPr.fitToPage:
        return (ws.page_setup.scale or 100) / 100
    scale = 1.0
    if ws.page_setup.fitToWidth:
        scale = min(scale, ws.page_setup.fitToWidth * usable_w / width)
    if ws.page_setup.fitToHeight:
        scale = min(scale, ws.page_setup.fitToHeight * usable_h / height)
    return scale


def smallest_font(ws) -> float:
    min_col, min_row, max_col, max_row = range_boundaries(_area(ws))
    return min(cell.font.sz or 11 for row in ws.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col,
                                                           max_col=max_col)
               for cell in row if cell.value not in (None, ""))


@pytest.mark.parametrize("example", ["gemeente-2026.dienstscan", "gemeente-voorbeeld.dienstscan"])
def test_samenvatting_prints_at_nine_points_or_more_in_excel(tmp_path, example):
    path = tmp_path / "plan.xlsx"
    export_plan(load_checklists(), load_scan(EXAMPLES / example), path)
    ws = load_workbook(path)["Samenvatting"]
    printed = excel_print_scale(ws) * smallest_font(ws)
    assert printed >= 9.0, printed
    assert ws.page_setup.fitToWidth == 1  # one page wide, as every sheet
    # the same sheet squeezed onto one page, as before: the measure would have caught it
    ws.page_setup.fitToHeight = 1
    assert excel_print_scale(ws) * smallest_font(ws) < 9.0


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _merged_points(ws, cell) -> float:
    """The printed width of a cell in points (its merged range's columns, Excel's px per width)."""
    for merged in ws.merged_cells.ranges:
        if cell.coordinate in merged:
            return sum(column_points(ws.column_dimensions[get_column_letter(c)].width)
                       for c in range(merged.min_col, merged.max_col + 1))
    return column_points(ws.column_dimensions[cell.column_letter].width)


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans (fonts-dejavu-core) is niet geïnstalleerd")
@pytest.mark.parametrize("example", ["gemeente-2026.dienstscan", "gemeente-voorbeeld.dienstscan"])
def test_every_score_on_the_samenvatting_fits_its_column_on_one_line(tmp_path, example):
    """Issue 24: LibreOffice printed "83% (33 van" / "40)". Each score in "Waar staan we" must fit
    its (merged) column at its own font size, measured in DejaVu Sans: the font LibreOffice prints
    Calibri with, wider than Calibri, so it fits in Excel too. 2 pt padding on each side."""
    from PIL import ImageFont

    path = tmp_path / "plan.xlsx"
    export_plan(load_checklists(), load_scan(EXAMPLES / example), path)
    ws = load_workbook(path)["Samenvatting"]
    header = next(c for row in ws.iter_rows() for c in row if c.value == "Score")
    scores = []
    for r in range(header.row + 1, ws.max_row + 1):
        cell = ws.cell(row=r, column=header.column)
        if cell.value in (None, ""):
            break  # the end of the table
        if "%" in str(cell.value) or "niveau" in str(cell.value):  # a score; not an answer's words
            scores.append(cell)  # ("Fase 2: Kanaal geeft Antwoord" may wrap between its words)
    assert len(scores) >= 3
    texts = {c.value for c in scores}
    assert any("van" in t for t in texts)  # the count beside the share, or a level "van 4"
    for cell in scores:
        size = cell.font.sz or 11
        font = ImageFont.truetype(str(DEJAVU), int(size * 100))
        needed = font.getlength(str(cell.value)) / 100 + 4
        assert needed <= _merged_points(ws, cell), (cell.coordinate, cell.value, needed, _merged_points(ws, cell))
    # the measure can fail: one 12-wide column, as before, is too narrow for "83% (33 van 40)"
    widest = max(scores, key=lambda c: len(str(c.value)))
    font = ImageFont.truetype(str(DEJAVU), 1100)
    assert font.getlength(str(widest.value)) / 100 + 4 > column_points(12)
