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


#: (session address, phone name) -> the token the server issued: the same phone keeps it (its browser storage)
ISSUED: dict[tuple[str, str], str] = {}


class Phone:
    """Posts answers from a worker thread; ``results`` gets (status, recovery copy at that moment)."""

    def __init__(self, url: str, name: str) -> None:
        self.url = url
        self.name = name  # the phone's identity comes from the server when it first answers, then is kept
        self.device: str | None = ISSUED.get((url, name))
        self.results: list[tuple[int, dict | None]] = []
        self.thread: threading.Thread | None = None

    def answer(self, qtbot, item: str, **values) -> int:
        def run() -> None:
            async def post():
                async with aiohttp.ClientSession() as s:
                    if self.device is None:
                        self.device = ISSUED[(self.url, self.name)] = await join(s, self.url)
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


def wait_ready(qtbot, session: LiveSession) -> LiveSession:
    """The session opens its port on the server's thread; the GUI hears ``ready`` (never waits itself)."""
    qtbot.waitUntil(lambda: session.running and not session.starting, timeout=20_000)
    return session


@pytest.fixture
def doc(live_doc):
    return live_doc


@pytest.fixture
def session(qtbot, doc):
    running = wait_ready(qtbot, live_panel.start_session(doc, "voorronde", addresses=["127.0.0.1"],
                                                         host="127.0.0.1", port=0))
    yield running
    running.stop()


def test_a_phones_answer_is_safe_before_confirmed_and_not_on_the_facilitators_undo_stack(qtbot, doc, session):
    item = session.content.items[0]
    option, agreed = item.options[1][0], item.options[0][0]
    phone = Phone(session.server.url(), "p" * 20)

    assert phone.answer(qtbot, item.id, optie=option) == 200
    status, recovered = phone.results[-1]
    assert recovered is not None and recovered["individual"] == {"voorronde": [option]}  # in the recovery copy when confirmed
    answer = doc.answer(item.id)
    assert answer.individual == {"voorronde": [option]} and answer.option is None  # never the agreed answer
    assert doc.is_dirty() and doc.undo_stack.count() == 0  # unsaved, but not the facilitator's step
    # the facilitator keys the agreed answer; then a second phone answers
    doc.set_option(item.id, agreed)
    assert Phone(session.server.url(), "r" * 20).answer(qtbot, item.id, optie=agreed) == 200
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == f"Antwoord van {item.id} wijzigen"
    doc.undo_stack.undo()  # Ctrl+Z: the facilitator's own step, at once; both phones' answers stay
    assert doc.answer(item.id).option is None and doc.answer(item.id).individual == {"voorronde": [option, agreed]}
    doc.undo_stack.redo()
    assert doc.answer(item.id).option == agreed and doc.answer(item.id).individual == {"voorronde": [option, agreed]}


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
    wait_ready(qtbot, session)
    qapp.aboutToQuit.emit()  # what QApplication.quit() sends before the event loop ends
    assert not session.running


def test_panel_shows_qr_address_code_and_counts(qtbot, doc, monkeypatch):
    monkeypatch.setattr(live_panel, "laptop_addresses", lambda: ["127.0.0.1"])
    panel = live_panel.LivePanel(doc)
    qtbot.addWidget(panel)
    assert panel.qr.accessibleName().startswith("Geen QR-code")
    panel.toggle()
    session = panel.session
    assert session is not None and session.starting and panel.status_label.text() == "De sessie start…"
    wait_ready(qtbot, session)
    assert session.running and session.mode == "voorronde"
    assert session.server.secret in panel.url_label.text()
    assert panel.code_label.text() == f"Of typ: 127.0.0.1:{session.server.port}/{session.server.code}"
    assert session.server.url() in panel.qr.accessibleName()
    item = session.content.items[0]
    Phone(session.server.url(), "q" * 20).answer(qtbot, item.id, optie=item.options[0][0])
    qtbot.waitUntil(lambda: "0 telefoons nu verbonden · 1 heeft geantwoord in deze ronde · 1 antwoorden" in
                    panel.status_label.text())
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
    qtbot.waitUntil(lambda: projector.badge.count_label.text() == "2 van 2 geantwoord")  # no page open: of 2
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
    assert projector.revealed is False and projector.badge.count_label.text() == "0 van 0 geantwoord"
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
    qtbot.waitUntil(lambda: window.live is not None, timeout=20_000)
    session = live_panel.session_for(doc)
    assert window.live is not None and window.live.session is session and session.mode == "live"
    badge = window.live.badge
    assert badge.isVisible() and badge.geometry().right() <= window.width()
    assert window.item_view.reserved_right >= badge.width()  # the item's text keeps clear of it
    small = badge.qr.width()
    QTest.keyClick(window, Qt.Key.Key_Q)
    assert badge.qr.width() > 1.2 * small and window.item_view.reserved_right == 0
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
    session = wait_ready(qtbot, panel.session)
    port = session.server.port
    item = session.content.items[0]
    assert Phone(session.server.url(), "m" * 20).answer(qtbot, item.id, optie=item.options[0][0]) == 200
    fake_dialogs.save_changes = "cancel"  # Ctrl+W, then Annuleren: the scan stays open, and so do the phones
    assert not window.close_scan()
    assert session.running and window.doc is not None
    assert Phone(session.server.url(), "n" * 20).answer(qtbot, item.id, optie=item.options[1][0]) == 200
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
    wait_ready(qtbot, session)
    document.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not session.running


