"""Text stays text in every workbook we write: no user's words become a live Excel formula.

openpyxl stores any string that starts with ``=`` as a formula. A title, owner, note,
organisation or participant name like ``=cmd|' /C calc'!A0`` or ``=HYPERLINK("file:///...")``
would then run in the reader's Excel (formula injection), and the plan could no longer be read
back as it was written. We write no formulas of our own into cells (lists and checks live in data
validations), so ``text_only`` turns every formula cell back into a plain string cell, marked with
Excel's quote prefix so that Excel and LibreOffice also keep it text when someone edits the cell.
Read back, such a cell gives exactly the text that was written.

``new_cell`` makes the cells of a sheet written in one pass (the plan's thousands of rows) the way
``Worksheet.cell`` makes them, without its per-call checks and look-ups; ``merge`` merges a range
as ``Worksheet.merge_cells`` does, copying the styles of an equal merge made before.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, TYPE_FORMULA, TYPE_STRING, Cell, MergedCell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

#: What ``Cell.__init__`` sets, all a cell holds; ``new_cell`` sets them itself (half the time of
#: making a cell) when openpyxl's cell has exactly these, else it calls the constructor.
_CELL_SLOTS = frozenset({"parent", "_style", "row", "column", "_value", "data_type", "_hyperlink", "_comment"})
_SLOTS_KNOWN = {slot for kind in Cell.__mro__ for slot in getattr(kind, "__slots__", ())} == _CELL_SLOTS
_blank_cell = Cell.__new__
#: openpyxl cuts longer text (Excel's limit for a cell).
_MAX_TEXT = 32767
_ERROR_CODES = frozenset(ERROR_CODES)


def new_cell(ws: Worksheet, row: int, column: int, value: object = None, style: StyleArray | None = None) -> Cell:
    """A new cell at ``row``, ``column`` (1-based) holding ``value``, as ``ws.cell(row, column, value)``
    makes it on an empty position, with a copy of ``style`` when given (the ``cell._style`` of a
    cell styled before): the same as setting that cell's font, fill, border, alignment and number
    format again, without hashing and looking up each style object per cell.

    The style comes first, then the value: a date keeps the style's date format (and gets
    openpyxl's own where the style has none). Plain text (``_plain_text``) is stored as openpyxl
    stores it, without its type look-up; every other value goes through openpyxl's own setter.
    An existing cell at that position is replaced, so write each cell once. ``Worksheet.cell``
    checks its arguments and looks the position up on every call, and the setter infers the
    type: half the time it takes to make thousands of cells.
    """
    if _SLOTS_KNOWN:
        cell = _blank_cell(Cell)
        cell.parent = ws
        cell._style = None if style is None else StyleArray(style)
        cell.row = row
        cell.column = column
        cell._value = None
        cell.data_type = "n"
        cell._hyperlink = None
        cell._comment = None
    else:
        cell = Cell(ws, row=row, column=column, style_array=style)
    if _plain_text(value):
        cell._value = value
        cell.data_type = TYPE_STRING
    elif value is not None:
        cell.value = value
    ws._cells[(row, column)] = cell
    if row > ws._current_row:
        ws._current_row = row
    return cell


def _plain_text(value: object) -> bool:
    """True for a ``str`` openpyxl would store unchanged as text: not too long for a cell, no
    character it refuses, not read as a formula (``=``) or an error code (``#N/A``)."""
    return (value.__class__ is str and len(value) <= _MAX_TEXT and value[:1] != "="  # type: ignore[attr-defined]
            and value not in _ERROR_CODES and ILLEGAL_CHARACTERS_RE.search(value) is None)  # type: ignore[arg-type]


#: Per workbook (its style indices are its own): the styles a merge left on its cells, by the
#: style of the range's first cell and the range's size.
_MERGED: WeakKeyDictionary[Workbook, dict[tuple, tuple[StyleArray, list[StyleArray]]]] = WeakKeyDictionary()


def merge(ws: Worksheet, start_row: int, start_column: int, end_row: int, end_column: int) -> None:
    """``ws.merge_cells`` over the range, with the same result, quicker when the same merge was
    made before.

    Merging gives the cells at the edges of the range the first cell's borders and every cell
    its protection, one style object at a time, each hashed and looked up (most of the time it
    takes to write the Samenvatting). The result depends only on the first cell's style and the
    range's size when the range holds no other cell yet: a merge like one made before in the
    same workbook gets copies of the styles that one left. Any other range is merged by openpyxl.
    """
    first = ws._cells.get((start_row, start_column))
    others = [(r, c) for r in range(start_row, end_row + 1) for c in range(start_column, end_column + 1)][1:]
    if first is None or not others or any(position in ws._cells for position in others):
        ws.merge_cells(start_row=start_row, start_column=start_column, end_row=end_row, end_column=end_column)
        return
    known = _MERGED.setdefault(ws.parent, {})
    key = (tuple(_style_of(first)), end_row - start_row, end_column - start_column)
    styles = known.get(key)
    if styles is None:
        ws.merge_cells(start_row=start_row, start_column=start_column, end_row=end_row, end_column=end_column)
        known[key] = (_style_of(first), [_style_of(ws._cells[p]) for p in others])
        return
    first_style, other_styles = styles
    area = CellRange(min_col=start_column, min_row=start_row, max_col=end_column, max_row=end_row)
    ws.merged_cells.add(MergedCellRange(ws, area.coord))
    first._style = StyleArray(first_style)
    for (row, column), style in zip(others, other_styles, strict=True):
        cell = MergedCell(ws, row=row, column=column)
        cell._style = StyleArray(style)
        ws._cells[(row, column)] = cell


def _style_of(cell: Cell | MergedCell) -> StyleArray:
    """A copy of the cell's style (openpyxl leaves it None until the cell is styled)."""
    return StyleArray(cell._style) if cell._style is not None else StyleArray()


def text_only(wb: Workbook) -> int:
    """Make every cell of ``wb`` that openpyxl would write as a formula a text cell; returns how many."""
    changed = 0
    for ws in wb.worksheets:
        for cell in ws._cells.values():  # only the cells that exist: quick on a large sheet
            if cell.data_type == TYPE_FORMULA:
                cell.data_type = TYPE_STRING
                cell.quotePrefix = True
                changed += 1
    return changed
