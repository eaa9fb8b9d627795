"""A recovery copy belongs to one file path and one program (issues 29.2 and 25.3).

Two copies of one scan (same scan id, made in Explorer or by "Opslaan als") shared one recovery
copy: one side's autosave replaced, and its save deleted, the other's unsaved work. A command-line
write made an existing copy look old, so it was never offered, and a copy dated in the future was
offered after a later import and undid it. Now copies are keyed by path and program, and whether
a copy is newer work is decided by the scan file's content (its base), not by clocks.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dienstscan.storage import (
    discard_recovery,
    find_recoveries,
    load_recovery,
    read_scan,
    recoveries_for,
    recovery,
    save_scan,
    write_recovery,
)

WRITER = Path(__file__).with_name("recovery_writer.py")


@pytest.fixture
def new_program(monkeypatch):
    """Make the test process look like another Dienstscan from now on (another program token)."""

    def switch(token: str) -> None:
        monkeypatch.setattr(recovery, "PROGRAM_TOKEN", token)
        monkeypatch.setattr(recovery, "_written", {})
        monkeypatch.setattr(recovery, "_bases", dict(recovery._bases))

    return switch


def _two_copies(scan, tmp_path):
    first, second = tmp_path / "a" / "scan.dienstscan", tmp_path / "b" / "scan.dienstscan"
    for path in (first, second):
        path.parent.mkdir()
        save_scan(scan, path)
    return first, second


def test_two_paths_of_one_scan_keep_their_own_copies(data_dir, scan, tmp_path, new_program):
    first, second = _two_copies(scan, tmp_path)
    new_program("programmaA")
    a = read_scan(first).assessment
    a.organisation.name = "Werk van A"
    copy_a = write_recovery(a, first)
    new_program("programmaB")
    b = read_scan(second).assessment
    b.organisation.name = "Werk van B"
    copy_b = write_recovery(b, second)
    assert copy_a != copy_b and a.id == b.id
    # B saves: only B's copy goes
    save_scan(b, second)
    discard_recovery(b.id)
    assert copy_a.exists() and not copy_b.exists()
    [left] = find_recoveries()
    assert (left.scan_path, left.organisation, left.state) == (first.resolve(), "Werk van A", "ongewijzigd")


def test_a_copy_is_offered_after_a_command_line_write_and_says_so(data_dir, scan, tmp_path, new_program):
    path = tmp_path / "scan.dienstscan"
    save_scan(scan, path)
    new_program("gui")
    opened = read_scan(path).assessment
    opened.organisation.name = "Niet opgeslagen in de app"
    write_recovery(opened, path)
    new_program("opdrachtregel")  # e.g. dienstscan import-plan writes the file meanwhile
    imported = read_scan(path).assessment
    imported.organisation.name = "Geïmporteerd plan"
    save_scan(imported, path)
    [copy] = find_recoveries()
    assert copy.state == "gewijzigd" and copy.changed_since
    assert "daarna nog gewijzigd" in copy.describe()
    assert [c.path for c in recoveries_for(path)] == [copy.path]  # named before any write
    assert read_scan(path).assessment.organisation.name == "Geïmporteerd plan"


def test_a_copy_dated_in_the_future_is_judged_by_content_not_by_its_date(data_dir, scan, tmp_path, new_program):
    path = tmp_path / "scan.dienstscan"
    save_scan(scan, path)
    new_program("scheve-klok")
    opened = read_scan(path).assessment
    opened.organisation.name = "Uit de toekomst"
    written = write_recovery(opened, path)
    document = json.loads(written.read_text(encoding="utf-8"))
    document["recovery"]["written_at"] = (dt.datetime.now().astimezone() + dt.timedelta(days=30)).isoformat()
    written.write_text(json.dumps(document), encoding="utf-8")
    new_program("import")
    later = read_scan(path).assessment
    later.organisation.name = "Later geïmporteerd"
    save_scan(later, path)
    [copy] = find_recoveries()
    assert copy.state == "gewijzigd"  # a later import is not silently undone by a date in the future

    # a copy of an older Dienstscan (no base) dated in the future is not trusted either
    del document["recovery"]["base"]
    written.write_text(json.dumps(document), encoding="utf-8")
    os.utime(path, (0, 0))  # even with the scan file looking ancient
    assert find_recoveries()[0].state == "gewijzigd"


def test_copies_of_a_running_program_are_named_but_not_offered(data_dir, scan, tmp_path, new_program, monkeypatch):
    path = tmp_path / "scan.dienstscan"
    save_scan(scan, path)
    new_program("draait-nog")
    opened = read_scan(path).assessment
    write_recovery(opened, path)
    written = next(recovery.recovery_dir().iterdir())
    document = json.loads(written.read_text(encoding="utf-8"))
    document["recovery"]["program"]["pid"] = os.getppid()  # a live process, not this one
    written.write_text(json.dumps(document), encoding="utf-8")
    new_program("nieuwe-start")
    assert find_recoveries() == []
    [named] = recoveries_for(path)
    assert named.alive and "draait nog" in named.describe()


def _killed_writer(scan_path: Path, organisation: str, env: dict[str, str]) -> Path:
    process = subprocess.Popen([sys.executable, str(WRITER), str(scan_path), organisation], env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    assert line.startswith("ready "), line
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdin.close()
    process.stdout.close()
    return Path(line.split(" ", 1)[1].strip())


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 is POSIX")
def test_kill_9_of_two_programs_on_two_copies_leaves_both_copies(data_dir, scan, tmp_path):
    first, second = _two_copies(scan, tmp_path)
    env = {**os.environ}
    copy_a = _killed_writer(first, "Werk van A", env)
    copy_b = _killed_writer(second, "Werk van B", env)
    assert copy_a != copy_b
    found = {c.scan_path: c for c in find_recoveries()}
    assert set(found) == {first.resolve(), second.resolve()}
    assert load_recovery(found[first.resolve()]).organisation.name == "Werk van A"
    assert load_recovery(found[second.resolve()]).organisation.name == "Werk van B"
    assert all(c.state == "ongewijzigd" and not c.alive for c in found.values())
    # this program saving the first file deletes none of them: they are not its copies
    save_scan(read_scan(first).assessment, first)
    discard_recovery(scan.id)
    assert copy_a.exists() and copy_b.exists()
