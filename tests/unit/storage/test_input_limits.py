"""Files named by the user are read only when they are regular files of a sane size (issue 29.6).

A FIFO as scan hung the program, ``/dev/zero`` ended in a MemoryError, a 1.5 GB scan took 3.1 GB
before it was refused, a FIFO in the cache folder hung the start, and a 1.6 MB "zip bomb" workbook
took 1.65 GB. Each is now refused in Dutch before anything large is read. The hang cases run in a
thread that is given a generous, machine-independent deadline: failing it means "hangs", not "slow".
"""

from __future__ import annotations

import os
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from dienstscan.export.common.reading import MAX_UNPACKED_BYTES, WorkbookReadError, open_workbook
from dienstscan.storage import ScanFileError, read_scan, save_scan
from dienstscan.storage.cache import FileCache
from dienstscan.storage.limited import MAX_SCAN_BYTES, FileTooLarge, NotARegularFile, read_limited

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes as files exist only on POSIX")


def finishes(function, *args):
    """Run ``function`` in a thread; the exception or result, or 'hangs' if it never returns."""
    outcome: dict[str, object] = {}

    def run():
        try:
            outcome["result"] = function(*args)
        except BaseException as exc:  # noqa: BLE001 - the test inspects it
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(60)  # not a speed limit: a correct refusal takes milliseconds, a hang for ever
    assert not worker.is_alive(), f"{function.__name__} hangt"
    return outcome


@posix_only
def test_a_fifo_as_scan_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "scan.dienstscan"
    os.mkfifo(fifo)
    error = finishes(read_scan, fifo)["error"]
    assert isinstance(error, ScanFileError) and error.code == "unreadable"
    assert "pijp (FIFO)" in str(error) and "geen bestand" in str(error)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="geen /dev/zero op dit systeem")
def test_dev_zero_as_scan_is_refused(tmp_path):
    error = finishes(read_scan, Path("/dev/zero"))["error"]
    assert isinstance(error, ScanFileError) and "apparaat" in str(error)
    link = tmp_path / "nul.dienstscan"
    link.symlink_to("/dev/zero")
    error = finishes(read_scan, link)["error"]
    assert isinstance(error, ScanFileError) and "apparaat" in str(error)


def test_an_oversized_scan_is_refused_before_reading(tmp_path):
    huge = tmp_path / "groot.dienstscan"
    with open(huge, "wb") as handle:  # sparse: no disk space is used
        handle.truncate(MAX_SCAN_BYTES + 1)
    error = finishes(read_scan, huge)["error"]
    assert isinstance(error, ScanFileError) and error.code == "too_large"
    assert "te groot" in str(error) and "niet gewijzigd" in str(error)


def test_read_limited_stops_at_the_limit_even_when_the_size_lies(tmp_path):
    path = tmp_path / "a.bin"
    path.write_bytes(b"x" * 100)
    assert read_limited(path, 100) == b"x" * 100
    with pytest.raises(FileTooLarge):
        read_limited(path, 99)
    with pytest.raises(NotARegularFile):
        read_limited(tmp_path, 100)


def test_a_scan_of_normal_size_still_reads(scan, tmp_path):
    path = tmp_path / "scan.dienstscan"
    save_scan(scan, path)
    assert read_scan(path).assessment.organisation.name == scan.organisation.name


@posix_only
def test_a_fifo_in_the_cache_folder_is_a_miss_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / "laatste-scan.pickle")
    cache = FileCache("laatste-scan.pickle", tmp_path)
    assert finishes(cache.get, "scan-abc") == {"result": None}


def _zip_bomb(path: Path, unpacked: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"<c/>" * 262_144  # 1 MB of the same bytes compresses a thousandfold
            for _ in range(unpacked // len(block) + 1):
                member.write(block)


def test_a_zip_bomb_workbook_is_refused_before_unpacking(tmp_path):
    bomb = tmp_path / "plan.xlsx"
    _zip_bomb(bomb, MAX_UNPACKED_BYTES + 1)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    error = finishes(open_workbook, bomb)["error"]
    assert isinstance(error, WorkbookReadError)
    assert "uitgepakt" in str(error) and "niets ingelezen" in str(error)


@posix_only
def test_a_fifo_as_workbook_is_refused(tmp_path):
    fifo = tmp_path / "plan.xlsx"
    os.mkfifo(fifo)
    error = finishes(open_workbook, fifo)["error"]
    assert isinstance(error, WorkbookReadError) and "geen Excel-werkmap" in str(error)
