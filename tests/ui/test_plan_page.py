"""Plan page: proposals accepted and edited in the PDCA form, saved, reopened intact; filters,
own actions, merge, delete, closed gaps, undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


from dienstscan import storage
from dienstscan.model import ACTION_FIELD_LABELS
from dienstscan.plan import visible_actions
from dienstscan.ui.document import ScanDocument
from dienstscan.ui.pages.plan import ID_ROLE, PlanPage
from dienstscan.ui.pages.plan import page as plan_page

ANSWERS = {
    "BSC-01": "toegepast", "BSC-02": "deels",
    "5B-1.01": "ingevoerd", "5B-1.02": "niet_ingevoerd", "5B-2.01": "gedeeltelijk",
    "ANT-FASE": "fase_3", "ANT-PK-1": "niveau_2",
}
PROPOSALS = {"V-BSC-02", "V-5B-1.02", "V-5B-2.01", "V-ANT-FASE", "V-ANT-PK-1"}


@pytest.fixture
def doc(small_doc):
    return small_doc(ANSWERS)


@pytest.fixture
def open_page(shown):
    """The plan page of a scan, shown at 1300 x 800."""
    return lambda doc: shown(PlanPage(doc), 1300, 800)


@pytest.fixture
def page(open_page, doc):
    return open_page(doc)


def shown_ids(page: PlanPage) -> list[str]:
    return [page.proxy.data(page.proxy.index(r, 0), ID_ROLE) for r in range(page.proxy.rowCount())]


def cell(page: PlanPage, action_id: str, header: str) -> str:
    column = plan_page.COLUMNS.index(header)
    row = page.model.row_of(action_id)
    return page.model.data(page.model.index(row, column))


def type_over(qtbot, edit, text: str) -> None:
    """Type over a field's text and leave it with Tab (leaving commits what was typed)."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert not edit.hasFocus()


def type_in(qtbot, edit, text: str) -> None:
    """Type at the end of a field's text and leave it with Tab."""
    edit.setFocus()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert not edit.hasFocus()


def test_gaps_are_proposed(page):
    assert set(shown_ids(page)) == PROPOSALS
    assert cell(page, "V-5B-2.01", "Prioriteit") == "Hoog"  # legally required
    assert cell(page, "V-5B-1.02", "Besluit") == "Nog niet besloten"
    assert "Nog beslissen" in cell(page, "V-5B-1.02", "Opmerking")


