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


def _labels(checklists) -> set[str]:
    """Every answer, decision and status label a Samenvatting can show in a column of its own."""
    from dienstscan.model.assessment import ACTION_STATUS_LABELS
    from dienstscan.plan import DECISION_LABELS

    return ({o.label for scale in checklists.scales.values() for o in scale.options}
            | set(DECISION_LABELS.values()) | set(ACTION_STATUS_LABELS.values()))


def _worst_answers(checklists, assessment):
    """``assessment`` with every answered item set to its scale's longest label that is not full
    ("Gedeeltelijk ingevoerd", "Deels toegepast", "Fase 3: Frontoffice geeft Antwoord"), so
    the longest labels reach the gaps and the standing table."""
    for _, _, item in checklists.walk():
        if item.id in assessment.answers:
            options = [o for o in checklists.scale_for(item.id).options if (o.weight or 0) < 1]
            assessment.answers[item.id].option = max(options, key=lambda o: len(o.label)).id
    return assessment


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans (fonts-dejavu-core) is niet geïnstalleerd")
@pytest.mark.parametrize("worst", [False, True])
@pytest.mark.parametrize("example", ["gemeente-2026.dienstscan", "gemeente-voorbeeld.dienstscan"])
def test_every_label_on_the_samenvatting_prints_on_one_line(tmp_path, example, worst):
    """Issue 24: LibreOffice printed "Gedeeltelijk" / "ingevoerd" and "Voorstel" / "aangenomen" on
    two lines. Every answer, decision and status label, and every header word, fits its (merged)
    column, measured in DejaVu Sans like the scores above."""
    from PIL import ImageFont

    checklists = load_checklists()
    assessment = load_scan(EXAMPLES / example)
    if worst:
        assessment = _worst_answers(checklists, assessment)
    path = tmp_path / "plan.xlsx"
    export_plan(checklists, assessment, path)
    ws = load_workbook(path)["Samenvatting"]
    labels = _labels(checklists)
    regular = ImageFont.truetype(str(DEJAVU), 1100)
    bold = ImageFont.truetype(str(DEJAVU.with_name("DejaVuSans-Bold.ttf")), 1100)
    checked = set()
    for row in ws.iter_rows():
        for cell in row:
            header = cell.font.b and cell.fill.fgColor.rgb == "001F4E79"
            if not isinstance(cell.value, str) or not (header or cell.value in labels):
                continue
            room = _merged_points(ws, cell)
            for word in cell.value.split() if header else [cell.value]:
                needed = (bold if header else regular).getlength(word) / 100 + 4
                assert needed <= room, (cell.coordinate, word, needed, room)
                checked.add(word)
    assert {"Voorstel aangenomen", "Gedeeltelijk", "Probleemeigenaar"} <= checked, checked
    assert ("Gedeeltelijk ingevoerd" if worst else "Niet ingevoerd") in checked, checked
    if worst and example == "gemeente-voorbeeld.dienstscan":  # the phase, an answer in the Score column
        assert "Fase 3: Frontoffice geeft Antwoord" in checked, checked
    # the measure can fail: "Gedeeltelijk ingevoerd" does not fit one 12-wide grid column, as before
    assert regular.getlength("Gedeeltelijk ingevoerd") / 100 + 4 > column_points(15)


def excel_pages(ws) -> list[list[int]]:
    """The print area's rows per page as Excel lays them out: a manual row break ends a page, and
    so does a row that no longer fits the paper between the margins at the sheet's print scale."""
    min_col, min_row, max_col, max_row = range_boundaries(_area(ws))
    paper_h = A4[1] if ws.page_setup.orientation != "landscape" else A4[0]
    capacity = (paper_h - (ws.page_margins.top + ws.page_margins.bottom) * 72) / excel_print_scale(ws)
    breaks = {b.id for b in ws.row_breaks.brk}
    pages: list[list[int]] = [[]]
    used = 0.0
    for r in range(min_row, max_row + 1):
        height = ws.row_dimensions[r].height or 15.0
        if pages[-1] and used + height > capacity:
            pages.append([])
            used = 0.0
        pages[-1].append(r)
        used += height
        if r in breaks:
            pages.append([])
            used = 0.0
    return [p for p in pages if p]


def _is_header(ws, r: int) -> bool:
    return ws.cell(row=r, column=1).fill.fgColor.rgb == "001F4E79"


def _is_heading(ws, r: int) -> bool:
    return (ws.cell(row=r, column=1).font.sz or 11) >= 12


@pytest.mark.parametrize("example", ["gemeente-2026.dienstscan", "gemeente-voorbeeld.dienstscan"])
def test_samenvatting_pages_break_between_parts_not_inside_them(tmp_path, example):
    """Issue 24: the 2026 example printed on three pages, the third holding only the organisation
    and the participants, and a table's header could end a page without its rows. Now the facts
    stand under the title, Excel needs no break of its own (each manual page fits), no page ends
    with a heading or a header, a table continued on a new page repeats its header, and the last
    page holds more than the closing sentence."""
    path = tmp_path / "plan.xlsx"
    export_plan(load_checklists(), load_scan(EXAMPLES / example), path)
    ws = load_workbook(path)["Samenvatting"]
    pages = excel_pages(ws)
    assert len(pages) == len(ws.row_breaks.brk) + 1  # no break Excel adds by itself
    assert len(pages) <= 3
    texts = {r: str(ws.cell(row=r, column=1).value or "") for p in pages for r in p}
    assert "Deelnemers:" in " ".join(texts[r] for r in pages[0][:4])  # with the other facts, on top
    for n, page in enumerate(pages):
        last = max(r for r in page if texts[r])  # an empty row may end a page
        assert not _is_header(ws, last) and not _is_heading(ws, last), (n, texts[last])
        first = page[0]
        assert texts[first], (n, "begint met een lege regel")
        if n and not _is_heading(ws, first):
            # a continued table starts with its header; a paragraph goes on as itself
            assert _is_header(ws, first) or ws.cell(row=first, column=1).border.left.style is None, (n, texts[first])
    closing = pages[-1]
    assert any(_is_header(ws, r) or _is_heading(ws, r) for r in closing), [texts[r] for r in closing]


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans (fonts-dejavu-core) is niet geïnstalleerd")
def test_the_shipped_widths_measure_as_the_font_does():
    """``layout.text_points`` reads a table generated from DejaVu Sans (tools/gen_text_widths.py):
    it measures as the font file does (never narrower), and a character the table lacks counts as the widest."""
    from PIL import ImageFont

    from dienstscan.export.common.layout import text_points

    for bold, name in ((False, "DejaVuSans.ttf"), (True, "DejaVuSans-Bold.ttf")):
        font = ImageFont.truetype(str(DEJAVU.with_name(name)), 1100)
        for text in ("Gedeeltelijk ingevoerd", "Fase 3: Frontoffice geeft Antwoord", "83% (33 van 40)",
                     "Coördinator Informatiecentrum – ‘één’ €"):
            # the font's kerning pulls a few pairs closer: the table (no kerning) is at most 2% wider
            printed = font.getlength(text) / 100
            assert printed - 0.05 <= text_points(text, bold=bold) <= printed * 1.02, text
    assert text_points("✓") >= text_points("W")
