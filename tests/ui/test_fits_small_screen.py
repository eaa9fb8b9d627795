"""At 1366x768 (a common municipal laptop) every item page shows its Vorige/Volgende buttons.

The buttons sit in a bar below the scrolling part of the item page; these tests open every item
of the shipped checklists (the longest of each framework included) in a 1366x768 window and
check that each button is on screen: shown, inside the window, not inside the scroll area.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QToolButton


def _nav_buttons(window):
    page = window.workspace.item_page
    return [page.nav_row.itemAt(i).widget() for i in range(page.nav_row.count())
            if isinstance(page.nav_row.itemAt(i).widget(), QToolButton)]


def _in_view(window, widget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


def test_navigation_buttons_visible_on_every_item_at_1366x768(qtbot, cycle_window):
    window = cycle_window
    assert window.size().width() == 1366 and window.size().height() == 768
    assert window.open_example()
    scroll = window.workspace.item_page.scroll
    buttons = _nav_buttons(window)
    assert [b.defaultAction() for b in buttons] == [window.action("prev"), window.action("prev_open"),
                                                     window.action("next_open"), window.action("next")]
    checklists = window.checklists
    longest = {max(fw.all_items(), key=lambda i: len(i.text) + len(i.right) + len(i.duty) + len(i.explanation)).id
               for fw in checklists.frameworks}
    seen = set()
    for fw in checklists.frameworks:
        for item in fw.all_items():
            window.navigate(item.id)
            qtbot.waitUntil(lambda: window.workspace.item_page.nav_bar.isVisible())
            for button in buttons:
                assert button.isVisible(), (item.id, button.text())
                assert _in_view(window, button), (item.id, button.text(), button.mapTo(window, QPoint(0, 0)))
                assert not scroll.isAncestorOf(button), "the buttons must not scroll away"
            seen.add(item.id)
    assert longest <= seen and len(seen) == sum(len(fw.all_items()) for fw in checklists.frameworks)


def test_the_long_item_text_scrolls_but_the_buttons_stay(qtbot, cycle_window):
    """The longest BSC norm is taller than the window: its text scrolls, the bar does not move."""
    window = cycle_window
    assert window.open_example()
    page = window.workspace.item_page
    window.navigate("BSC-08")
    qtbot.waitUntil(lambda: page.nav_bar.isVisible())
    assert page.scroll.verticalScrollBar().maximum() > 0  # the page really is longer than the screen
    before = page.nav_bar.mapTo(window, QPoint(0, 0))
    page.scroll.verticalScrollBar().setValue(page.scroll.verticalScrollBar().maximum())
    assert page.nav_bar.mapTo(window, QPoint(0, 0)) == before


def _plan_page(qtbot, window):
    window.navigate("verbeterplan")
    page = window.page("verbeterplan")
    qtbot.waitUntil(page.isVisible)
    return page


def _main_columns_in_view(page) -> None:
    from dienstscan.ui.pages.plan.model import COLUMNS, MAIN_COLUMNS

    table = page.table
    assert table.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways to
    for name in MAIN_COLUMNS:
        column = COLUMNS.index(name)
        assert not table.isColumnHidden(column), name
        right = table.columnViewportPosition(column) + table.columnWidth(column)
        assert right <= table.viewport().width(), (name, right, table.viewport().width())


def test_plan_main_columns_fit_at_1366x768_without_sideways_scrolling(qtbot, cycle_window):
    from dienstscan.ui.pages.plan.model import COLUMNS, ID_ROLE, TITLE_COLUMN

    window = cycle_window
    assert window.open_example()
    page = _plan_page(qtbot, window)
    _main_columns_in_view(page)
    table = page.table
    assert table.columnWidth(TITLE_COLUMN) >= 220  # a readable title, over two lines
    index = page.proxy.index(0, TITLE_COLUMN)
    action = window.doc.assessment.action(page.proxy.data(index, ID_ROLE))
    assert action is not None and page.proxy.data(index, Qt.ItemDataRole.ToolTipRole).startswith(action.title)
    shown_small = [c for c in range(len(COLUMNS)) if not table.isColumnHidden(c)]
    # at 1366 the form goes under the table (issue 28), so the table has the page's width: the
    # owner and the end date are in view there too
    assert not table.isColumnHidden(COLUMNS.index("Probleemeigenaar"))
    assert not table.isColumnHidden(COLUMNS.index("Einde"))

    small_width = page.width()
    window.action("nav_visible").trigger()  # the navigation folded away: room for more
    qtbot.waitUntil(lambda: page.width() > small_width + 200)
    _main_columns_in_view(page)
    assert table.columnWidth(TITLE_COLUMN) >= 300

    window.action("nav_visible").trigger()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: page.width() > 1400)
    _main_columns_in_view(page)
    shown_large = [c for c in range(len(COLUMNS)) if not table.isColumnHidden(c)]
    assert len(shown_large) >= len(shown_small)  # beside the form now, and still no fewer
    assert table.columnWidth(TITLE_COLUMN) >= 0.4 * table.viewport().width() - 1


def test_plan_form_beside_the_table_when_there_is_room_else_below(qtbot, cycle_window):
    window = cycle_window
    assert window.open_example()
    page = _plan_page(qtbot, window)
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: page.splitter.orientation() == Qt.Orientation.Horizontal)
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: page.splitter.orientation() == Qt.Orientation.Vertical)
    _main_columns_in_view(page)
    assert page.form_scroll.isVisible() and page.form_scroll.height() >= 150


def test_an_empty_plan_says_where_actions_come_from(qtbot, cycle_window, new_assessment):
    from dienstscan.model import Assessment, Organisation
    from dienstscan.ui.document import ScanDocument
    from dienstscan.ui.pages.plan.page import EMPTY_PLAN

    window = cycle_window
    fresh = Assessment(organisation=Organisation(name="Gemeente Proef"), peildatum=new_assessment().peildatum,
                       frameworks=[fw.id for fw in window.checklists.frameworks][:1])
    window.set_document(ScanDocument(window.checklists, fresh, None))
    page = _plan_page(qtbot, window)
    assert not window.doc.assessment.actions
    assert page.empty.isVisible() and page.empty.text() == EMPTY_PLAN
    assert "Nieuwe actie" in EMPTY_PLAN and EMPTY_PLAN.count(".") == 1  # one sentence
    page.add_own()
    assert not page.empty.isVisible()
