"""The menu table (ui/actions.py): every row is in the built menu bar with its shortcut, in its
menu, in table order with separators between groups; enabled-when follows the document; a new
row plus a callback is all a new menu entry needs."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget

from dienstscan.ui import actions
from dienstscan.ui.actions import ENTRIES, MENUS, ActionSpec, MenuSpec, SubmenuSpec, build_menus
from dienstscan.ui.shell import ActionContext

ACTION_SPECS = [e for e in ENTRIES if isinstance(e, ActionSpec)]


def _layout(menu) -> list[str]:
    """The menu as the user sees it: entry texts and '---' for separators."""
    return ["---" if a.isSeparator() else a.text() for a in menu.actions()]


def test_every_action_in_the_table_is_in_the_menu_bar_with_its_shortcut(window):
    top = {a.menu(): a.text() for a in window.menuBar().actions()}
    assert list(top.values()) == [m.text for m in MENUS]
    for spec in ACTION_SPECS:
        action = window.action(spec.id)
        menu = window.menu(spec.menu)
        assert action in menu.actions(), spec.id
        assert action.shortcuts() == spec.key_sequences(), spec.id
        assert action in window.actions(), spec.id  # the shortcut works with the menu bar hidden
        assert action.isCheckable() == spec.checkable
        if spec.text_when is None:
            assert action.text() == spec.text
    assert window.action("present").shortcut() == QKeySequence("F5")
    assert window.action("save_as").shortcut() == QKeySequence("Ctrl+Shift+S")
    assert window.action("new").shortcut() == QKeySequence(QKeySequence.StandardKey.New)


def test_each_menu_keeps_table_order_with_a_separator_between_groups(window):
    for menu_id in [m.id for m in MENUS] + [e.id for e in ENTRIES if isinstance(e, SubmenuSpec)]:
        rows = [e for e in ENTRIES if e.menu == menu_id]
        expected: list[str] = []
        for n, row in enumerate(rows):
            if n and rows[n - 1].group != row.group:
                expected.append("---")
            expected.append(row.text)
        shown = _layout(window.menu(menu_id))
        if menu_id == "edit":  # undo/redo name their step: compare without it
            shown = [t.split(":")[0] for t in shown]
        assert shown == expected, menu_id
    assert _layout(window.menu("scan")) == [
        "&Vergelijk met eerdere scan…", "Vergelijking &wissen", "Alle antwoorden uit vorige scan &bevestigen…",
        "---", "E&xtra benchmarks…", "Alleen &meegeleverde benchmarks"]


def _states(window) -> dict[str, bool]:
    return {spec.id: window.action(spec.id).isEnabled() for spec in ACTION_SPECS}


def _expected(window) -> dict[str, bool]:
    return {spec.id: spec.enabled_when(window.doc) for spec in ACTION_SPECS}


def test_enabled_when_follows_the_document(window, fake_dialogs, new_assessment):
    assert _states(window) == _expected(window)
    assert not window.action("save").isEnabled() and window.action("new").isEnabled()
    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    doc = window.doc
    assert _states(window) == _expected(window)
    assert window.action("save").isEnabled() and window.action("present").isEnabled()
    assert not window.action("undo").isEnabled() and not window.action("clear_compare").isEnabled()

    doc.set_option("KA-01", doc.checklists.scale_for("KA-01").options[0].id)  # an edit: undo follows
    assert window.action("undo").isEnabled() and window.action("undo").text().startswith("&Ongedaan maken: ")
    doc.set_baseline(doc.assessment.model_copy(deep=True), "vorige.dienstscan")  # a comparison: wissen follows
    assert window.action("clear_compare").isEnabled()
    window.action("clear_compare").trigger()
    assert doc.baseline is None and not window.action("clear_compare").isEnabled()
    assert _states(window) == _expected(window)

    doc.undo_stack.setClean()
    doc._unsaved_outside_stack = False
    window.action("close").trigger()
    assert window.doc is None and _states(window) == _expected(window)
    assert not window.action("undo").isEnabled() and window.action("undo").text() == "&Ongedaan maken"


def test_a_new_entry_is_one_row_and_a_callback(qtbot):
    """The recipe of the architecture note: a row in a table, a callback taking the context."""
    owner = QWidget()
    qtbot.addWidget(owner)
    bar = QMenuBar(owner)
    calls: list[ActionContext] = []
    doc = object()
    rows = (ActionSpec("probe", "&Proef…", "help", calls.append, shortcuts=("Ctrl+Alt+P",),
                       enabled_when=lambda d: d is not None),)
    built = build_menus(bar, owner, lambda checked: ActionContext(doc, owner, None, checked),
                        menus=(MenuSpec("help", "&Help"),), entries=rows)
    action = built.actions["probe"]
    assert action in built.menus["help"].actions() and action.shortcut() == QKeySequence("Ctrl+Alt+P")
    built.update(None)
    assert not action.isEnabled()
    built.update(doc)
    action.trigger()
    assert [(c.doc, c.parent) for c in calls] == [(doc, owner)]


def test_the_table_is_checked_when_built(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    twice = (ActionSpec("a", "&A", "help", print), ActionSpec("a", "&B", "help", print))
    with pytest.raises(ValueError, match="dubbele id"):
        build_menus(QMenuBar(owner), owner, lambda c: None, menus=(MenuSpec("help", "&Help"),), entries=twice)
    nowhere = (ActionSpec("a", "&A", "nergens", print),)
    with pytest.raises(ValueError, match="onbekend menu 'nergens'"):
        build_menus(QMenuBar(owner), owner, lambda c: None, menus=(MenuSpec("help", "&Help"),), entries=nowhere)


def test_every_entry_has_a_mnemonic_and_every_command_a_callback():
    for entry in [*MENUS, *ENTRIES]:
        assert "&" in entry.text, entry.id
    assert all(callable(spec.run) for spec in ACTION_SPECS)
    assert actions.has_doc(None) is False and actions.always(None) is True


def _mnemonic(text: str) -> str:
    return text[text.index("&") + 1].lower()


def test_no_two_entries_of_one_menu_share_a_mnemonic():
    """Alt+letter (or the letter in an open menu) reaches one entry: Bestand had V and S twice,
    Ga naar O and V."""
    letters: dict[str, list[str]] = {"menubalk": [_mnemonic(menu.text) for menu in MENUS]}
    for entry in ENTRIES:
        letters.setdefault(entry.menu, []).append(_mnemonic(entry.text))
    assert set(letters) >= {"menubalk", "file", "go", "export"}
    for menu, found in letters.items():
        assert len(found) == len(set(found)), (menu, sorted(found))
