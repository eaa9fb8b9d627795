"""The status bar keeps its messages apart (issue 28): the passing message, the recovery copy
and the counts each in their own place, with a line between them."""

from __future__ import annotations

from scan_factory import make_assessment

from dienstscan.ui.document import ScanDocument


def test_messages_are_separated(qtbot, window, tmp_path):
    window.set_document(ScanDocument(window.checklists, make_assessment({"BSC-01": "toegepast"}), unsaved=True))
    status = window.status
    assert status.doc.write_recovery() is not None
    window.show_status("Opgeslagen: scan.dienstscan", 60_000)
    qtbot.waitUntil(lambda: status.recovery.isVisible() and status.counts.isVisible())
    first, second = status.separators
    assert first.isVisible() and second.isVisible()
    # left to right: separator, recovery copy, separator, counts, none overlapping
    assert first.geometry().right() < status.recovery.geometry().left()
    assert status.recovery.geometry().right() < second.geometry().left()
    assert second.geometry().right() < status.counts.geometry().left()
    assert status.recovery.text().startswith("Herstelkopie bewaard om")
    assert "beantwoord" in status.counts.text()
    assert window.statusBar().currentMessage() == "Opgeslagen: scan.dienstscan"
    # the passing message ends before the first line
    text_width = window.statusBar().fontMetrics().horizontalAdvance(window.statusBar().currentMessage())
    assert text_width < first.geometry().left()
    window.set_document(None)
    assert not first.isVisible() and not second.isVisible()
