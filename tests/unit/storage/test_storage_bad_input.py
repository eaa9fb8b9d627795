"""Every way a scan file can be wrong: a Dutch message naming the file, and the file untouched."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from dienstscan.storage import ScanFileError, load_scan, save_scan
from dienstscan.storage import atomic

BAD_FILES = [
    # file, code, words the message must contain
    ("empty.dienstscan", "empty", ["leeg", "0 bytes"]),
    ("whitespace_only.dienstscan", "empty", ["leeg", "witruimte"]),
    ("truncated.dienstscan", "truncated", ["afgebroken"]),
    ("not_json.dienstscan", "not_json", ["geen geldige JSON", "regel 1"]),
    ("broken_json.dienstscan", "not_json", ["geen geldige JSON"]),
    ("foreign_json.dienstscan", "foreign", ["geen Dienstscan-bestand"]),
    ("renamed_excel.dienstscan", "excel", ["Excel-bestand", "import-plan"]),
    ("utf16.dienstscan", "not_text", ["UTF-16"]),
    ("bad_format_version.dienstscan", "invalid", ["formaatversie", "'twee'"]),
    ("missing_scan.dienstscan", "invalid", ["'scan' ontbreekt"]),
    (
        "newer_version.dienstscan",
        "newer",
        [
            "is gemaakt met een nieuwere versie van Dienstscan (formaat 4); deze versie kan formaat 3 lezen. "
            "Het bestand is niet gewijzigd.",
            "9.0.0",
        ],
    ),
    (
        "wrong_types.dienstscan",
        "invalid",
        [
            "peildatum: moet een datum zijn",
            "'gisteren'",
            "antwoorden › '5B-1.1' › draagvlakpeiling › aantal ja: moet een geheel getal zijn",
            "acties › nr. 1 › einde: moet een datum zijn",
        ],
    ),
]


@pytest.mark.parametrize(("name", "code", "phrases"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_refused_in_dutch_and_left_untouched(fixture_copy, name, code, phrases, snapshot):
    path = fixture_copy(name)
    before = snapshot(path.parent)

    with pytest.raises(ScanFileError) as caught:
        load_scan(path)

    error = caught.value
    assert error.code == code
    assert error.path == path
    message = str(error)
    assert str(path) in message
    for phrase in phrases:
        assert phrase in message
    assert "Traceback" not in message and "Error" not in message
    assert snapshot(path.parent) == before


def test_truncated_file_points_to_the_backup_when_there_is_one(fixture_copy):
    path = fixture_copy("truncated.dienstscan")
    path.with_name(path.name + ".bak").write_bytes(b"{}")
    message = str(pytest.raises(ScanFileError, load_scan, path).value)
    assert "truncated.dienstscan.bak" in message


def test_every_truncation_of_a_valid_file_is_reported_as_cut_off(fixture_copy):
    path = fixture_copy("valid_v2.dienstscan")
    data = path.read_bytes()
    cut = path.with_name("cut.dienstscan")
    cut_inside_a_character = 0
    for length in range(1, len(data.rstrip()) - 1):
        cut.write_bytes(data[:length])
        with pytest.raises(ScanFileError) as caught:
            load_scan(cut)
        assert caught.value.code == "truncated", (length, str(caught.value))
        cut_inside_a_character += data[length - 1] >= 0xC0  # first byte of ë/é/› without the rest
    assert cut_inside_a_character > 0


def test_a_missing_file_is_named(tmp_path):
    path = tmp_path / "weg.dienstscan"
    error = pytest.raises(ScanFileError, load_scan, path).value
    assert error.code == "not_found"
    assert str(path) in str(error) and "bestaat niet" in str(error)


def test_a_folder_is_not_a_scan(tmp_path):
    error = pytest.raises(ScanFileError, load_scan, tmp_path).value
    assert error.code == "unreadable" and "map" in str(error)


def test_permission_denied_on_read(fixture_copy, monkeypatch):
    path = fixture_copy("valid_v2.dienstscan")

    def denied(self, limit):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    # the scan is read through storage.limited (regular files only, bounded)
    monkeypatch.setattr("dienstscan.storage.scanfile.read_limited", denied)
    error = pytest.raises(ScanFileError, load_scan, path).value
    assert error.code == "unreadable"
    assert "geen toestemming" in str(error) and str(path) in str(error)


def test_newer_file_is_never_overwritten_by_save(fixture_copy, scan, snapshot):
    path = fixture_copy("newer_version.dienstscan")
    before = snapshot(path.parent)
    error = pytest.raises(ScanFileError, save_scan, scan, path).value
    assert error.code == "newer"
    assert "niet overschreven" in str(error)
    assert snapshot(path.parent) == before


# -------------------------------------------------------------------------- failures on save


def _saved_once(scan, path):
    save_scan(scan, path)
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir())}


def test_disk_full_during_write(tmp_path, scan, monkeypatch, snapshot):
    path = tmp_path / "scan.dienstscan"
    before = _saved_once(scan, path)
    modified = scan.modified
    scan.organisation.name = "Gewijzigd"

    def half_then_full(fd, data):
        os.write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_write_all", half_then_full)
    error = pytest.raises(ScanFileError, save_scan, scan, path).value
    assert error.code == "save_failed"
    assert "de schijf is vol" in str(error)
    assert "Het bestaande bestand is niet gewijzigd." in str(error)
    assert str(path) in str(error)
    assert snapshot(tmp_path) == before  # no temp file left, scan and backup unchanged
    assert scan.modified == modified


def test_disk_full_on_fsync(tmp_path, scan, monkeypatch, snapshot):
    path = tmp_path / "scan.dienstscan"
    before = _saved_once(scan, path)

    def fsync_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", fsync_full)
    assert pytest.raises(ScanFileError, save_scan, scan, path).value.code == "save_failed"
    monkeypatch.undo()
    assert snapshot(tmp_path) == before


def test_unwritable_folder(tmp_path, scan, monkeypatch, snapshot):
    # Tests may run as root, where chmod does not stop writing: refuse the create instead.
    path = tmp_path / "scan.dienstscan"
    before = _saved_once(scan, path)
    real_open = os.open

    def no_create(file, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "open", no_create)
    error = pytest.raises(ScanFileError, save_scan, scan, path).value
    monkeypatch.undo()
    assert error.code == "save_failed"
    assert "geen toestemming" in str(error)
    assert snapshot(tmp_path) == before


def test_folder_that_does_not_exist(tmp_path, scan):
    path = tmp_path / "bestaat-niet" / "scan.dienstscan"
    error = pytest.raises(ScanFileError, save_scan, scan, path).value
    assert error.code == "save_failed"
    assert "bestaat niet" in str(error) and "Er is niets opgeslagen." in str(error)
    assert not path.parent.exists()


@pytest.mark.skipif(os.name == "nt" or not hasattr(os, "geteuid") or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_read_only_folder_for_real(tmp_path, scan, snapshot):
    path = tmp_path / "scan.dienstscan"
    before = _saved_once(scan, path)
    tmp_path.chmod(0o500)
    try:
        assert pytest.raises(ScanFileError, save_scan, scan, path).value.code == "save_failed"
    finally:
        tmp_path.chmod(0o700)
    assert snapshot(tmp_path) == before


def test_replace_blocked_briefly_is_retried(tmp_path, scan, monkeypatch):
    """A virus scanner or OneDrive holds the file for a moment: the save still succeeds."""
    path = tmp_path / "scan.dienstscan"
    save_scan(scan, path)
    real_replace = os.replace
    refusals = {"left": 3}

    def busy(src, dst):
        if Path(dst) == path and refusals["left"]:
            refusals["left"] -= 1
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", busy)
    scan.organisation.name = "Na het wachten"
    save_scan(scan, path)
    monkeypatch.undo()
    assert refusals["left"] == 0
    assert load_scan(path).organisation.name == "Na het wachten"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scan.dienstscan", "scan.dienstscan.bak"]


def test_replace_blocked_for_good_gives_up(tmp_path, scan, monkeypatch):
    path = tmp_path / "scan.dienstscan"
    save_scan(scan, path)
    before = path.read_bytes()
    real_replace = os.replace

    def always_busy(src, dst):
        if Path(dst) == path:
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(atomic, "REPLACE_RETRY_SECONDS", 0.2)
    monkeypatch.setattr(atomic.os, "replace", always_busy)
    error = pytest.raises(ScanFileError, save_scan, scan, path).value
    monkeypatch.undo()
    assert error.code == "save_failed" and "ander programma" in str(error)
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
