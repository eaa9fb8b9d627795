"""The new-scan wizard, the item page's keys and fields, the overview pages and the scope switch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from dienstscan import storage
from dienstscan.model import ChecklistSet
from dienstscan.ui.new_scan import NewScanWizard, parse_participants


@pytest.fixture
def kinds_checklists(checklists) -> ChecklistSet:
    """The test set with KB for gemeenten only (as 5B and Antwoord are) and KA for every kind."""
    frameworks = [fw.model_copy(update={"applies_to": ["gemeente"]}) if fw.id == "KB" else fw
                  for fw in checklists.frameworks]
    return ChecklistSet(frameworks=frameworks, scales=checklists.scales, themes=checklists.themes,
                        benchmarks=checklists.benchmarks, key_figures=checklists.key_figures)


def test_wizard_preselects_frameworks_by_kind(qtbot, kinds_checklists):
    assert kinds_checklists.preselected_frameworks("gemeente") == ["KA", "KB"]
    assert kinds_checklists.preselected_frameworks("provincie") == ["KA"]
    wizard = NewScanWizard(kinds_checklists)
    qtbot.addWidget(wizard)
    page = wizard.organisation_page
    assert not page.isComplete()  # a name is required
    wizard.fill(name="  Provincie Proef ", kind="provincie", peildatum=dt.date(2011, 7, 5), inhabitants=0,
                participants="A. de Vries - projectleider\n\nB. Jansen")
    assert page.isComplete()
    assert wizard.scope_page.chosen() == ["KA"]
    wizard.scope_page.boxes["KA"].setChecked(False)
    assert not wizard.scope_page.isComplete()  # at least one framework
    wizard.scope_page.boxes["KB"].setChecked(True)
    scan = wizard.assessment()
    assert scan.organisation.name == "Provincie Proef" and scan.organisation.kind == "provincie"
    assert scan.organisation.inhabitants is None and scan.peildatum == dt.date(2011, 7, 5)
    assert scan.frameworks == ["KB"] and scan.checklist_versions == {"KB": "2007"}
    assert [(p.name, p.role) for p in scan.participants] == [("A. de Vries", "projectleider"), ("B. Jansen", "")]
    page.kind.setCurrentIndex(page.kind.findData("gemeente"))
    assert wizard.scope_page.chosen() == ["KA", "KB"]


def test_participants_with_comma_or_dash():
    people = parse_participants("C. Bakker, wethouder\nD. Smit – KCC\n")
    assert [(p.name, p.role) for p in people] == [("C. Bakker", "wethouder"), ("D. Smit", "KCC")]


@pytest.fixture
def open_scan(window, fake_dialogs, new_assessment):
    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    return window


def test_number_keys_do_not_answer_while_typing(qtbot, open_scan):
    window = open_scan
    window.navigate("KA-01")
    page = window.workspace.item_page
    page.explanation_edit.setFocus()
    qtbot.keyClicks(page.explanation_edit, "2 kanalen")
    assert window.doc.answer("KA-01").option is None
    assert window.doc.answer("KA-01").explanation == "2 kanalen"
    page.reference_edit.setFocus()
    qtbot.keyClicks(page.reference_edit, "Rapport 3")
    assert window.doc.answer("KA-01").evidence.reference == "Rapport 3"
    assert window.doc.answer("KA-01").option is None
    qtbot.keyClick(page.group.button(0), Qt.Key.Key_3)
    assert window.doc.answer("KA-01").option == "niet"
    assert page.group.button(2).isChecked() and page.group.button(2).text().startswith("✓")
    qtbot.keyClick(page.group.button(0), Qt.Key.Key_9)  # no ninth option: nothing happens
    assert window.doc.answer("KA-01").option == "niet"
    page.clear_button.click()
    assert window.doc.answer("KA-01").option is None and window.doc.item_state("KA-01") == "unanswered"


def test_evidence_and_analysis_only_for_norms(qtbot, open_scan):
    window = open_scan
    page = window.workspace.item_page
    window.navigate("KA-01")
    assert page.norm_box.isVisible() and page.analysis_box.isVisible()
    assert "Als burger kan ik kiezen." in page.right_text.text()
    page.basis_combo.setCurrentIndex(page.basis_combo.findData("interview"))
    page.evidence_date.edit.setFocus()
    qtbot.keyClicks(page.evidence_date.edit, "1-3-2011")
    qtbot.keyClick(page.evidence_date.edit, Qt.Key.Key_Return)
    answer = window.doc.answer("KA-01")
    assert answer.evidence.basis == "interview" and answer.evidence.date is not None
    window.navigate("KB-PK-01")
    assert not page.norm_box.isVisible() and not page.analysis_box.isVisible()
    assert page.basis_combo.currentData() is None  # the next item starts empty
    assert page.breadcrumb.text().startswith("Testantwoord  ›  Producten en kanalen")


def test_previous_and_next_wrap_and_skip_answered(open_scan):
    window = open_scan
    window.navigate("KA-01")
    window.doc.set_option("KA-02", "toegepast")
    assert window.go(1, unanswered=False) == "KA-02"
    assert window.go(1, unanswered=True) == "KB-FASE"
    assert window.go(-1, unanswered=True) == "KA-01"
    assert window.go(-1, unanswered=False) == "KB-LM-02"  # wraps to the last item
    for item in window.doc.checklists.frameworks[0].all_items() + window.doc.checklists.frameworks[1].all_items():
        option = window.doc.checklists.scale_for(item.id).options[0].id
        window.doc.set_option(item.id, option)
    assert window.go(1, unanswered=True) is None
    assert "beantwoord" in window.statusBar().currentMessage()


def test_section_page_lists_items_and_opens_one(qtbot, open_scan):
    window = open_scan
    window.doc.set_option("KB-LM-01", "2")
    window.navigate("KB-LM")
    page = window.workspace.section_page
    assert window.workspace.stack.currentWidget() is page
    assert page.title.text() == "Leiderschap en medewerkers"
    assert page.table.rowCount() == 2
    assert page.table.item(0, 2).text() == "Ingericht" and page.table.item(1, 2).text() == "—"
    assert "1 van 2 beantwoord" in page.summary.text()
    page.table.setCurrentCell(1, 1)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.workspace.item_page.item_id == "KB-LM-02"
    assert window.workspace.tree.current_node() == ("item", "KB-LM-02")


def test_framework_scope_switch_is_undoable(open_scan):
    window = open_scan
    window.navigate("KB")
    page = window.workspace.framework_page
    assert page.in_scope.isChecked()
    page.in_scope.setChecked(False)
    assert window.doc.assessment.frameworks == ["KA"]
    assert window.doc.item_state("KB-LM-01") == "out_of_scope"
    assert window.workspace.tree._nodes[("framework", "KB")].text(1) == "buiten de scan"
    window.action("undo").trigger()
    assert window.doc.assessment.frameworks == ["KA", "KB"] and page.in_scope.isChecked()


def test_undo_text_names_the_edit(open_scan):
    window = open_scan
    window.doc.set_option("KA-01", "deels")
    assert window.action("undo").text() == "&Ongedaan maken: Antwoord van KA-01 wijzigen"
    window.action("undo").trigger()
    assert window.action("redo").isEnabled() and not window.action("undo").isEnabled()
    assert window.doc.answer("KA-01") is None
    assert window.isWindowModified()  # a new scan stays unsaved even with nothing on the stack


def test_navigation_can_be_hidden_and_f6_brings_it_back(open_scan):
    window = open_scan
    tree = window.workspace.tree
    assert tree.isVisible()
    window.action("nav_visible").trigger()
    assert not tree.isVisible() and not window.action("nav_visible").isChecked()
    window.action("focus_nav").trigger()
    assert tree.isVisible() and window.action("nav_visible").isChecked()


def test_a_solution_becomes_an_accepted_action_once(qtbot, open_scan):
    """BSC analysis: a recorded solution is taken into the plan with one click, undoably."""
    window = open_scan
    window.navigate("KA-01")
    page = window.workspace.item_page
    assert not page.analysis_box.solution_action_button.isEnabled()  # no solutions yet
    window.doc.set_list("KA-01", "solutions", ["Klantenpanel instellen", "Website herschrijven"])
    qtbot.waitUntil(lambda: page.analysis_box.lists["solutions"].list.count() == 2)
    page.analysis_box.lists["solutions"].list.setCurrentRow(1)
    assert page.analysis_box.solution_action_button.isEnabled()
    page.analysis_box.solution_action_button.click()
    actions = [a for a in window.doc.assessment.actions if a.title == "Website herschrijven"]
    assert len(actions) == 1
    action = actions[0]
    assert action.decision == "geaccepteerd" and action.item_id == "KA-01"
    assert action.id in page.analysis_box.solution_status.text()
    page.analysis_box.solution_action_button.click()  # the same solution again: nothing new
    assert [a.title for a in window.doc.assessment.actions].count("Website herschrijven") == 1
    window.doc.undo_stack.undo()
    assert all(a.title != "Website herschrijven" for a in window.doc.assessment.actions)


def test_proposals_follow_answers_without_opening_the_plan(open_scan):
    """A gap answered on the item page is in the plan at once, so a save or report has it."""
    window = open_scan
    window.navigate("KA-01")
    window.doc.set_option("KA-01", "niet")
    action = window.doc.assessment.action("V-KA-01")
    assert action is not None and not action.gap_closed
    window.doc.set_option("KA-01", "toegepast")
    assert window.doc.assessment.action("V-KA-01").gap_closed


def test_wizard_offers_the_2026_checklist_without_checking_it(qtbot):
    from dienstscan.checklists import load_checklists

    shipped = load_checklists()
    wizard = NewScanWizard(shipped)
    qtbot.addWidget(wizard)
    wizard.fill(name="Gemeente Nieuwdorp", kind="gemeente", peildatum=dt.date(2026, 11, 1), inhabitants=0,
                participants="")
    assert wizard.scope_page.chosen() == ["BSC", "5B", "ANT"]
    box = wizard.scope_page.boxes["DO26"]
    assert "aanvullend" in box.text() and not box.isChecked()
    box.setChecked(True)
    assert wizard.scope_page.chosen()[-1] == "DO26"


def test_item_page_shows_the_stand_2026_note_beside_the_historical_text(qtbot, cycle_window):
    example = Path(__file__).resolve().parents[2] / "examples" / "gemeente-2026.dienstscan"
    assert cycle_window.open_path(example)
    page = cycle_window.workspace.item_page
    page.show_item("5B-5.06")
    assert "webrichtlijnen" in page.title.text().lower()          # the text of 2010 stays
    assert page.current_text.isVisibleTo(page)
    text = page.current_text.text()
    assert text.startswith("Stand 2026 (vandaag wettelijk verplicht sinds 1 juli 2018)")
    assert "Besluit digitale toegankelijkheid overheid" in text
    page.show_item("5B-1.05")                                       # no note: nothing shown
    assert not page.current_text.isVisibleTo(page)


def test_wizard_answers_items_of_other_kinds_not_applicable_with_the_reason(qtbot):
    from dienstscan.checklists import load_checklists

    shipped = load_checklists()
    wizard = NewScanWizard(shipped)
    qtbot.addWidget(wizard)
    wizard.fill(name="Ministerie van Proef", kind="ministerie", peildatum=dt.date(2026, 12, 1), inhabitants=0,
                participants="")
    page = wizard.scope_page
    assert not page.answer_na.isVisibleTo(page)          # BSC alone: every item applies
    page.boxes["DO26"].setChecked(True)
    assert page.answer_na.isVisibleTo(page) and page.answer_na.isChecked()
    assert "3 items die niet voor een ministerie gelden" in page.answer_na.text()
    listed = page.not_applicable.text()
    assert "DO26-2.04" in listed and "Omgevingswet" in listed and "DO26-4.05" in listed
    scan = wizard.assessment()
    assert scan.answers["DO26-2.04"].option == "nvt"
    assert scan.answers["DO26-2.04"].explanation == shipped.item("DO26-2.04").not_applicable_reason
    # the user can decline: then nothing is answered for them
    page.answer_na.setChecked(False)
    assert not wizard.assessment().answers
    # a municipality gets every DO26 item to answer
    wizard.fill(name="Gemeente Proef", kind="gemeente", participants="")
    page.boxes["DO26"].setChecked(True)
    assert not page.answer_na.isVisibleTo(page) and not wizard.assessment().answers


def test_item_page_says_for_whom_an_item_holds_and_what_is_not_verified():
    from dienstscan.checklists import load_checklists
    from dienstscan.ui.pages.item import ItemPage

    shipped = load_checklists()
    fw, _section, item = shipped.locate("DO26-2.04")
    line = ItemPage._source_line(item, fw.checked)
    assert "Geldt voor: gemeente, provincie, waterschap" in line
    assert "(niet geverifieerd: of een organisatie aanvragen verplicht" in line
    fw, _section, item = shipped.locate("DO26-3.05")
    assert "vanaf 2 december 2027, nog niet in werking" in ItemPage._source_line(item, fw.checked)
    fw, _section, item = shipped.locate("DO26-1.01")
    line = ItemPage._source_line(item, fw.checked)
    assert "Wettelijk verplicht sinds 1 juli 2018" in line and "Stb. 2018, 141" in line


def test_next_item_from_the_explanation_puts_the_focus_on_the_answer(qtbot, open_scan):
    """Issue 28: after typing an explanation, Ctrl+PgDown and "3" answer the next item; the digit
    never becomes that item's explanation."""
    window = open_scan
    window.navigate("KA-01")
    page = window.workspace.item_page
    page.explanation_edit.setFocus()
    qtbot.keyClicks(page.explanation_edit, "Omdat het zo is")
    qtbot.keyClick(page.explanation_edit, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    following = page.item_id
    assert following != "KA-01"
    assert page.group.buttons()[0].hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3)
    answer = window.doc.answer(following)
    scale = window.doc.checklists.scale_for(following)
    assert answer is not None and answer.option == scale.options[2].id
    assert answer.explanation == ""
    assert window.doc.answer("KA-01").explanation == "Omdat het zo is"
    # with an answer chosen, the focus goes to that answer's button
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert page.item_id == following
    assert page.group.checkedButton().hasFocus()


