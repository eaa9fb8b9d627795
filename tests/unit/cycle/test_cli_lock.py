"""Issue 20, class 3: every command that writes a scan honours the lock as the GUI does. While
another Dienstscan holds the scan, the command says who (user, computer, since when) in Dutch,
exits non-zero and leaves the scan and the lock file as they were."""

from __future__ import annotations

import json
import socket

import pytest
from openpyxl import load_workbook
from cycle_cli import CL, write_scan

from dienstscan.cli import main
from dienstscan.plan import add_own_action
from dienstscan.storage import load_scan, lock_path, read_lock, save_scan
from dienstscan.storage.lock import LockOwner


def _hold(scan, user="Marieke de Vries"):
    """A lock as a live Dienstscan leaves it (this process is alive, on this computer)."""
    data = json.loads(LockOwner.current().to_bytes())
    data.update(user=user, since="2026-11-02T09:15:00+01:00")
    lock_path(scan).write_text(json.dumps(data), encoding="utf-8")
    return lock_path(scan).read_bytes()


def _refused_by_lock(capsys, scan, lock_bytes, before, *argv):
    capsys.readouterr()
    assert main([*argv, *CL]) == 1
    err = capsys.readouterr().err
    assert f"is geopend door Marieke de Vries op computer {socket.gethostname()}, sinds 02-11-2026 om" in err
    assert "De scan is niet gewijzigd." in err
    if before is not None:
        assert scan.read_bytes() == before
    assert lock_path(scan).read_bytes() == lock_bytes


def _scan_and_plan(tmp_path):
    """A scan with one own action and its exported plan."""
    scan = write_scan(tmp_path, "a.dienstscan", "Gemeente A", "niet")
    assessment = load_scan(scan)
    add_own_action(assessment, "Eigen actie")
    save_scan(assessment, scan, keep_backup=False)
    plan = tmp_path / "plan.xlsx"
    assert main(["export", str(scan), "-o", str(plan), *CL]) == 0
    return scan, plan


def test_import_plan_ja_honours_the_lock(tmp_path, capsys):
    scan, plan = _scan_and_plan(tmp_path)
    wb = load_workbook(plan)
    ws = wb["Werkblad PDCA"]
    header = {c.value: c.column for c in ws[3]}
    ws.cell(row=4, column=header["Probleemeigenaar"], value="Jan")
    wb.save(plan)
    before = scan.read_bytes()
    held = _hold(scan)
    _refused_by_lock(capsys, scan, held, before, "import-plan", str(plan), str(scan), "--ja")
    lock_path(scan).unlink()  # the other Dienstscan closed the scan: now it is written
    assert main(["import-plan", str(plan), str(scan), "--ja", *CL]) == 0
    assert scan.read_bytes() != before
    assert not lock_path(scan).exists()  # our own lock is released again


def _scan_and_form(tmp_path):
    """A scan and one participant form made from it."""
    scan = write_scan(tmp_path, "a.dienstscan", "Gemeente A", "niet")
    folder = tmp_path / "formulieren"
    folder.mkdir()
    assert main(["formulieren", str(scan), "-o", str(folder), "--aantal", "1", *CL]) == 0
    [form] = folder.glob("*.xlsx")
    return scan, form


def test_read_forms_opslaan_honours_the_lock(tmp_path, capsys):
    scan, form = _scan_and_form(tmp_path)
    before = scan.read_bytes()
    held = _hold(scan)
    _refused_by_lock(capsys, scan, held, before, "formulieren-inlezen", str(scan), str(form), "--opslaan")
    # without --opslaan nothing is written, so nothing needs the lock
    assert main(["formulieren-inlezen", str(scan), str(form), *CL]) == 0


def test_next_cycle_honours_a_lock_on_its_output(tmp_path, capsys):
    first = write_scan(tmp_path, "a.dienstscan", "Gemeente A", "niet")
    new = tmp_path / "nieuw.dienstscan"
    held = _hold(new)
    _refused_by_lock(capsys, new, held, None, "next-cycle", str(first), "-o", str(new))
    assert not new.exists()


def test_a_recent_damaged_lock_is_refused_and_taken_over_only_when_asked(tmp_path, capsys):
    scan, form = _scan_and_form(tmp_path)
    damaged = b'{"pid": 1000000000000000000000000000000, "since": "0001-01-01T00:00:00+05:00"}'
    lock_path(scan).write_bytes(damaged)
    before = scan.read_bytes()
    capsys.readouterr()
    assert main(["formulieren-inlezen", str(scan), str(form), "--opslaan", *CL]) == 1
    err = capsys.readouterr().err
    assert "mogelijk geopend in een andere Dienstscan" in err and "--overnemen" in err
    assert str(lock_path(scan)) in err
    assert scan.read_bytes() == before and lock_path(scan).read_bytes() == damaged
    assert main(["formulieren-inlezen", str(scan), str(form), "--opslaan", "--overnemen", *CL]) == 0
    assert "onleesbare vergrendeling" in capsys.readouterr().err
    assert read_lock(scan) is None and not lock_path(scan).exists()


def test_a_lock_of_a_reused_pid_names_the_lock_file_and_the_way_out(tmp_path, capsys):
    """The process of the lock is gone, but its number now belongs to another program (here: this
    one): the command cannot tell, so it says which file to check and how to take it over."""
    scan, plan = _scan_and_plan(tmp_path)
    held = _hold(scan)
    capsys.readouterr()
    assert main(["import-plan", str(plan), str(scan), "--ja", *CL]) == 1
    err = capsys.readouterr().err
    assert str(lock_path(scan)) in err and "--overnemen" in err
    assert lock_path(scan).read_bytes() == held
    assert main(["import-plan", str(plan), str(scan), "--ja", "--overnemen", *CL]) == 0
    assert "Marieke de Vries" in capsys.readouterr().err  # the lock taken over is named
    # (the note: "De vergrendeling van Marieke de Vries ... is op uw verzoek overgenomen.")
    assert not lock_path(scan).exists()


def test_a_command_names_the_recovery_copies_of_the_scan_it_writes(tmp_path, capsys, monkeypatch):
    from dienstscan.storage import ENV_DATA_DIR, recovery, write_recovery

    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "data"))
    scan, form = _scan_and_form(tmp_path)
    monkeypatch.setattr(recovery, "PROGRAM_TOKEN", "gecrashte-app")
    unsaved = load_scan(scan)
    unsaved.organisation.name = "Niet opgeslagen"
    copy = write_recovery(unsaved, scan)
    monkeypatch.setattr(recovery, "PROGRAM_TOKEN", "opdrachtregel")
    capsys.readouterr()
    assert main(["formulieren-inlezen", str(scan), str(form), "--opslaan", *CL]) == 0
    err = capsys.readouterr().err
    assert f"niet-opgeslagen werk aan deze scan in een herstelkopie van '{scan.resolve()}'" in err
    assert str(copy) in err and "laat die kopie staan" in err
    assert copy.exists()


@pytest.mark.parametrize("command", ["import-plan", "formulieren-inlezen"])
def test_a_lock_in_a_missing_folder_is_a_dutch_refusal(tmp_path, capsys, command):
    missing = tmp_path / "weg" / "scan.dienstscan"
    args = [command, str(tmp_path / "plan.xlsx"), str(missing)] if command == "import-plan" else [
        command, str(missing), str(tmp_path / "f.xlsx"), "--opslaan"]
    assert main([*args, *CL]) == 1
    err = capsys.readouterr().err
    assert "niet vergrendelen" in err and "Traceback" not in err
