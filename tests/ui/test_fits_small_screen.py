"""At 1366x768 (a common municipal laptop) every item page shows its Vorige/Volgende buttons.

The buttons sit in a bar below the scrolling part of the item page; these tests open every item
of the shipped checklists (the longest of each framework included) in a 1366x768 window and
check that each button is on screen: shown, inside the window, not inside the scroll area.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
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
    assert [b.defaultAction() for b in buttons] == [window.prev_action, window.prev_open_action,
                                                     window.next_open_action, window.next_action]
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
