"""``dienstscan.__version__``: read without importlib.metadata, and the same as it says."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import dienstscan

ROOT = Path(__file__).resolve().parents[2]


def test_version_is_the_installed_metadata_and_pyprojects():
    dienstscan._version.cache_clear()
    assert dienstscan.__version__ == importlib.metadata.version("dienstscan")
    assert dienstscan.__version__ == tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_the_direct_lookup_finds_it_and_a_start_does_not_import_importlib_metadata():
    assert dienstscan._version_from_dist_info() == importlib.metadata.version("dienstscan")
    code = ("import sys, dienstscan; v = dienstscan.__version__; "
            "print(v, 'importlib.metadata' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [importlib.metadata.version("dienstscan"), "False"]


def test_first_dist_info_on_the_path_decides_and_a_missing_one_falls_back(tmp_path, monkeypatch):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, version in ((first, "9.8.7"), (second, "1.2.3")):
        info = folder / f"dienstscan-{version}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.4\nName: dienstscan\nVersion: {version}\n\nVersion: 0\n")
    (tmp_path / "a" / "dienstscan_extra-1.0.dist-info").mkdir()  # another distribution: not ours
    monkeypatch.setattr(sys, "path", [str(tmp_path / "nowhere"), str(first), str(second)])
    assert dienstscan._version_from_dist_info() == "9.8.7"
    monkeypatch.setattr(sys, "path", [str(tmp_path / "nowhere")])
    assert dienstscan._version_from_dist_info() is None
