"""A live participation session of the open scan: the core's server, with its answers in the document.

``LiveSession(doc)`` starts a ``dienstscan.participation.ParticipationServer`` (a background thread)
and brings every accepted answer to the GUI thread through a queued Qt signal. There it becomes
an ``AnswerEdit`` pushed on the document's undo stack, like the forms and the quick round of
number keys (``ui/workshop/commands.py``): undoable, marked unsaved, never in the score. A short
timer then writes the recovery copy and only after that confirms the answers to the phones, so an
answer a phone saw as "Bewaard" survives a crash of the app (well within a second).

The session stops with ``stop()``, when the document goes, and when the application quits.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from ..participation import (
    Accepted,
    Event,
    Limits,
    ParticipationServer,
    Presence,
    SessionContent,
    apply_change,
    laptop_addresses,
)
from ..participation.content import Mode
from .document import AnswerEdit, ScanDocument

log = logging.getLogger(__name__)

#: The port tried first: a fixed port keeps a phone's saved place (its browser storage) between sessions.
DEFAULT_PORT = 8765
#: Milliseconds between an answer and the recovery copy that makes it safe (then it is confirmed).
CONFIRM_DELAY_MS = 150


class LiveSession(QObject):
    """One running session; ``presenceChanged`` and ``answerRecorded`` report what happens."""

    #: ``Presence``: how many phones take part and how many answered each item.
    presenceChanged = Signal(object)
    #: An answer from a phone went into the document (item id).
    answerRecorded = Signal(str)
    modeChanged = Signal(str)
    stopped = Signal()
    #: Internal: the server thread hands its events over here (queued to the GUI thread).
    _incoming = Signal(object)

    def __init__(self, doc: ScanDocument, *, mode: Mode = "voorronde", port: int = DEFAULT_PORT,
                 host: str | None = None, addresses: list[str] | None = None, limits: Limits | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.content = SessionContent.build(doc.checklists, doc.assessment)
        self.presence = Presence(0, {})
        self.recorded = 0
        self._pending: list[Accepted] = []
        self._shown: str | None = None
        self._incoming.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self.server = ParticipationServer(self.content, self._incoming.emit, mode=mode, host=host, port=port,
                                          addresses=addresses if addresses is not None else laptop_addresses(),
                                          limits=limits)
        self._confirm_timer = QTimer(self, singleShot=True, interval=CONFIRM_DELAY_MS)
        self._confirm_timer.timeout.connect(self.make_safe)
        self._doc_alive = True
        doc.destroyed.connect(self._doc_gone)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    # ------------------------------------------------------------------ life cycle

    @property
    def mode(self) -> Mode:
        return self.server.mode

    @property
    def running(self) -> bool:
        return self.server.running

    def start(self) -> None:
        """Listen; when the usual port is taken another free one is used. Raises ``OSError``."""
        try:
            self.server.start()
        except OSError:
            if self.server.requested_port == 0:
                raise
            log.info("poort %s bezet; een vrije poort wordt gekozen", self.server.requested_port)
            self.server.requested_port = 0
            self.server.start()

    def stop(self) -> None:
        """Close the server; answers not yet made safe are made safe now (or refused to the phone)."""
        if not self.server.running:
            return
        self.server.stop()
        # answers the server accepted just before it stopped are still on their way: take them in
        QCoreApplication.sendPostedEvents(self)
        self.make_safe()
        self.stopped.emit()

    def _doc_gone(self) -> None:
        """The document was deleted under a running session (normally the window stops it first)."""
        self._doc_alive = False
        self.stop()

    def set_mode(self, mode: Mode) -> None:
        self.server.set_mode(mode)
        self.modeChanged.emit(mode)

    def show_item(self, item_id: str | None) -> None:
        """Live: the phones follow the projector (only when the item really changed)."""
        if item_id == self._shown:
            return
        self._shown = item_id
        self.server.show_item(item_id or None)

    def answered(self, item_id: str) -> int:
        """How many phones answered this item in this session."""
        return self.presence.answered.get(item_id, 0)

    # ------------------------------------------------------------------ events (GUI thread)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, Presence):
            self.presence = event
            self.presenceChanged.emit(event)
            return
        if not self._doc_alive:
            event.fail()  # nowhere to keep it: the phone hears "not saved" and keeps its answer
            return
        change = event.change
        self._pending.append(event)
        if not self._confirm_timer.isActive():
            self._confirm_timer.start()
        if change.is_empty():
            return  # a phone asked again: confirmed with the next recovery copy
        command = AnswerEdit(self.doc, change.item_id, apply_change(self.doc.answer(change.item_id), change),
                             "individual", mergeable=False)
        command.setText(change.describe())
        self.doc.push(command)
        self.recorded += 1
        self.answerRecorded.emit(change.item_id)

    def make_safe(self) -> None:
        """Write the recovery copy, then tell the phones their answers are safe."""
        self._confirm_timer.stop()
        pending, self._pending = self._pending, []
        if not pending:
            return
        if not self._doc_alive:
            for event in pending:
                event.fail()
            return
        # saved meanwhile: the answers are in the scan file itself, no recovery copy is needed
        written = self.doc.write_recovery() if self.doc.is_dirty() else self.doc.path
        for event in pending:
            if written is not None:
                event.confirm()
            else:
                event.fail()  # the phone shows "nog niet bewaard" and sends it again
