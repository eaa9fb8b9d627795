"""What the presentation window shows on top of the item, and its closing screen, as widgets.

An overlay is a child of the presentation window with a ``name`` (the key of
``PresentationWindow.overlays`` and the ``when`` of its bindings in ``keymap.KEYMAP``); it
reads the presentation's state through ``view`` (a ``PresentationView``), fills itself in
``refresh()`` and follows the window's ``set_fonts(sizes)``. While one is open it takes the keys:
its bindings call its own ``key_*`` methods, and it shows them as a hint line. To add one:
subclass ``PanelOverlay`` (or ``Overlay``), add it to the window's ``overlays`` and add its
bindings, plus the key that opens it, to ``KEYMAP``.

- ``BlankOverlay``: the black screen (B or period).
- ``HelpOverlay``: every key of the main screen, generated from ``KEYMAP`` (F1 or ?).
- ``OverviewOverlay``: the items of the current section and their answers (S).
- ``RoundOverlay``: a quick round, the spread of anonymous individual answers as they come (R).
- ``EditorOverlay``: the large live text field for the explanation or notes (E, Shift+E); it
  leaves the item text above it in view.
- ``ClosingScreen``: after the last item, the scores against the benchmarks and the proposed
  actions (a page of the window, not an overlay).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from ...model import ChecklistSet
from ...plan import plan_order, visible_actions
from ...scoring import score
from ...scoring.spread import item_spread
from ..document import ScanDocument
from . import keymap
from .closing_bars import ClosingBars
from .commands import QUICK_ROUND, add_individual, set_individual

#: The field names as the editor's title shows them.
FIELD_LABELS = {"explanation": "Uitleg", "notes": "Notities"}


#: The secondary text shrinks in steps of this factor, down to the minimum (the item text never).
FONT_FACTOR_STEP = 0.06
MIN_FONT_FACTOR = 0.62


def shrink_fonts(too_tall: Callable[[], bool], apply_fonts: Callable[[float], None]) -> None:
    """Apply smaller font factors until the screen is no longer ``too_tall`` or the minimum is reached."""
    factor = 1.0
    apply_fonts(factor)
    while too_tall() and factor > MIN_FONT_FACTOR:
        factor -= FONT_FACTOR_STEP
        apply_fonts(factor)


#: How far an item's text may grow to fill the screen (a short norm would leave it half empty).
MAX_FONT_FACTOR = 1.9


def fill_fonts(too_tall: Callable[[], bool], apply_fonts: Callable[[float], None]) -> float:
    """The largest font factor (up to ``MAX_FONT_FACTOR``) at which the screen is not ``too_tall``.

    A binary search of a few steps (each lays the screen out once); when even the minimum is too
    tall the minimum stays applied and the caller cuts texts. Returns the factor applied.
    """
    apply_fonts(MAX_FONT_FACTOR)
    if not too_tall():
        return MAX_FONT_FACTOR
    low, high = MIN_FONT_FACTOR, MAX_FONT_FACTOR  # the answer lies in [low, high)
    apply_fonts(low)
    if too_tall():
        return low
    while high - low > FONT_FACTOR_STEP / 3:
        middle = (low + high) / 2
        apply_fonts(middle)
        if too_tall():
            high = middle
        else:
            low = middle
    apply_fonts(low)
    return low


def px(height: int, fraction: float) -> int:
    """A pixel size as a fraction of the screen height, never below 10."""
    return max(10, math.ceil(height * fraction))


def font(size: int, *, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(size)
    f.setBold(bold)
    return f


def text_label(parent: QWidget, name: str, *, wrap: bool = True) -> QLabel:
    """A label styled by its object name (``item``, ``body``, ``muted``, ``accent``, ``option``)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def short(text: str, limit: int = 90) -> str:
    """The first clause of a long action title, cut at a word (the full text is in the plan)."""
    text = " ".join(text.split())
    for mark in (": ", "; ", ", en "):
        head = text.split(mark)[0]
        if 25 <= len(head) < len(text):
            text = head + " …"
            break
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


class PresentationView(Protocol):
    """What overlays use of the presentation (``PresentationWindow`` has it)."""

    doc: ScanDocument
    checklists: ChecklistSet
    items: list[str]
    #: The name of the open overlay, or None.
    overlay: str | None

    @property
    def current_item_id(self) -> str | None: ...

    def open_overlay(self, name: str | None) -> None: ...
    def flash(self, message: str) -> None: ...
    def refresh(self) -> None: ...