# ---------------------------------------------------------------- the GUI never waits for the port (issue 25 point 1)


def test_start_returns_before_the_server_listens_and_a_taken_port_gives_another(qtbot, doc, monkeypatch):
    from dienstscan.participation import ParticipationServer

    gate = threading.Event()
    original = ParticipationServer._open

    async def held_open(self, port):
        await asyncio.get_running_loop().run_in_executor(None, gate.wait)  # the port opens only when let go
        await original(self, port)

    monkeypatch.setattr(ParticipationServer, "_open", held_open)
    with socket.socket() as holder:  # another session already listens on the usual port
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        session = live_panel.start_session(doc, "voorronde", addresses=["127.0.0.1"], host="127.0.0.1", port=taken)
        # start_session returned while the server thread is still held: the GUI thread did not wait
        assert session.starting and not session.running
        assert live_panel.start_session(doc, "voorronde") is session  # a second press: the same session
        with qtbot.waitSignal(session.ready, timeout=20_000):
            gate.set()
        assert session.running and session.server.port != taken
        item = session.content.items[0]
        assert Phone(session.server.url(), "t" * 20).answer(qtbot, item.id, optie=item.options[0][0]) == 200


def test_a_port_that_cannot_open_gives_a_dutch_message_not_a_hang(qtbot, doc, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(live_panel.dialogs, "show_error", lambda _parent, _title, message: shown.append(message))
    monkeypatch.setattr(live_panel, "laptop_addresses", lambda: ["192.0.2.1"])  # an address this laptop lost
    monkeypatch.setattr(live_panel, "start_session", functools.partial(live_panel.start_session, host="192.0.2.1",
                                                                       addresses=["192.0.2.1"], port=0))
    panel = live_panel.LivePanel(doc)
    qtbot.addWidget(panel)
    panel.toggle()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert "hoort niet (meer) bij deze laptop" in shown[0] and panel.status_label.text() == shown[0]
    assert panel.session is None and live_panel.session_for(doc) is None
    assert panel.start_button.text() == "Sessie &starten"


def test_stopping_while_it_starts_closes_the_port_once_it_opened(qtbot, doc):
    session = live_panel.start_session(doc, "voorronde", addresses=["127.0.0.1"], host="127.0.0.1", port=0)
    with qtbot.waitSignal(session.stopped, timeout=20_000):
        live_panel.stop_session(doc)
    assert not session.running and live_panel.session_for(doc) is None


def test_a_session_started_again_on_the_scan_has_the_same_address_and_knows_its_phones(qtbot, doc):
    first = wait_ready(qtbot, live_panel.start_session(doc, "voorronde", addresses=["127.0.0.1"],
                                                       host="127.0.0.1", port=0))
    url, typed = first.server.url(), first.server.typed_address()
    item = first.content.items[0]
    assert Phone(url, "w" * 20).answer(qtbot, item.id, optie=item.options[0][0]) == 200
    assert doc.assessment.live_session.port == first.server.port  # in the scan (and its recovery copy)
    [copy] = storage.find_recoveries()  # what a crash leaves: the identity is in the recovery copy
    kept = storage.load_recovery(copy).live_session
    assert (kept.secret, kept.code, kept.port) == (first.server.secret, first.server.code, first.server.port)
    assert len(kept.phones) == 1 and "w" * 20 not in copy.path.read_text(encoding="utf-8")
    live_panel.stop_session(doc)
    again = wait_ready(qtbot, live_panel.start_session(doc, "voorronde", addresses=["127.0.0.1"], host="127.0.0.1"))
    assert again is not first and again.server.url() == url and again.server.typed_address() == typed
    assert Phone(url, "w" * 20).answer(qtbot, item.id, optie=item.options[1][0]) == 200
    assert doc.answer(item.id).individual == {"voorronde": [item.options[1][0]]}  # replaced: the phone counts once


def test_the_count_is_of_phones_connected_now_and_of_phones_that_answered(qtbot, doc, session):
    """Issue 25 point 8: a phone that closes its page no longer counts as connected."""
    item = session.content.items[0]
    url = session.server.url()
    gone = threading.Event()
    opened: list[int] = []

    def phones() -> None:
        async def run():
            async with aiohttp.ClientSession() as s:
                for n in range(3):  # three phones join (the server issues their identities) and open the page
                    ISSUED[(url, f"{n:020d}")] = await join(s, url)
                sockets = [await s.ws_connect(url + "ws", params={"apparaat": ISSUED[(url, f"{n:020d}")]})
                           for n in range(3)]
                opened.append(len(sockets))
                await asyncio.get_running_loop().run_in_executor(None, gone.wait)
                await sockets[0].close()  # one phone leaves the room
                await asyncio.get_running_loop().run_in_executor(None, lambda: done.wait())
                for ws in sockets[1:]:
                    await ws.close()
        asyncio.run(run())

    done = threading.Event()
    thread = threading.Thread(target=phones, daemon=True)
    thread.start()
    try:
        qtbot.waitUntil(lambda: session.presence.connected == 3, timeout=20_000)
        assert Phone(url, f"{1:020d}").answer(qtbot, item.id, optie=item.options[0][0]) == 200
        qtbot.waitUntil(lambda: (session.presence.connected, session.presence.participants) == (3, 1))
        gone.set()
        qtbot.waitUntil(lambda: session.presence.connected == 2, timeout=20_000)
        assert session.presence.participants == 1 and session.presence.answered == {item.id: 1}
    finally:
        gone.set()
        done.set()
        thread.join(timeout=30)


# ---------------------------------------------------------------- the projector (issue 25 points 5, 7, 13)


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_the_join_address_is_at_least_body_size_and_the_qr_code_uses_the_column(qtbot, doc, session, size):
    window = PresentationWindow(doc)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.attach_live(session)
    badge = window.live.badge
    view = window.item_view
    body = view.right_label.font().pixelSize() if view.right_label.isVisible() else window._sizes["body"]
    assert badge.join_label.font().pixelSize() >= body == window._sizes["body"]
    from PySide6.QtGui import QFontMetrics

    metrics = QFontMetrics(badge.join_label.font())
    assert all(metrics.horizontalAdvance(line) <= badge.join_label.width()
               for line in badge.join_label.text().split("\n"))  # no line of the address broken or cut
    assert badge.qr.width() >= 0.8 * badge.contentsRect().width()  # the QR code fills the column's width
    assert badge.geometry().top() <= window.height() // 30  # a column from the top, nothing empty above
    text_right = view.mapTo(window, view.rect().topRight()).x() - view.layout_.contentsMargins().right()
    assert text_right <= badge.geometry().left()  # the item's text keeps clear of the column
    window.close()


def _answer_round(qtbot, session, item_id: str, picks: dict[str, str]) -> None:
    for device, option in picks.items():
        assert Phone(session.server.url(), device).answer(qtbot, item_id, optie=option) == 200


def test_the_reveal_is_a_bar_chart_per_round_with_the_agreed_answer_and_the_disagreement(qtbot, doc, session):
    window = PresentationWindow(doc)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    item = session.content.item(window.current_item_id)
    a, b = item.options[0][0], item.options[1][0]
    phones = [f"{n:020d}" for n in range(4)]
    _answer_round(qtbot, session, item.id, dict(zip(phones, (a, b, b, a))))  # the voorronde: 2 against 2
    window.attach_live(session)  # live now: the same four phones answer again
    qtbot.waitUntil(lambda: session.server.current == item.id)
    _answer_round(qtbot, session, item.id, dict(zip(phones, (a, a, a, b))))
    qtbot.waitUntil(lambda: window.live.badge.count_label.text() == "4 van 4 geantwoord")  # not "8": once per round
    doc.set_option(item.id, a)
    assert not window.item_view.reveal_chart.isVisible()
    QTest.keyClick(window, Qt.Key.Key_O)
    chart = window.item_view.reveal_chart
    assert chart.isVisible() and not window.item_view.spread_label.isVisible()
    assert chart.rounds == {"voorronde": [a, b, b, a], "live": [a, a, a, b]}  # one answer per person per round
    assert (chart.count("voorronde", b), chart.count("live", a), chart.agreed) == (2, 3, a)
    described = chart.accessibleDescription()
    assert f"{item.options[0][1]} (vastgesteld antwoord): Voorronde 2, Live 3" in described
    assert "Live middel (50% van de paren antwoordde anders)" in described and "Voorronde groot (67%)" in described
    qtbot.waitUntil(lambda: session.server.item_state(item.id) == "revealed")
    assert Phone(session.server.url(), "laat-binnen-000000000").answer(qtbot, item.id, optie=b) == 409
    # the reveal is what the room said, per round, in the scan too: nothing after it
    assert doc.answer(item.id).individual == {"voorronde": [a, b, b, a], "live": [a, a, a, b]}
    window.close()


def test_participants_comments_show_only_when_the_facilitator_asks(qtbot, doc, session):
    item = session.content.items[0]
    assert Phone(session.server.url(), "c" * 20).answer(qtbot, item.id, optie=item.options[0][0],
                                                        opmerking="Het loket sluit te vroeg") == 200
    window = PresentationWindow(doc)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert window.current_item_id == item.id
    notes = window.item_view.notes_label
    assert "Het loket" not in notes.text() and "1 opmerking van deelnemers (verborgen; K: tonen)" in notes.text()
    QTest.keyClick(window, Qt.Key.Key_K)
    assert "Deelnemer: Het loket sluit te vroeg" in notes.text()
    window.step(1)
    window.step(-1)
    assert "Het loket" not in notes.text()  # asked for one item, once: hidden again on the next visit
    window.close()


def test_the_panel_closes_the_voorronde_and_opens_it_again(qtbot, doc, monkeypatch):
    monkeypatch.setattr(live_panel, "laptop_addresses", lambda: ["127.0.0.1"])
    monkeypatch.setattr(live_panel, "start_session", functools.partial(live_panel.start_session, host="127.0.0.1",
                                                                       addresses=["127.0.0.1"], port=0))
    panel = live_panel.LivePanel(doc)
    qtbot.addWidget(panel)
    assert not panel.close_round_button.isEnabled()  # nothing to close before the session runs
    panel.toggle()
    session = wait_ready(qtbot, panel.session)
    item = session.content.items[0]
    assert panel.close_round_button.isEnabled()
    panel.close_round_button.click()
    qtbot.waitUntil(lambda: session.server.item_state(item.id) == "closed")
    assert Phone(session.server.url(), "s" * 20).answer(qtbot, item.id, optie=item.options[0][0]) == 409
    assert doc.answer(item.id) is None
    panel.close_round_button.click()
    qtbot.waitUntil(lambda: session.server.item_state(item.id) == "open")
    assert Phone(session.server.url(), "s" * 20).answer(qtbot, item.id, optie=item.options[0][0]) == 200


# ---------------------------------------------------------------- the app killed mid-session (issue 25 point 4)

_APP_WITH_PHONES = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from dienstscan import storage
from dienstscan.checklists import load_checklists
from dienstscan.ui import live_panel
from dienstscan.ui.document import ScanDocument
path = Path(sys.argv[1])
doc = ScanDocument(load_checklists(), storage.load_scan(path), path, lock=storage.acquire_lock(path))
session = live_panel.start_session(doc, "live", addresses=["127.0.0.1"], host="127.0.0.1", port=0)
session.ready.connect(lambda: (session.show_item(session.content.items[0].id),
                               print(session.server.url(), session.content.items[0].id, flush=True)))
app.exec()
"""


def test_after_kill_9_of_the_app_the_restored_scan_resumes_the_same_session(qtbot, tmp_path, real_checklists):
    import os
    import shutil
    import signal
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    path = tmp_path / "workshop.dienstscan"
    shutil.copyfile(root / "examples" / "gemeente-voorbeeld.dienstscan", path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # the same data folder as this test (conftest)
    child = subprocess.Popen([sys.executable, "-c", _APP_WITH_PHONES, str(path)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env, cwd=root)
    try:
        line = child.stdout.readline()
        assert line, child.stderr.read()
        url, item = line.split()
        phones = [Phone(url, f"zaal-{n:015d}") for n in range(3)]
        for phone in phones:
            assert phone.answer(qtbot, item, optie="deels") == 200  # "Bewaard" on the phone
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL

    # the app starts again and the facilitator chooses Herstellen: the phones' session comes back
    [copy] = storage.find_recoveries()
    doc = ScanDocument(real_checklists, storage.load_recovery(copy), path, unsaved=True)
    try:
        session = wait_ready(qtbot, live_panel.start_session(doc, "live", addresses=["127.0.0.1"],
                                                             host="127.0.0.1"))
        assert session.server.url() == url  # the same QR code: no "Geen toegang", no new scan needed
        session.show_item(item)
        qtbot.waitUntil(lambda: session.server.current == item)
        for phone in phones:
            assert phone.answer(qtbot, item, optie="niet") == 200  # each phone changes its answer
        assert doc.answer(item).individual == {"live": ["niet"] * 3}  # three phones, three answers: none counted twice
    finally:
        live_panel.stop_session(doc)
        doc.undo_stack.setClean()
        doc.close()


def test_nieuwe_code_in_the_panel_refuses_old_addresses_and_keeps_the_answers(qtbot, doc, monkeypatch):
    """Old addresses keep working for ever unless the facilitator makes a new code (issue 25)."""
    from dienstscan.ui import dialogs

    asked = []
    monkeypatch.setattr(dialogs, "ask_new_session_code", lambda parent: asked.append(parent) or True)
    monkeypatch.setattr(live_panel, "laptop_addresses", lambda: ["127.0.0.1"])
    panel = live_panel.LivePanel(doc)
    qtbot.addWidget(panel)
    panel.toggle()
    session = wait_ready(qtbot, panel.session)
    old_url, old_code, port = session.server.url(), session.server.code, session.server.port
    item = session.content.items[0]
    assert Phone(old_url, "oud-toestel-000000000").answer(qtbot, item.id, optie=item.options[0][0]) == 200
    assert not panel.new_code_button.isEnabled()  # only while no session runs
    assert panel.new_code() is False and asked == []
    panel.toggle()
    qtbot.waitUntil(lambda: not session.running)
    assert panel.new_code_button.isEnabled()

    undo_steps = doc.undo_stack.count()
    assert panel.new_code() and asked == [panel]
    assert "Nieuwe code gemaakt" in panel.status_label.text()
    assert doc.is_dirty() and doc.undo_stack.count() == undo_steps  # unsaved, and not undoable
    assert doc.answer(item.id).individual == {"voorronde": [item.options[0][0]]}  # the answers stay
    assert doc.assessment.live_session.port == port

    panel.toggle()
    renewed = wait_ready(qtbot, panel.session)
    assert renewed.server.port == port and renewed.server.url() != old_url and renewed.server.code != old_code

    async def visit():
        async with aiohttp.ClientSession() as s:
            result = []
            for address in (old_url, f"http://127.0.0.1:{port}/{old_code}"):
                async with s.get(address, allow_redirects=False, headers={"Accept": "text/html"}) as r:
                    result.append((r.status, await r.text()))
            return result

    for status, page in asyncio.run(visit()):
        assert status == 403 and "<h1>Geen toegang</h1>" in page  # a Dutch page, not the session
    assert Phone(renewed.server.url(), "nieuw-toestel-0000000").answer(qtbot, item.id, optie=item.options[1][0]) == 200
    assert doc.answer(item.id).individual == {"voorronde": [item.options[0][0], item.options[1][0]]}
    panel.toggle()