def test_accept_edit_save_reopen(qtbot, page, doc, tmp_path, open_page):
    page.select(["V-5B-1.02"], "V-5B-1.02")
    assert page.form.action_id == "V-5B-1.02"
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    assert doc.assessment.action("V-5B-1.02").decision == "geaccepteerd"
    assert cell(page, "V-5B-1.02", "Besluit") == "Voorstel aangenomen"

    form = page.form
    type_over(qtbot, form.owner, "Teamleider KCC")
    type_over(qtbot, form.title, "Meet de klanttevredenheid elk jaar")
    type_in(qtbot, form.description, "Burgerpeiling via waarstaatjegemeente.")
    form.start.set_date(dt.date(2026, 1, 1), emit=True)
    form.end.set_date(dt.date(2026, 12, 31), emit=True)
    type_over(qtbot, form.indicator, "Rapportcijfer burger als klant")
    type_over(qtbot, form.target, "7,5 of hoger")
    form.priority.setCurrentIndex(form.priority.findData("hoog"))
    form.theme.setCurrentIndex(form.theme.findData("kcc"))
    form.status.setCurrentIndex(form.status.findData("in_uitvoering"))
    type_in(qtbot, form.progress, "Offerte aangevraagd")
    type_over(qtbot, form.measured_value, "7,2")
    form.measured_on.set_date(dt.date(2026, 6, 30), emit=True)
    type_in(qtbot, form.conclusion, "Nog net onder de streefwaarde")
    form.act.setCurrentIndex(form.act.findData("bijstellen"))
    type_in(qtbot, form.act_note, "Extra training aan de balie")

    action = doc.assessment.action("V-5B-1.02")
    expected = {
        "decision": "geaccepteerd", "owner": "Teamleider KCC", "title": "Meet de klanttevredenheid elk jaar",
        "description": "Burgerpeiling via waarstaatjegemeente.", "start": dt.date(2026, 1, 1),
        "end": dt.date(2026, 12, 31), "indicator": "Rapportcijfer burger als klant", "target": "7,5 of hoger",
        "priority": "hoog", "theme": "kcc", "status": "in_uitvoering", "progress": "Offerte aangevraagd",
        "measured_value": "7,2", "measured_on": dt.date(2026, 6, 30), "conclusion": "Nog net onder de streefwaarde",
        "act": "bijstellen", "act_note": "Extra training aan de balie",
    }
    assert {k: getattr(action, k) for k in expected} == expected
    assert {"title", "priority", "theme"} <= set(action.edited)  # re-proposing will not overwrite them
    assert cell(page, "V-5B-1.02", "Probleemeigenaar") == "Teamleider KCC"
    assert cell(page, "V-5B-1.02", "Einde") == "31-12-2026"

    path = tmp_path / "scan.dienstscan"
    storage.save_scan(doc.assessment, path)
    reopened = ScanDocument(doc.checklists, storage.load_scan(path))
    again = storage.load_scan(path).action("V-5B-1.02")
    assert {k: getattr(again, k) for k in expected} == expected
    other = open_page(reopened)
    other.select(["V-5B-1.02"], "V-5B-1.02")
    assert other.form.owner.text() == "Teamleider KCC"
    assert other.form.end.date() == dt.date(2026, 12, 31)
    assert other.form.act.currentData() == "bijstellen"
    assert other.form.act_note.toPlainText() == "Extra training aan de balie"
    assert reopened.assessment.action("V-5B-1.02") == action
    reopened.close()


def test_typing_is_one_undo_step_per_field(qtbot, page, doc):
    page.select(["V-BSC-02"], "V-BSC-02")
    type_over(qtbot, page.form.owner, "Afdeling Burgerzaken")
    steps = doc.undo_stack.count()
    assert doc.assessment.action("V-BSC-02").owner == "Afdeling Burgerzaken"
    with qtbot.waitSignal(doc.changed):
        doc.undo_stack.undo()
    assert doc.assessment.action("V-BSC-02").owner == ""
    assert page.form.owner.text() == ""
    assert steps == 1


def test_reject_and_undo(qtbot, page, doc):
    page.select(["V-ANT-FASE", "V-ANT-PK-1"])
    qtbot.mouseClick(page.reject_button, Qt.MouseButton.LeftButton)
    assert {doc.assessment.action(i).decision for i in ("V-ANT-FASE", "V-ANT-PK-1")} == {"afgewezen"}
    assert "V-ANT-FASE" not in shown_ids(page)  # rejected ones are hidden unless asked for
    page.show_hidden.setChecked(True)
    assert "V-ANT-FASE" in shown_ids(page)
    doc.undo_stack.undo()  # one step for both
    assert {doc.assessment.action(i).decision for i in ("V-ANT-FASE", "V-ANT-PK-1")} == {"voorgesteld"}


def test_a_closed_gap_is_marked_never_deleted(qtbot, page, doc):
    page.select(["V-5B-1.02"], "V-5B-1.02")
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    type_over(qtbot, page.form.owner, "Kwaliteitsmedewerker")
    doc.set_option("5B-1.02", "ingevoerd")  # a later answer closes the gap
    action = doc.assessment.action("V-5B-1.02")
    assert action is not None and action.gap_closed
    assert action.owner == "Kwaliteitsmedewerker"
    assert "V-5B-1.02" in shown_ids(page)
    assert "Tekort opgeheven door een later antwoord" in cell(page, "V-5B-1.02", "Opmerking")
    assert page.form.notice.isVisible()
    assert "opgeheven door een later antwoord" in page.form.notice.text()
    doc.undo_stack.undo()  # the answer again: the gap reopens
    assert not doc.assessment.action("V-5B-1.02").gap_closed
    assert not page.form.notice.isVisible()


