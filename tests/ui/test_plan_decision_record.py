"""The plan page records a decision fully (issue 24): the decision, who decided (Besloten door)
and when (Besluitdatum), typed with the keyboard, one undo step each, the words of the Excel plan;
an undecided proposal has no status ("Gepland" never shows) and no decision record. A decision
typed in the app survives the Excel plan: exported, read back into the undecided scan, equal."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt


from dienstscan import operations
from dienstscan.export.excel_plan import WORK_SHEET, read_plan
from dienstscan.model import ACTION_FIELD_LABELS
from dienstscan.plan import ACCEPTED, OWN_ACTION, REJECTED, UNDECIDED, edit_action
from dienstscan.ui import plan_commands
from dienstscan.ui.pages.plan import PlanPage
from dienstscan.ui.pages.plan import page as plan_page
from dienstscan.ui.pages.plan.form import NO_STATUS_YET

ANSWERS = {"BSC-01": "toegepast", "BSC-02": "deels", "5B-1.02": "niet_ingevoerd"}
BY, ON = ACTION_FIELD_LABELS["decided_by"], ACTION_FIELD_LABELS["decided_on"]


@pytest.fixture
def doc(small_doc):
    return small_doc(ANSWERS)


@pytest.fixture
def page(shown, doc):
    plan = shown(PlanPage(doc), 1300, 800)
    plan.select(["V-BSC-02"], "V-BSC-02")
    return plan


def cell(page: PlanPage, action_id: str, header: str) -> str:
    row = page.model.row_of(action_id)
    return page.model.data(page.model.index(row, plan_page.COLUMNS.index(header)))


def choose(qtbot, combo, key) -> None:
    """Move a closed combo box to a choice with the arrow keys, as a keyboard user does."""
    combo.setFocus()
    target = combo.findData(key)
    assert target >= 0
    if target == 0:
        qtbot.keyClick(combo, Qt.Key.Key_Home)  # straight to the first choice, no stop on the way
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)


def type_over(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert not edit.hasFocus()


def test_an_undecided_proposal_has_no_status_and_no_record(page, doc):
    assert doc.assessment.action("V-BSC-02").status == "gepland"  # the stored default, not shown
    assert cell(page, "V-BSC-02", "Status") == ""
    assert cell(page, "V-BSC-02", "Besluit") == UNDECIDED
    form = page.form
    assert form.status.currentIndex() == -1 and not form.status.isEnabled()
    assert form.status.currentText() == "" and form.status.placeholderText() == NO_STATUS_YET
    assert not form.decided_by.isEnabled() and not form.decided_on.isEnabled()
    assert [form.decision.itemText(i) for i in range(form.decision.count())] == [UNDECIDED, ACCEPTED, REJECTED]
    assert form.decision.currentText() == UNDECIDED
    # the labels are the Excel plan's column headers
    labels = {w.accessibleName() for w in (form.decision, form.decided_by, form.decided_on.edit)}
    assert labels == {"Besluit", BY, ON}


def test_a_decision_typed_with_the_keyboard(qtbot, page, doc):
    form = page.form
    steps = doc.undo_stack.count()
    choose(qtbot, form.decision, "geaccepteerd")
    assert doc.assessment.action("V-BSC-02").decision == "geaccepteerd"
    assert cell(page, "V-BSC-02", "Besluit") == ACCEPTED
    assert cell(page, "V-BSC-02", "Status") == "Gepland"  # a status comes with the decision
    assert form.status.isEnabled() and form.status.currentText() == "Gepland"
    assert form.decided_by.isEnabled() and form.decided_on.isEnabled()
    type_over(qtbot, form.decided_by, "MT")
    form.decided_on.edit.setFocus()
    qtbot.keyClicks(form.decided_on.edit, "12-3-27")
    qtbot.keyClick(form.decided_on.edit, Qt.Key.Key_Tab)
    action = doc.assessment.action("V-BSC-02")
    assert (action.decision, action.decided_by, action.decided_on) == ("geaccepteerd", "MT", dt.date(2027, 3, 12))
    assert form.decided_on.edit.text() == "12-03-2027"
    assert doc.undo_stack.count() == steps + 3  # decision, who (one typed visit), when
    doc.undo_stack.undo()
    assert doc.assessment.action("V-BSC-02").decided_on is None and form.decided_on.edit.text() == ""
    doc.undo_stack.redo()
    assert page.form.decided_on.date() == dt.date(2027, 3, 12)


def test_back_to_undecided_drops_who_and_when_in_one_step(qtbot, page, doc):
    form = page.form
    choose(qtbot, form.decision, "afgewezen")
    type_over(qtbot, form.decided_by, "College van B en W")
    steps = doc.undo_stack.count()
    choose(qtbot, form.decision, "voorgesteld")
    action = doc.assessment.action("V-BSC-02")
    assert (action.decision, action.decided_by, action.decided_on) == ("voorgesteld", "", None)
    assert doc.undo_stack.count() == steps + 1
    assert form.decided_by.text() == "" and not form.decided_by.isEnabled()
    assert form.status.currentIndex() == -1
    doc.undo_stack.undo()
    action = doc.assessment.action("V-BSC-02")
    assert (action.decision, action.decided_by) == ("afgewezen", "College van B en W")


def test_who_decided_without_a_decision_is_refused_in_dutch(doc):
    work = doc.assessment.action("V-BSC-02").model_copy(deep=True)
    with pytest.raises(ValueError, match="nog niet is besloten heeft geen besloten door") as err:
        edit_action(work, decided_by="MT")
    assert "Voorstel aangenomen" in str(err.value)
    assert work.decided_by == "" and work.decision == "voorgesteld"
    edit_action(work, decision="geaccepteerd", decided_by="MT")  # together with the decision: fine
    assert work.decided_by == "MT"


def test_an_own_action_is_decided_by_adding_it_and_keeps_a_record(qtbot, page, doc):
    action_id = page.add_own()
    form = page.form
    assert form.decision.currentText() == OWN_ACTION and not form.decision.isEnabled()
    assert form.status.currentText() == "Gepland"
    type_over(qtbot, form.decided_by, "Directeur")
    assert doc.assessment.action(action_id).decided_by == "Directeur"


def test_the_decision_typed_in_the_app_comes_back_from_the_excel_plan(qtbot, page, doc, tmp_path):
    """App -> Excel export -> read back into the scan as it was before the decision: equal."""
    form = page.form
    before = doc.undo_stack.index()
    choose(qtbot, form.decision, "geaccepteerd")
    type_over(qtbot, form.decided_by, "MT Publiekszaken")
    form.decided_on.edit.setFocus()
    qtbot.keyClicks(form.decided_on.edit, "01042027")
    qtbot.keyClick(form.decided_on.edit, Qt.Key.Key_Return)
    page.select(["V-5B-1.02"], "V-5B-1.02")  # who without a date (a rejection is not in the plan)
    choose(qtbot, form.decision, "geaccepteerd")
    type_over(qtbot, form.decided_by, "College")
    decided = {i: doc.assessment.action(i).model_copy(deep=True) for i in ("V-BSC-02", "V-5B-1.02")}
    assert decided["V-BSC-02"].decided_on == dt.date(2027, 4, 1)

    path = tmp_path / "plan.xlsx"
    operations.export_plan(doc.checklists, doc.assessment, path)
    sheet = load_workbook(path)[WORK_SHEET]
    texts = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert {ACCEPTED, "MT Publiekszaken", "College", BY, ON} <= texts

    while doc.undo_stack.index() > before:  # the scan as it was: both still undecided
        doc.undo_stack.undo()
    assert {doc.assessment.action(i).decision for i in decided} == {"voorgesteld"}
    plan = read_plan(path, doc.assessment, doc.checklists)
    assert plan.ok, plan.errors
    plan_commands.import_plan(doc, plan)
    for action_id, want in decided.items():
        got = doc.assessment.action(action_id)
        assert (got.decision, got.decided_by, got.decided_on) == (want.decision, want.decided_by, want.decided_on)
    page.select(["V-BSC-02"], "V-BSC-02")
    assert (form.decision.currentText(), form.decided_by.text(), form.decided_on.edit.text()) == (
        ACCEPTED, "MT Publiekszaken", "01-04-2027")
