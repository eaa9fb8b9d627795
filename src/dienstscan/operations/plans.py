"""Importing an edited plan (Excel) into the scan, all or nothing, and proposing the plan after."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Assessment, ChecklistSet
from .changes import Changed, follow_answers

if TYPE_CHECKING:  # openpyxl (behind excel_plan) is imported on first use: start-up time
    from ..export.excel_plan import PlanImport


def import_plan(checklists: ChecklistSet, assessment: Assessment, plan_import: PlanImport) -> Changed:
    """Apply a previewed import (``export.excel_plan.read_plan``) and propose the plan.

    Raises ``PlanFileError`` (Dutch) when the import has errors or no longer fits the scan; then
    nothing has changed. ``Changed.actions``: the actions the import changed or added.
    """
    from ..export.excel_plan import apply_plan_import

    apply_plan_import(assessment, plan_import)
    touched = [c.action_id for c in plan_import.changes] + [a.id for a in plan_import.new_actions]
    return Changed(actions=touched, plan=follow_answers(checklists, assessment))
