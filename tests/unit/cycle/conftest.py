"""Fixtures for the cycle tests: the small checklist set the scoring and plan tests use."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# the builders live beside the scoring tests; one definition for all
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scoring"))

from scan_factory import make_checklists  # noqa: E402

from dienstscan.model import ChecklistSet  # noqa: E402


@pytest.fixture
def checklists() -> ChecklistSet:
    return make_checklists()
