"""Help > Handleiding: the manual in the app, F1 per page, every link landing on a heading."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTreeWidgetItemIterator

from dienstscan.ui import help as manual
from dienstscan.ui.workspace import registered_pages


@pytest.fixture(scope="module")
def text() -> str:
    return manual.manual_path().read_text(encoding="utf-8")


def test_the_manual_covers_the_three_ways_of_working(text):
    titles = [title for _, title in manual.headings(text)]
    for title in ("De projectleider: een scan over meerdere dagen", "De facilitator: een workshop leiden",
                  "Wat het management krijgt"):
        assert title in titles


def test_every_page_has_its_own_part_and_every_topic_exists(text):
    slugs = {manual.slug(title) for _, title in manual.headings(text)}
    pages = ["start", "item", "section", "framework", *(spec.key for spec in registered_pages())]
    for page in pages:
        assert page in manual.HELP_TOPICS, f"F1 op pagina {page!r} heeft geen eigen deel in de handleiding"
    for page, topic in [*manual.HELP_TOPICS.items(), ("(standaard)", manual.DEFAULT_TOPIC)]:
        assert topic in slugs, f"F1 op {page!r} wijst naar #{topic}, maar die kop bestaat niet"


def test_every_link_inside_the_manual_lands_on_a_heading(text):
    slugs = {manual.slug(title) for _, title in manual.headings(text)}
    links = manual.internal_links(text)
    assert links, "de handleiding verwijst naar zichzelf (anders test dit niets)"
    for link in links:
        assert link in slugs, f"(#{link}) in de handleiding wijst naar een kop die niet bestaat"


def test_every_picture_exists(text):
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(pictures) >= 5
    for name in pictures:
        assert (manual.help_dir() / name).is_file(), f"{name} ontbreekt; maak het met tools/make_help_screenshots.py"


def test_slug():
    assert manual.slug("Het dashboard") == "het-dashboard"
    assert manual.slug("De facilitator: een workshop leiden") == "de-facilitator-een-workshop-leiden"
    assert manual.slug("Één item") == "een-item"


def test_f1_topics_land_on_a_rendered_heading_at_the_top(qtbot):
    window = manual.HelpWindow()
    qtbot.addWidget(window)
    window.browser.set_manual(manual.manual_text([]))
    window.show()
    qtbot.waitExposed(window)
    rendered = window.browser.heading_slugs()
    for page, topic in manual.HELP_TOPICS.items():
        assert topic in rendered, (page, topic)
        assert window.browser.show_topic(topic)
        top = window.browser.cursorRect().top()
        bar = window.browser.verticalScrollBar()
        at_top = 0 <= top < 60
        near_end = bar.value() == bar.maximum() and 0 <= top < window.browser.viewport().height() - 40
        assert at_top or near_end, (page, topic, top)  # in view at the top (or as high as the end allows)
    assert not window.browser.show_topic("bestaat-niet")


def test_shortcut_list_comes_from_the_actions():
    save = QAction("Op&slaan")
    save.setShortcut(QKeySequence("Ctrl+S"))
    undo = QAction("&Ongedaan maken: Antwoord BSC-01")
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    none = QAction("Zonder toets")
    filled = manual.manual_text([save, undo, none])
    assert "- **Ctrl+S**: Opslaan" in filled
    assert "- **Ctrl+Z**: Ongedaan maken\n" in filled
    assert "Zonder toets" not in filled
    assert manual.SHORTCUTS_MARK not in filled


def _shown_heading(help_window) -> str:
    return help_window.browser.textCursor().block().text()


def test_f1_on_every_page_opens_the_manual_at_its_part(qtbot, cycle_window):
    """Help > Handleiding is F1; on each page it lands on the heading HELP_TOPICS names for it."""
    from PySide6.QtCore import Qt

    window = cycle_window
    assert window.action("manual").shortcut().toString() == "F1"
    assert window.action("manual") in window.menu("help").actions()
    window.action("manual").trigger()  # no scan open: the start screen's part
    help_window = window.findChild(manual.HelpWindow)
    assert help_window is not None and help_window.isVisible()
    assert manual.slug(_shown_heading(help_window)) == manual.HELP_TOPICS["start"]

    assert window.open_example()
    fw = window.checklists.frameworks[0]
    pages = {"item": fw.all_items()[0].id, "section": fw.sections[0].id if fw.sections else None,
             "framework": fw.id, **{spec.key: spec.key for spec in registered_pages()}}
    checked = 0
    for page, node in pages.items():
        if node is None:
            continue
        window.navigate(node)
        assert window.current_page() == page
        qtbot.keyClick(window, Qt.Key.Key_F1)
        assert window.findChildren(manual.HelpWindow) == [help_window]  # one help window, reused
        assert manual.slug(_shown_heading(help_window)) == manual.HELP_TOPICS[page], page
        checked += 1
    assert checked >= 5
    help_window.close()


def test_contents_search_and_back(qtbot):
    """Issue 28: the help window has contents, a search and a way back."""
    window = manual.HelpWindow()
    qtbot.addWidget(window)
    window.set_manual(manual.manual_text([]))
    window.show()
    qtbot.waitExposed(window)
    titles = []
    it = QTreeWidgetItemIterator(window.contents)
    while it.value():
        titles.append(it.value().text(0))
        it += 1
    assert "Het verbeterplan" in titles and "Het dashboard" in titles
    assert not window.back_button.isEnabled()
    bar = window.browser.verticalScrollBar()
    start = bar.value()
    node = window.contents.findItems("Het verbeterplan", Qt.MatchFlag.MatchRecursive)[0]
    window.contents.setFocus()
    window.contents.setCurrentItem(node)
    qtbot.keyClick(window.contents, Qt.Key.Key_Return)  # chosen with the keyboard
    assert bar.value() != start
    assert window.back_button.isEnabled()
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    assert bar.value() == start
    assert not window.back_button.isEnabled()
    # search: Enter finds the next place, a missing word is said in Dutch
    window.search.setFocus()
    qtbot.keyClicks(window.search, "verbeterplan")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    first = window.browser.textCursor().position()
    assert window.browser.textCursor().selectedText().lower() == "verbeterplan"
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.browser.textCursor().position() != first
    window.search.clear()
    qtbot.keyClicks(window.search, "xyzzyplugh")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.found.text() == "‘xyzzyplugh’ staat niet in de handleiding"
