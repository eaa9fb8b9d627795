"""The presentation's keymap is the one source of its keys: the help overlay lists exactly its
bindings, each overlay's hint line its own, and every key of the table reaches its handler."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from dienstscan.checklists import load_checklists
from dienstscan.storage import load_scan
from dienstscan.ui.document import ScanDocument
from dienstscan.ui.workshop import KEYMAP, PresentationWindow
from dienstscan.ui.workshop import keymap

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "gemeente-voorbeeld.dienstscan"


@pytest.fixture
def win(qtbot):
    doc = ScanDocument(load_checklists(), load_scan(EXAMPLE), unsaved=True)
    window = PresentationWindow(doc)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    doc.undo_stack.setClean()
    doc.close()


def _rows(html_text: str) -> list[tuple[str, str]]:
    cells = re.findall(r"<tr><td><b>(.*?)</b>&nbsp;&nbsp;</td><td>(.*?)</td></tr>", html_text)
    return [(k.replace("&amp;", "&"), v.replace("&amp;", "&")) for k, v in cells]


def test_help_overlay_lists_exactly_the_keymaps_bindings(win):
    QTest.keyClick(win, Qt.Key.Key_F1)
    assert win.overlay == "help"
    shown = _rows(win.overlays["help"].text.text())
    expected = [(b.label, b.description) for c in keymap.HELP_CONTEXTS for b in KEYMAP if b.when == c]
    assert shown == expected
    assert len(shown) == len([b for b in KEYMAP if b.when in keymap.HELP_CONTEXTS])
    assert ("PageDown · → · spatie · ↓", "volgend item (na het laatste: het slotscherm)") in shown


def test_every_overlay_shows_its_own_keys_and_every_context_has_an_overlay(win):
    contexts = {b.when for b in KEYMAP} - {"anywhere", "main", "item"}
    assert contexts == set(win.overlays)  # every overlay has keys, every context a widget
    for name in ("help", "overview", "round"):
        assert win.overlays[name].hint.text() == keymap.hint(name)
    assert "S · Esc: overzicht sluiten" == keymap.hint("overview")


def test_every_handler_exists_and_no_key_is_bound_twice_where_it_applies(win):
    for binding in KEYMAP:  # an overlay's own keys call the overlay, the others the window
        target = win.overlays.get(binding.when, win)
        assert callable(getattr(target, binding.handler, None)), (binding.when, binding.handler)
    for contexts in [("anywhere", "main", "item"), *[("anywhere", c) for c in {b.when for b in KEYMAP}]]:
        seen: dict[tuple, str] = {}
        for binding in keymap.bindings(*contexts):
            for name, key, mods in binding.combinations:
                assert (key, mods) not in seen, f"{name} twee keer: {seen.get((key, mods))} en {binding.handler}"
                seen[(key, mods)] = binding.handler


@pytest.mark.parametrize("binding", [b for b in KEYMAP if b.when in ("main", "item", "anywhere")],
                         ids=lambda b: b.handler)
def test_each_key_of_the_main_screen_reaches_its_handler(win, monkeypatch, binding):
    calls: list[tuple[str, str]] = []
    for other in {b.handler for b in KEYMAP if b.when in ("main", "item", "anywhere")}:
        monkeypatch.setattr(win, other, lambda key, name=other: calls.append((name, key)))
    for name, key, mods in binding.combinations:
        calls.clear()
        if len(name) == 1 and not name.isalnum():
            QTest.keyClick(win, name)  # "?" and ".": typed as text, as a keyboard does
        else:
            QTest.keyClick(win, key, mods)
        assert calls == [(binding.handler, name)], QKeySequence(name).toString()


def test_an_open_overlay_takes_the_keys_but_undo_still_works(win):
    doc = win.doc
    QTest.keyClick(win, Qt.Key.Key_2)
    assert doc.undo_stack.index() == 1
    QTest.keyClick(win, Qt.Key.Key_B)
    assert win.overlay == "blank"
    QTest.keyClick(win, Qt.Key.Key_1)  # swallowed: nothing chosen while the screen is black
    assert doc.undo_stack.index() == 1
    QTest.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.undo_stack.index() == 0 and win.overlay == "blank"
    QTest.keyClick(win, Qt.Key.Key_J, Qt.KeyboardModifier.ShiftModifier)  # Shift+J: ignored under the blank
    QTest.keyClick(win, Qt.Key.Key_Escape)
    assert win.overlay is None and win.isVisible()
    QTest.keyClick(win, Qt.Key.Key_J, Qt.KeyboardModifier.ShiftModifier)  # Shift+J is a vote too
    assert doc.answer(win.current_item_id).poll.ja >= 1
