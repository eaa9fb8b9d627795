"""The checklist cache: keyed by the files' content and the program, never stale, never trusted blindly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dienstscan.checklists import ChecklistError, load_checklists, loader
from dienstscan.checklists import cache as checklist_cache
from dienstscan.checklists.cache import CACHE_NAME, content_key
from dienstscan.storage.cache import FileCache

VALID = Path(__file__).resolve().parents[2] / "fixtures" / "checklists" / "valid"


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "checklists"
    shutil.copytree(VALID, target)
    return target


@pytest.fixture
def cache(tmp_path) -> FileCache:
    return FileCache(CACHE_NAME, tmp_path / "cache")


@pytest.fixture
def reads(monkeypatch) -> list[Path]:
    """Counts the real reads of the YAML (a cache hit does none)."""
    seen: list[Path] = []
    real = loader._read_and_check

    def counting(folder, files, extras):
        seen.append(folder)
        return real(folder, files, extras)

    monkeypatch.setattr(loader, "_read_and_check", counting)
    return seen


def test_second_load_comes_from_the_cache_and_equals_a_fresh_read(folder, cache, reads):
    first = load_checklists(folder, cache=cache)
    assert len(reads) == 1 and cache.path.is_file()
    second = load_checklists(folder, cache=cache)
    assert len(reads) == 1  # no YAML read
    assert second == first == load_checklists(folder)
    assert second.item("KA-01") == first.item("KA-01")  # the item index is rebuilt too


def test_an_edited_file_is_read_again(folder, cache, reads):
    title = load_checklists(folder, cache=cache).framework("KA").title
    path = folder / "kader-a.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(title, title + " (herzien)", 1), encoding="utf-8")
    again = load_checklists(folder, cache=cache)
    assert len(reads) == 2
    assert again.framework("KA").title == title + " (herzien)"


def test_a_renamed_or_added_file_changes_the_key(folder):
    before = content_key(sorted(folder.glob("*.yaml")))
    (folder / "themes.yaml").rename(folder / "themes2.yaml")
    assert content_key(sorted(folder.glob("*.yaml"))) != before


def test_a_corrupt_cache_is_ignored_and_rebuilt(folder, cache, reads):
    good = load_checklists(folder, cache=cache)
    reads.clear()
    key, _, data = cache.path.read_bytes().partition(b"\n")
    for garbage in (key + b"\n" + data[: len(data) // 2], key + b"\n{\"frameworks\": 3}", b"", b"\x00\xff" * 10):
        cache.path.write_bytes(garbage)
        assert load_checklists(folder, cache=cache) == good
    assert len(reads) == 4
    assert load_checklists(folder, cache=cache) == good  # the last rebuild was stored again
    assert len(reads) == 4


def test_another_program_version_does_not_use_the_cache(folder, cache, reads, monkeypatch):
    load_checklists(folder, cache=cache)
    monkeypatch.setattr(checklist_cache, "_program_hash", "another build")
    load_checklists(folder, cache=cache)
    assert len(reads) == 2


def test_broken_checklists_are_never_cached(folder, cache, reads):
    (folder / "kader-a.yaml").write_text("framework: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ChecklistError):
            load_checklists(folder, cache=cache)
    assert len(reads) == 2 and not cache.path.exists()


def test_an_unwritable_cache_does_not_stop_loading(folder, tmp_path, reads):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    cache = FileCache(CACHE_NAME, blocker / "sub")
    assert load_checklists(folder, cache=cache) == load_checklists(folder)
    assert cache.get("anything") is None
