"""A new scan opens on its first item; the navigation can be folded away and stays so."""

from __future__ import annotations


def test_a_new_scan_opens_on_its_first_item(qtbot, cycle_window, fake_dialogs, new_assessment):
    from dienstscan.model import Assessment, Organisation

    window = cycle_window
    checklists = window.checklists
    chosen = [fw.id for fw in checklists.frameworks][1:3]  # not the first framework: scope decides
    fake_dialogs.new_scan_result = Assessment(organisation=Organisation(name="Gemeente Proef"),
                                              peildatum=new_assessment().peildatum, frameworks=chosen)
    assert window.new_scan()
    first = checklists.framework(chosen[0]).all_items()[0].id
    assert window.workspace.current() == ("item", first)
    assert window.workspace.stack.currentWidget() is window.workspace.item_page
    assert window.workspace.item_page.item_id == first


def test_a_scan_with_answers_opens_on_the_dashboard(qtbot, cycle_window):
    assert cycle_window.open_example()
    assert cycle_window.workspace.current() == ("page", "dashboard")


def test_navigation_folded_away_is_remembered(qtbot, cycle_window, checklists):
    from dienstscan.ui import settings
    from dienstscan.ui.main_window import MainWindow

    window = cycle_window
    assert window.open_example()
    action = window.action("nav_visible")
    assert action.shortcut().toString() == "Ctrl+F6" and action in window.menu("go").actions()
    action.trigger()
    assert not window.workspace.tree.isVisible() and settings.navigation_visible() is False
    later = MainWindow(window.checklists)  # the next start
    qtbot.addWidget(later)
    assert not later.action("nav_visible").isChecked()
    later.open_example()
    assert later.workspace.tree.isHidden()
    later.doc.close()
    action.trigger()
    assert window.workspace.tree.isVisible() and settings.navigation_visible() is True
