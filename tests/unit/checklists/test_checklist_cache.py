"""The checklist cache: keyed by the files' content and the program, never stale, never trusted blindly."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
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


def _store_raw(cache: FileCache, folder: Path, payload: bytes) -> None:
    """Put ``payload`` under the right key with a correct digest: only its content can make it a miss."""
    key = content_key(loader.checklist_files(folder))
    cache.put(key, hashlib.sha256(payload).digest() + payload)


def test_a_damaged_payload_with_its_key_intact_is_a_miss(folder, cache, reads):
    good = load_checklists(folder, cache=cache)
    raw = bytearray(cache.path.read_bytes())
    raw[-40] ^= 0x01  # one bit in the pickled set: the digest no longer matches
    cache.path.write_bytes(bytes(raw))
    assert load_checklists(folder, cache=cache) == good
    assert len(reads) == 2


class _Harmful:
    def __reduce__(self):
        return (os.system, ("echo gehackt > gehackt.txt",))


def test_a_cache_that_would_run_code_is_refused_not_run(folder, cache, reads, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    good = load_checklists(folder)
    for foreign in (_Harmful(), {"frameworks": []}, "checklists"):
        _store_raw(cache, folder, pickle.dumps(foreign))
        assert load_checklists(folder, cache=cache) == good
    assert not (tmp_path / "gehackt.txt").exists()
    assert len(reads) == 4  # the fresh load above and one per refused cache


def test_another_pydantic_or_dienstscan_version_changes_the_key(folder, monkeypatch):
    import pydantic

    import dienstscan

    files = loader.checklist_files(folder)
    before = content_key(files)
    for patch in ((pydantic, "VERSION", "0.0.1"), (dienstscan, "_version", lambda: "99.0")):
        with monkeypatch.context() as m:
            m.setattr(*patch)
            m.setattr(checklist_cache, "_program_hash", None)
            assert content_key(files) != before
    monkeypatch.setattr(checklist_cache, "_program_hash", None)
    assert content_key(files) == before


def test_a_start_from_the_cache_validates_nothing_again(folder, cache):
    """A fresh process that finds the set in the cache builds no pydantic validator for it (the
    point of the cache: about 45 ms of a cold start) and still has the full, working set."""
    load_checklists(folder, cache=cache)
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from dienstscan.checklists import load_checklists, loader\n"
        "from dienstscan.checklists.cache import CACHE_NAME\n"
        "from dienstscan.model import checklist as models\n"
        "from dienstscan.storage.cache import FileCache\n"
        "loader._read_and_check = None  # a read of the YAML would fail\n"
        "folder, cache_dir = Path(sys.argv[1]), Path(sys.argv[2])\n"
        "got = load_checklists(folder, cache=FileCache(CACHE_NAME, cache_dir))\n"
        "built = [n for n, c in vars(models).items() if isinstance(c, type) and c.__dict__.get('__pydantic_complete__')]\n"
        "print(built, got.item('KA-01').id, got.scale_for('KA-01').id)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(folder), str(cache.path.parent)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    expected = load_checklists(folder)
    assert done.stdout.split() == ["[]", "KA-01", expected.scale_for("KA-01").id]
