"""Cache entries are sealed with this installation's secret and checked against the file (issue 29.4).

The SHA-256 seal had no key: anyone could compute it, so an entry planted in the cache folder under
the key of a victim's scan showed another municipality's data and wrote it on save. Two PyInstaller
builds of one version shared a fingerprint, so a stale pickle crashed the open.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from dienstscan.model import pickled
from dienstscan.model.pickled import program_fingerprint, seal
from dienstscan.storage import folders, read_scan, save_scan, scanfile
from dienstscan.storage.cache import FileCache
from dienstscan.storage.scan_cache import CACHE_NAME, remember_assessment, scan_key

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "gemeente-voorbeeld.dienstscan"
OTHER = ROOT / "examples" / "gemeente-2026.dienstscan"


@pytest.fixture
def own_data(tmp_path, monkeypatch):
    monkeypatch.setenv(folders.ENV_DATA_DIR, str(tmp_path / "data"))
    monkeypatch.setattr(folders, "_secrets", {})
    return tmp_path / "data"


@pytest.fixture
def victim(tmp_path) -> Path:
    return Path(shutil.copy(EXAMPLE, tmp_path / "scan.dienstscan"))


@pytest.fixture
def validations(monkeypatch) -> list[int]:
    seen: list[int] = []
    real = scanfile._validate
    monkeypatch.setattr(scanfile, "_validate", lambda data, version, path: seen.append(version) or real(data, version, path))
    return seen


def test_the_secret_is_made_once_kept_private_and_reused(own_data):
    first = folders.installation_secret()
    assert first is not None and len(first) == 32
    stored = own_data / folders.SECRET_NAME
    assert stored.read_bytes() == first
    if sys.platform != "win32":
        assert stored.stat().st_mode & 0o077 == 0
    folders._secrets.clear()
    assert folders.installation_secret() == first


def test_an_entry_forged_with_the_plain_digest_is_a_miss(own_data, tmp_path, victim, validations):
    cache = FileCache(CACHE_NAME, tmp_path / "cache")
    other = read_scan(OTHER).assessment  # another municipality's data
    key = scan_key(victim.read_bytes())
    # what an attacker can compute without the secret: the old format (key line + SHA-256 seal)
    cache.path.parent.mkdir(parents=True)
    cache.path.write_bytes(key.encode() + b"\n" + seal(other))
    validations.clear()
    loaded = read_scan(victim, cache=cache).assessment
    assert loaded.organisation.name == read_scan(victim).assessment.organisation.name != other.organisation.name
    assert validations  # read from the file, not from the planted entry


def test_an_entry_of_another_installation_is_a_miss(own_data, tmp_path, victim, validations, monkeypatch):
    cache = FileCache(CACHE_NAME, tmp_path / "cache")
    read_scan(victim, cache=cache)
    validations.clear()
    read_scan(victim, cache=cache)
    assert validations == []  # a hit with this installation's secret
    monkeypatch.setenv(folders.ENV_DATA_DIR, str(tmp_path / "andere-computer"))
    read_scan(victim, cache=cache)
    assert validations  # the same entry under another secret is not trusted


def test_a_sealed_entry_that_is_not_the_files_scan_is_a_miss(own_data, tmp_path, victim, validations):
    cache = FileCache(CACHE_NAME, tmp_path / "cache")
    other = read_scan(OTHER).assessment
    remember_assessment(cache, scan_key(victim.read_bytes()), other)  # a mix-up under the right key
    validations.clear()
    loaded = read_scan(victim, cache=cache).assessment
    assert loaded.organisation.name != other.organisation.name and validations


def test_no_secret_means_no_cache_not_an_error(tmp_path, monkeypatch, victim, validations):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    monkeypatch.setenv(folders.ENV_DATA_DIR, str(blocker))
    monkeypatch.setattr(folders, "_secrets", {})
    cache = FileCache(CACHE_NAME, tmp_path / "cache")
    read_scan(victim, cache=cache)
    save_scan(read_scan(victim).assessment, victim, cache=cache)
    validations.clear()
    read_scan(victim, cache=cache)
    assert validations and not cache.path.exists()


def test_two_frozen_builds_of_one_version_have_different_fingerprints(tmp_path, monkeypatch):
    assert pickled.build_identity() == ""  # from sources: the sources' hash is in the fingerprint
    exe = tmp_path / "Dienstscan.exe"
    exe.write_bytes(b"build 1")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    first = program_fingerprint("1 scan pickle", pickled.__file__)
    import os

    exe.write_bytes(b"build 2")
    os.utime(exe, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    second = program_fingerprint("1 scan pickle", pickled.__file__)
    assert first != second
    assert program_fingerprint("1 scan pickle", pickled.__file__) == second  # stable within a build