def test_moving_through_the_tree_keeps_the_focus_there(qtbot, open_scan):
    window = open_scan
    window.navigate("KA-01")
    tree = window.workspace.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert tree.hasFocus()


def test_an_earlier_why_not_is_kept_but_marked_after_toegepast(qtbot, open_scan):
    """Issue 28: after choosing Toegepast the explanation written for 'Deels toegepast' stays,
    marked as no longer applicable; editing it or going back to an answer that asks for one
    removes the mark."""
    window = open_scan
    window.navigate("KA-01")
    page = window.workspace.item_page
    qtbot.keyClick(page.group.buttons()[0], Qt.Key.Key_2)  # Deels toegepast: asks for a why-not
    page.explanation_edit.setFocus()
    qtbot.keyClicks(page.explanation_edit, "Geen balie op zaterdag")
    assert not page.stale_note.isVisible()
    qtbot.mouseClick(page.group.buttons()[0], Qt.MouseButton.LeftButton)  # Toegepast
    assert window.doc.answer("KA-01").option == "toegepast"
    assert window.doc.answer("KA-01").explanation == "Geen balie op zaterdag"  # kept
    assert page.stale_note.isVisible()
    assert "‘Deels toegepast’" in page.stale_note.text() and "niet meer van toepassing" in page.stale_note.text()
    window.doc.undo_stack.undo()  # back to Deels toegepast: the text is its why-not again
    assert not page.stale_note.isVisible()
    window.doc.undo_stack.redo()
    assert page.stale_note.isVisible()
    page.explanation_edit.setFocus()
    qtbot.keyClicks(page.explanation_edit, " (nu wel)")
    assert not page.stale_note.isVisible()


