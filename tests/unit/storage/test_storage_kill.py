"""Kill a real process in the middle of saving, 100 times: the scan on disk is always whole.

Each round starts ``kill_saver.py`` (a separate Python process) that saves numbered versions of
a ~1.5 MB scan in a loop, kills it (SIGKILL on POSIX, TerminateProcess on Windows) at a random
moment and then checks that the file loads and is exactly the last version saved or the one
being saved at that moment, and that the backup loads too. Rounds run a few at a time.
"""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from dienstscan.model import Assessment
from dienstscan.storage import backup_path, load_scan, save_scan
from dienstscan.storage.atomic import is_temp_for

HELPER = Path(__file__).with_name("kill_saver.py")
ROUNDS = 100
PARALLEL = 4

_spec = importlib.util.spec_from_file_location("kill_saver", HELPER)
assert _spec and _spec.loader
kill_saver = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kill_saver)


@dataclass
class Outcome:
    last_done: int
    last_started: int
    on_disk: int
    leftovers: list[str]


def _one_round(folder: Path, delay: float) -> tuple[Outcome, Assessment]:
    folder.mkdir()
    path = folder / "scan.dienstscan"
    scan = kill_saver.base()
    save_scan(scan, path)  # version 0, before the saver starts
    process = subprocess.Popen(
        [sys.executable, str(HELPER), str(path)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        time.sleep(delay)
    finally:
        process.kill()
        process.wait()
    output = process.stdout.read().split()
    process.stdout.close()
    numbers = {word: [int(n) for w, n in zip(output, output[1:]) if w == word] for word in ("start", "done")}
    loaded = load_scan(path)  # raises if the file were half-written
    leftovers = sorted(p.name for p in folder.iterdir() if p.name not in (path.name, backup_path(path).name))
    if backup_path(path).exists():
        assert kill_saver.version_of(load_scan(backup_path(path))) <= kill_saver.version_of(loaded)
    return Outcome(
        last_done=max(numbers["done"], default=0),
        last_started=max(numbers["start"], default=0),
        on_disk=kill_saver.version_of(loaded),
        leftovers=leftovers,
    ), loaded


def _expected_dump(version: int, template: Assessment, all_actions: list) -> dict:
    kill_saver.apply_version(template, all_actions, version)
    dump = template.model_dump(mode="json")
    dump.pop("modified")
    return dump


@pytest.mark.slow
def test_scan_survives_being_killed_during_save_100_times(tmp_path):
    rng = random.Random(20240301)
    delays = [rng.uniform(0.0, 0.15) for _ in range(ROUNDS)]
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        results = list(pool.map(lambda n: _one_round(tmp_path / f"ronde-{n:03d}", delays[n]), range(ROUNDS)))

    template = kill_saver.base()
    all_actions = list(template.actions)
    interrupted = 0
    for number, (outcome, loaded) in enumerate(results):
        # exactly the old or the new version: the last finished save, or the one under way
        assert outcome.on_disk in (outcome.last_done, outcome.last_started), (number, outcome)
        actual = loaded.model_dump(mode="json")
        actual.pop("modified")
        assert actual == _expected_dump(outcome.on_disk, template, all_actions), number
        # a killed save may leave its temporary file, never anything else
        path = tmp_path / f"ronde-{number:03d}" / "scan.dienstscan"
        for name in outcome.leftovers:
            assert is_temp_for(Path(name), path) or is_temp_for(Path(name), backup_path(path)), name
        interrupted += outcome.last_started > outcome.last_done
    # the kills must really land inside saves, or this test would prove nothing
    assert interrupted >= ROUNDS // 3, interrupted
    assert sum(o.last_done > 0 for o, _ in results) >= ROUNDS // 2
