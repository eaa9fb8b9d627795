"""A lock file with absurd content never crashes ``acquire_lock`` (issue 20, class 7), and is taken
over at once only when no live Dienstscan can hold it; otherwise never silently (issue 29.1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from dienstscan.storage import STALE_AFTER, ScanLockedError, acquire_lock, lock_path, read_lock
from dienstscan.storage.lock import LockOwner


@pytest.fixture
def scan_path(tmp_path):
    path = tmp_path / "scan.dienstscan"
    path.write_bytes(b"{}")
    return path


def _sound() -> dict:
    return json.loads(LockOwner.current().to_bytes())


def _with(**changes) -> bytes:
    data = _sound()
    data.update(changes)
    return json.dumps(data).encode("utf-8")


#: Damaged locks no live Dienstscan can be behind: this computer, an impossible process id.
NO_LIVE_HOLDER = {
    "pid 10**30": _with(pid=10**30),
    "pid 2**64": _with(pid=2**64),
    "negative pid": _with(pid=-4),
    "pid 0": _with(pid=0),
    "pid as text": _with(pid="1234"),
    "pid as float": _with(pid=1.5),
    "pid true": _with(pid=True),
}

#: Damaged locks of a live process on this computer (this test's own pid): another version's
#: ``since`` format, a holder's clock days ahead.
LIVE_HOLDER = {
    "year 1 with an offset": _with(since="0001-01-01T00:00:00+05:00"),
    "year 1 without an offset": _with(since="0001-01-01T00:00:00"),
    "year 9999 with an offset": _with(since="9999-12-31T23:59:59-05:00"),
    "far in the future": _with(since="2999-01-01T00:00:00+00:00"),
    "since a number": _with(since=1e308),
    "since nonsense": _with(since="gisteren"),
}

#: Damaged locks that name no computer: whether a holder lives cannot be checked; their age decides.
UNKNOWN_HOLDER = {
    "garbage": b"dit is geen vergrendeling",
    "binary": bytes(range(256)) * 4,
    "a JSON list": b"[1, 2, 3]",
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    "huge": b" " * (1 << 20) + _with(),
    "missing keys": b'{"pid": 1}',
    "NaN pid": b'{"pid": NaN, "since": "2026-01-01T00:00:00+01:00", "user": "x", "host": "y", "token": "t"}',
    "another computer, clock ahead": _with(host="pc-elders", since="2999-01-01T00:00:00+00:00"),
}


def _taken_over_and_named(scan_path, **kwargs):
    with acquire_lock(scan_path, **kwargs) as lock:
        assert lock.took_over_damaged
        assert "was beschadigd" in lock.note and "verlaten vergrendeling" in lock.note
        assert read_lock(scan_path).token == lock.owner.token
    assert not lock_path(scan_path).exists()


@pytest.mark.parametrize("content", NO_LIVE_HOLDER.values(), ids=NO_LIVE_HOLDER.keys())
def test_a_damaged_lock_no_live_dienstscan_can_hold_is_taken_over_and_named(scan_path, content):
    lock_path(scan_path).write_bytes(content)
    assert read_lock(scan_path) is None
    _taken_over_and_named(scan_path)


@pytest.mark.parametrize("content", LIVE_HOLDER.values(), ids=LIVE_HOLDER.keys())
def test_a_damaged_lock_of_a_live_process_is_never_taken_silently(scan_path, content):
    lock_path(scan_path).write_bytes(content)
    error = pytest.raises(ScanLockedError, acquire_lock, scan_path).value
    assert f"van proces {os.getpid()} op deze computer, dat nog draait" in str(error)
    assert str(lock_path(scan_path)) in str(error) and "Neem haar alleen over" in str(error)
    assert lock_path(scan_path).read_bytes() == content  # untouched
    with acquire_lock(scan_path, force=True) as lock:  # after the user confirmed
        assert lock.took_over_damaged and "op uw verzoek overgenomen" in lock.note


@pytest.mark.parametrize("content", UNKNOWN_HOLDER.values(), ids=UNKNOWN_HOLDER.keys())
def test_a_damaged_lock_that_cannot_be_checked_is_refused_while_recent(scan_path, content):
    lock_path(scan_path).write_bytes(content)
    error = pytest.raises(ScanLockedError, acquire_lock, scan_path).value
    assert "mogelijk geopend in een andere Dienstscan" in str(error) and "bijgewerkt op" in str(error)
    assert lock_path(scan_path).read_bytes() == content
    old = time.time() - STALE_AFTER.total_seconds() - 60
    os.utime(lock_path(scan_path), (old, old))
    _taken_over_and_named(scan_path)


def test_a_damaged_lock_of_a_finished_process_on_this_computer_is_taken_over(scan_path):
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True)
    lock_path(scan_path).write_bytes(_with(pid=int(finished.stdout), since="gisteren"))
    _taken_over_and_named(scan_path)


def test_a_sound_live_lock_still_refuses(scan_path):
    lock_path(scan_path).write_bytes(_with(user="Marieke"))  # this process: alive, this computer
    with pytest.raises(ScanLockedError, match="Marieke op computer"):
        acquire_lock(scan_path)


def test_control_characters_in_a_lock_are_not_shown(scan_path):
    lock_path(scan_path).write_bytes(_with(user="Kees\x1b[2J\nvan Dam", host="pc\r01"))
    owner = read_lock(scan_path)
    assert owner.user == "Kees [2J van Dam" and owner.host == "pc 01"
    assert all(ch.isprintable() for ch in owner.describe())

