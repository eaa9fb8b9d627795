"""Text stays text in every workbook we write: no user's words become a live Excel formula.

openpyxl stores any string that starts with ``=`` as a formula. A title, owner, note,
organisation or participant name like ``=cmd|' /C calc'!A0`` or ``=HYPERLINK("file:///...")``
would then run in the reader's Excel (formula injection), and the plan could no longer be read
back as it was written. We write no formulas of our own into cells (lists and checks live in data
validations), so ``text_only`` turns every formula cell back into a plain string cell, marked with
Excel's quote prefix so that Excel and LibreOffice also keep it text when someone edits the cell.
Read back, such a cell gives exactly the text that was written.
"""

from __future__ import annotations

from openpyxl.cell.cell import TYPE_FORMULA, TYPE_STRING
from openpyxl.workbook.workbook import Workbook


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
