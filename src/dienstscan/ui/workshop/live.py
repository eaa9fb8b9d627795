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
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ...participation import Presence
from ...participation.identity import answers_by_round
from ..live_panel import QrCode
from ..live_session import LiveSession

#: The keys as the presentation's key table (``keymap.KEYMAP``) names them.
REVEAL_KEY = "O"
QR_KEY = "Q"


def answered_text(answered: int, connected: int) -> str:
    """'12 van 15 geantwoord': of the phones with the page open now (never who or what)."""
    return f"{answered} van {max(answered, connected)} geantwoord"


class LiveBadge(QFrame):
    """The right-hand column of the projector: QR code on top, the address to type, the answer count.

    The address is never smaller than the item's body text (``fit``), and the QR code takes the
    column's full width (issue 25).
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("liveBadge")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QFrame#liveBadge { background: white; border: 3px solid #0b4f8a; border-radius: 8px; }"
                           "QFrame#liveBadge QLabel { color: #1a1a1a; background: transparent; }")
        lay = QVBoxLayout(self)
        self.qr = QrCode(self)
        self.qr.setMinimumSize(60, 60)
        self.caption_label = QLabel("Doe mee op uw telefoon: scan de code of typ", self)
        self.join_label = QLabel(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("liveCount")
        for label in (self.caption_label, self.join_label, self.count_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        self.join_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.caption_label)
        lay.addWidget(self.join_label)
        lay.addStretch(1)
        lay.addWidget(self.count_label)
        self.large = False
        self.address = ""

    def set_address(self, typed: str) -> None:
        """The short address, broken after the port so it fits the column at body size."""
        self.address = typed
        host, _, code = typed.partition("/")
        self.join_label.setText(f"{host}\n/{code}" if code else host)  # (one line when large: ``fit``)
        self.join_label.setAccessibleName(f"Adres om te typen: {typed}")

    def needed_width(self, body_px: int) -> int:
        """The column width that shows the address lines at ``body_px`` (bold) without breaking them."""
        metrics = QFontMetrics(_font(body_px, bold=True))
        host, _, code = self.address.partition("/")
        lines = [host, f"/{code}"] if code else [host]
        border = 2 * 3 + 8  # the frame (3 px each side) and a little air
        return max(metrics.horizontalAdvance(line) for line in lines) + 2 * self._padding(body_px) + border

    @staticmethod
    def _padding(body_px: int) -> int:
        return max(8, body_px // 2)

    def fit(self, width: int, height: int, body_px: int) -> None:
        """Fonts and QR code for a column ``width`` x ``height``; the address at ``body_px`` at least."""
        pad = self._padding(body_px)
        self.layout().setContentsMargins(pad, pad, pad, pad)
        self.layout().setSpacing(max(4, pad // 2))
        self.caption_label.setFont(_font(max(10, int(body_px * 0.7))))
        self.join_label.setFont(_font(body_px, bold=True))
        self.count_label.setFont(_font(body_px, bold=True))
        inner = width - 2 * pad
        # the QR code takes the column's width, leaving room for the texts under it
        # large (Q) is for latecomers: the QR code as large as the screen allows, the address on one line
        self.count_label.setVisible(not self.large)
        self.caption_label.setVisible(not self.large)
        host, _, code = self.address.partition("/")
        self.join_label.setText(self.address if self.large or not code else f"{host}\n/{code}")
        texts = sum(label.heightForWidth(inner) for label in (self.caption_label, self.join_label, self.count_label)
                    if not label.isHidden())
        side = max(60, min(inner, height - texts - 4 * pad))
        self.qr.setFixedSize(side, side)


def _font(px: int, *, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(max(10, px))
    f.setBold(bold)
    return f


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
        self.badge.set_address(session.server.typed_address())
        self._body = 0
        window.item_view.reserve = self._reserve
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
        individual = answer.has_individual() if answer else False
        poll = answer.poll if answer else None
        if poll is not None and poll.total and not self.revealed:
            view.poll_label.setText(f"Draagvlak: {poll.total} stemmen, verborgen tot de begeleider ze "
                                           "onthult (O)")
        if self.revealed and individual:
            # the bar chart: one bar per round (one answer per person per round), the agreed answer marked
            doc = self.window.doc
            scale = doc.checklists.scale_for(self._item)
            view.reveal_chart.set_data([(o.id, o.label) for o in scale.options],
                                       answers_by_round(doc.assessment, self._item),
                                       answer.option if answer else None, self.window.palette_)
            view.reveal_chart.setVisible(True)
            label.setVisible(False)
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
        """A column at the right from top to bottom; large (Q) in the middle of the screen."""
        self._reserve(self._sizes())

    def _sizes(self) -> dict[str, int]:
        sizes = getattr(self.window, "_sizes", None)
        return sizes if isinstance(sizes, dict) else self.window.font_sizes()

    def _reserve(self, sizes: dict[str, int]) -> int:
        """Place the column for the window's font ``sizes``; returns the width the item text keeps free."""
        w, h = self.window.width(), self.window.height()
        margin = max(8, h // 60)
        body = sizes["body"]
        self._body = body
        if self.badge.large:
            width = int(min(h * 0.85, w * 0.9))
            height = h - 2 * margin
            self.badge.fit(width, height, body)
            self.badge.setGeometry((w - width) // 2, margin, width, height)
            self.badge.raise_()
            return 0
        # as wide as the address needs at body size, at least a fifth of the screen, at most 40 %
        width = min(int(w * 0.4), max(int(w * 0.2), self.badge.needed_width(body)))
        height = h - 2 * margin
        self.badge.fit(width, height, body)
        self.badge.setGeometry(w - width - margin, margin, width, height)
        self.badge.raise_()
        return width + 2 * margin

    def reserved_width(self) -> int:
        """How wide the column is, so the window can keep its text clear of it."""
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
        if self.window.item_view.reserve == self._reserve:
            self.window.item_view.reserve = None
        self.window.item_view.reserved_right = 0
        self.badge.hide()
        self.badge.deleteLater()
