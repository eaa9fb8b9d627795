"""Lock files: a scan open in one Dienstscan is refused in another; an abandoned lock is taken over."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time

import pytest

from dienstscan.storage import (
    STALE_AFTER,
    ScanFileError,
    ScanLock,
    ScanLockedError,
    acquire_lock,
    lock_path,
    read_lock,
)
from dienstscan.storage.lock import LockOwner


@pytest.fixture
def scan_path(tmp_path):
    path = tmp_path / "Gemeente Voorbeeld 2024.dienstscan"
    path.write_bytes(b"{}")
    return path


def _write_foreign_lock(scan_path, **changes):
    owner = LockOwner.current()
    data = json.loads(owner.to_bytes())
    data.update(changes)
    lock_path(scan_path).write_text(json.dumps(data), encoding="utf-8")
    return data


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_lock_file_beside_the_scan_records_the_owner(scan_path):
    lock = acquire_lock(scan_path)
    assert lock_path(scan_path) == scan_path.with_name("~Gemeente Voorbeeld 2024.dienstscan.lock")
    owner = read_lock(scan_path)
    assert owner == lock.owner
    assert owner.pid == os.getpid() and owner.host and owner.user
    assert abs(owner.since.timestamp() - time.time()) < 60
    lock.release()
    assert not lock_path(scan_path).exists()
    assert lock.released


def test_second_opener_is_refused_with_who_and_since(scan_path):
    with acquire_lock(scan_path) as first:
        with pytest.raises(ScanLockedError) as caught:
            acquire_lock(scan_path)
        error = caught.value
        message = str(error)
        assert "'Gemeente Voorbeeld 2024.dienstscan' is al geopend door" in message
        assert first.owner.user in message and first.owner.host in message
        assert f"{first.owner.since.astimezone():%d-%m-%Y} om {first.owner.since.astimezone():%H:%M}" in message
        assert error.owner == first.owner
        assert first.still_held()
    assert not lock_path(scan_path).exists()


def test_lock_of_a_dead_process_on_this_computer_is_taken_over(scan_path):
    old = _write_foreign_lock(scan_path, pid=_dead_pid(), user="crash")
    lock = acquire_lock(scan_path)
    assert lock.took_over is not None and lock.took_over.user == "crash"
    assert read_lock(scan_path).token == lock.owner.token != old["token"]
    lock.release()


def test_lock_from_another_computer_is_respected_until_it_is_old(scan_path):
    recent = dt.datetime.now().astimezone() - dt.timedelta(hours=1)
    _write_foreign_lock(scan_path, host="ANDERE-PC", pid=1, user="collega", since=recent.isoformat())
    with pytest.raises(ScanLockedError) as caught:
        acquire_lock(scan_path)
    assert "collega op computer ANDERE-PC" in str(caught.value)

    old = dt.datetime.now().astimezone() - STALE_AFTER - dt.timedelta(minutes=5)
    _write_foreign_lock(scan_path, host="ANDERE-PC", pid=1, user="collega", since=old.isoformat())
    stamp = old.timestamp()
    os.utime(lock_path(scan_path), (stamp, stamp))
    lock = acquire_lock(scan_path)
    assert lock.took_over.user == "collega"
    lock.release()


def test_refresh_keeps_a_long_session_from_looking_abandoned(scan_path):
    lock = acquire_lock(scan_path)
    old = time.time() - STALE_AFTER.total_seconds() - 60
    os.utime(lock_path(scan_path), (old, old))
    lock.refresh()
    assert time.time() - lock_path(scan_path).stat().st_mtime < 60
    lock.release()


def test_force_takes_over_a_live_lock_and_the_first_holder_leaves_it_alone(scan_path):
    first = acquire_lock(scan_path)
    second = acquire_lock(scan_path, force=True)
    assert second.took_over == first.owner
    assert not first.still_held() and second.still_held()
    first.release()  # must not remove the lock the other one holds now
    assert read_lock(scan_path).token == second.owner.token
    second.release()
    assert not lock_path(scan_path).exists()


def test_unreadable_lock_is_respected_while_fresh_and_taken_when_old(scan_path):
    lock_path(scan_path).write_bytes(b"")
    with pytest.raises(ScanLockedError) as caught:
        acquire_lock(scan_path)
    assert "de vergrendeling wordt net geschreven" in str(caught.value)
    old = time.time() - 3600
    os.utime(lock_path(scan_path), (old, old))
    with acquire_lock(scan_path) as lock:
        assert isinstance(lock, ScanLock) and lock.took_over is None


def test_lock_in_a_folder_that_does_not_exist_is_a_dutch_error(tmp_path):
    error = pytest.raises(ScanFileError, acquire_lock, tmp_path / "weg" / "scan.dienstscan").value
    assert error.code == "lock_failed" and "niet vergrendelen" in str(error)
