"""The scan cache: the validated scan of exactly these bytes, never stale, never trusted blindly."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dienstscan.checklists import load_checklists
from dienstscan.storage import (
    RepairableScanError,
    ScanFileError,
    read_scan,
    save_scan,
    scan_cache,
    scanfile,
)
from dienstscan.storage.cache import FileCache
from dienstscan.storage.scan_cache import CACHE_NAME, scan_key

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "gemeente-voorbeeld.dienstscan"
SCANS = ROOT / "tests" / "fixtures" / "scans"
VALID = ROOT / "tests" / "fixtures" / "checklists" / "valid"


@pytest.fixture
def scan(tmp_path) -> Path:
    target = tmp_path / "voorbeeld.dienstscan"
    shutil.copy(EXAMPLE, target)
    return target


@pytest.fixture
def cache(tmp_path) -> FileCache:
    return FileCache(CACHE_NAME, tmp_path / "cache")


@pytest.fixture
def validations(monkeypatch) -> list[int]:
    """Counts the real validations of a scan (a cache hit does none)."""
    seen: list[int] = []
    real = scanfile._validate

    def counting(data, version, path):
        seen.append(version)
        return real(data, version, path)

    monkeypatch.setattr(scanfile, "_validate", counting)
    return seen


def test_a_second_read_comes_from_the_cache_and_equals_a_fresh_read(scan, cache, validations):
    first = read_scan(scan, cache=cache)
    assert validations == [first.format_version] and cache.path.is_file()
    second = read_scan(scan, cache=cache)
    assert len(validations) == 1
    fresh = read_scan(scan)
    assert second.assessment == first.assessment == fresh.assessment
    assert (second.format_version, second.app_version, second.saved_at, second.migrated, second.extra) == \
        (fresh.format_version, fresh.app_version, fresh.saved_at, fresh.migrated, fresh.extra)
    second.assessment.organisation.name = "Gewijzigd"  # each read hands out its own object
    assert read_scan(scan, cache=cache).assessment.organisation.name == fresh.assessment.organisation.name


def test_a_changed_file_is_validated_again_and_never_answered_from_the_cache(scan, cache, validations):
    read_scan(scan, cache=cache)
    data = json.loads(scan.read_text(encoding="utf-8"))
    data["scan"]["organisation"]["name"] = "Gemeente Anders"
    scan.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert read_scan(scan, cache=cache).assessment.organisation.name == "Gemeente Anders"
    assert len(validations) == 2


def test_a_save_stores_what_a_read_of_the_saved_file_gives(scan, cache, validations, tmp_path):
    assessment = read_scan(scan).assessment
    assessment.organisation.name = "Gemeente Opgeslagen"
    target = tmp_path / "nieuw.dienstscan"
    save_scan(assessment, target, cache=cache)
    validations.clear()
    from_cache = read_scan(target, cache=cache)
    assert validations == []
    assert from_cache.assessment == read_scan(target).assessment
    assert from_cache.assessment.organisation.name == "Gemeente Opgeslagen"


def test_the_checks_against_the_checklists_and_the_repairs_still_run_on_a_hit(tmp_path, cache, validations):
    from tests.unit.storage.test_storage_hostile_scans import _repairable

    checklists = load_checklists(VALID)
    path = _repairable(tmp_path)
    for _ in range(2):  # the second time the scan comes from the cache
        with pytest.raises(RepairableScanError):
            read_scan(path, checklists, cache=cache)
    repaired = read_scan(path, checklists, repair=True, cache=cache)
    assert len(repaired.repairs) == 3 and len(validations) == 1
    # the repair changed the object it was given, not what the cache holds
    assert [a.id for a in read_scan(path, repair=True, cache=cache).assessment.actions][-1] == "E-1-2"
    with pytest.raises(RepairableScanError):
        read_scan(path, checklists, cache=cache)


@pytest.mark.parametrize("name", ["wrong_types", "newer_version", "missing_scan", "broken_json"])
def test_a_refused_file_is_refused_the_same_with_a_cache_and_never_stored(name, cache, tmp_path):
    with pytest.raises(ScanFileError) as without:
        read_scan(SCANS / f"{name}.dienstscan")
    for _ in range(2):
        with pytest.raises(ScanFileError) as cached:
            read_scan(SCANS / f"{name}.dienstscan", cache=cache)
        assert (cached.value.code, str(cached.value)) == (without.value.code, str(without.value))
    assert not cache.path.exists()


def test_an_older_format_is_upgraded_once_and_then_read_from_the_cache(cache, validations, tmp_path):
    path = tmp_path / "oud.dienstscan"
    shutil.copy(SCANS / "v1_scan.dienstscan", path)
    first = read_scan(path, cache=cache)
    second = read_scan(path, cache=cache)
    assert first.migrated and second.migrated and second.assessment == first.assessment
    assert len(validations) == 1


def test_a_damaged_cache_is_a_miss_and_is_rebuilt(scan, cache, validations):
    good = read_scan(scan, cache=cache).assessment
    key, _, data = cache.path.read_bytes().partition(b"\n")
    flipped = bytearray(data)
    flipped[-40] ^= 0x01
    for garbage in (key + b"\n" + data[: len(data) // 2], key + b"\n" + bytes(flipped), b"", b"\x00\xff" * 10):
        cache.path.write_bytes(garbage)
        assert read_scan(scan, cache=cache).assessment == good
    assert len(validations) == 5
    read_scan(scan, cache=cache)
    assert len(validations) == 5  # the last rebuild was stored again


def test_another_program_does_not_use_the_cache(scan, cache, validations, monkeypatch):
    read_scan(scan, cache=cache)
    monkeypatch.setattr(scan_cache, "_program_hash", "another build")
    read_scan(scan, cache=cache)
    assert len(validations) == 2


class _Harmful:
    def __reduce__(self):
        return (os.system, ("echo gehackt > gehackt.txt",))


def test_a_cache_that_would_run_code_or_is_no_scan_is_refused_not_run(scan, cache, validations, tmp_path,
                                                                        monkeypatch):
    monkeypatch.chdir(tmp_path)
    good = read_scan(scan).assessment
    validations.clear()
    key = scan_key(scan.read_bytes())
    for foreign in (_Harmful(), {"organisation": {}}, good.organisation):
        payload = pickle.dumps(foreign)
        cache.put(key, hashlib.sha256(payload).digest() + payload)
        assert read_scan(scan, cache=cache).assessment == good
    assert not (tmp_path / "gehackt.txt").exists()
    assert len(validations) == 3


def test_an_unwritable_cache_does_not_stop_reading_or_saving(scan, tmp_path):
    blocker = tmp_path / "geen-map"
    blocker.write_text("x", encoding="utf-8")
    cache = FileCache(CACHE_NAME, blocker / "sub")
    loaded = read_scan(scan, cache=cache)
    save_scan(loaded.assessment, tmp_path / "kopie.dienstscan", cache=cache)
    assert read_scan(tmp_path / "kopie.dienstscan", cache=cache).assessment == loaded.assessment


def test_an_open_from_the_cache_builds_no_scan_validator(scan, cache):
    """A fresh process that finds the scan in the cache builds no pydantic validator (the point of
    the cache: about a tenth of a cold start) and imports no importlib.metadata."""
    read_scan(scan, cache=cache)
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from dienstscan.storage import read_scan\n"
        "from dienstscan.storage.cache import FileCache\n"
        "from dienstscan.storage.scan_cache import CACHE_NAME\n"
        "from dienstscan.model import assessment as models\n"
        "got = read_scan(Path(sys.argv[1]), cache=FileCache(CACHE_NAME, Path(sys.argv[2]))).assessment\n"
        "built = [n for n, c in vars(models).items() if isinstance(c, type) and c.__dict__.get('__pydantic_complete__')]\n"
        "print(built, 'importlib.metadata' in sys.modules, got.organisation.name.replace(' ', '_'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(scan), str(cache.path.parent)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    name = read_scan(scan).assessment.organisation.name.replace(" ", "_")
    assert done.stdout.split() == ["[]", "False", name]
