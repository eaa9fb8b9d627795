"""The project lead's journey: new scan > answer > explanation required > save > close > reopen >
recovery after a crash. Driven through the window's actions and key presses; dialogs scripted."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dienstscan import storage
from dienstscan.ui import settings
from dienstscan.ui.main_window import MainWindow


def _type_entry(editor, text):
    """What a user does in a list (barriers, solutions): Toevoegen, type the text, Enter."""
    editor.add_button.click()
    editor.list.currentItem().setText(text)
    editor.list.closePersistentEditor(editor.list.currentItem())


def _state(window, item_id):
    return window.doc.item_state(item_id)


def test_new_scan_answer_explain_save_close_reopen(qtbot, window, fake_dialogs, new_assessment, tmp_path):
    # --- new scan
    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    assert window.doc is not None and window.doc.path is None
    assert window.windowTitle() == "Gemeente Proef (niet opgeslagen)[*] – Dienstscan"
    assert window.isWindowModified()
    ws = window.workspace

    # --- answer with a number key in the navigation tree: 1 = Toegepast
    window.navigate("KA-01")
    assert ws.stack.currentWidget() is ws.item_page
    ws.tree.setFocus()
    with qtbot.waitSignal(window.doc.changed, check_params_cb=lambda key: key == "KA-01"):
        qtbot.keyClick(ws.tree, Qt.Key.Key_1)
    assert window.doc.answer("KA-01").option == "toegepast"
    assert _state(window, "KA-01") == "answered"
    assert not ws.item_page.missing_row.isVisible()

    # --- 2 = Deels toegepast: the explanation becomes required and is missing
    ws.item_page.clear_button.setFocus()
    qtbot.keyClick(ws.item_page.clear_button, Qt.Key.Key_2)
    assert window.doc.answer("KA-01").option == "deels"
    assert _state(window, "KA-01") == "explanation_missing"
    page = ws.item_page
    assert page.missing_row.isVisible()
    assert "verplicht" in page.explanation_label.text()
    assert page.explanation_edit.accessibleName() == "Uitleg, verplicht"
    node = ws.tree._nodes[("item", "KA-01")]
    assert "uitleg ontbreekt" in node.data(0, Qt.ItemDataRole.AccessibleTextRole)
    assert ws.tree._nodes[("framework", "KA")].text(1) == "1/2 (1 ⚠)"
    assert "uitleg ontbreekt bij 1" in window.status.counts.text()

    # --- typing the explanation (one undo step for the whole text)
    qtbot.keyClicks(page.explanation_edit, "Alleen balie en telefoon")
    assert window.doc.answer("KA-01").explanation == "Alleen balie en telefoon"
    assert _state(window, "KA-01") == "answered"
    assert not page.missing_row.isVisible()
    window.action("undo").trigger()
    assert window.doc.answer("KA-01").explanation == ""
    assert page.explanation_edit.toPlainText() == ""
    assert _state(window, "KA-01") == "explanation_missing"
    window.action("redo").trigger()
    assert page.explanation_edit.toPlainText() == "Alleen balie en telefoon"

    # --- next unanswered (Ctrl+Shift+PgDown) and the Alt+digit mnemonic on the buttons
    assert window.go(1, unanswered=True) == "KA-02"
    assert page.item_id == "KA-02"
    page.group.button(2).click()  # Niet toegepast
    page.explanation_edit.setPlainText("Geen klachtenregeling")
    _type_entry(page.analysis_box.lists["barriers"], "Geen eigenaar")
    _type_entry(page.analysis_box.lists["solutions"], "Wijs een probleemeigenaar aan")
    assert window.doc.answer("KA-02").barriers == ["Geen eigenaar"]
    assert window.go(1, unanswered=True) == "KB-FASE"
    page.choose_index(1)
    assert _state(window, "KB-FASE") == "answered"

    # --- save as (the dialog answers a path), title without the mark
    target = tmp_path / "proef.dienstscan"
    fake_dialogs.save_path = target
    window.action("save").trigger()
    assert target.is_file()
    assert window.windowTitle() == "proef.dienstscan[*] – Dienstscan" and not window.isWindowModified()
    assert storage.lock_path(target).exists()
    assert target in settings.recent_files()

    # --- close: nothing to ask, lock released, back to the start screen
    window.action("close").trigger()
    assert fake_dialogs.count("ask_save_changes") == 0
    assert window.doc is None and window.central.currentWidget() is window.start_screen
    assert not storage.lock_path(target).exists()
    assert window.windowTitle() == "Dienstscan"

    # --- reopen from the recent files on the start screen
    recent = window.start_screen.recent
    assert recent.count() >= 1 and recent.item(0).text().startswith("proef.dienstscan")
    recent.setCurrentRow(0)
    with qtbot.waitSignal(window.documentChanged):
        recent.itemActivated.emit(recent.item(0))
    answers = window.doc.assessment.answers
    assert answers["KA-01"].option == "deels" and answers["KA-01"].explanation == "Alleen balie en telefoon"
    assert answers["KA-02"].solutions == ["Wijs een probleemeigenaar aan"]
    assert answers["KB-FASE"].option == "fase-2"
    assert not window.isWindowModified()


def test_recovery_after_a_crash(qtbot, window, fake_dialogs, new_assessment, tmp_path, checklists):
    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    target = tmp_path / "herstel.dienstscan"
    fake_dialogs.save_path = target
    assert window.save()
    window.navigate("KA-01")
    window.workspace.item_page.notes_edit.setPlainText("Nog niet opgeslagen notitie")
    window.doc._debounce.setInterval(10)
    with qtbot.waitSignal(window.doc.recoveryWritten):
        window.doc.set_option("KA-02", "toegepast")
    assert "Herstelkopie bewaard" in window.status.recovery.text()

    # crash: the process ends without closing; its lock would be stale (the process is gone)
    crashed = window.doc
    crashed.lock.release()
    crashed._stop_recovery_timers()
    window.doc = None  # the next window must not touch the crashed one

    second = MainWindow(checklists)
    qtbot.addWidget(second)
    fake_dialogs.recovery = "restore"
    assert second.offer_recoveries()
    assert fake_dialogs.count("ask_recovery") == 1
    doc = second.doc
    assert doc.path == target and doc.is_dirty() and second.isWindowModified()
    assert doc.answer("KA-01").notes == "Nog niet opgeslagen notitie"
    assert doc.answer("KA-02").option == "toegepast"
    # saving the restored work removes the copy: nothing is offered a second time
    assert second.save()
    assert storage.load_scan(target).answers["KA-01"].notes == "Nog niet opgeslagen notitie"
    assert storage.find_recoveries() == []
    second.doc.close()


def test_recovery_discarded_and_later(qtbot, window, fake_dialogs, new_assessment):
    fake_dialogs.new_scan_result = new_assessment("Gemeente Nooit Opgeslagen")
    window.action("new").trigger()
    window.doc.set_option("KA-01", "toegepast")
    assert window.doc.write_recovery() is not None
    window.doc._stop_recovery_timers()
    window.doc = None
    fake_dialogs.recovery = "later"
    assert not window.offer_recoveries()
    assert len(storage.find_recoveries()) == 1  # kept for next time
    fake_dialogs.recovery = "discard"
    assert not window.offer_recoveries()
    assert storage.find_recoveries() == []
