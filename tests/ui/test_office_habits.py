"""Office habits (issue 28 point 7): zoom with Ctrl+plus/minus (remembered) and Ctrl+F on every
page searching items, notes and actions, through key events."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from dienstscan.ui import settings, zoom
from dienstscan.ui.search_dialog import SearchDialog


def _open(window, fake_dialogs, new_assessment):
    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    window.doc.set_option("KA-01", "deels")
    window.doc.set_option("KA-02", "niet")  # a gap: the plan proposes V-KA-02
    window.doc.set_text("KA-01", "notes", "Navragen bij de balie van Stadskantoor Noord")
    window.activateWindow()
    return window


def test_zoom_with_keys_is_remembered(qtbot, window, fake_dialogs, new_assessment):
    _open(window, fake_dialogs, new_assessment)
    window.navigate("KA-01")
    page = window.workspace.item_page
    before_app = QApplication.font().pointSizeF()
    before_title = page.title.font().pointSizeF()  # a heading with a font of its own
    try:
        qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
        assert zoom.current() == 110
        assert QApplication.font().pointSizeF() > before_app
        assert page.title.font().pointSizeF() > before_title  # scaled with it
        assert settings.zoom_percent() == 110  # remembered
        qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
        assert zoom.current() == 90
        assert QApplication.font().pointSizeF() < before_app
    finally:
        qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert zoom.current() == 100 and settings.zoom_percent() == 100
    assert abs(QApplication.font().pointSizeF() - before_app) < 0.01
    assert abs(page.title.font().pointSizeF() - before_title) < 0.01


def test_ctrl_f_searches_the_whole_scan_from_every_page(qtbot, window, fake_dialogs, new_assessment):
    _open(window, fake_dialogs, new_assessment)
    for page in ("KA-02", "dashboard", "verbeterplan"):
        window.navigate(page)
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        dialogs = window.findChildren(SearchDialog)
        assert len(dialogs) == 1 and dialogs[0].isVisible(), page
    dialog = dialogs[0]
    qtbot.keyClicks(dialog.field, "stadskantoor")
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    assert "Notities" in dialog.results.item(0).text()
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)  # opens the item
    assert window.workspace.current() == ("item", "KA-01")
    # an action: opened on the plan page, selected
    dialog.field.selectAll()
    qtbot.keyClicks(dialog.field, "V-KA-02")
    qtbot.waitUntil(lambda: any(h.kind == "action" for h in dialog.hits()))
    row = next(n for n, h in enumerate(dialog.hits()) if h.kind == "action")
    dialog.results.setCurrentRow(row)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    plan = window.page("verbeterplan")
    assert window.current_page() == "verbeterplan"
    assert plan.form.action_id == "V-KA-02"
    dialog.field.selectAll()
    qtbot.keyClicks(dialog.field, "qqqzzz")
    qtbot.waitUntil(lambda: "Niets gevonden" in dialog.summary.text())


def test_print_preview_shows_the_pages_of_the_report(qtbot, window, fake_dialogs, new_assessment, monkeypatch):
    """Issue 28 point 7: the report's pages, as the PDF has them, before saving (Ctrl+P)."""
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from dienstscan.export.report import render_report_html
    from dienstscan.ui import report_dialog
    from dienstscan.ui.pdf import render_pdf

    _open(window, fake_dialogs, new_assessment)
    shown = []
    monkeypatch.setattr(report_dialog, "show_preview", lambda dialog: shown.append(dialog))
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(shown) == 1
    dialog = shown[0]
    qtbot.addWidget(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    preview.updatePreview()
    _pdf, pdf_pages = render_pdf(render_report_html(window.doc.checklists, window.doc.assessment))
    assert dialog.pages == pdf_pages == preview.pageCount() >= 2
    # Opslaan als… goes on as Bestand > Exporteren > Rapport
    asked = []
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: asked.append(suggested))
    dialog.save_action.trigger()
    assert len(asked) == 1 and asked[0].suffix == ".pdf"
