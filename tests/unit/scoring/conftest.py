"""Fixtures for the scoring tests: a small checklist set shaped like the shipped frameworks."""

from __future__ import annotations

import pytest
from scan_factory import make_assessment, make_checklists

from dienstscan.model import Assessment, ChecklistSet


@pytest.fixture
def checklists() -> ChecklistSet:
    return make_checklists()


@pytest.fixture
def assessment() -> Assessment:
    return make_assessment()
