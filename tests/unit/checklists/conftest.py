"""Fixtures for the checklist loader tests: the small valid folder and overlays of broken files."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "checklists"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"


@pytest.fixture
def valid_dir() -> Path:
    return VALID


@pytest.fixture
def checklist_dir(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture folder, named ``checklists`` like the real one."""
    target = tmp_path / "checklists"
    shutil.copytree(VALID, target)
    return target


@pytest.fixture
def overlay(checklist_dir: Path) -> Callable[[str], Path]:
    """A copy of the valid folder with the files of ``invalid/<case>/`` copied over it."""

    def make(case: str) -> Path:
        source = INVALID / case
        assert source.is_dir(), source
        for file in source.iterdir():
            shutil.copyfile(file, checklist_dir / file.name)
        return checklist_dir

    return make
