"""Page layout of the exported workbook: print setup and row heights for wrapped text.

Neither openpyxl nor LibreOffice's converter sizes rows to wrapped text, so a long action title
would print over the next row. We estimate the lines each wrapped cell needs from its column
width (conservatively: LibreOffice substitutes wider fonts for Calibri) and set the row height.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TypeVar

from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.worksheet import Worksheet

from . import text_widths
from .xmltext import xml_text

T = TypeVar("T")

LINE_HEIGHT = 14.5  # points per line at the default 11pt font (Excel: 15 for one line)
#: Characters that fit on a line per unit of column width: Calibri 11 in Excel fits about 1.3
#: average Dutch characters per unit, LibreOffice (DejaVu Sans for Calibri) about 1.2, less on a
#: line with capitals and brackets. The estimate stays below both: one above what prints hides the
#: last line of a cell (tests/unit/export/test_printed_workbook.py finds every word on paper);
#: one below it leaves an empty line. The cell's own padding takes ``CELL_PADDING`` units off.
CHARS_PER_WIDTH = 1.15
CELL_PADDING = 1.5


_ADVANCES = {False: dict(zip(text_widths.CHARS, text_widths.REGULAR, strict=True)),
              True: dict(zip(text_widths.CHARS, text_widths.BOLD, strict=True))}
#: a character the table lacks counts as the widest one (never narrower than it prints)
_WIDEST = {bold: max(table.values()) for bold, table in _ADVANCES.items()}
#: points a cell keeps free on each side of its text
TEXT_PADDING = 2.0


def text_points(text: str, size: float = 11, *, bold: bool = False) -> float:
    """The printed length of one line of ``text`` in points at ``size``, measured in DejaVu Sans:
    the font LibreOffice prints Calibri with, and wider than Calibri, so what fits by this measure
    fits in Excel too."""
    advances, widest = _ADVANCES[bold], _WIDEST[bold]
    return sum(advances.get(c, widest) for c in text) * size / text_widths.UNITS_PER_EM


def column_points(width: float | None) -> float:
    """A column's printed width in points: Excel's width in characters of Calibri 11 is 7 pixels
    per character plus 5 pixels of padding, at 96 pixels per inch."""
    return int((8.43 if width is None else width) * 7 + 5) * 0.75


def width_for_points(points: float) -> float:
    """The smallest column width (in Excel's characters) that prints at least ``points`` wide."""
    pixels = math.ceil(points / 0.75 - 1e-9)
    return math.ceil((pixels - 5) / 7 * 100) / 100


def one_line_points(text: str, size: float = 11, *, bold: bool = False) -> float:
    """The width a cell needs to print ``text`` on one line (the longest of its lines), padding included."""
    return max(text_points(line, size, bold=bold) for line in text.split("\n")) + 2 * TEXT_PADDING


def clean(value: T) -> T:
    """A value a cell can hold (``xml_text``): characters XML cannot carry (a vertical tab or
    other control character pasted from Word into a note, U+FFFE, U+FFFF) make openpyxl or lxml
    refuse the whole export, so they go; a vertical tab becomes a line break."""
    if isinstance(value, str):
        return xml_text(value)  # type: ignore[return-value]
    return value


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped cell of ``width`` needs for ``text``, wrapping at spaces like Excel does:
    as many words on a line as fit (one space between them), a word longer than a line broken."""
    return _lines(text, _per_line(width))


def _per_line(width: float) -> int:
    """Characters on a line of a wrapped cell ``width`` units wide."""
    return max(1, int((width - CELL_PADDING) * CHARS_PER_WIDTH))


def _lines(text: str, per_line: int) -> int:
    if len(text) <= per_line:  # every paragraph fits on its line (most cells: owners, dates, labels)
        return text.count("\n") + 1
    if "\n" not in text:
        return _paragraph_lines(text, per_line)
    return sum(_paragraph_lines(paragraph, per_line) for paragraph in text.split("\n"))


def _paragraph_lines(paragraph: str, per_line: int) -> int:
    """``lines_needed`` of one paragraph: line by line, each ending at the last space that fits
    (the words joined by single spaces first), not word by word (an export measures every cell)."""
    if len(paragraph) <= per_line:
        return 1
    text = " ".join(paragraph.split())
    end, start, lines = len(text), 0, 1
    while end - start > per_line:
        space = text.rfind(" ", start, start + per_line + 1)
        if space > start:  # the line ends with the last word that fits
            start = space + 1
            lines += 1
            continue
        # A word longer than the line: broken into whole lines; the line its last piece starts
        # takes the next words if they fit.
        word_end = text.find(" ", start)
        word_end = end if word_end < 0 else word_end
        size = word_end - start
        lines += (size - 1) // per_line
        start = word_end - (size % per_line or per_line)
    return lines


def width_needed(texts: Iterable[object]) -> float:
    """The column width at which the longest line of ``texts`` (non-text values are skipped) fits
    on one line: the inverse of ``lines_needed``."""
    longest = max((len(line) for text in texts if isinstance(text, str) for line in text.split("\n")), default=0)
    return longest / CHARS_PER_WIDTH + CELL_PADDING


def fit_rows(ws: Worksheet, first_row: int, last_row: int, widths: dict[int, float], *,
             minimum_lines: int = 1, max_lines: int = 40, values: Sequence[Sequence[object]] | None = None) -> None:
    """Set the height of rows ``first_row..last_row`` to the most lines any wrapped cell needs.

    ``widths`` maps the 1-based column numbers that wrap to their width. ``values``: the values
    the caller just wrote to these rows (one sequence per row, by column from column 1), so the
    cells need not be read back; without it only the wrapped columns' cells are read.
    """
    if last_row < first_row:
        return
    per_line = {col: _per_line(width) for col, width in widths.items()}
    dimensions = ws.row_dimensions
    for r in range(first_row, last_row + 1):
        if values is not None:
            row = values[r - first_row]
            cells = [row[col - 1] if col <= len(row) else None for col in per_line]
        else:
            cells = [ws.cell(row=r, column=col).value for col in per_line]
        lines = minimum_lines
        for value, limit in zip(cells, per_line.values(), strict=True):
            if isinstance(value, str) and value:
                lines = max(lines, _lines(value, limit))
        if lines > 1:
            height = LINE_HEIGHT * min(lines, max_lines) + 2
            dimension = dimensions.get(r)
            if dimension is None:  # a new row's dimension, made at once (a thousand rows a sheet)
                dimensions[r] = RowDimension(ws, index=r, ht=height)
            else:
                dimension.height = height


def print_setup(ws: Worksheet, organisation: str, *, title_rows: str | None = None, landscape: bool = True,
                pages_wide: int = 1, pages_high: int = 0, side_margin: float = 0.4) -> None:
    """Landscape (or portrait) A4, fit to ``pages_wide`` pages across (and ``pages_high`` down,
    0 = as many as needed), repeated title rows, page numbers in the footer; ``side_margin``
    in inches (a wide table gets a narrower one, so it prints larger)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = pages_high
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = side_margin
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddHeader.left.text = clean(organisation).replace("&", "&&")
    ws.oddHeader.right.text = "&A"
    ws.oddFooter.left.text = "Dienstscan"
    ws.oddFooter.right.text = "Pagina &P van &N"
