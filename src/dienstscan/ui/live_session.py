"""A live participation session of the open scan: the core's server, with its answers in the document.

``LiveSession(doc)`` starts a ``dienstscan.participation.ParticipationServer`` (a background thread)
and brings every accepted answer to the GUI thread through a queued Qt signal. There it goes into
the scan with ``identity.apply_to_scan`` through ``ScanDocument.apply_outside_undo``: marked
unsaved, never in the score, and *not* on the facilitator's undo stack (issue 25: Ctrl+Z undoes the
facilitator's own steps, never a participant's answer). A short timer then writes the recovery
copy and only after that confirms the answers to the phones, so an answer a phone saw as "Bewaard"
survives a crash of the app (well within a second).

The session's identity (secret, short code, the phones' keyed answers) is kept in the scan
(``Assessment.live_session``): started again on the same scan, after a crash or later, the session
has the same address and QR code and each returning phone its own answers.

``start()`` never blocks the GUI thread: the server opens its port on its own thread and the
session then emits ``ready`` (listening; when the usual port is taken, on the next free one) or
``failed`` with a Dutch message. The session stops with ``stop()``, when the document goes, and
when the application quits.
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
    laptop_addresses,
)
from ..participation.identity import apply_to_scan, new_identity
from ..participation.server import DEFAULT_PORT, start_failure_message
from ..participation.content import Mode
from .document import ScanDocument

log = logging.getLogger(__name__)

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
    #: The server listens: its address, port and QR code are known now.
    ready = Signal()
    #: The server could not start (Dutch message: why, and what to do).
    failed = Signal(str)
    #: Internal: the server thread hands its events over here (queued to the GUI thread).
    _incoming = Signal(object)
    #: Internal: the server thread reports its start (None or the error), queued to the GUI thread.
    _started = Signal(object)

    def __init__(self, doc: ScanDocument, *, mode: Mode = "voorronde", port: int | None = None,
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
        # the scan keeps the session's identity: started again, the address and QR code stay the same
        if doc.assessment.live_session is None:
            doc.assessment.live_session = new_identity()
        identity = doc.assessment.live_session
        if port is None:
            port = identity.port or DEFAULT_PORT
        self._started.connect(self._on_started, Qt.ConnectionType.QueuedConnection)
        self._starting = False
        self._cancelled = False
        self.server = ParticipationServer(self.content, self._incoming.emit, mode=mode, host=host, port=port,
                                          addresses=addresses if addresses is not None else laptop_addresses(),
                                          limits=limits, identity=identity)
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

    @property
    def starting(self) -> bool:
        """Started but not listening yet (``ready`` or ``failed`` follows)."""
        return self._starting

    def start(self) -> None:
        """Open the port on the server's thread and return at once; ``ready`` or ``failed`` follows.

        When the usual port is taken (another session, another program) the next free one is used.
        """
        if self._starting or self.server.running:
            return
        self._starting = True
        self._cancelled = False
        self.server.start_in_background(self._started.emit, any_port_if_taken=True)

    def _on_started(self, error: BaseException | None) -> None:
        self._starting = False
        if error is not None:
            log.info("sessie niet gestart: %s", error)
            self.failed.emit(start_failure_message(error, self.server.requested_port))
            return
        if self._cancelled or not self._doc_alive:  # stopped (or the scan closed) while it was starting
            self.server.stop()
            self.stopped.emit()
            return
        if self.doc.assessment.live_session is not None:
            self.doc.assessment.live_session.port = self.server.port
        self.ready.emit()

    def stop(self) -> None:
        """Close the server; answers not yet made safe are made safe now (or refused to the phone)."""
        if self._starting:
            self._cancelled = True  # closed as soon as it listens; the GUI does not wait for that
            return
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

    # ------------------------------------------------------------------ item states (issue 25)

    def reveal_item(self, item_id: str) -> None:
        """The spread of the item is shown to the room: the item takes no more answers."""
        self.server.reveal_item(item_id)

    def set_voorronde_open(self, is_open: bool) -> None:
        """Close the voorronde (every item at once) or open it again."""
        self.server.set_voorronde_open(is_open)

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
        self.doc.apply_outside_undo(change.item_id, lambda assessment: apply_to_scan(assessment, change))
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
