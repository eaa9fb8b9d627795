"""Participant forms: written, filled in with openpyxl like Excel would, read back; bad input refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from dienstscan.checklists import load_checklists
from dienstscan.cli import main
from dienstscan.model import items_in_scope
from dienstscan.export.forms.workbook import (
    COL_ANSWER,
    COL_ID,
    COL_REMARK,
    FORM_SHEET,
    HEADER_ROW,
    META_SHEET,
    read_participant_forms,
    write_participant_form,
    write_participant_forms,
)
from dienstscan.operations import apply_form_answers
from dienstscan.storage import load_scan, save_scan

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "gemeente-voorbeeld.dienstscan"


@pytest.fixture(scope="module")
def checklists():
    return load_checklists()


@pytest.fixture
def scan():
    return load_scan(EXAMPLE)


def _rows(path: Path) -> dict[str, int]:
    ws = load_workbook(path)[FORM_SHEET]
    return {ws.cell(row=r, column=COL_ID).value: r for r in range(HEADER_ROW + 1, ws.max_row + 1)}


def _fill(path: Path, answers: dict[str, str], remarks: dict[str, str] | None = None) -> None:
    wb = load_workbook(path)
    ws = wb[FORM_SHEET]
    rows = _rows(path)
    for item_id, label in answers.items():
        ws.cell(row=rows[item_id], column=COL_ANSWER, value=label)
    for item_id, text in (remarks or {}).items():
        ws.cell(row=rows[item_id], column=COL_REMARK, value=text)
    wb.save(path)


def test_form_layout(checklists, scan, tmp_path):
    path = tmp_path / "a.xlsx"
    write_participant_form(checklists, scan, path, "Deelnemer 1")
    wb = load_workbook(path)
    ws = wb[FORM_SHEET]
    ids = [ws.cell(row=r, column=COL_ID).value for r in range(HEADER_ROW + 1, ws.max_row + 1)]
    assert ids == [item.id for _, _, item in items_in_scope(checklists, scan)]
    assert len(ids) == 78  # the example has BSC (10), 5B (40) and ANT (phase + 27 statements) in scope
    assert ws.protection.sheet
    assert not ws.cell(row=HEADER_ROW + 1, column=COL_ANSWER).protection.locked
    assert ws.cell(row=HEADER_ROW + 1, column=COL_ID).protection.locked
    assert "alleen" in ws["A3"].value and "anoniem" in ws["A3"].value  # Dutch instructions
    assert wb[META_SHEET].sheet_state == "veryHidden"
    # every answer cell has a dropdown with its scale's labels
    rows = _rows(path)
    by_cell = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in range(rng.min_row, rng.max_row + 1):
                by_cell[row] = dv.formula1
    assert set(by_cell) == set(rows.values())
    choices = wb["Keuzes"]
    formula = by_cell[rows["5B-1.01"]]
    col = formula.split("!$")[1][0]
    labels = [choices[f"{col}{r}"].value for r in range(2, 7)]
    assert labels == ["Ingevoerd", "Gedeeltelijk ingevoerd", "Niet ingevoerd", "Niet van toepassing", "Onbekend"]
    bsc_text = ws.cell(row=rows["BSC-01"], column=4).value
    assert "Als burger" in bsc_text and "De overheid" in bsc_text


def test_round_trip(checklists, scan, tmp_path):
    paths = write_participant_forms(checklists, scan, tmp_path, ["Anna", "Bert", "Cas"])
    assert [p.name for p in paths] == [f"Deelnemersformulier Gemeente Voorbeeld - {n}.xlsx" for n in ("Anna", "Bert", "Cas")]
    _fill(paths[0], {"5B-1.01": "Ingevoerd", "BSC-03": "Deels toegepast", "ANT-FASE": "Fase 2: Kanaal geeft Antwoord"},
          {"5B-1.01": "Staat op de site"})
    _fill(paths[1], {"5B-1.01": "  niet INGEVOERD ", "BSC-03": "Toegepast"})  # case and spaces do not matter
    _fill(paths[2], {"5B-1.01": "Niet ingevoerd"})
    result = read_participant_forms(checklists, scan, paths)
    assert result.ok, result.problems
    assert result.forms_read == 3
    assert result.answers == {"5B-1.01": ["ingevoerd", "niet", "niet"], "BSC-03": ["deels", "toegepast"],
                              "ANT-FASE": ["fase-2"]}
    assert result.remarks == {"5B-1.01": ["Staat op de site"]}
    agreed_before = {k: v.option for k, v in scan.answers.items()}
    apply_form_answers(checklists, scan, result.answers)
    assert scan.answers["5B-1.01"].individual == {"formulier": ["ingevoerd", "niet", "niet"]}
    assert {k: v.option for k, v in scan.answers.items()} == agreed_before  # the agreed answers stay
    saved = tmp_path / "scan.dienstscan"
    save_scan(scan, saved)
    assert load_scan(saved).answers["BSC-03"].individual == {"formulier": ["deels", "toegepast"]}


def test_bad_values_named_by_sheet_and_cell(checklists, scan, tmp_path):
    path = tmp_path / "f.xlsx"
    write_participant_form(checklists, scan, path, "Deelnemer 1")
    rows = _rows(path)
    _fill(path, {"5B-1.01": "misschien", "5B-1.02": "Ingevoerd", "BSC-01": 3})
    wb = load_workbook(path)
    ws = wb[FORM_SHEET]
    ws.cell(row=rows["BSC-02"], column=COL_ID, value="XYZ-99")
    wb.save(path)
    result = read_participant_forms(checklists, scan, [path])
    assert not result.ok
    text = "\n".join(result.problems)
    assert f"f.xlsx, Formulier!E{rows['5B-1.01']}: 'misschien' is geen antwoord bij 5B-1.01" in text
    assert "kies uit 'Ingevoerd', 'Gedeeltelijk ingevoerd'" in text
    assert f"Formulier!A{rows['BSC-02']}: 'XYZ-99' is geen item van deze scan" in text
    assert "'3' is geen antwoord" in text
    assert result.answers == {"5B-1.02": ["ingevoerd"]}  # the readable cells are still reported


def test_other_scan_damaged_file_and_double_read_refused(checklists, scan, tmp_path):
    other = load_scan(EXAMPLE)
    other.id = "andere-scan"
    other.organisation.name = "Gemeente Elders"
    foreign = tmp_path / "elders.xlsx"
    write_participant_form(checklists, other, foreign, "X")
    _fill(foreign, {"5B-1.01": "Ingevoerd"})
    mine = tmp_path / "mijn.xlsx"
    write_participant_form(checklists, scan, mine, "Y")
    _fill(mine, {"5B-1.01": "Niet ingevoerd"})
    copy = tmp_path / "kopie.xlsx"
    copy.write_bytes(mine.read_bytes())
    broken = tmp_path / "kapot.xlsx"
    broken.write_text("geen excel", encoding="utf-8")
    plain = tmp_path / "gewoon.xlsx"
    from openpyxl import Workbook
    Workbook().save(plain)
    result = read_participant_forms(checklists, scan, [foreign, mine, copy, broken, plain, tmp_path / "weg.xlsx"])
    text = "\n".join(result.problems)
    assert "elders.xlsx: dit formulier hoort bij een andere scan (Gemeente Elders)" in text
    assert "kopie.xlsx: dit formulier (Y) is al ingelezen als mijn.xlsx" in text
    assert "kapot.xlsx: kan het formulier niet lezen" in text
    assert "gewoon.xlsx: dit is geen deelnemersformulier van Dienstscan" in text
    assert "weg.xlsx: het bestand bestaat niet" in text
    assert result.forms_read == 1
    assert result.answers == {"5B-1.01": ["niet"]}


def test_cli_round_trip(tmp_path, capsys):
    scan_path = tmp_path / "scan.dienstscan"
    scan_path.write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "formulieren"
    out.mkdir()
    assert main(["formulieren", str(scan_path), "-o", str(out), "--aantal", "2"]) == 0
    forms = sorted(out.glob("*.xlsx"))
    assert len(forms) == 2
    _fill(forms[0], {"BSC-01": "Toegepast"})
    _fill(forms[1], {"BSC-01": "Niet toegepast"})
    capsys.readouterr()
    assert main(["formulieren-inlezen", str(scan_path), *map(str, forms), "--opslaan"]) == 0
    printed = capsys.readouterr().out
    assert "2 formulieren gelezen" in printed and "BSC-01" in printed and "Toegepast 1 · Niet toegepast 1" in printed
    assert load_scan(scan_path).answers["BSC-01"].individual == {"formulier": ["toegepast", "niet"]}
    _fill(forms[0], {"BSC-01": "zo ongeveer"})
    assert main(["formulieren-inlezen", str(scan_path), str(forms[0]), "--opslaan"]) == 1
    err = capsys.readouterr().err
    assert "Formulier!E" in err and "niet gewijzigd" in err
    assert main(["formulieren", str(scan_path), "-o", str(tmp_path / "bestaat-niet")]) == 1
    assert "bestaat niet" in capsys.readouterr().err
