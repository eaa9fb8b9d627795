"""Date fields (issue 28 point 3): a date typed into an empty field is kept, what cannot be read is
said in Dutch and never thrown away, and the calendar opens on a sensible month, on the screen."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QTableView

from scan_factory import make_assessment

from dienstscan.ui.pages.plan import PlanPage
from dienstscan.ui.widgets import OptionalDateEdit


@pytest.fixture
def page(small_doc, shown):
    plan = shown(PlanPage(small_doc({"BSC-02": "deels"})), 1300, 760)
    plan.select(["V-BSC-02"], "V-BSC-02")
    return plan


def type_date(qtbot, field: OptionalDateEdit, text: str, leave=Qt.Key.Key_Tab) -> None:
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, leave)


@pytest.mark.parametrize(("text", "expected"), [("31-12-2027", dt.date(2027, 12, 31)),
                                                 ("31122027", dt.date(2027, 12, 31)),
                                                 ("1-3-27", dt.date(2027, 3, 1))])
def test_a_date_typed_into_an_empty_plan_field_is_kept(qtbot, page, text, expected):
    action = page.doc.assessment.action("V-BSC-02")
    assert action.end is None and page.form.end.edit.text() == ""
    type_date(qtbot, page.form.end, text)
    assert page.doc.assessment.action("V-BSC-02").end == expected
    assert page.form.end.edit.text() == expected.strftime("%d-%m-%Y")  # written back in full
    assert page.form.end.error() == ""
    page.doc.undo_stack.undo()
    assert page.doc.assessment.action("V-BSC-02").end is None
    assert page.form.end.edit.text() == ""


def test_start_and_check_dates_with_enter(qtbot, page):
    type_date(qtbot, page.form.start, "15012027", leave=Qt.Key.Key_Return)
    type_date(qtbot, page.form.measured_on, "2027-06-30", leave=Qt.Key.Key_Return)
    action = page.doc.assessment.action("V-BSC-02")
    assert (action.start, action.measured_on) == (dt.date(2027, 1, 15), dt.date(2027, 6, 30))


def test_what_cannot_be_read_is_said_and_kept(qtbot, page):
    type_date(qtbot, page.form.end, "31-12-2027")
    steps = page.doc.undo_stack.count()
    type_date(qtbot, page.form.end, "31-13-2027")
    assert "maand 13 bestaat niet" in page.form.end.error()
    assert page.form.end.error().startswith("Einddatum niet overgenomen")
    assert page.form.end.message.isVisible()
    assert page.form.end.edit.text() == "31-13-2027"  # the user's text stays to be corrected
    assert page.doc.assessment.action("V-BSC-02").end == dt.date(2027, 12, 31)  # nothing stored
    assert page.doc.undo_stack.count() == steps
    type_date(qtbot, page.form.end, "31-01-2028")  # corrected: the message goes
    assert page.form.end.error() == "" and not page.form.end.message.isVisible()
    assert page.doc.assessment.action("V-BSC-02").end == dt.date(2028, 1, 31)


def test_clear_button_empties_the_date(qtbot, page):
    type_date(qtbot, page.form.start, "1-2-2027")
    qtbot.mouseClick(page.form.start.clear_button, Qt.MouseButton.LeftButton)
    assert page.doc.assessment.action("V-BSC-02").start is None
    assert page.form.start.edit.text() == ""


#: the offscreen platform cannot grab the keyboard for a popup (a real screen can)
OFFSCREEN_POPUP = pytest.mark.qt_log_ignore("does not support grabbing the keyboard")


@OFFSCREEN_POPUP
def test_calendar_opens_on_today_and_picks(qtbot, page):
    field = page.form.end
    field.edit.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendar
    assert calendar is not None and calendar.isVisible()
    today = dt.date.today()
    assert (calendar.selectedDate().year(), calendar.selectedDate().month()) == (today.year, today.month)
    chosen = calendar.selectedDate().addDays(3)
    calendar.setSelectedDate(chosen)
    qtbot.keyClick(calendar.findChild(QTableView), Qt.Key.Key_Return)  # the day grid has the keys
    assert not calendar.isVisible()
    stored = page.doc.assessment.action("V-BSC-02").end
    assert stored == dt.date(chosen.year(), chosen.month(), chosen.day())


@OFFSCREEN_POPUP
def test_evidence_calendar_opens_on_the_peildatum_and_fits_the_screen(qtbot, window):
    from dienstscan.ui.document import ScanDocument as Doc

    assessment = make_assessment({})
    assessment.peildatum = dt.date(2024, 5, 15)
    window.set_document(Doc(window.checklists, assessment))
    window.resize(1366, 768)
    item = window.workspace.tree.item_order()[0]
    window.navigate(item)
    page = window.workspace.item_page
    field = page.evidence_date
    qtbot.waitUntil(field.isVisible)
    calendar = field.open_calendar()
    selected = calendar.selectedDate()
    assert (selected.year(), selected.month(), selected.day()) == (2024, 5, 15)
    screen: QRect = (field.screen() or QApplication.primaryScreen()).availableGeometry()
    assert screen.contains(calendar.frameGeometry())
    calendar.hide()
    # typed, it lands in the answer's evidence
    type_date(qtbot, field, "01022024")
    assert window.doc.answer(item).evidence.date == dt.date(2024, 2, 1)
