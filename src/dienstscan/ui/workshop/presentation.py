"""Presentation mode: the scan on a projector, one item at a time, driven by keys and a clicker.

``PresentationWindow(doc, parent, screen=..., theme="light"|"dark")`` fills a screen (with two
screens the projector, while the laptop keeps the normal window) and shows one item
(``ItemView``; the text at least 1/25 of the screen height), after the last one the closing
screen (``overlays.ClosingScreen``). Everything is recorded through the ``ScanDocument`` (undo,
autosave).

Keys: ``keymap.KEYMAP`` is the one table of keys; ``handle_key`` looks the key up there for the
current context (an open overlay, an item, the closing screen) and calls the binding's
``key_*`` method below (or of the open overlay, for its own keys); the help overlay lists the
same table. Overlays (``overlays.py``: blank
screen, help, section overview, the live text field, a quick round) are widgets in
``self.overlays`` by name; ``open_overlay(name)`` shows one on top of the item, and while it is
open it takes the keys bound to its name. A new overlay: an ``Overlay`` subclass in ``overlays.py``
with its ``key_*`` methods, added to ``self.overlays`` in ``_build``, its rows in ``KEYMAP`` and
a row for the key that opens it (with a ``key_*`` method here). A new key on the main screen: a
row in ``KEYMAP`` and its ``key_*`` method here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QLayout, QStackedLayout, QVBoxLayout, QWidget

from ...model import ChecklistSet, items_in_scope
from ...scoring.spread import leading_spread, most_different_first
from ..document import ScanDocument
from ..live_panel import session_for, start_session
from . import keymap
from .commands import VOTE_LABELS, add_vote
from .item_view import ItemView
from .live import LiveProjector
from .overlays import (
    BlankOverlay,
    ClosingScreen,
    EditorOverlay,
    HelpOverlay,
    Overlay,
    OverviewOverlay,
    RoundOverlay,
    px,
)
from .theme import Palette, palette, stylesheet

_VOTE_KEYS = {"J": "ja", "T": "twijfel", "N": "nee"}


def choose_screen(parent: QWidget | None) -> QScreen | None:
    """With two or more screens the one the parent is not on (the projector), else the primary."""
    screens = QGuiApplication.screens()
    if not screens:
        return None
    own = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    others = [s for s in screens if s is not own]
    return others[0] if others else own


class PresentationWindow(QWidget):
    """The projector window; ``closed`` is emitted once when it goes away.

    Longer than ~300 lines on purpose: it is the presentation's state (order, position, votes,
    the open overlay) and one short ``key_*`` method per binding of ``keymap.KEYMAP`` that
    changes it. The screens (``ItemView``, ``ClosingScreen``) and the overlays, with their own
    keys, are widgets of their own; splitting the handlers from the state they change would only
    scatter the keymap's other half.
    """

    closed = Signal()
    #: The item shown changed (item id, or "" for the closing screen).
    itemShown = Signal(str)

    def __init__(self, doc: ScanDocument, parent: QWidget | None = None, *, screen: QScreen | None = None,
                 theme: str = "light") -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowTitle(f"Presentatie – {doc.assessment.organisation.name}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setObjectName("presentation")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.doc = doc
        self.checklists: ChecklistSet = doc.checklists
        self.palette_: Palette = palette(theme)
        self.theme = theme
        self.target_screen = screen
        self.order_mode = "checklist"
        self.items: list[str] = []
        self.index = 0
        self.on_closing_screen = False
        #: The name of the open overlay (a key of ``overlays``), or None.
        self.overlay: str | None = None
        self._votes: list[tuple[str, str]] = []
        self._closed_emitted = False
        self._sizes: dict[str, int] | None = None
        #: The phones of a live session, when one is attached (``attach_live``, key L).
        self.live: LiveProjector | None = None
        #: A session started with L that does not listen yet.
        self._starting_live = None
        self._build()
        self.apply_theme(theme)
        self._load_items()
        doc.changed.connect(self._doc_changed)
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.refresh()

    def _build(self) -> None:
        self.stack = QStackedLayout(self)
        self.item_view = ItemView(self)
        self._fitting = False
        self._refits = 0
        self.item_view.installEventFilter(self)
        self.closing = ClosingScreen(self)
        self.stack.addWidget(self.item_view)
        self.stack.addWidget(self.closing)
        editor = EditorOverlay(self, self._editor_key)
        #: The overlays by name (the ``when`` of their bindings in ``keymap.KEYMAP``).
        self.overlays: dict[str, Overlay] = {
            o.name: o for o in (BlankOverlay(self), HelpOverlay(self), OverviewOverlay(self), RoundOverlay(self), editor)}
        #: The live text field of the editor overlay.
        self.editor = editor.editor
        # the window has the screen's size; the text is fitted to it, never the other way round
        self.stack.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)

    def apply_theme(self, theme: str) -> None:
        p = palette(theme)
        self.palette_ = p
        self.theme = theme
        self.setStyleSheet(stylesheet(p))

    # ------------------------------------------------------------------ items and order

    def _load_items(self) -> None:
        self._checklist_order = [item.id for _, _, item in items_in_scope(self.checklists, self.doc.assessment)]
        self.items = list(self._checklist_order)

    def discussion_order(self) -> list[str]:
        """Items with individual answers, most disagreement first, then the rest in checklist order.

        Each round counts on its own (one answer per person per round); an item's place is that of
        its round with the most disagreement (``scoring.spread.leading_spread``)."""
        spreads = []
        for n, item_id in enumerate(self._checklist_order):
            spreads.append(leading_spread(self.checklists, item_id, self.doc.answer(item_id), n))
        first = [s.item_id for s in most_different_first(spreads, only_answered=True)]
        return first + [i for i in self._checklist_order if i not in set(first)]

    def set_order(self, mode: str) -> None:
        current = self.current_item_id
        self.order_mode = mode
        self.items = self.discussion_order() if mode == "verschil" else list(self._checklist_order)
        self.index = self.items.index(current) if current in self.items else 0
        self.refresh()

    @property
    def current_item_id(self) -> str | None:
        if self.on_closing_screen or not self.items:
            return None
        return self.items[self.index]

    def go_to(self, item_id: str) -> None:
        self.index = self.items.index(item_id)
        self.on_closing_screen = False
        self.refresh()

    def step(self, direction: int) -> None:
        if self.on_closing_screen:
            if direction < 0 and self.items:
                self.on_closing_screen = False
                self.index = len(self.items) - 1  # back from the closing screen: the last item
                self.refresh()
            return
        if direction > 0 and self.index >= len(self.items) - 1:
            self.show_closing()
            return
        self.index = max(0, min(len(self.items) - 1, self.index + direction))
        self.refresh()

    def show_closing(self) -> None:
        self.on_closing_screen = True
        self.refresh()
        self.itemShown.emit("")

    # ------------------------------------------------------------------ showing

    def _doc_changed(self, _key: str) -> None:
        self.refresh()  # the open overlay too (the live text field takes changes made elsewhere)

    def flash(self, message: str) -> None:
        self.item_view.status_label.setText(message)
        self.item_view.status_label.setAccessibleDescription(message)

    def refresh(self) -> None:
        if self.on_closing_screen:
            self.closing.fill(self.checklists, self.doc)
            self.stack.setCurrentWidget(self.closing)
        else:
            item_id = self.current_item_id
            if item_id is None:
                self.item_view.show_empty()
            else:
                note = (f"meeste verschil eerst: {self.index + 1} van {len(self.items)}"
                        if self.order_mode == "verschil" else "")
                self.item_view.show_item(self.checklists, self.doc, item_id, self._checklist_order, note)
                self.itemShown.emit(item_id)
            self.stack.setCurrentWidget(self.item_view)
        self._refresh_overlay()
        self._refits = 0
        self._fit()

    # ------------------------------------------------------------------ fonts and fitting

    def font_sizes(self, factor: float = 1.0) -> dict[str, int]:
        """Pixel sizes for the current height and a factor (the item view grows it to fill the
        screen, ``overlays.fill_fonts``): the item text is at least 1/25 of the height."""
        h = max(self.height(), 200)
        return {"item": px(h, max(factor, 1.0) / 25), "body": px(h, factor / 30), "small": px(h, factor / 40)}

    def _apply_fonts(self, factor: float) -> None:
        sizes = self.font_sizes(factor)
        self._sizes = sizes
        margin = max(8, self.height() // 40)
        self.item_view.set_fonts(sizes, margin)
        self.closing.layout_.setContentsMargins(margin * 2, margin, margin * 2, margin)
        self.closing.layout_.setSpacing(max(4, margin // 2))
        self.closing.set_fonts(sizes)
        for overlay in self.overlays.values():
            overlay.set_fonts(sizes)

    def _too_tall(self, layout: QVBoxLayout) -> bool:
        layout.activate()
        if layout.hasHeightForWidth():
            return layout.totalHeightForWidth(self.width()) > self.height()
        return layout.totalSizeHint().height() > self.height()

    def _fit(self) -> None:
        """The screen shown shrinks its secondary text (never the item text) until it fits."""
        screen = self.closing if self.on_closing_screen else self.item_view
        self._fitting = True
        try:
            screen.fit(lambda: self._too_tall(screen.layout_), self._apply_fonts)
        finally:
            self._fitting = False
        if screen is self.item_view:  # the answers' own grid: placed now, in the fonts just chosen
            self.item_view.options_layout.activate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # New answer labels take room only once the layout has shown and styled them (queued
        # steps of the event loop), after the fit: when the screen then no longer fits, fit again
        # (a few times at most), or the last lines of the text below fall off the screen without
        # a sign (issue 28: the ANT-FASE toelichting at 1920x1080)
        if (event.type() == QEvent.Type.LayoutRequest and watched is self.item_view and not self._fitting
                and not self.on_closing_screen and self._refits < 3 and self._too_tall(self.item_view.layout_)):
            self._refits += 1
            self._fit()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._refits = 0
        self._fit()
        self._refresh_overlay()

    # ------------------------------------------------------------------ overlays

    def open_overlay(self, name: str | None) -> None:
        """Show the overlay ``name`` on top (None: back to the item or closing screen)."""
        self.overlay = name
        self._refresh_overlay()
        self.setFocus(Qt.FocusReason.OtherFocusReason)  # an overlay with a text field takes it after this

    def _refresh_overlay(self) -> None:
        for name, overlay in self.overlays.items():
            if name != self.overlay:
                overlay.hide()
        overlay = self.overlays.get(self.overlay) if self.overlay else None
        if overlay is None:
            return
        overlay.setGeometry(self._overlay_rect(overlay))
        overlay.refresh()
        overlay.show()
        overlay.raise_()
        overlay.fit(px(self.height(), 1 / 50))

    def _overlay_rect(self, overlay: Overlay):
        """Overlays cover the window; the text field leaves the item text above it in view."""
        if overlay.full_screen:
            return self.rect()
        m = max(10, self.height() // 20)
        rect = self.rect().adjusted(m, m, -m, -m)
        if overlay.below_item and not self.on_closing_screen:
            label = self.item_view.item_label
            below_item = label.mapTo(self, label.rect().bottomLeft()).y() + m // 2
            rect.setTop(min(below_item, self.height() // 2))
        return rect

    # ------------------------------------------------------------------ keys (see keymap.KEYMAP)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Run the binding of ``event`` for the current context; False when no binding is ours."""
        found = keymap.find(event, ("anywhere",))
        if found is None:
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                return False  # other Ctrl combinations are not the presentation's
            if self.overlay is not None:
                found = keymap.find(event, (self.overlay,))
                if found is None:
                    return True  # an open overlay takes every key: a clicker's next does nothing unseen
            else:
                contexts = ("main", "item") if self.current_item_id is not None else ("main",)
                found = keymap.find(event, contexts)
        return self._run(found)

    def _editor_key(self, event: QKeyEvent) -> bool:
        """Keys in the live text field: undo/redo of the scan and the editor's own keys; the rest types."""
        return self._run(keymap.find(event, ("anywhere", "editor")))

    def _run(self, found: tuple[keymap.Binding, str] | None) -> bool:
        """Call the binding's handler: a method of its overlay for an overlay's keys, else of the window."""
        if found is None:
            return False
        binding, key = found
        getattr(self.overlays.get(binding.when, self), binding.handler)(key)
        return True

    def key_next(self, _key: str) -> None:
        self.step(1)

    def key_previous(self, _key: str) -> None:
        self.step(-1)

    def key_first(self, _key: str) -> None:
        if self.items:
            self.go_to(self.items[0])

    def key_closing(self, _key: str) -> None:
        self.show_closing()

    def key_blank(self, _key: str) -> None:
        self.open_overlay("blank")

    def key_help(self, _key: str) -> None:
        self.open_overlay("help")

    def key_overview(self, _key: str) -> None:
        self.open_overlay("overview")

    def key_leave(self, _key: str) -> None:
        self.close()

    def key_undo(self, _key: str) -> None:
        self.doc.undo_stack.undo()
        self.flash("Ongedaan gemaakt")

    def key_redo(self, _key: str) -> None:
        self.doc.undo_stack.redo()
        self.flash("Opnieuw uitgevoerd")

    def key_choose(self, key: str) -> None:
        self.choose(int(key) - 1)

    def key_vote(self, key: str) -> None:
        self.vote(_VOTE_KEYS[key])

    def key_take_back_vote(self, _key: str) -> None:
        self.take_back_vote()

    def key_explanation(self, _key: str) -> None:
        self.open_editor("explanation")

    def key_notes(self, _key: str) -> None:
        self.open_editor("notes")

    def open_editor(self, field: str = "explanation") -> None:
        """The live text field for ``"explanation"`` or ``"notes"`` of the item shown."""
        self.overlays["editor"].open(field)

    def key_round(self, _key: str) -> None:
        self.overlays["round"].start()

    def key_live(self, _key: str) -> None:
        if self.live is not None:
            self.flash("Telefoons doen al mee: Q toont de QR-code groot")
            return
        session = start_session(self.doc, "live", self.parent())
        if session.running:
            self._live_ready(session)
            return
        # the port opens on the server's thread: the projector goes on and hears back (issue 25)
        self.flash("Telefoons: de sessie start…")
        self._starting_live = session
        session.ready.connect(self._live_started)
        session.failed.connect(self.flash)

    def _live_started(self) -> None:
        session, self._starting_live = self._starting_live, None
        if session is not None and self.isVisible():
            self._live_ready(session)

    def _live_ready(self, session) -> None:
        self.attach_live(session)
        self.flash("Telefoons: scan de QR-code of typ het adres rechts")

    def attach_live(self, session) -> None:
        """Let the phones of ``session`` follow this window (the projector shows QR code and counts)."""
        if self.live is not None:
            return
        self.live = LiveProjector(self, session)
        session.stopped.connect(self._live_stopped)
        self._fit()

    def _live_stopped(self) -> None:
        self.live = None  # the projector detached itself
        self.refresh()

    def key_reveal(self, key: str) -> None:
        if self.live is None:
            self.flash("Geen telefoons verbonden (L: starten)")
            return
        self.live.handle_key(key)

    def key_comments(self, _key: str) -> None:
        """Participants' comments show only when the facilitator asks, for the item shown (issue 25)."""
        item_id = self.current_item_id
        view = self.item_view
        view.comments_shown_for = None if view.comments_shown_for == item_id else item_id
        self.refresh()
        self.flash("Opmerkingen van deelnemers getoond" if view.comments_shown_for else
                   "Opmerkingen van deelnemers verborgen")

    def key_qr(self, key: str) -> None:
        if self.live is None:
            self.flash("Geen telefoons verbonden (L: starten)")
            return
        self.live.handle_key(key)
        self._fit()

    def key_order(self, _key: str) -> None:
        self.set_order("checklist" if self.order_mode == "verschil" else "verschil")
        self.flash("Volgorde: meeste verschil eerst" if self.order_mode == "verschil" else "Volgorde: zoals de checklist")

    # ------------------------------------------------------------------ answers and votes

    def choose(self, index: int) -> bool:
        item_id = self.current_item_id
        options = self.checklists.scale_for(item_id).options
        if not 0 <= index < len(options):
            self.flash(f"Er is geen antwoord {index + 1}")
            return True
        self.doc.set_option(item_id, options[index].id)
        self.flash(f"Antwoord vastgelegd: {options[index].label}")
        return True

    def vote(self, kind: str) -> None:
        item_id = self.current_item_id
        add_vote(self.doc, item_id, kind, 1)
        self._votes.append((item_id, kind))
        self.flash(f"Stem {VOTE_LABELS[kind]} geteld")

    def take_back_vote(self) -> None:
        item_id = self.current_item_id
        answer = self.doc.answer(item_id)
        poll = answer.poll if answer else None
        for n in range(len(self._votes) - 1, -1, -1):
            vote_item, kind = self._votes[n]
            if vote_item == item_id:
                del self._votes[n]
                if poll is not None and getattr(poll, kind) > 0:
                    add_vote(self.doc, item_id, kind, -1)
                    self.flash(f"Stem {VOTE_LABELS[kind]} teruggenomen")
                    return
        self.flash("Geen stem om terug te nemen bij dit item")

    # ------------------------------------------------------------------ showing and leaving

    def show_presentation(self) -> None:
        """Full screen on the chosen screen."""
        if self.target_screen is not None:
            self.setScreen(self.target_screen)
            self.setGeometry(self.target_screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        super().closeEvent(event)
        if self.live is not None:  # the session goes on (the panel stops it); the phones wait
            session = self.live.session
            session.show_item(None)
            self.live.detach()
            self.live = None
            try:
                session.stopped.disconnect(self._live_stopped)
            except (RuntimeError, TypeError):
                pass
        if not self._closed_emitted:
            self._closed_emitted = True
            try:
                self.doc.changed.disconnect(self._doc_changed)
            except (RuntimeError, TypeError):
                pass
            self.closed.emit()


def start_presentation(parent: QWidget | None, doc: ScanDocument, *, theme: str | None = None,
                       screen: QScreen | None = None) -> PresentationWindow:
    """Open the presentation for ``doc`` full screen and return it (kept alive by ``parent``).

    The theme is remembered in the parent's ``presentation_theme`` attribute when set; the
    parent (the main window) gets the focus back when the presentation closes.
    """
    chosen_theme = theme or getattr(parent, "presentation_theme", "light")
    window = PresentationWindow(doc, parent, screen=screen or choose_screen(parent), theme=chosen_theme)
    running = session_for(doc)
    if running is not None:  # phones already take part (the panel started them): they follow the projector
        window.attach_live(running)
    # Not WA_DeleteOnClose: deleting it from under PySide crashed in tests; a closed presentation
    # stays hidden (disconnected from the document) until the parent goes.
    if parent is not None:
        parent._presentation = window  # keep a reference while it is open

        def back() -> None:
            if getattr(parent, "_presentation", None) is window:
                parent._presentation = None
            parent.activateWindow()
            parent.raise_()

        window.closed.connect(back)
    window.show_presentation()
    return window