def test_the_mark_on_an_earlier_why_not_is_saved_and_shown_after_reopening(qtbot, open_scan, fake_dialogs,
                                                                           tmp_path):
    """Issue 28: the mark is part of the scan (``Answer.explanation_written_for``): saved, reopened
    in a new window, shown there, and taken away by editing the text there."""
    window = open_scan
    window.navigate("KA-01")
    page = window.workspace.item_page
    qtbot.keyClick(page.group.buttons()[0], Qt.Key.Key_2)  # Deels toegepast
    page.explanation_edit.setFocus()
    qtbot.keyClicks(page.explanation_edit, "Geen balie op zaterdag")
    qtbot.mouseClick(page.group.buttons()[0], Qt.MouseButton.LeftButton)  # Toegepast
    assert page.stale_note.isVisible()
    fake_dialogs.save_path = tmp_path / "gemarkeerd.dienstscan"
    assert window.save()
    assert storage.load_scan(fake_dialogs.save_path).answers["KA-01"].explanation_written_for == "deels"
    assert window.close_scan()
    assert window.open_path(fake_dialogs.save_path)
    window.navigate("KA-01")
    page = window.workspace.item_page
    assert page.explanation_edit.toPlainText() == "Geen balie op zaterdag"
    assert page.stale_note.isVisible()
    assert "‘Deels toegepast’" in page.stale_note.text() and "niet meer van toepassing" in page.stale_note.text()
    page.explanation_edit.setFocus()
    qtbot.keyClicks(page.explanation_edit, " (nu wel)")
    qtbot.keyClick(page.explanation_edit, Qt.Key.Key_Tab)
    assert not page.stale_note.isVisible()
    assert window.doc.answer("KA-01").explanation_written_for is None
