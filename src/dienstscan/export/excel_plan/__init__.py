"""The Excel improvement plan (plan-do-check-act) and its read-back into the scan."""

from .progress_sheet import PROGRESS_SHEET
from .readback import PlanFileError, PlanImport, apply_plan_import, parse_date, read_plan
from .workbook import (
    FIELD_HEADERS,
    FORMAT_NAME,
    FORMAT_VERSION,
    META_SHEET,
    PLAN_COLUMNS,
    PLAN_HEADER_ROW,
    PLAN_SHEET,
    PROPOSALS_SHEET,
    REJECTED_SHEET,
    SCORES_SHEET,
    WORK_SHEET,
    PlanColumn,
    build_workbook,
    export_plan,
)

__all__ = [
    "FIELD_HEADERS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "META_SHEET",
    "PLAN_COLUMNS",
    "PLAN_HEADER_ROW",
    "PLAN_SHEET",
    "PROGRESS_SHEET",
    "PROPOSALS_SHEET",
    "REJECTED_SHEET",
    "SCORES_SHEET",
    "WORK_SHEET",
    "PlanColumn",
    "PlanFileError",
    "PlanImport",
    "apply_plan_import",
    "build_workbook",
    "export_plan",
    "parse_date",
    "read_plan",
]
