"""Kill a real process in the middle of saving, 100 times: the scan on disk is always whole.

Each round starts ``kill_saver.py`` (a separate Python process) that saves numbered versions of
a ~400 kB scan and stops before and after every file-system call of the save (see its docstring).
Round N lets the saver run to its N-th stop and kills it there (SIGKILL on POSIX, TerminateProcess
on Windows). The 100 rounds thus kill at 100 different, known points spread over three saves:
before the temporary file exists, between two chunks of its content, before and after its fsync,
around the backup, just before and just after the rename, and during the folder's fsync. Nothing
depends on how fast the machine is: the saver cannot get ahead of the test.

Afterwards the file must load and be exactly the version that point implies (the previous one
until the rename, the new one from then on), the backup exactly the one before that, and only
temporary files may be left beside them. Rounds run a few at a time.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import kill_saver
import pytest

from dienstscan.model import Assessment
from dienstscan.storage import backup_path, load_scan, save_scan
from dienstscan.storage.atomic import is_temp_for

HELPER = Path(kill_saver.__file__)
ROUNDS = 100
PARALLEL = 4
SCAN = "scan.dienstscan"


@dataclass
class Outcome:
    killed_at: str  # the point, e.g. "before-replace:scan.dienstscan"
    version: int  # the version being saved at that point
    scan_replaced: bool  # whether this version's rename onto the scan had happened
    backup_replaced: bool  # whether this version's backup had been put in place
    on_disk: int
    backup_on_disk: int | None
    leftovers: list[str] = field(default_factory=list)


def _one_round(folder: Path, kill_at: int) -> tuple[Outcome, Assessment]:
    folder.mkdir()
    path = folder / SCAN
    save_scan(kill_saver.base(), path)  # version 0, before the saver starts
    process = subprocess.Popen([sys.executable, str(HELPER), str(path)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdin is not None and process.stdout is not None
    points = 0
    killed_at, version = "", 0
    scan_replaced = backup_replaced = False
    try:
        assert process.stdout.readline().strip() == "ready"
        while True:
            line = process.stdout.readline().split()
            assert line, f"the saver stopped by itself after {points} points"
            if line[0] == "done":
                continue
            _, number, what = line
            if int(number) != version:
                version, scan_replaced, backup_replaced = int(number), False, False
            scan_replaced |= what == f"after-replace:{SCAN}"
            backup_replaced |= what == f"after-replace:{backup_path(path).name}"
            points += 1
            if points == kill_at:
                killed_at = what
                break
            process.stdin.write("\n")  # go on to the next point
            process.stdin.flush()
    finally:
        process.kill()
        process.wait()
        process.stdin.close()
        process.stdout.close()
    loaded = load_scan(path)  # raises if the file were half-written
    backup = backup_path(path)
    return Outcome(
        killed_at=killed_at,
        version=version,
        scan_replaced=scan_replaced,
        backup_replaced=backup_replaced,
        on_disk=kill_saver.version_of(loaded),
        backup_on_disk=kill_saver.version_of(load_scan(backup)) if backup.exists() else None,
        leftovers=sorted(p.name for p in folder.iterdir() if p.name not in (path.name, backup.name)),
    ), loaded


def _expected_dump(version: int, template: Assessment, all_actions: list) -> dict:
    kill_saver.apply_version(template, all_actions, version)
    dump = template.model_dump(mode="json")
    dump.pop("modified")
    return dump


@pytest.mark.slow
def test_scan_survives_being_killed_during_save_100_times(tmp_path):
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        results = list(pool.map(lambda n: _one_round(tmp_path / f"ronde-{n:03d}", n + 1), range(ROUNDS)))

    template = kill_saver.base()
    all_actions = list(template.actions)
    for number, (outcome, loaded) in enumerate(results):
        # exactly the old version until the rename, exactly the new one from the rename on
        expected = outcome.version if outcome.scan_replaced else outcome.version - 1
        assert outcome.on_disk == expected, (number, outcome)
        actual = loaded.model_dump(mode="json")
        actual.pop("modified")
        assert actual == _expected_dump(expected, template, all_actions), number
        # the backup is always a whole earlier version (none before the first backup is in place)
        backup_expected = outcome.version - 1 if outcome.backup_replaced else outcome.version - 2
        assert outcome.backup_on_disk == (backup_expected if backup_expected >= 0 else None), (number, outcome)
        # a killed save may leave its temporary file, never anything else
        path = tmp_path / f"ronde-{number:03d}" / SCAN
        for name in outcome.leftovers:
            assert is_temp_for(Path(name), path) or is_temp_for(Path(name), backup_path(path)), name

    # the kills covered every step of a save, and more than two whole saves
    points = {o.killed_at.split(":")[0] for o, _ in results}
    for call in ("open", "write", "fsync", "close", "chmod", "link", "replace"):
        assert {f"before-{call}", f"after-{call}"} <= points, call
    assert max(o.version for o, _ in results) >= 3
    assert sum(bool(o.leftovers) for o, _ in results) >= ROUNDS // 3  # many kills inside a save