class Overlay(QFrame):
    """Base of every overlay: hidden until opened; ``full_screen`` ones cover the whole window."""

    name = ""
    full_screen = False
    #: True: the overlay starts below the item text, which stays in view.
    below_item = False

    def __init__(self, view: PresentationView) -> None:
        super().__init__(view)  # the presentation window is the view and the parent
        self.view = view
        self.hide()

    def refresh(self) -> None:
        """Fill from the presentation's state (called when opened and after every change)."""

    def key_close(self, _key: str) -> None:
        self.view.open_overlay(None)

    def set_fonts(self, sizes: dict[str, int]) -> None:
        """Follow the window's font sizes (``item``, ``body``, ``small`` in pixels)."""

    def fit(self, floor: int) -> None:
        """Make the content fit the overlay's height (text not below ``floor`` pixels)."""


class BlankOverlay(Overlay):
    name = "blank"
    full_screen = True

    def __init__(self, view: PresentationView) -> None:
        super().__init__(view)
        self.setObjectName("blank")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)


class PanelOverlay(Overlay):
    """A framed panel: a title, a text and a hint line with the overlay's own keys."""

    def __init__(self, view: PresentationView) -> None:
        super().__init__(view)
        self.setObjectName("overlay")
        self.layout_ = QVBoxLayout(self)
        self.title = text_label(self, "accent")
        self.text = text_label(self, "body")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.hint = text_label(self, "muted")
        self.hint.setText(keymap.hint(self.name))
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.text)
        self.layout_.addStretch(1)  # the texts stay at the top
        self.layout_.addWidget(self.hint)
        self.layout_.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._body_px = 16

    def set_fonts(self, sizes: dict[str, int]) -> None:
        self._body_px = sizes["body"]
        self.title.setFont(font(sizes["body"], bold=True))
        self.text.setFont(font(sizes["body"]))
        self.hint.setFont(font(sizes["small"]))

    def fit(self, floor: int) -> None:
        """The text gets smaller (not below ``floor``) until the panel holds it."""
        size = self._body_px
        while True:
            self.text.setFont(font(size))
            self.layout_.activate()
            if self.layout_.totalHeightForWidth(self.width()) <= self.height() or size <= floor:
                break
            size -= 1


class HelpOverlay(PanelOverlay):
    name = "help"

    def refresh(self) -> None:
        self.title.setText("Toetsen in de presentatie")
        rows = "".join(f"<tr><td><b>{html.escape(keys)}</b>&nbsp;&nbsp;</td><td>{html.escape(what)}</td></tr>"
                       for keys, what in keymap.help_rows())
        self.text.setText(f"<table cellspacing='4'>{rows}</table>")


class OverviewOverlay(PanelOverlay):
    name = "overview"

    def refresh(self) -> None:
        view = self.view
        current = view.current_item_id
        item_id = current or (view.items[-1] if view.items else None)
        if item_id is None:
            return
        fw, section, _ = view.checklists.locate(item_id)
        items = section.items if section is not None else fw.items
        self.title.setText(f"Overzicht: {fw.title}" + (f" · {section.title}" if section else ""))
        rows = []
        for item in items:
            if item.id not in view.items:
                continue
            answer = view.doc.answer(item.id)
            option = view.checklists.scale_for(item.id).option(answer.option) if answer and answer.option else None
            state = f"✓ {option.label}" if option else "– nog open"
            here = item.id == current
            text = html.escape(item.text if len(item.text) <= 90 else item.text[:87] + "…")
            cell = f"<b>▶ {html.escape(item.id)}</b>" if here else html.escape(item.id)
            rows.append(f"<tr><td>{cell}&nbsp;</td><td>{'<b>' + text + '</b>' if here else text}&nbsp;</td>"
                        f"<td><b>{html.escape(state)}</b></td></tr>")
        self.text.setText(f"<table cellspacing='3'>{''.join(rows)}</table>")


