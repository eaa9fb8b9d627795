"""Issue 20, class 7: a lock file with absurd content never crashes ``acquire_lock``; it is a stale
(damaged) lock, taken over at once and named as such."""

from __future__ import annotations

import json

import pytest

from dienstscan.storage import acquire_lock, lock_path, read_lock
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


DAMAGED = {
    "pid 10**30": _with(pid=10**30),
    "pid 2**64": _with(pid=2**64),
    "negative pid": _with(pid=-4),
    "pid 0": _with(pid=0),
    "pid as text": _with(pid="1234"),
    "pid as float": _with(pid=1.5),
    "pid true": _with(pid=True),
    "year 1 with an offset": _with(since="0001-01-01T00:00:00+05:00"),
    "year 1 without an offset": _with(since="0001-01-01T00:00:00"),
    "year 9999 with an offset": _with(since="9999-12-31T23:59:59-05:00"),
    "far in the future": _with(since="2999-01-01T00:00:00+00:00"),
    "since a number": _with(since=1e308),
    "since nonsense": _with(since="gisteren"),
    "garbage": b"dit is geen vergrendeling",
    "binary": bytes(range(256)) * 4,
    "a JSON list": b"[1, 2, 3]",
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    "huge": b" " * (1 << 20) + _with(),
    "missing keys": b'{"pid": 1}',
    "NaN pid": b'{"pid": NaN, "since": "2026-01-01T00:00:00+01:00", "user": "x", "host": "y", "token": "t"}',
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_lock_is_stale_and_named(scan_path, content):
    lock_path(scan_path).write_bytes(content)
    assert read_lock(scan_path) is None
    with acquire_lock(scan_path) as lock:
        assert lock.took_over_damaged
        assert "was beschadigd" in lock.note and "verlaten vergrendeling" in lock.note
        assert read_lock(scan_path).token == lock.owner.token
    assert not lock_path(scan_path).exists()


def test_a_sound_live_lock_still_refuses(scan_path):
    from dienstscan.storage import ScanLockedError

    lock_path(scan_path).write_bytes(_with(user="Marieke"))  # this process: alive, this computer
    with pytest.raises(ScanLockedError, match="Marieke op computer"):
        acquire_lock(scan_path)


def test_control_characters_in_a_lock_are_not_shown(scan_path):
    lock_path(scan_path).write_bytes(_with(user="Kees\x1b[2J\nvan Dam", host="pc\r01"))
    owner = read_lock(scan_path)
    assert owner.user == "Kees [2J van Dam" and owner.host == "pc 01"
    assert all(ch.isprintable() for ch in owner.describe())

