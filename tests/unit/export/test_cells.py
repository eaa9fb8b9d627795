"""The quick ways the plan writes cells make the same workbook as openpyxl's own calls.

``export.common.cells.new_cell`` makes a cell without ``Worksheet.cell`` (filling its slots itself
and storing plain text without openpyxl's type look-up); ``merge`` copies the styles of an equal merge made before
instead of merging again. Each is written here both ways, saved, and compared cell by cell with
every style, merged range and sheet setting (``workbook_diff``); the comparison itself is shown
to see a difference.
"""

from __future__ import annotations

import datetime as dt
from copy import copy
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.exceptions import IllegalCharacterError
from workbook_diff import workbook_differences

from dienstscan.export.common import cells
from dienstscan.export.common.cells import merge, new_cell

_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

#: Everything a plan cell can hold, and the values openpyxl treats in its own way.
VALUES: list[object] = [
    None, "", "Gewone tekst", "regel\nregel", "=HYPERLINK(\"file:///x\")", "=", "==", "#N/A", "#DIV/0!",
    "x" * 40_000, "é 😀 \ufffd", 7, 2.5, True, dt.date(2026, 3, 1), dt.datetime(2026, 3, 1, 9, 30),
]


class _Text(str):
    """A str subclass: goes through openpyxl's own setter."""


def _styles(ws) -> list[dict[str, object]]:
    return [
        {},
        {"border": _BORDER, "alignment": Alignment(wrap_text=True, vertical="top")},
        {"border": _BORDER, "alignment": Alignment(vertical="top"), "number_format": "DD-MM-YYYY"},
        {"font": Font(name="Calibri", bold=True), "fill": PatternFill("solid", fgColor="DDEBF7")},
    ]


def _style(cell, attrs: dict[str, object]) -> None:
    for name, value in attrs.items():
        setattr(cell, name, value)


def _save(wb: Workbook, path: Path) -> Path:
    wb.save(path)
    return path


@pytest.mark.parametrize("own_slots", [True, False], ids=["cel zelf gevuld", "via Cell()"])
def test_new_cell_makes_the_cell_openpyxl_makes(tmp_path, monkeypatch, own_slots):
    if not own_slots:  # as with an openpyxl whose cell holds other things than this one's
        monkeypatch.setattr(cells, "_SLOTS_KNOWN", False)
    values = [*VALUES, _Text("tekst als subklasse")]
    by_openpyxl, quick = Workbook(), Workbook()
    for n, attrs in enumerate(_styles(quick.active), start=1):
        proto = quick.active.cell(row=100 + n, column=1)
        _style(proto, attrs)
        _style(by_openpyxl.active.cell(row=100 + n, column=1), attrs)
        for row, value in enumerate(values, start=1):
            cell = by_openpyxl.active.cell(row=row, column=n, value=value)
            _style(cell, attrs)
            made = new_cell(quick.active, row, n, value, copy(proto._style) if attrs else None)
            assert (made.value, made.data_type) == (cell.value, cell.data_type), value
    assert quick.active.max_row == by_openpyxl.active.max_row
    assert workbook_differences(_save(by_openpyxl, tmp_path / "a.xlsx"), _save(quick, tmp_path / "b.xlsx")) == []


def test_new_cell_fills_the_cells_of_this_openpyxl_itself():
    """The quick way is taken with the openpyxl we ship (else only the constructor's way is tested
    and the export is slower without a word)."""
    assert cells._SLOTS_KNOWN


def test_new_cell_refuses_what_openpyxl_refuses():
    ws = Workbook().active
    with pytest.raises(IllegalCharacterError):
        ws.cell(row=1, column=1, value="a\x01b")
    with pytest.raises(IllegalCharacterError):
        new_cell(ws, 1, 2, "a\x01b")


def _merged_sheet(ws, merging) -> None:
    """Styled first cells merged over ranges of a few shapes, most of them more than once (the
    copies), one over a cell written before and one over several rows."""
    styles = _styles(ws)
    for row in range(1, 13):
        attrs = styles[row % len(styles)]
        for start, span in ((1, 3), (4, 1), (5, 5)):
            cell = ws.cell(row=row, column=start, value=f"{row}-{start}")
            _style(cell, attrs)
            if span > 1:
                merging(ws, row, start, row, start + span - 1)
    ws.cell(row=14, column=1, value="boven")
    ws.cell(row=14, column=3, value="al geschreven").border = _BORDER
    merging(ws, 14, 1, 14, 4)
    for row in (16, 20):
        _style(ws.cell(row=row, column=2, value="blok"), styles[1])
        merging(ws, row, 2, row + 2, 6)


def _merge_cells(ws, start_row, start_column, end_row, end_column) -> None:
    ws.merge_cells(start_row=start_row, start_column=start_column, end_row=end_row, end_column=end_column)


def test_merge_is_openpyxls_merge(tmp_path):
    by_openpyxl, quick = Workbook(), Workbook()
    _merged_sheet(by_openpyxl.active, _merge_cells)
    _merged_sheet(quick.active, merge)
    # a second sheet of the same workbook uses what the first one merged
    _merged_sheet(by_openpyxl.create_sheet("Tweede"), _merge_cells)
    _merged_sheet(quick.create_sheet("Tweede"), merge)
    assert workbook_differences(_save(by_openpyxl, tmp_path / "a.xlsx"), _save(quick, tmp_path / "b.xlsx")) == []


def test_the_comparison_sees_a_difference(tmp_path):
    one, other = Workbook(), Workbook()
    for wb in (one, other):
        _merged_sheet(wb.active, merge)
    other.active.cell(row=5, column=7).border = Border(bottom=Side(style="thick"))  # a merged cell's edge
    other.active.row_dimensions[3].height = 30
    other.active.cell(row=2, column=1).value = "2-1 "
    differences = workbook_differences(_save(one, tmp_path / "a.xlsx"), _save(other, tmp_path / "b.xlsx"))
    assert any("rows" in d for d in differences)
    assert "Sheet!G5: stijl in het bestand verschilt" in differences
    assert any("R2C1: waarde" in d for d in differences)
