"""Issue 20, class 1 (and the workbook half of 8 and 9): what the read-back cannot read it names by
sheet!cell and refuses, never taking an empty or literal value over. Formulas without a computed
value, Excel error values, merged cells, a column header twice, rows far below the table, dates
outside 1900-2199, files that are no .xlsx (an .ods, a password-protected or old .xls file)."""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from test_plan_cli import run, scan_file  # noqa: F401  (scan_file is a fixture)

from dienstscan.export.common.reading import OLE_MAGIC
from dienstscan.export.excel_plan import PLAN_HEADER_ROW, WORK_SHEET, PlanFileError, parse_date, read_plan


def _refused(plan_path, assessment, checklists) -> list[str]:
    before = assessment.model_dump()
    plan = read_plan(plan_path, assessment, checklists)
    assert not plan.ok
    assert assessment.model_dump() == before
    return plan.errors


def _patch_sheet_xml(path: Path, sheet_xml: str, edit) -> None:
    """Rewrite one part of the workbook's zip (what a program that does not compute leaves behind)."""
    data = {}
    with zipfile.ZipFile(path) as src:
        infos = src.infolist()
        for info in infos:
            data[info.filename] = src.read(info)
    data[sheet_xml] = edit(data[sheet_xml].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in infos:
            dst.writestr(info.filename, data[info.filename])


def _plan_sheet_part(path: Path) -> str:
    wb = load_workbook(path)
    return f"xl/worksheets/sheet{wb.sheetnames.index(WORK_SHEET) + 1}.xml"


@pytest.mark.parametrize("header,formula", [("Probleemeigenaar", "=B5&\"\""), ("Einde", "=DATE(2027,3,1)"),
                                            ("Status", "=IF(TRUE,\"Gereed\",\"\")"), ("ID", "=A5")])
def test_a_formula_without_computed_value_is_named_not_cleared(plan_path, assessment, checklists, edit_plan,
                                                               header, formula):
    action = assessment.actions[2]
    ed = edit_plan(plan_path)
    ref = ed.set(action.id, header, formula)
    ed.save()
    errors = _refused(plan_path, assessment, checklists)
    assert any(e.startswith(f"'Werkblad PDCA'!{ref}: de formule {formula} heeft geen berekende waarde") for e in errors), errors


def test_a_formula_with_a_computed_value_is_read_as_that_value(plan_path, assessment, checklists, edit_plan):
    action = assessment.actions[1]
    ed = edit_plan(plan_path)
    ref = ed.set(action.id, "Probleemeigenaar", '="Team "&"KCC"')
    ed.save()
    # Excel keeps the computed value beside the formula: put it there as Excel would.
    _patch_sheet_xml(plan_path, _plan_sheet_part(plan_path),
                     lambda xml: re.sub(rf'(<c r="{ref}"[^>]*)>(<f>.*?</f>)(<v>\s*</v>|<v/>)?',
                                        r'\1 t="str">\2<v>Team KCC</v>', xml, count=1))
    plan = read_plan(plan_path, assessment, checklists)
    assert plan.ok, plan.errors
    [change] = [c for c in plan.changes if c.action_id == action.id]
    assert [(f.field, f.new) for f in change.fields] == [("owner", "Team KCC")]


@pytest.mark.parametrize("code", ["#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NULL!", "#NUM!"])
@pytest.mark.parametrize("header", ["Actie", "Probleemeigenaar", "Start", "Status", "Thema", "ID", "PDCA-keuze"])
def test_an_excel_error_value_is_named_in_every_column(plan_path, assessment, checklists, edit_plan, code, header):
    ed = edit_plan(plan_path)
    ref = ed.set(assessment.actions[3].id, header, code)
    ed.save()
    errors = _refused(plan_path, assessment, checklists)
    assert any(e.startswith(f"'Werkblad PDCA'!{ref}: de cel bevat de Excel-foutwaarde {code}") for e in errors), errors
    assert not any(f"'{code}'" in e for e in errors)  # never read as text


def test_merged_id_cells_are_named_and_make_no_duplicate(plan_path, assessment, checklists, edit_plan):
    ed = edit_plan(plan_path)
    first = ed.ref(assessment.actions[1].id, "ID")
    below = ed.ref(assessment.actions[2].id, "ID")
    ed.ws.merge_cells(f"{first}:{below}")
    ed.save()
    plan = read_plan(plan_path, assessment, checklists)
    assert not plan.ok
    assert plan.errors == [f"'Werkblad PDCA'!{first}: de cellen {first}:{below} zijn samengevoegd; maak het "
                           "samenvoegen ongedaan en vul elke cel apart in"]
    assert not plan.new_actions and not plan.deleted


def test_merged_cells_across_fields_of_one_row_are_named(plan_path, assessment, checklists, edit_plan):
    ed = edit_plan(plan_path)
    left = ed.ref(assessment.actions[4].id, "Probleemeigenaar")
    right_col = get_column_letter(ed.ws[left].column + 1)
    ed.ws.merge_cells(f"{left}:{right_col}{ed.ws[left].row}")
    ed.save()
    errors = _refused(plan_path, assessment, checklists)
    assert errors[0].startswith(f"'Werkblad PDCA'!{left}: de cellen {left}:")


def test_a_second_column_with_the_same_header_is_named(plan_path, assessment, checklists):
    wb = load_workbook(plan_path)
    ws = wb[WORK_SHEET]
    extra = ws.max_column + 2
    ws.cell(row=PLAN_HEADER_ROW, column=extra, value="Status")
    ws.cell(row=PLAN_HEADER_ROW + 1, column=extra, value="Gereed")
    wb.save(plan_path)
    errors = _refused(plan_path, assessment, checklists)
    letter = get_column_letter(extra)
    assert any(e.startswith(f"'Werkblad PDCA'!{letter}{PLAN_HEADER_ROW}: de kolom 'Status' staat twee keer in de "
                            "koptekst (ook in ") for e in errors), errors


def test_a_row_far_below_the_table_is_read_with_a_note(plan_path, assessment, checklists, edit_plan):
    ed = edit_plan(plan_path)
    far = ed.ws.max_row + 1500
    ed.ws[f"{ed.cols['Actie']}{far}"] = "Ver onder de tabel"
    ed.ws[f"{ed.cols['Probleemeigenaar']}{far}"] = "Piet"
    ed.save()
    plan = read_plan(plan_path, assessment, checklists)
    assert plan.ok, plan.errors
    assert [a.title for a in plan.new_actions] == ["Ver onder de tabel"]
    assert any(f"rij {far} staat onder" in n for n in plan.notes)
    assert f"rij {far}" in plan.describe()


def test_a_bad_cell_far_below_the_table_is_still_found(plan_path, assessment, checklists, edit_plan):
    ed = edit_plan(plan_path)
    far = ed.ws.max_row + 5000
    ed.ws[f"{ed.cols['Einde']}{far}"] = "#REF!"
    ed.save()
    errors = _refused(plan_path, assessment, checklists)
    assert any(e.startswith(f"'Werkblad PDCA'!{ed.cols['Einde']}{far}: de cel bevat de Excel-foutwaarde #REF!")
               for e in errors)


@pytest.mark.parametrize("text", ["1-3-0000", "1-3-0027", "01/03/1066", "2300-01-01", "1 maart 1899", "1-3-99999"])
def test_dates_outside_the_plausible_years_are_refused(plan_path, assessment, checklists, edit_plan, text):
    ed = edit_plan(plan_path)
    ref = ed.set(assessment.actions[1].id, "Einde", text)
    ed.save()
    errors = _refused(plan_path, assessment, checklists)
    assert any(e.startswith(f"'Werkblad PDCA'!{ref}: ") and "datum" in e for e in errors), errors


def test_two_digit_years_still_mean_this_century():
    import datetime as dt

    assert parse_date("1-3-27") == dt.date(2027, 3, 1)
    with pytest.raises(ValueError):
        parse_date("1-3-0000")
    with pytest.raises(ValueError):
        parse_date(-5)


@pytest.mark.parametrize("serial", [-5, 0, 10_000_000_000, 3_000_000])
def test_date_serials_out_of_range_are_named(plan_path, assessment, checklists, edit_plan, serial):
    ed = edit_plan(plan_path)
    ref = ed.set(assessment.actions[2].id, "Start", serial)
    ed.ws[ref].number_format = "dd-mm-yyyy"
    ed.save()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        errors = _refused(plan_path, assessment, checklists)
    assert not caught, [str(w.message) for w in caught]  # openpyxl's UserWarnings stay inside
    assert any(e.startswith(f"'Werkblad PDCA'!{ref}: ") and ("datum" in e) for e in errors), errors


def test_too_long_text_is_named_at_its_own_column_in_dutch(plan_path, assessment, checklists, edit_plan):
    ed = edit_plan(plan_path)
    ref = ed.set(assessment.actions[1].id, "Probleemeigenaar", "x" * 20_001)
    ed.save()
    errors = _refused(plan_path, assessment, checklists)
    assert errors == [f"'Werkblad PDCA'!{ref}: de regel van {assessment.actions[1].id} is ongeldig: Probleemeigenaar is te "
                      "lang (hoogstens 20000 tekens)"]
    assert not any("should" in e for e in errors)


def _refusal(path: Path, assessment, checklists) -> str:
    with pytest.raises(PlanFileError) as err:
        read_plan(path, assessment, checklists)
    return str(err.value)


def test_an_ods_renamed_to_xlsx_is_named(tmp_path, assessment, checklists):
    path = tmp_path / "plan.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
        z.writestr("META-INF/manifest.xml", "<manifest/>")
    message = _refusal(path, assessment, checklists)
    assert "plan.xlsx is een OpenDocument-werkblad (.ods" in message and "Excel 2007-365 (.xlsx)" in message


def test_a_password_protected_workbook_says_so(tmp_path, assessment, checklists):
    path = tmp_path / "beveiligd.xlsx"
    # An encrypted .xlsx is an OLE compound file with the streams EncryptionInfo and EncryptedPackage.
    directory = "EncryptionInfo".encode("utf-16-le") + b"\0" * 40 + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(OLE_MAGIC + b"\0" * 504 + directory + b"\0" * 2048)
    message = _refusal(path, assessment, checklists)
    assert "beveiligd.xlsx is met een wachtwoord beveiligd" in message
    assert "sla haar op zonder wachtwoord" in message


def test_an_old_xls_is_named(tmp_path, assessment, checklists):
    path = tmp_path / "oud.xlsx"
    path.write_bytes(OLE_MAGIC + b"\0" * 4000)
    assert "oud.xlsx is een oud Excel-bestand (Excel 97-2003, .xls)" in _refusal(path, assessment, checklists)


@pytest.mark.parametrize("content", [b"ID;Actie\nV-1;x\n", b"%PDF-1.7 ...", b"\x00" * 100, b"PK\x03\x04kapot"])
def test_files_that_are_no_workbook_get_a_dutch_message(tmp_path, assessment, checklists, content):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(content)
    message = _refusal(path, assessment, checklists)
    assert message.startswith("plan.xlsx") and "Excel-werkmap" in message


def test_a_folder_named_like_a_workbook_is_named(tmp_path, assessment, checklists):
    (tmp_path / "map.xlsx").mkdir()
    assert "dit is een map, geen Excel-werkmap" in _refusal(tmp_path / "map.xlsx", assessment, checklists)


def test_the_cli_refuses_a_formula_plan_and_leaves_the_scan_byte_identical(scan_file, capsys):
    out = scan_file.with_name("plan.xlsx")
    assert run("export", str(scan_file), "-o", str(out)) == 0
    wb = load_workbook(out)
    ws = wb[WORK_SHEET]
    cols = {c.value: c.column for c in ws[PLAN_HEADER_ROW]}
    ws.cell(row=PLAN_HEADER_ROW + 1, column=cols["Probleemeigenaar"], value='=UPPER("x")')
    wb.save(out)
    before = scan_file.read_bytes()
    capsys.readouterr()
    assert run("import-plan", str(out), str(scan_file), "--ja") == 1
    printed = capsys.readouterr()
    assert "heeft geen berekende waarde" in printed.out
    assert "Warning" not in printed.err
    assert scan_file.read_bytes() == before
