"""Rejected proposals are handed over (issue 24: each hand-over says exactly what people said):
not in the plan, but on a sheet of their own with the decision, who decided and when, what was
noted and the gap they came from; the read-back is not disturbed by it."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from dienstscan.export.excel_plan import PLAN_SHEET, REJECTED_SHEET, export_plan, read_plan
from dienstscan.plan import edit_action


def _rows(ws):
    return [[c for c in row] for row in ws.iter_rows(min_row=5, values_only=True) if row[0]]


def test_rejected_proposals_have_a_sheet_with_who_and_when(tmp_path, checklists, assessment):
    proposals = [a for a in assessment.actions if a.origin == "voorgesteld" and not a.merged_into]
    recorded, unrecorded = proposals[0], proposals[1]
    edit_action(recorded, decision="afgewezen", decided_by="College van B en W", decided_on=dt.date(2026, 3, 10),
                progress="Past niet in de begroting van 2026.")
    edit_action(unrecorded, decision="afgewezen")
    path = tmp_path / "plan.xlsx"
    export_plan(checklists, assessment, path)
    wb = load_workbook(path)
    assert wb.sheetnames.index(REJECTED_SHEET) == wb.sheetnames.index(PLAN_SHEET) + 2  # after Voorstellen
    ws = wb[REJECTED_SHEET]
    assert ws["A1"].value == f"{REJECTED_SHEET} (2)"
    rows = {r[0]: r for r in _rows(ws)}
    assert set(rows) == {recorded.id, unrecorded.id}
    assert rows[recorded.id][2] == "Voorstel afgewezen\nCollege van B en W, 10-03-2026"
    assert rows[recorded.id][3] == "Past niet in de begroting van 2026."
    assert rows[recorded.id][1].startswith(recorded.title)
    assert rows[unrecorded.id][2] == "Voorstel afgewezen\nniet vastgelegd door wie en wanneer"
    assert "Afgewezen: 2 voorstellen (blad Afgewezen voorstellen)." in wb[PLAN_SHEET]["A2"].value
    assert ws.print_area and ws.protection.sheet
    # the sheet is for reading: the read-back finds nothing changed
    plan = read_plan(path, assessment, checklists)
    assert not plan.errors and not plan.has_changes


def test_no_rejected_proposal_no_sheet(tmp_path, checklists, assessment):
    assert not [a for a in assessment.actions if a.decision == "afgewezen"]
    path = tmp_path / "plan.xlsx"
    export_plan(checklists, assessment, path)
    wb = load_workbook(path)
    assert REJECTED_SHEET not in wb.sheetnames
    assert "Afgewezen" not in wb[PLAN_SHEET]["A2"].value
