"""The extension points: registered pages (lazy, with openItem) and the export submenu following the scan."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dienstscan.ui import workspace


class ProbePage(QWidget):
    openItem = Signal(str)
    built: list = []

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        QVBoxLayout(self).addWidget(QLabel("Probe", self))
        ProbePage.built.append(self)


def test_registered_page_is_built_on_first_use_and_navigates(monkeypatch, window, fake_dialogs, new_assessment):
    monkeypatch.setattr(workspace, "_PAGES", [])
    workspace.register_page("probe", "Probe", ProbePage)
    workspace.register_page("probe", "Probe 2", ProbePage)  # same key replaces
    assert [p.title for p in workspace.registered_pages()] == ["Probe 2"]
    ProbePage.built.clear()
    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    ws = window.workspace
    assert ws.tree.current_node()[0] == "item"  # a new scan opens on its first item
    assert ProbePage.built == []  # so the page is not built yet
    assert window.show_page("probe")
    [page] = ProbePage.built
    assert page.doc is window.doc and ws.stack.currentWidget() is page
    assert window.page("probe") is page and window.page("onbekend") is None
    page.openItem.emit("KB-LM")
    assert ws.tree.current_node() == ("section", "KB-LM")
    assert window.show_page("probe") and ws.stack.currentWidget() is page
    assert len(ProbePage.built) == 1


def test_export_menu_actions_follow_the_open_scan(window, fake_dialogs, new_assessment):
    export = window.menu("export")
    plan = window.action("export_plan")
    assert plan in export.actions() and window.action("export_report") in export.actions()
    assert not plan.isEnabled() and not export.menuAction().isEnabled()  # no scan
    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    assert plan.isEnabled() and export.menuAction().isEnabled()
    window.doc.undo_stack.setClean()
    window.doc._unsaved_outside_stack = False
    window.close_scan()
    assert not plan.isEnabled() and not export.menuAction().isEnabled()
