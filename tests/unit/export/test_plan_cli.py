"""``dienstscan export`` and ``dienstscan import-plan``: exit codes, Dutch messages, the preview,
the confirmation (``--ja``), and a scan file that stays untouched unless the whole import is valid.

The checklists are the YAML fixtures in tests/fixtures/checklists/valid, loaded like the shipped ones.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from plan_factory import VALID_CHECKLISTS, accepted_gap_scan
from plan_sheet import PlanEditor

from dienstscan.checklists import load_checklists
from dienstscan.cli import main
from dienstscan.export.excel_plan import META_SHEET
from dienstscan.model import Assessment, Organisation
from dienstscan.storage import load_scan, save_scan


@pytest.fixture
def scan_file(tmp_path: Path) -> Path:
    checklists = load_checklists(VALID_CHECKLISTS)
    scan = accepted_gap_scan(checklists, "Gemeente Test")
    path = tmp_path / "test.dienstscan"
    save_scan(scan, path, keep_backup=False)
    return path


def run(*args: str) -> int:
    return main([*args, "--checklists", str(VALID_CHECKLISTS)])


@pytest.fixture
def exported(scan_file: Path, capsys) -> Path:
    out = scan_file.with_name("plan.xlsx")
    assert run("export", str(scan_file), "-o", str(out)) == 0
    capsys.readouterr()
    return out


def test_export_writes_the_plan(scan_file, capsys):
    out = scan_file.with_name("plan.xlsx")
    assert run("export", str(scan_file), "-o", str(out)) == 0
    assert capsys.readouterr().out == f"Verbeterplan geschreven naar {out}\n"
    wb = load_workbook(out)
    assert "Verbeterplan" in wb.sheetnames and META_SHEET in wb.sheetnames


def test_export_default_name_beside_the_scan(scan_file, capsys):
    assert run("export", str(scan_file)) == 0
    assert scan_file.with_name("test-verbeterplan.xlsx").is_file()


def test_export_refuses_another_extension(scan_file, capsys):
    assert run("export", str(scan_file), "-o", str(scan_file.with_name("plan.pdf"))) == 1
    assert capsys.readouterr().err == "Fout: plan.pdf: kies een bestandsnaam die eindigt op .xlsx\n"


def test_export_to_a_missing_folder(scan_file, capsys):
    out = scan_file.parent / "bestaat-niet" / "plan.xlsx"
    assert run("export", str(scan_file), "-o", str(out)) == 1
    err = capsys.readouterr().err
    assert err == f"Fout: kan {out} niet schrijven: de map {out.parent} bestaat niet\n"


def test_export_of_a_damaged_scan(tmp_path, capsys):
    bad = tmp_path / "kapot.dienstscan"
    bad.write_text("{niet af", encoding="utf-8")
    assert run("export", str(bad)) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and "kapot.dienstscan" in err and "Traceback" not in err


def test_import_without_changes(exported, scan_file, capsys):
    before = scan_file.read_bytes()
    assert run("import-plan", str(exported), str(scan_file)) == 0
    out = capsys.readouterr().out
    assert "Geen wijzigingen: het verbeterplan komt overeen met de scan." in out
    assert scan_file.read_bytes() == before


def _edit(exported: Path, scan_file: Path) -> str:
    action_id = load_scan(scan_file).actions[0].id
    ed = PlanEditor(exported)
    ed.set(action_id, "Status", "gereed")
    ed.set(action_id, "Einde", "1 maart 2027")
    ed.add_row({"Actie": "Met de hand toegevoegd", "Probleemeigenaar": "Wethouder"})
    ed.save()
    return action_id


def test_import_with_ja_prints_the_preview_and_saves(exported, scan_file, capsys):
    action_id = _edit(exported, scan_file)
    assert run("import-plan", str(exported), str(scan_file), "--ja") == 0
    out = capsys.readouterr().out
    assert "Gewijzigde acties (1):" in out
    assert "    Status: Gepland -> Gereed" in out
    assert "    Einde: (leeg) -> 01-03-2027" in out
    assert "Nieuwe acties (1), met de hand toegevoegd:" in out
    assert "  E-2 Met de hand toegevoegd (probleemeigenaar 'Wethouder'" in out
    assert out.rstrip().endswith(f"Overgenomen in {scan_file}.")
    scan = load_scan(scan_file)
    assert scan.action(action_id).status == "gereed"
    assert scan.action(action_id).end == dt.date(2027, 3, 1)
    assert scan.action("E-2").owner == "Wethouder"


def test_import_asks_first_and_saves_on_yes(exported, scan_file, capsys, monkeypatch):
    action_id = _edit(exported, scan_file)
    monkeypatch.setattr("sys.stdin", io.StringIO("j\n"))
    assert run("import-plan", str(exported), str(scan_file)) == 0
    out = capsys.readouterr().out
    assert f"Wijzigingen overnemen in {scan_file.name}? [j/N] " in out
    assert load_scan(scan_file).action(action_id).status == "gereed"


@pytest.mark.parametrize("answer", ["n\n", "\n", ""])
def test_import_declined_or_without_input_changes_nothing(exported, scan_file, capsys, monkeypatch, answer):
    _edit(exported, scan_file)
    before = scan_file.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO(answer))  # "" is end of input, as in CI
    assert run("import-plan", str(exported), str(scan_file)) == 1
    out = capsys.readouterr().out
    assert "Gewijzigde acties (1):" in out  # the preview was printed before the question
    assert out.rstrip().endswith("Niets overgenomen.")
    assert scan_file.read_bytes() == before


def test_import_with_bad_cells_lists_them_and_changes_nothing(exported, scan_file, capsys):
    scan = load_scan(scan_file)
    ed = PlanEditor(exported)
    end_ref = ed.set(scan.actions[0].id, "Einde", "volgende week")
    status_ref = ed.set(scan.actions[1].id, "Status", "bijna")
    ed.set(scan.actions[2].id, "Voortgang", "dit zou goed zijn")
    ed.save()
    before = scan_file.read_bytes()
    assert run("import-plan", str(exported), str(scan_file), "--ja") == 1
    captured = capsys.readouterr()
    assert "2 cel(len) kunnen niet worden gelezen; er wordt niets overgenomen tot dit is verbeterd:" in captured.out
    assert f"  'Werkblad PDCA'!{end_ref}: 'volgende week' is geen datum" in captured.out
    assert f"  'Werkblad PDCA'!{status_ref}: 'bijna' is geen geldige status" in captured.out
    assert captured.err == "De scan is niet gewijzigd.\n"
    assert scan_file.read_bytes() == before


def test_import_of_another_scans_plan_is_refused(exported, tmp_path, capsys):
    other = Assessment(organisation=Organisation(name="Gemeente Anders"), peildatum=dt.date(2026, 1, 1))
    other_file = tmp_path / "anders.dienstscan"
    save_scan(other, other_file, keep_backup=False)
    before = other_file.read_bytes()
    assert run("import-plan", str(exported), str(other_file), "--ja") == 1
    err = capsys.readouterr().err
    assert err.startswith("Fout: plan.xlsx hoort bij een andere scan (Gemeente Test, peildatum 01-06-2026)")
    assert other_file.read_bytes() == before


def test_import_of_a_damaged_file(scan_file, tmp_path, capsys):
    bad = tmp_path / "plan.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    assert run("import-plan", str(bad), str(scan_file)) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fout: plan.xlsx: ") and "Traceback" not in err


def test_import_keeps_the_scan_when_saving_fails(exported, scan_file, capsys, monkeypatch):
    _edit(exported, scan_file)
    before = scan_file.read_bytes()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("dienstscan.storage.scanfile.atomic_write", full_disk)
    assert run("import-plan", str(exported), str(scan_file), "--ja") == 1
    err = capsys.readouterr().err
    assert "de schijf is vol" in err
    assert scan_file.read_bytes() == before
