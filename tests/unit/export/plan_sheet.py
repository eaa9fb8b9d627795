"""Helpers to read and edit the exported Verbeterplan sheet as a person does: columns by their
header text, rows by action id, then saved like Excel would."""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dienstscan.export.excel_plan import PLAN_HEADER_ROW, WORK_SHEET


def columns(ws: Worksheet, header_row: int = PLAN_HEADER_ROW) -> dict[str, str]:
    """Header text -> column letter, as a person finds a column."""
    return {cell.value: get_column_letter(cell.column) for cell in ws[header_row] if isinstance(cell.value, str)}


def row_of(ws: Worksheet, action_id: str) -> int:
    id_col = columns(ws)["ID"]
    for r in range(PLAN_HEADER_ROW + 1, ws.max_row + 1):
        if ws[f"{id_col}{r}"].value == action_id:
            return r
    raise KeyError(action_id)


class PlanEditor:
    """Edit the Verbeterplan sheet by header and action id, then save (like Excel would)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.wb: Workbook = load_workbook(path)
        self.ws: Worksheet = self.wb[WORK_SHEET]
        self.cols = columns(self.ws)

    def ref(self, action_id: str, header: str) -> str:
        return f"{self.cols[header]}{row_of(self.ws, action_id)}"

    def set(self, action_id: str, header: str, value: object) -> str:
        ref = self.ref(action_id, header)
        self.ws[ref] = value
        return ref

    def add_row(self, values: dict[str, object]) -> int:
        """Type a new row below the last one (outside the table: its range does not grow)."""
        r = self.ws.max_row + 1
        for header, value in values.items():
            self.ws[f"{self.cols[header]}{r}"] = value
        return r

    def save(self, path: Path | None = None) -> Path:
        target = path or self.path
        self.wb.save(target)
        return target


def copy_to(src: Path, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(src, target)
    return target