def test_the_table_shows_what_the_plan_shows(qtbot, page, doc):
    """The page applies ``plan.is_visible``, like the Excel plan and the report: an undecided
    proposal whose gap a later answer closed leaves the table, "show hidden" brings it back."""
    doc.set_option("5B-1.02", "ingevoerd")
    assert doc.assessment.action("V-5B-1.02").gap_closed
    assert doc.assessment.action("V-5B-1.02").decision == "voorgesteld"
    assert set(shown_ids(page)) == {a.id for a in visible_actions(doc.assessment)} == PROPOSALS - {"V-5B-1.02"}
    assert "1 met een opgeheven tekort" in page.summary.text()
    page.show_hidden.setChecked(True)
    assert "V-5B-1.02" in shown_ids(page)
    assert "Tekort opgeheven door een later antwoord" in cell(page, "V-5B-1.02", "Opmerking")


def test_form_labels_are_the_field_names(page):
    labels = {label.text().replace("&", "").rstrip(":") for label in page.form.findChildren(QLabel)}
    for field in ("title", "description", "owner", "act", "act_note", "measured_on"):
        assert ACTION_FIELD_LABELS[field] in labels
    assert page.form.owner.accessibleName() == "Probleemeigenaar"


def test_new_gap_from_an_answer_appears(qtbot, page, doc):
    doc.set_option("5B-2.03", "niet_ingevoerd")
    qtbot.waitUntil(lambda: "V-5B-2.03" in shown_ids(page))
    assert cell(page, "V-5B-2.03", "Prioriteit") == "Midden"


def test_filters_and_search(qtbot, page, doc):
    all_ids = set(shown_ids(page))
    page.priority_filter.setCurrentIndex(page.priority_filter.findData("hoog"))
    assert shown_ids(page) == ["V-5B-2.01"]
    page.priority_filter.setCurrentIndex(0)
    page.framework_filter.setCurrentIndex(page.framework_filter.findData("ANT"))
    assert set(shown_ids(page)) == {"V-ANT-FASE", "V-ANT-PK-1"}
    page.framework_filter.setCurrentIndex(0)
    page.theme_filter.setCurrentIndex(page.theme_filter.findData("kcc"))
    assert shown_ids(page) == ["V-ANT-FASE"]
    page.theme_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(page.status_filter.findData("gepland"))
    assert shown_ids(page) == []  # undecided proposals have no status, so none is "Gepland"
    page.status_filter.setCurrentIndex(0)
    page.select(["V-BSC-02"], "V-BSC-02")
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)  # a status comes with the decision
    page.form.status.setCurrentIndex(page.form.status.findData("gereed"))
    page.status_filter.setCurrentIndex(page.status_filter.findData("gereed"))
    assert shown_ids(page) == ["V-BSC-02"]
    page.status_filter.setCurrentIndex(0)
    page.decision_filter.setCurrentIndex(page.decision_filter.findData("eigen"))
    assert shown_ids(page) == []
    page.decision_filter.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "klachtbehandeling")
    assert shown_ids(page) == ["V-5B-2.01"]
    page.search.clear()
    assert set(shown_ids(page)) == all_ids


def test_sort_by_priority(page):
    page.table.sortByColumn(plan_page.COLUMNS.index("Prioriteit"), Qt.SortOrder.AscendingOrder)
    assert shown_ids(page)[0] == "V-5B-2.01"  # hoog first
    page.table.sortByColumn(plan_page.COLUMNS.index("Prioriteit"), Qt.SortOrder.DescendingOrder)
    assert shown_ids(page)[-1] == "V-5B-2.01"


