"""Recovery copies: written to the user's data folder, found when newer than the scan, discarded."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from types import SimpleNamespace

import platformdirs
import pytest

from dienstscan.storage import (
    RecoveryCopy,
    data_dir,
    discard_recovery,
    find_recoveries,
    load_recovery,
    recovery_dir,
    save_scan,
    write_recovery,
)
from dienstscan.storage import ENV_DATA_DIR, ScanFileError, recovery
from dienstscan.model import Assessment, Organisation


def test_default_folder_is_the_local_user_data_folder(monkeypatch):
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    expected = Path(platformdirs.user_data_dir("Dienstscan", appauthor=False, roaming=False))
    assert data_dir() == expected
    assert recovery_dir() == expected / "herstel"


def test_env_var_overrides_the_folder(data_dir):
    assert recovery_dir() == data_dir / "herstel"


def test_never_saved_scan_is_offered(data_dir, scan):
    path = write_recovery(scan, None)
    assert path.parent == data_dir / "herstel"
    [copy] = find_recoveries()
    assert copy == RecoveryCopy(
        path=path, scan_id=scan.id, scan_path=None, saved_at=copy.saved_at, organisation="Gemeente Ëmmen-Zuid",
        state="nieuw", token=recovery.PROGRAM_TOKEN, alive=False,
    )
    assert abs(copy.saved_at.timestamp() - time.time()) < 60
    assert load_recovery(copy) == scan


def test_copy_newer_than_its_scan_is_offered_older_is_not(data_dir, scan, tmp_path):
    scan_path = tmp_path / "scan.dienstscan"
    save_scan(scan, scan_path)
    scan.organisation.name = "Niet opgeslagen wijziging"
    write_recovery(scan, scan_path)
    [copy] = find_recoveries()
    assert copy.scan_path == scan_path.resolve()
    assert copy.organisation == "Niet opgeslagen wijziging"
    assert load_recovery(copy).organisation.name == "Niet opgeslagen wijziging"

    # the user saves afterwards and the program dies before it discards the copy: the file holds
    # exactly what the copy holds, so there is nothing to offer (no clock is asked)
    save_scan(scan, scan_path)
    assert find_recoveries() == []


def test_copy_of_a_scan_whose_file_is_gone_is_offered(data_dir, scan, tmp_path):
    scan_path = tmp_path / "scan.dienstscan"
    save_scan(scan, scan_path)
    write_recovery(scan, scan_path)
    scan_path.unlink()
    assert [c.scan_id for c in find_recoveries()] == [scan.id]


def test_one_copy_per_scan_replaced_atomically(data_dir, scan):
    write_recovery(scan, None)
    scan.organisation.name = "Later"
    write_recovery(scan, None)
    [copy] = find_recoveries()
    assert copy.organisation == "Later"
    assert [p.name for p in recovery_dir().iterdir()] == [f"nieuw-{scan.id}-{recovery.PROGRAM_TOKEN}.dienstscan"]


def test_newest_first_and_discard_by_id_or_copy(data_dir, scan, monkeypatch):
    other = Assessment(organisation=Organisation(name="Provincie Noord"), peildatum=scan.peildatum)
    written = iter([dt.datetime(2026, 3, 1, 10, 0, 0, 1), dt.datetime(2026, 3, 1, 10, 0, 0, 2)])

    class Clock(dt.datetime):  # a microsecond apart: the order must not depend on the clock's resolution
        @classmethod
        def now(cls, tz=None):
            return next(written)

    with monkeypatch.context() as patch:
        patch.setattr(recovery, "dt", SimpleNamespace(datetime=Clock))
        write_recovery(scan, None)
        write_recovery(other, None)
    assert [c.organisation for c in find_recoveries()] == ["Provincie Noord", "Gemeente Ëmmen-Zuid"]

    discard_recovery(scan.id)
    [left] = find_recoveries()
    assert left.scan_id == other.id
    discard_recovery(left)
    assert find_recoveries() == []
    discard_recovery(left)  # already gone: no error


def test_odd_scan_ids_get_a_safe_file_name(data_dir, scan):
    scan.id = "../..\\con:*?"
    path = write_recovery(scan, None)
    assert path.parent == recovery_dir() and path.name.endswith(".dienstscan")
    assert find_recoveries()[0].scan_id == "../..\\con:*?"
    discard_recovery("../..\\con:*?")
    assert not path.exists()


def test_damaged_copies_are_skipped_and_no_folder_is_no_copies(data_dir, scan):
    assert find_recoveries() == []
    write_recovery(scan, None)
    (recovery_dir() / "kapot.dienstscan").write_bytes(b'{"format": "dienstscan", "format_v')
    assert [c.scan_id for c in find_recoveries()] == [scan.id]


def test_unwritable_data_folder_is_a_dutch_error(tmp_path, monkeypatch, scan):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    monkeypatch.setenv(ENV_DATA_DIR, str(blocker))  # a file where the folder should be
    error = pytest.raises(ScanFileError, write_recovery, scan, None).value
    assert error.code == "save_failed"
    assert "Kan geen herstelkopie schrijven" in str(error)
