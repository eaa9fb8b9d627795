"""Fixtures for the Excel plan tests: a checklist set, a scan with a plan, the exported workbook,
and helpers to edit that workbook the way a manager would (with openpyxl, then saved)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from plan_factory import make_assessment, make_checklists
from plan_sheet import PlanEditor

from dienstscan.export.excel_plan import export_plan
from dienstscan.model import Assessment, ChecklistSet


@pytest.fixture
def checklists() -> ChecklistSet:
    return make_checklists()


@pytest.fixture
def assessment(checklists: ChecklistSet) -> Assessment:
    return make_assessment(checklists)


@pytest.fixture
def plan_path(tmp_path: Path, checklists: ChecklistSet, assessment: Assessment) -> Path:
    """The scan's plan, exported to a fresh .xlsx."""
    path = tmp_path / "verbeterplan.xlsx"
    export_plan(checklists, assessment, path)
    return path


@pytest.fixture
def edit_plan() -> Callable[[Path], PlanEditor]:
    return PlanEditor
