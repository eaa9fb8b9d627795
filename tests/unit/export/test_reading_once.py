"""Issue 24 point 7 (speed of the read-back): a workbook is loaded a second time, with its formulas,
only when a worksheet may hold a formula. A plan as Dienstscan writes it (no formulas) is loaded
once; any formula element, also with a namespace prefix or a shared/array formula, or a sheet the
check cannot find, still gets the second load, so a formula without a computed value stays named."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from dienstscan.export.common.reading import _may_hold_formulas, cell_problem, open_workbook


def _rewrite(path: Path, name: str, edit) -> None:
    with zipfile.ZipFile(path) as src:
        infos = src.infolist()
        data = {info.filename: src.read(info) for info in infos}
    data[name] = edit(data[name].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in infos:
            dst.writestr(info.filename, data[info.filename])


def _book(tmp_path: Path, value: object = "tekst") -> Path:
    wb = Workbook()
    wb.active["A1"] = "kop"
    wb.create_sheet("Tweede")["B2"] = value
    path = tmp_path / "map.xlsx"
    wb.save(path)
    return path


def test_a_plan_as_dienstscan_writes_it_is_loaded_once(plan_path):
    assert not _may_hold_formulas(plan_path)
    book = open_workbook(plan_path)
    assert book.formulas is book.values


def test_a_formula_in_any_sheet_makes_the_second_load(tmp_path):
    path = _book(tmp_path, "=1+1")
    assert _may_hold_formulas(path)
    book = open_workbook(path)
    assert book.formulas is not book.values
    assert book.formulas["Tweede"]["B2"].data_type == "f"
    # no computed value was saved: named as such, not read as empty
    assert "heeft geen berekende waarde" in cell_problem(book, "Tweede", 2, 2)


@pytest.mark.parametrize("element", ['<x:f>1+1</x:f>', '<f t="shared" ref="B2:B3" si="0">1+1</f>', '<f t="shared" si="0"/>'])
def test_prefixed_and_shared_formulas_are_seen(tmp_path, element):
    path = _book(tmp_path, 5)
    _rewrite(path, "xl/worksheets/sheet2.xml", lambda xml: re.sub(r"(<c r=\"B2\"[^>]*>)", r"\1" + element, xml))
    assert _may_hold_formulas(path)


def test_text_that_looks_like_a_formula_element_is_not_one(tmp_path):
    path = _book(tmp_path, "<f> is geen formule, <font> ook niet")
    assert not _may_hold_formulas(path)  # the text is escaped in the XML: &lt;f&gt;


def test_a_sheet_the_check_cannot_find_counts_as_holding_formulas(tmp_path):
    path = _book(tmp_path)
    # the sheet declared by a <Default> extension instead of an <Override>: not listed by name
    _rewrite(path, "[Content_Types].xml", lambda xml: xml.replace(
        '<Default Extension="xml" ContentType="application/xml"/>',
        '<Default Extension="xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'))
    assert _may_hold_formulas(path)
