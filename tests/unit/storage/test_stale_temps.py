"""Temporary files left by a killed save are cleaned up when the scan is next locked (issue 29.7)."""

from __future__ import annotations

import os
import time

from dienstscan.storage import acquire_lock, save_scan
from dienstscan.storage.atomic import STALE_TEMP_SECONDS, remove_stale_temps, temp_name


def _aged(path, seconds):
    past = time.time() - seconds
    os.utime(path, (past, past))
    return path


def test_stale_temps_of_the_scan_and_its_backup_go_fresh_and_foreign_files_stay(scan, tmp_path):
    path = tmp_path / "scan.dienstscan"
    save_scan(scan, path)
    old = temp_name(path)
    old.write_bytes(b"half a save")
    _aged(old, STALE_TEMP_SECONDS + 60)
    old_backup = temp_name(path.with_name(path.name + ".bak"))
    old_backup.write_bytes(b"half a backup")
    _aged(old_backup, STALE_TEMP_SECONDS + 60)
    fresh = temp_name(path)
    fresh.write_bytes(b"a save in progress elsewhere")
    other_scan = tmp_path / ".~ander.dienstscan.0123abcd.tmp"
    other_scan.write_bytes(b"not this scan's")
    _aged(other_scan, STALE_TEMP_SECONDS + 60)
    lookalike = tmp_path / ".~scan.dienstscan.notours.tmp"
    lookalike.write_bytes(b"not our naming")
    _aged(lookalike, STALE_TEMP_SECONDS + 60)

    with acquire_lock(path):
        pass
    assert not old.exists() and not old_backup.exists()
    assert fresh.exists() and other_scan.exists() and lookalike.exists()
    assert path.exists()


def test_remove_stale_temps_reports_what_it_removed(scan, tmp_path):
    path = tmp_path / "scan.dienstscan"
    save_scan(scan, path)
    leftover = temp_name(path)
    leftover.write_bytes(b"x")
    assert remove_stale_temps(path, older_than=0) == [leftover]
    assert remove_stale_temps(path, older_than=0) == []