def test_own_actions_add_merge_delete(qtbot, page, doc, monkeypatch):
    first = page.add_own()
    assert first == "E-1" and page.form.action_id == "E-1"
    assert page.form.title.hasFocus()
    qtbot.keyClicks(page.form.title, "Dashboard dienstverlening")
    second = page.add_own()
    qtbot.keyClicks(page.form.title, "Telefonische bereikbaarheid meten")
    assert doc.assessment.action("E-1").title == "Dashboard dienstverlening"  # committed on adding E-2
    # still in the field: committed after a pause in the typing
    qtbot.waitUntil(lambda: doc.assessment.action("E-2").title == "Telefonische bereikbaarheid meten")
    assert page.form.title.hasFocus()

    # merge E-2 and a proposal into E-1
    monkeypatch.setattr(plan_page, "choose_merge_target", lambda parent, choices: "E-1")
    page.select([first, second, "V-5B-1.02"], first)
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert doc.assessment.action("E-2").merged_into == "E-1"
    assert doc.assessment.action("V-5B-1.02").merged_into == "E-1"
    assert "Samengevoegd: E-2 – Telefonische bereikbaarheid meten" in doc.assessment.action("E-1").description
    assert "E-2" not in shown_ids(page)
    page.show_hidden.setChecked(True)
    assert cell(page, "E-2", "Opmerking") == "Samengevoegd in E-1"
    page.select(["E-2"], "E-2")
    qtbot.mouseClick(page.unmerge_button, Qt.MouseButton.LeftButton)
    assert doc.assessment.action("E-2").merged_into is None

    # delete: asked first; proposals are never deleted
    asked = []
    monkeypatch.setattr(plan_page, "confirm_delete", lambda parent, titles: asked.append(titles) or True)
    page.select(["E-2", "V-BSC-02"], "E-2")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert asked == [["E-2 – Telefonische bereikbaarheid meten"]]
    assert doc.assessment.action("E-2") is None
    assert doc.assessment.action("V-BSC-02") is not None
    doc.undo_stack.undo()
    assert doc.assessment.action("E-2").title == "Telefonische bereikbaarheid meten"


def test_delete_cancelled_changes_nothing(qtbot, page, doc, monkeypatch):
    page.add_own()
    monkeypatch.setattr(plan_page, "confirm_delete", lambda parent, titles: False)
    page.select(["E-1"], "E-1")
    steps = doc.undo_stack.count()
    page.delete_selected()
    assert doc.assessment.action("E-1") is not None
    assert doc.undo_stack.count() == steps


def test_bad_values_are_refused_with_a_message(qtbot, page, doc):
    page.select(["V-BSC-02"], "V-BSC-02")
    form = page.form
    form.start.set_date(dt.date(2026, 6, 1), emit=True)
    form.end.set_date(dt.date(2026, 1, 1), emit=True)
    assert "einddatum ligt vóór de startdatum" in form.error.text()
    assert doc.assessment.action("V-BSC-02").end is None
    assert form.end.date() is None  # the field shows what is stored
    form.title.setFocus()
    form.title.selectAll()
    qtbot.keyClick(form.title, Qt.Key.Key_Backspace)
    assert "heeft een titel nodig" in form.error.text()
    assert doc.assessment.action("V-BSC-02").title == "Voer norm 2 in."