class RoundOverlay(PanelOverlay):
    """A quick round: each participant presses the number of their answer, anonymously."""

    name = "round"

    def __init__(self, view: PresentationView) -> None:
        super().__init__(view)
        #: The individual answers given in this round.
        self.answers: list[str] = []

    def start(self) -> None:
        self.answers = []
        self.view.open_overlay(self.name)

    def refresh(self) -> None:
        view = self.view
        item_id = view.current_item_id
        if item_id is None:
            return
        answer = view.doc.answer(item_id)
        # the quick round is a round of its own: the phones' and the forms' answers are not in it
        individual = answer.individual_in(QUICK_ROUND) if answer else []
        spread = item_spread(view.checklists, item_id, individual)
        participants = len(view.doc.assessment.participants)
        of = f" van {participants}" if participants else ""
        self.title.setText(f"Snelle ronde bij {item_id}: deelnemer {len(self.answers) + 1}{of}, "
                           f"druk het nummer van uw antwoord")
        earlier = len(individual) - len(self.answers)
        rows = "".join(f"<tr><td><b>{n}</b>&nbsp;&nbsp;</td><td>{html.escape(label)}&nbsp;&nbsp;</td>"
                       f"<td><b>{count}</b></td></tr>"
                       for n, (_, label, count) in enumerate(spread.counts, start=1))
        note = (f"<p>Er waren al {earlier} antwoorden in een eerdere snelle ronde; deze ronde telt erbij. "
                f"Delete: die eerst wissen.</p>") if earlier > 0 else ""
        self.text.setText(f"<p>{len(self.answers)} antwoorden in deze ronde (anoniem, alleen aantallen).</p>"
                          f"<table cellspacing='4'>{rows}</table>{note}")

    def key_answer(self, key: str) -> None:
        item_id = self.view.current_item_id
        options = self.view.checklists.scale_for(item_id).options
        index = int(key) - 1
        if index < len(options):
            self.answers.append(options[index].id)
            add_individual(self.view.doc, item_id, options[index].id)  # the window refreshes on the change

    def key_take_back(self, _key: str) -> None:
        item_id = self.view.current_item_id
        answer = self.view.doc.answer(item_id)
        if self.answers and answer is not None and answer.individual_in(QUICK_ROUND):
            self.answers.pop()
            set_individual(self.view.doc, item_id, answer.individual_in(QUICK_ROUND)[:-1],
                           f"Laatste individuele antwoord bij {item_id} teruggenomen")

    def key_clear(self, _key: str) -> None:
        item_id = self.view.current_item_id
        answer = self.view.doc.answer(item_id)
        self.answers = []
        if answer is not None and answer.individual_in(QUICK_ROUND):
            set_individual(self.view.doc, item_id, [], f"Antwoorden van de snelle ronde bij {item_id} gewist")
        else:
            self.refresh()

    def key_done(self, _key: str) -> None:
        self.view.flash(f"Snelle ronde klaar: {len(self.answers)} antwoorden")
        self.view.open_overlay(None)
        self.view.refresh()


class LiveEditor(QPlainTextEdit):
    """The large text field; ``on_key(event)`` gets each key first (the keymap's ``editor`` keys)."""

    def __init__(self, parent: QWidget, on_key: Callable[[QKeyEvent], bool]) -> None:
        super().__init__(parent)
        self.on_key = on_key

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if not self.on_key(event):
            super().keyPressEvent(event)


class EditorOverlay(PanelOverlay):
    """The explanation or notes typed live into the scan; the item text stays in view above it."""

    name = "editor"
    below_item = True

    def __init__(self, view: PresentationView, on_key: Callable[[QKeyEvent], bool]) -> None:
        super().__init__(view)
        #: ``"explanation"`` or ``"notes"``.
        self.field = "explanation"
        self._syncing = False
        self.editor = LiveEditor(self, on_key)
        self.editor.setObjectName("editor")
        self.editor.setAccessibleName("Uitleg of notities")
        self.editor.textChanged.connect(self._typed)
        self.text.hide()
        self.hint.hide()  # the title names the keys
        self.layout_.insertWidget(2, self.editor, 1000)

    def open(self, field: str) -> None:
        if self.view.current_item_id is None:
            return
        self.field = field
        self.view.open_overlay(self.name)
        self.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def refresh(self) -> None:
        self.title.setText(f"{FIELD_LABELS[self.field]} bij {self.view.current_item_id} – typ live · "
                           f"{keymap.hint('editor')}")
        if not self._syncing:  # a change made elsewhere (undo): show it
            self._sync()

    def _sync(self) -> None:
        item_id = self.view.current_item_id
        answer = self.view.doc.answer(item_id) if item_id else None
        text = getattr(answer, self.field) if answer else ""
        if self.editor.toPlainText() != text:
            self._syncing = True
            try:
                self.editor.setPlainText(text)
                self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
            finally:
                self._syncing = False

    def _typed(self) -> None:
        item_id = self.view.current_item_id
        if self._syncing or self.view.overlay != self.name or item_id is None:
            return
        self._syncing = True
        try:
            self.view.doc.set_text(item_id, self.field, self.editor.toPlainText())
        finally:
            self._syncing = False

    def key_done(self, _key: str) -> None:
        self.view.open_overlay(None)
        self.view.flash(f"{FIELD_LABELS[self.field]} vastgelegd")
        self.view.refresh()

    def key_switch(self, _key: str) -> None:
        self.open("notes" if self.field == "explanation" else "explanation")

    def set_fonts(self, sizes: dict[str, int]) -> None:
        super().set_fonts(sizes)
        self.editor.setFont(font(sizes["item"]))

    def fit(self, floor: int) -> None:
        """The text field scrolls: nothing to fit."""


