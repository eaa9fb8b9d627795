"""Phones answering into the open scan: the GUI's live session, its panel and the projector.

The phones are a real aiohttp client on a worker thread (the GUI thread keeps running Qt's event
loop, which takes the answers in and confirms them). Nothing waits on the clock: ``waitUntil``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
import threading

import functools

import aiohttp
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from dienstscan import storage
from dienstscan.model import Assessment, Organisation
from dienstscan.ui import live_panel
from dienstscan.ui.document import ScanDocument
from dienstscan.ui.live_session import LiveSession
from dienstscan.ui.workshop import PresentationWindow
from dienstscan.ui.workshop import presentation

from phone_client import join


class Phone:
    """Posts answers from a worker thread; ``results`` gets (status, recovery copy at that moment)."""

    def __init__(self, url: str, name: str) -> None:
        self.url = url
        self.name = name  # a label only: the phone's identity comes from the server when it first answers
        self.device: str | None = None
        self.results: list[tuple[int, dict | None]] = []
        self.thread: threading.Thread | None = None

    def answer(self, qtbot, item: str, **values) -> int:
        def run() -> None:
            async def post():
                async with aiohttp.ClientSession() as s:
                    if self.device is None:
                        self.device = await join(s, self.url)
                    async with s.post(self.url + "api/antwoord",
                                      json={"apparaat": self.device, "item": item, **values}) as r:
                        return r.status
            status = asyncio.run(post())
            copies = storage.find_recoveries()
            recovered = storage.load_recovery(copies[0]).answers.get(item) if copies else None
            self.results.append((status, recovered.model_dump() if recovered else None))

        before = len(self.results)
        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        qtbot.waitUntil(lambda: len(self.results) > before, timeout=20_000)
        return self.results[-1][0]


@pytest.fixture
def doc(qapp, checklists):
    assessment = Assessment(organisation=Organisation(name="Gemeente Proef"), peildatum=dt.date(2026, 11, 29),
                            frameworks=["KA", "KB"], checklist_versions={"KA": "1.0", "KB": "2007"})
    document = ScanDocument(checklists, assessment)
    yield document
    live_panel.stop_session(document)
    document.undo_stack.setClean()
    document.close()


@pytest.fixture
def session(doc):
    running = live_panel.start_session(doc, "voorronde", addresses=["127.0.0.1"], host="127.0.0.1", port=0)
    yield running
    running.stop()


def test_a_phones_answer_is_an_undoable_individual_answer_safe_before_confirmed(qtbot, doc, session):
    item = session.content.items[0]
    option = item.options[1][0]
    phone = Phone(session.server.url(), "p" * 20)

    assert phone.answer(qtbot, item.id, optie=option) == 200
    status, recovered = phone.results[-1]
    assert recovered is not None and recovered["individual"] == [option]  # in the recovery copy when confirmed
    answer = doc.answer(item.id)
    assert answer.individual == [option] and answer.option is None  # never the agreed answer
    assert doc.is_dirty() and doc.undo_stack.undoText() == f"Deelnemer (antwoord) bij {item.id}"
    doc.undo_stack.undo()
    assert doc.answer(item.id) is None


def test_stop_closes_the_port_and_the_session_is_gone(qtbot, doc, session):
    port = session.server.port
    assert live_panel.session_for(doc) is session
    with qtbot.waitSignal(session.stopped):
        live_panel.stop_session(doc)
    assert live_panel.session_for(doc) is None
    with socket.socket() as probe, pytest.raises(OSError):
        probe.connect(("127.0.0.1", port))


def test_session_stops_when_the_application_quits(qtbot, qapp, doc):
    session = LiveSession(doc, host="127.0.0.1", addresses=["127.0.0.1"], port=0)
    session.start()
    qapp.aboutToQuit.emit()  # what QApplication.quit() sends before the event loop ends
    assert not session.running


def test_panel_shows_qr_address_code_and_counts(qtbot, doc, monkeypatch):
    monkeypatch.setattr(live_panel, "laptop_addresses", lambda: ["127.0.0.1"])
    panel = live_panel.LivePanel(doc)
    qtbot.addWidget(panel)
    assert panel.qr.accessibleName().startswith("Geen QR-code")
    panel.toggle()
    session = panel.session
    assert session is not None and session.running and session.mode == "voorronde"
    assert session.server.secret in panel.url_label.text()
    assert panel.code_label.text() == f"Of typ: 127.0.0.1:{session.server.port}/{session.server.code}"
    assert session.server.url() in panel.qr.accessibleName()
    item = session.content.items[0]
    Phone(session.server.url(), "q" * 20).answer(qtbot, item.id, optie=item.options[0][0])
    qtbot.waitUntil(lambda: "1 telefoon doet mee · 1 antwoorden" in panel.status_label.text())
    assert "gastnetwerk" in panel.help_label.text() and "privénetwerken" in panel.help_label.text()
    panel.toggle()
    assert not session.running and panel.qr.accessibleName().startswith("Geen QR-code")


def test_projector_follows_counts_and_reveals_only_on_the_key(qtbot, doc, session):
    window = PresentationWindow(doc)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.attach_live(session)
    projector = window.live
    first = window.current_item_id
    qtbot.waitUntil(lambda: session.server.current == first)
    assert session.mode == "live"
    item = session.content.item(first)
    phones = [Phone(session.server.url(), f"{n:020d}") for n in range(3)]
    for n, phone in enumerate(phones[:2]):
        assert phone.answer(qtbot, first, optie=item.options[n][0], stem="ja") == 200
    Phone(session.server.url(), "x" * 20).answer(qtbot, first, stem="nee")  # joined, voted, no answer yet
    qtbot.waitUntil(lambda: projector.badge.count_label.text() == "2 van 3 geantwoord")
    assert not window.item_view.spread_label.text().count(item.options[0][1])  # nothing revealed yet
    assert "verborgen" in window.item_view.spread_label.text()
    QTest.keyClick(window, Qt.Key.Key_O)
    assert projector.revealed
    assert item.options[0][1] in window.item_view.spread_label.text() and "2 antwoorden" in window.item_view.spread_label.text()
    poll = doc.answer(first).poll
    assert (poll.ja, poll.nee) == (2, 1)
    window.step(1)
    second = window.current_item_id
    qtbot.waitUntil(lambda: session.server.current == second)
    assert projector.revealed is False and projector.badge.count_label.text() == "0 van 3 geantwoord"
    window.show_closing()
    qtbot.waitUntil(lambda: session.server.current is None)
    window.close()


def test_key_l_starts_phones_from_the_projector_and_q_shows_the_qr_code_large(qtbot, doc, monkeypatch):
    monkeypatch.setattr(presentation, "start_session", functools.partial(
        live_panel.start_session, host="127.0.0.1", addresses=["127.0.0.1"], port=0))
    window = PresentationWindow(doc)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    QTest.keyClick(window, Qt.Key.Key_O)
    assert "L: starten" in window.item_view.status_label.text()  # no phones yet: says how
    QTest.keyClick(window, Qt.Key.Key_L)
    session = live_panel.session_for(doc)
    assert window.live is not None and window.live.session is session and session.mode == "live"
    badge = window.live.badge
    assert badge.isVisible() and badge.geometry().right() <= window.width()
    assert window.item_view.reserved_right >= badge.width()  # the item's text keeps clear of it
    small = badge.width()
    QTest.keyClick(window, Qt.Key.Key_Q)
    assert badge.width() > 2 * small and window.item_view.reserved_right == 0
    help_text = "".join(f"{k} {v}" for k, v in __import__("dienstscan.ui.workshop.keymap", fromlist=["x"]).help_rows())
    assert "telefoons" in help_text
    window.close()
    assert window.live is None and session.running  # the session goes on; the phones wait
    assert session.server.current is None or qtbot.waitUntil(lambda: session.server.current is None) is None


@pytest.mark.qt_log_ignore("does not support raise")  # the panel is raised when opened
def test_menu_opens_the_panel_and_closing_the_scan_stops_the_phones(qtbot, window, fake_dialogs, new_assessment,
                                                                   monkeypatch):
    monkeypatch.setattr(live_panel, "laptop_addresses", lambda: ["127.0.0.1"])
    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    assert window.action("phones").text() == "Deelnemers via &telefoon…" and window.action("phones").isEnabled()
    window.action("phones").trigger()
    panel = window._live_panel
    assert panel.isVisible() and panel.doc is window.doc
    panel.toggle()
    session = panel.session
    port = session.server.port
    item = session.content.items[0]
    assert Phone(session.server.url(), "m" * 20).answer(qtbot, item.id, optie=item.options[0][0]) == 200
    fake_dialogs.save_changes = "discard"
    assert window.close_scan()
    assert not session.running and window.doc is None  # the scan closed: nothing listens any more
    with socket.socket() as probe, pytest.raises(OSError):
        probe.connect(("127.0.0.1", port))
    qtbot.waitUntil(lambda: not panel.isVisible())


def test_a_document_deleted_under_a_running_session_stops_it(qtbot, qapp, checklists):
    from PySide6.QtCore import QCoreApplication, QEvent

    assessment = Assessment(organisation=Organisation(name="Gemeente Proef"), peildatum=dt.date(2026, 11, 29),
                            frameworks=["KA"], checklist_versions={"KA": "1.0"})
    document = ScanDocument(checklists, assessment)
    session = LiveSession(document, host="127.0.0.1", addresses=["127.0.0.1"], port=0)
    session.start()
    document.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not session.running