def test_open_source_item(qtbot, page):
    page.select(["V-BSC-02"], "V-BSC-02")
    with qtbot.waitSignal(page.openItem) as blocker:
        qtbot.mouseClick(page.source_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["BSC-02"]


# --------------------------------------------------------------------------- issue 28: typing, undo, memory


def test_typed_text_waits_for_leaving_or_a_pause(qtbot, page, doc):
    """A keystroke only changes the field; leaving it commits once, one undo step per visit."""
    page.select(["V-BSC-02"], "V-BSC-02")
    steps = doc.undo_stack.count()
    owner = page.form.owner
    owner.setFocus()
    qtbot.keyClicks(owner, "Team")
    assert doc.assessment.action("V-BSC-02").owner == ""  # not yet: the user is typing
    assert page.form.has_pending()
    page.form.commit_pending()  # what the pause timer does
    qtbot.keyClicks(owner, " KCC")
    qtbot.keyClick(owner, Qt.Key.Key_Tab)  # leaving commits
    assert doc.assessment.action("V-BSC-02").owner == "Team KCC"
    assert doc.undo_stack.count() == steps + 1  # both commits of one visit: one step
    owner.setFocus()
    qtbot.keyClicks(owner, "!")
    qtbot.keyClick(owner, Qt.Key.Key_Tab)
    assert doc.undo_stack.count() == steps + 2  # a new visit: a new step
    doc.undo_stack.undo()
    assert doc.assessment.action("V-BSC-02").owner == "Team KCC"
    assert owner.text() == "Team KCC"


def test_document_commits_typed_text_before_saving(qtbot, page, doc, tmp_path):
    page.select(["V-BSC-02"], "V-BSC-02")
    page.form.indicator.setFocus()
    qtbot.keyClicks(page.form.indicator, "Wachttijd")
    doc.save(tmp_path / "scan.dienstscan")  # the form still has the focus and the text
    assert storage.load_scan(tmp_path / "scan.dienstscan").action("V-BSC-02").indicator == "Wachttijd"
    assert not page.form.has_pending()


def test_a_plan_step_keeps_what_changed_not_the_plan(qtbot, page, doc):
    from dienstscan.ui import plan_commands
    from dienstscan.ui.document import UNDO_LIMIT

    page.select(["V-BSC-02"], "V-BSC-02")
    type_over(qtbot, page.form.owner, "Burgerzaken")
    command = doc.undo_stack.command(doc.undo_stack.count() - 1)
    assert isinstance(command, plan_commands.PlanEdit)
    assert command.after_fields == {"V-BSC-02": {"owner": "Burgerzaken", "edited": ["owner"]}}
    assert command.before_fields == {"V-BSC-02": {"owner": "", "edited": []}}
    assert not command.added and not command.removed and command.before_ids is None
    # adding and undoing an own action keeps that one action whole, and the order
    action_id = plan_commands.add_action(doc, "Eigen")
    command = doc.undo_stack.command(doc.undo_stack.count() - 1)
    assert list(command.added) == [action_id] and not command.before_fields
    doc.undo_stack.undo()
    assert doc.assessment.action(action_id) is None
    doc.undo_stack.redo()
    assert [a.id for a in doc.assessment.actions][-1] == action_id
    # the stack is bounded
    assert doc.undo_stack.undoLimit() == UNDO_LIMIT
    for n in range(UNDO_LIMIT + 5):
        plan_commands.edit_action_fields(doc, "V-BSC-02", priority="hoog" if n % 2 else "laag")
    assert doc.undo_stack.count() == UNDO_LIMIT
    assert doc.assessment.action("V-BSC-02").priority == "laag"


def test_at_1366_the_form_goes_under_the_table_with_owner_and_dates_in_view(qtbot, doc, shown):
    """Issue 28 point 5: the page is about 980 px wide on a 1366 px screen with the navigation;
    the form goes under the table, its parts side by side, owner and end date without scrolling."""
    page = shown(PlanPage(doc), 980, 690)
    page.select(["V-BSC-02"], "V-BSC-02")
    qtbot.waitUntil(lambda: page.splitter.orientation() == Qt.Orientation.Vertical)
    assert page.form.wide
    viewport = page.form_scroll.viewport()
    for field in (page.form.owner, page.form.end.edit, page.form.start.edit, page.form.title):
        top_left = field.mapTo(viewport, field.rect().topLeft())
        bottom = field.mapTo(viewport, field.rect().bottomLeft())
        assert 0 <= top_left.y() and bottom.y() <= viewport.height(), field.accessibleName()
    assert page.form.title.width() >= 230  # not the 175 px strip of before
    page.resize(1600, 900)  # wide enough: beside the table again, one column
    qtbot.waitUntil(lambda: page.splitter.orientation() == Qt.Orientation.Horizontal)
    assert not page.form.wide


def test_column_chooser_hides_and_remembers(qtbot, doc, open_page):
    from dienstscan.ui import settings

    page = open_page(doc)
    owner = plan_page.COLUMNS.index("Probleemeigenaar")
    assert not page.table.isColumnHidden(owner)
    entry = next(a for a in page.columns_menu.actions() if a.text() == "Probleemeigenaar")
    entry.trigger()  # off
    assert page.table.isColumnHidden(owner)
    assert "Probleemeigenaar" not in settings.plan_columns(["x"])
    again = open_page(doc)  # a new page (next start) keeps the choice
    assert again.table.isColumnHidden(owner)
    next(a for a in again.columns_menu.actions() if a.text() == "Probleemeigenaar").trigger()
    assert not again.table.isColumnHidden(owner)
