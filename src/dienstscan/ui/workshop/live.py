"""Live participation on the projector: the phones follow the item, the spread stays hidden until revealed.

``LiveProjector(window, session)`` attaches a running ``LiveSession`` to a presentation window:
the session switches to Live and every item the projector shows goes to the phones (the closing
screen: "wacht"). A badge in the window shows the QR code, the short address to type and
"12 van 15 geantwoord" (how many phones answered this item, never what). The spread of the
individual answers is hidden while answers come in, so no one is swayed, until the facilitator
reveals it (``REVEAL_KEY``); ``QR_KEY`` shows the QR code large for latecomers. The agreed answer
is recorded with the number keys as before; "meeste verschil eerst" (V) orders by the live answers,
since they are the item's individual answers.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ...participation import Presence
from ...scoring.spread import item_spread
from ..live_panel import QrCode
from ..live_session import LiveSession

#: The keys as the presentation's key table (``keymap.KEYMAP``) names them.
REVEAL_KEY = "O"
QR_KEY = "Q"


def answered_text(answered: int, connected: int) -> str:
    """'12 van 15 geantwoord': of the phones with the page open now (never who or what)."""
    return f"{answered} van {max(answered, connected)} geantwoord"


class LiveBadge(QFrame):
    """QR code, address to type and the answer count, in a corner of the projector."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("liveBadge")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QFrame#liveBadge { background: white; border: 3px solid #0b4f8a; border-radius: 8px; }"
                           "QFrame#liveBadge QLabel { color: #1a1a1a; background: transparent; }")
        lay = QVBoxLayout(self)
        self.qr = QrCode(self)
        self.join_label = QLabel(self)
        self.join_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.join_label.setWordWrap(True)
        self.count_label = QLabel(self)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count_label.setObjectName("liveCount")
        lay.addWidget(self.qr, 1)
        lay.addWidget(self.join_label)
        lay.addWidget(self.count_label)
        self.large = False

    def fit(self, width: int) -> int:
        """Fonts for a badge ``width`` pixels wide (the address readable wherever the QR code is);
        returns the height the badge needs."""
        for label, share, bold in ((self.join_label, 1 / 15, False), (self.count_label, 1 / 10, True)):
            font = QFont()
            font.setPixelSize(max(10, int(width * share)))
            font.setBold(bold)
            label.setFont(font)
        self.count_label.setWordWrap(True)
        lay = self.layout()
        lay.activate()
        return lay.totalHeightForWidth(width) if lay.hasHeightForWidth() else lay.totalSizeHint().height()


class LiveProjector(QObject):
    """Connects one presentation window with one live session (until either goes)."""

    def __init__(self, window: QWidget, session: LiveSession) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.revealed = False
        self._detached = False
        self._item: str | None = None
        self.badge = LiveBadge(window)
        url = session.server.url()
        self.badge.qr.set_text(url)
        self.badge.join_label.setText(f"Doe mee op uw telefoon:\n{session.server.typed_address()}")
        session.set_mode("live")
        session.presenceChanged.connect(self._update_count)
        session.stopped.connect(self.detach)
        window.itemShown.connect(self._item_shown)
        window.installEventFilter(self)
        self._item_shown(window.current_item_id or "")
        self.place()

    # ------------------------------------------------------------------ following the projector

    def _item_shown(self, item_id: str) -> None:
        if item_id != self._item:
            self._item = item_id
            self.revealed = False  # each item starts hidden
        # the closing screen is the room's, not the phones': the badge steps aside (Q brings it back)
        self.badge.setVisible(bool(item_id) or self.badge.large)
        self.session.show_item(item_id or None)
        self._apply_reveal()
        self._update_count(self.session.presence)

    def _apply_reveal(self) -> None:
        """Spread and support poll say nothing until revealed; then the phones' (and earlier) answers."""
        view = self.window.item_view
        label = view.spread_label
        if not self._item:
            return
        answer = self.window.doc.answer(self._item)
        individual = answer.individual if answer else []
        poll = answer.poll if answer else None
        if poll is not None and poll.total and not self.revealed:
            view.poll_label.setText(f"Draagvlak: {poll.total} stemmen, verborgen tot de begeleider ze "
                                           "onthult (O)")
        if self.revealed and individual:
            spread = item_spread(self.window.doc.checklists, self._item, individual)
            label.setText(f"Individuele antwoorden (anoniem): {spread.text()}")
            label.setVisible(True)
        elif individual:
            label.setText("Individuele antwoorden: verborgen tot de begeleider ze onthult (O)")
            label.setVisible(True)
        else:
            label.setVisible(False)

    def _update_count(self, presence: Presence) -> None:
        if self._item:
            self.badge.count_label.setText(answered_text(presence.answered.get(self._item, 0), presence.connected))
        else:
            self.badge.count_label.setText(f"{presence.connected} {'telefoon' if presence.connected == 1 else 'telefoons'}"
                                           " verbonden")

    # ------------------------------------------------------------------ keys

    def handle_key(self, key: str) -> bool:
        """O reveals or hides the spread, Q the large QR code; False for any other key."""
        if key == REVEAL_KEY and self._item:
            self.revealed = not self.revealed
            if self.revealed:  # shown to the room: the item takes no more answers (issue 25)
                self.session.reveal_item(self._item)
            self.window.refresh()  # fills the item again; _item_shown then applies the reveal
            self.window.flash("Spreiding onthuld" if self.revealed else "Spreiding verborgen")
            return True
        if key == QR_KEY:
            self.badge.large = not self.badge.large
            self.badge.setVisible(bool(self._item) or self.badge.large)
            self.place()
            return True
        return False

    # ------------------------------------------------------------------ placing

    def place(self) -> None:
        """Small in the bottom right corner; large (Q) in the middle of the screen."""
        w, h = self.window.width(), self.window.height()
        margin = max(8, h // 60)
        width = int(min(h * 0.62, w * 0.9)) if self.badge.large else max(140, int(min(h * 0.27, w * 0.2)))
        height = min(h - 2 * margin, self.badge.fit(width))
        if self.badge.large:
            self.badge.setGeometry((w - width) // 2, (h - height) // 2, width, height)
        else:
            self.badge.setGeometry(w - width - margin, h - height - margin, width, height)
        self.badge.raise_()
        self.window.item_view.reserved_right = self.reserved_width()  # the item's text keeps clear of it

    def reserved_width(self) -> int:
        """How wide the badge is, so the window can keep its text clear of it."""
        return 0 if self.badge.large else self.badge.width() + max(8, self.window.height() // 60) * 2

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self.place()
        return False

    def detach(self) -> None:
        """Stop following (the window closes or the session stops); safe to call twice."""
        if self._detached:
            return
        self._detached = True
        for signal, slot in ((self.window.itemShown, self._item_shown), (self.session.stopped, self.detach),
                             (self.session.presenceChanged, self._update_count)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self.window.removeEventFilter(self)
        self.window.item_view.reserved_right = 0
        self.badge.hide()
        self.badge.deleteLater()
