"""Fixtures for the plan tests: the same small checklist set the scoring tests use."""

from __future__ import annotations

import pytest

from scan_factory import make_checklists

from dienstscan.model import ChecklistSet


@pytest.fixture
def checklists() -> ChecklistSet:
    return make_checklists()
