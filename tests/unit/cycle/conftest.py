"""Fixtures for the cycle tests: the small checklist set the scoring and plan tests use."""

from __future__ import annotations

import pytest

from scan_factory import make_checklists

from dienstscan.model import ChecklistSet


@pytest.fixture
def checklists() -> ChecklistSet:
    return make_checklists()
