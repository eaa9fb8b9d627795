"""The main window's panel for phones: start a session, show the QR code, the address and the code.

``open_live_panel(parent, doc)`` opens (or raises) a small window beside the main window with the
mode (Voorronde or Live), the address the phones use (the default route's by default; the
laptop's other addresses to choose from), the QR code, the short code to type, how many phones
take part, and the Dutch network help. The session itself is ``ui.live_session.LiveSession``;
``session_for(doc)`` finds the running one (the presentation uses it to follow the projector).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..participation import NETWORK_HELP, Presence, laptop_addresses, qr_matrix
from ..participation.content import MODE_LABELS, Mode
from ..participation.identity import renew_identity
from . import dialogs
from .document import ScanDocument
from .live_session import LiveSession

_SESSIONS: dict[int, LiveSession] = {}


def session_for(doc: ScanDocument | None) -> LiveSession | None:
    """The running session of ``doc``, if any."""
    session = _SESSIONS.get(id(doc)) if doc is not None else None
    return session if session is not None and session.running else None


def start_session(doc: ScanDocument, mode: Mode, parent: QWidget | None = None, *,
                  address: str | None = None, **options) -> LiveSession:
    """Start (or switch the mode of) the session of ``doc``; returns at once, without waiting.

    The session emits ``ready`` once it listens or ``failed`` with a Dutch message; the GUI
    never waits for the port (issue 25).
    """
    existing = _SESSIONS.get(id(doc))
    if existing is not None and (existing.running or existing.starting):
        if existing.mode != mode:
            existing.set_mode(mode)
        return existing
    # the session listens on the chosen address only (the default route's when none was chosen)
    addresses = [address] if address else laptop_addresses()[:1]
    session = LiveSession(doc, mode=mode, addresses=options.pop("addresses", addresses), parent=parent, **options)
    _SESSIONS[id(doc)] = session
    session.stopped.connect(lambda: _SESSIONS.pop(id(doc), None))
    session.failed.connect(lambda _message: _SESSIONS.pop(id(doc), None))
    session.start()
    return session


def stop_session(doc: ScanDocument | None) -> None:
    """Stop the session of ``doc`` (the scan closes, the app quits)."""
    session = _SESSIONS.pop(id(doc), None) if doc is not None else None
    if session is not None:
        session.stop()


def network_help_html() -> str:
    title, points = NETWORK_HELP
    items = "".join(f"<li>{html.escape(p)}</li>" for p in points)
    return f"<p><b>{html.escape(title)}</b></p><ul>{items}</ul>"


class QrCode(QWidget):
    """A QR code drawn module by module: sharp at every size, dark on white (also in a dark theme)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)

    def set_text(self, text: str) -> None:
        self._matrix = qr_matrix(text) if text else []
        self.setAccessibleName(f"QR-code met het adres {text}" if text else "Geen QR-code: de sessie loopt niet")
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(260, 260)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return width

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if not self._matrix:
            return
        n = len(self._matrix)
        side = min(self.width(), self.height())
        module = max(1, side // n)
        size = module * n
        left, top = (self.width() - size) // 2, (self.height() - size) // 2
        painter = QPainter(self)
        painter.fillRect(left, top, size, size, QColor("white"))
        dark = QColor("black")
        for r, row in enumerate(self._matrix):
            for c, on in enumerate(row):
                if on:
                    painter.fillRect(left + c * module, top + r * module, module, module, dark)
        painter.end()


class LivePanel(QWidget):
    """Start/stop, mode, address, QR code, code, counts and help; one per main window."""

    def __init__(self, doc: ScanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowTitle("Deelnemers antwoorden op hun telefoon")
        self.doc = doc
        self.session: LiveSession | None = None
        lay = QVBoxLayout(self)
        intro = QLabel("Iedereen in de zaal antwoordt op de eigen telefoon, via het wifi-netwerk van deze laptop. "
                       "Er gaat niets naar internet. De antwoorden komen anoniem als individuele antwoorden in de "
                       "scan (niet in de score).", self)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        modes = QGroupBox("Soort sessie", self)
        ml = QVBoxLayout(modes)
        self.mode_buttons = QButtonGroup(self)
        self.voorronde = QRadioButton("&Voorronde: ieder beantwoordt alle items in eigen tempo, met opmerking", modes)
        self.live = QRadioButton("&Live: de telefoon volgt het item op het scherm van de presentatie", modes)
        for n, button in enumerate((self.voorronde, self.live)):
            self.mode_buttons.addButton(button, n)
            ml.addWidget(button)
        self.voorronde.setChecked(True)
        self.mode_buttons.idToggled.connect(self._mode_toggled)
        lay.addWidget(modes)
        row = QHBoxLayout()
        self.address_label = QLabel("&Adres voor de telefoons:", self)
        self.address_box = QComboBox(self)
        self.address_label.setBuddy(self.address_box)
        addresses = laptop_addresses()
        self.address_box.addItems(addresses or ["127.0.0.1"])
        self.address_box.setToolTip("Het adres van het netwerk waar de telefoons op zitten; het eerste is dat "
                                    "van het standaardnetwerk. De sessie luistert alleen op dit adres: stop "
                                    "de sessie om een ander te kiezen.")
        self.address_box.currentTextChanged.connect(self._show_address)
        row.addWidget(self.address_label)
        row.addWidget(self.address_box, 1)
        lay.addLayout(row)
        self.start_button = QPushButton("Sessie &starten", self)
        self.start_button.clicked.connect(self.toggle)
        lay.addWidget(self.start_button)
        self.close_round_button = QPushButton("Voorronde s&luiten (geen antwoorden meer)", self)
        self.close_round_button.setCheckable(True)
        self.close_round_button.setToolTip("Sluit de voorronde: de telefoons tonen 'gesloten' en nemen geen "
                                           "antwoorden meer aan. Nog eens klikken opent hem weer.")
        self.close_round_button.toggled.connect(self._close_round)
        lay.addWidget(self.close_round_button)
        self.new_code_button = QPushButton("&Nieuwe code… (oude adressen werken dan niet meer)", self)
        self.new_code_button.setToolTip("Maak een nieuw adres, een nieuwe QR-code en een nieuwe code voor de "
                                        "volgende sessie, zodat wie een oud adres heeft niet meer mee kan doen. "
                                        "De antwoorden in de scan blijven. Kan alleen als de sessie niet loopt.")
        self.new_code_button.clicked.connect(self.new_code)
        lay.addWidget(self.new_code_button)
        self.qr = QrCode(self)
        lay.addWidget(self.qr, 1)
        self.url_label = QLabel(self)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_label.setWordWrap(True)
        self.code_label = QLabel(self)
        font = self.code_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel("Er luistert niets zolang de sessie niet loopt.", self)
        self.status_label.setWordWrap(True)
        for w in (self.url_label, self.code_label, self.status_label):
            lay.addWidget(w)
        self.help_label = QLabel(network_help_html(), self)
        self.help_label.setWordWrap(True)
        self.help_label.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.help_label)
        self.resize(560, 900)
        running = session_for(doc)
        if running is not None:
            self._attach(running)
        self._show_address()
        doc.destroyed.connect(self.close)  # the scan was closed: this panel was for that scan

    @property
    def mode(self) -> Mode:
        return "live" if self.live.isChecked() else "voorronde"

    def toggle(self) -> None:
        if self.session is not None and (self.session.running or self.session.starting):
            stop_session(self.doc)
            return
        self._attach(start_session(self.doc, self.mode, self.parent(), address=self.address_box.currentText()))

    def _attach(self, session: LiveSession) -> None:
        self.session = session
        self.live.setChecked(session.mode == "live")
        session.presenceChanged.connect(self._presence)
        session.answerRecorded.connect(lambda _item: self._presence(session.presence))
        session.stopped.connect(self._detached)
        session.ready.connect(self._ready)
        session.failed.connect(self._failed)
        session.modeChanged.connect(lambda mode: self.live.setChecked(mode == "live"))
        self._show_address()
        if session.starting:
            self.status_label.setText("De sessie start…")
        else:
            self._presence(session.presence)

    def _ready(self) -> None:
        self._show_address()
        if self.session is not None:
            self._presence(self.session.presence)

    def _failed(self, message: str) -> None:
        self.session = None
        self._show_address()
        self.status_label.setText(message)
        dialogs.show_error(self, "Sessie niet gestart", message)

    def _detached(self) -> None:
        self.session = None
        self.close_round_button.setChecked(False)  # a new session starts with its voorronde open
        self._show_address()
        self.status_label.setText("Sessie gestopt: er luistert niets meer. De antwoorden staan in de scan.")

    def new_code(self) -> bool:
        """"Nieuwe code": a fresh identity for the scan's sessions (only while none runs); True if made."""
        if self.session is not None and (self.session.running or self.session.starting):
            return False
        if not dialogs.ask_new_session_code(self):
            return False
        self.doc.apply_outside_undo("", renew_identity)  # unsaved mark and recovery copy; not undoable
        self.status_label.setText("Nieuwe code gemaakt: oude adressen, QR-codes en de oude code werken niet meer. "
                                  "Sla de scan op; de antwoorden in de scan blijven staan.")
        return True

    def _close_round(self, closed: bool) -> None:
        self.close_round_button.setText("Voorronde weer &openen" if closed else
                                        "Voorronde s&luiten (geen antwoorden meer)")
        if self.session is not None and self.session.running:
            self.session.set_voorronde_open(not closed)

    def _mode_toggled(self, _id: int, checked: bool) -> None:
        if checked and self.session is not None and self.session.running and self.session.mode != self.mode:
            self.session.set_mode(self.mode)
        self._show_address()

    def _show_address(self) -> None:
        session = self.session if self.session is not None and self.session.running else None
        busy = self.session is not None and self.session.starting
        self.start_button.setText("Sessie &stoppen" if session or busy else "Sessie &starten")
        self.close_round_button.setEnabled(session is not None and self.mode == "voorronde")
        self.new_code_button.setEnabled(session is None and not busy)
        # it listens on one address: stop to choose another
        self.address_box.setEnabled(session is None and not busy)
        if session is not None and session.server.address != self.address_box.currentText():
            index = self.address_box.findText(session.server.address)
            if index >= 0:
                self.address_box.setCurrentIndex(index)  # re-enters here with the served address
                return
        if session is None:
            self.qr.set_text("")
            self.url_label.setText("")
            self.code_label.setText("")
            return
        address = self.address_box.currentText() if self.address_box.currentText() in \
            session.server.served_addresses() else None
        url = session.server.url(address)
        self.qr.set_text(url)
        self.url_label.setText(f"Adres: {url}")
        self.code_label.setText(f"Of typ: {session.server.typed_address(address)}")

    def _presence(self, presence: Presence) -> None:
        if self.session is None:
            return
        mode = MODE_LABELS[self.session.mode]
        now, answered = presence.connected, presence.participants
        self.status_label.setText(f"{mode} loopt: {now} {'telefoon' if now == 1 else 'telefoons'} nu verbonden · "
                                  f"{answered} {'heeft' if answered == 1 else 'hebben'} geantwoord in deze ronde · "
                                  f"{self.session.recorded} antwoorden ontvangen en in de scan.")


def open_live_panel(parent: QWidget | None, doc: ScanDocument) -> LivePanel:
    """Open the phones panel of ``doc`` (one per parent; raised when it is already open)."""
    panel = getattr(parent, "_live_panel", None)
    if not isinstance(panel, LivePanel) or panel.doc is not doc:
        panel = LivePanel(doc, parent)
        if parent is not None:
            parent._live_panel = panel
    panel.show()
    panel.raise_()
    panel.activateWindow()
    return panel