class ClosingScreen(QWidget):
    """After the last item: the scores against the benchmarks and the proposed actions."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.layout_ = QVBoxLayout(self)
        self.title = text_label(self, "item")
        #: The scores against the benchmarks as bars (the sentences below say the same in words).
        self.bars = ClosingBars(self)
        self.scores = text_label(self, "body")
        self.scores.setTextFormat(Qt.TextFormat.RichText)
        self.actions_title = text_label(self, "accent")
        self.actions = text_label(self, "body")
        self.actions.setTextFormat(Qt.TextFormat.RichText)
        for w in (self.title, self.bars, self.scores, self.actions_title, self.actions):
            self.layout_.addWidget(w)
        self.layout_.addStretch(1)
        self.hint = text_label(self, "muted")
        self.hint.setText("PageUp: terug naar de items · Esc: presentatie verlaten")
        self.layout_.addWidget(self.hint)
        self.layout_.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.action_rows: list[str] = []

    def fill(self, checklists: ChecklistSet, doc: ScanDocument) -> None:
        report = score(checklists, doc.assessment)
        self.title.setText(f"Afsluiting: waar staat {doc.assessment.organisation.name}?")
        self.bars.set_report(report)
        # the bars show each framework's score and benchmarks; the text adds the sentences in words
        rows = []
        for fw in report.frameworks:
            if fw.comparison is not None:
                rows.append(f"<p><b>{html.escape(fw.short_title)}:</b> {html.escape(fw.comparison.sentence)}</p>")
            for sep in fw.separate_items:
                if sep.comparison is not None:
                    rows.append(f"<p><b>{html.escape(sep.item_id)}:</b> {html.escape(sep.comparison.sentence)}</p>")
        self.scores.setText("".join(rows) or ("" if report.frameworks else "<p>Geen kaders in scope.</p>"))
        # the document keeps the proposals in step with the answers (ScanDocument.sync_proposals)
        actions = plan_order(visible_actions(doc.assessment))
        self.actions_title.setText(f"Voorgestelde acties voor het verbeterplan ({len(actions)})")
        self.action_rows = [
            f"<li><b>[{html.escape(a.priority.capitalize())}]</b> {html.escape(short(a.title))}"
            + (f" <i>({html.escape(a.item_id)})</i>" if a.item_id else "") + "</li>" for a in actions]
        self.show_actions(len(self.action_rows))

    def show_actions(self, shown: int) -> None:
        """The first ``shown`` actions, and how many more are in the plan."""
        rows = self.action_rows[:shown]
        rest = len(self.action_rows) - shown
        more = f"<p>… en nog {rest} {'actie' if rest == 1 else 'acties'}: zie het verbeterplan.</p>" if rest else ""
        if rows:
            shown_rows = f"<ul>{''.join(rows)}</ul>"
        else:
            shown_rows = "" if rest else "<p>Geen: geen tekortkomingen gevonden.</p>"
        self.actions.setText(shown_rows + more)

    def fit(self, too_tall: Callable[[], bool], apply_fonts: Callable[[float], None]) -> None:
        """The plan on the wall stays readable: fewer actions first, smaller type only after that."""
        apply_fonts(1.0)
        self.scores.setVisible(bool(self.scores.text()))
        shown = len(self.action_rows)
        self.show_actions(shown)
        while shown > 0 and too_tall():
            shown -= 1
            self.show_actions(shown)
        if too_tall():  # the benchmark sentences go before the type shrinks: the bars show the same
            self.scores.hide()
        shrink_fonts(too_tall, apply_fonts)

    def set_fonts(self, sizes: dict[str, int]) -> None:
        self.title.setFont(font(sizes["item"], bold=True))
        self.bars.set_pixel_size(sizes["body"])
        self.scores.setFont(font(sizes["body"]))
        self.actions.setFont(font(sizes["body"]))
        self.actions_title.setFont(font(sizes["body"], bold=True))
        self.hint.setFont(font(sizes["small"]))
