"""Presentation mode: the scan on a projector, one item at a time, driven by keys and a clicker.

``PresentationWindow(doc, parent, screen=..., theme="light"|"dark")`` fills a screen (with two
screens the projector, while the laptop keeps the normal window) and shows one item with its
framework/section and progress ("Norm 4 van 10"), the text large enough for the back of the room
(at least 1/25 of the screen height), for BSC norms the right and the duty, the answers with
their number keys, the chosen one marked by more than colour (bold, a check mark, a thick frame,
inverted), the explanation and notes, the support poll and the spread of individual answers.

Everything is recorded through the ``ScanDocument`` (undo, autosave). The keys are listed in
``KEYS`` (shown by F1 or ?). Overlays (blank screen, help, section overview, the live text
field, a quick round of individual answers) sit on top of the item and take the keys first.
The closing screen shows the scores against the benchmarks and the proposed actions.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from ...model import items_in_scope
from ...model import ChecklistSet
from ...plan import visible_actions
from ...scoring import dutch, score
from ...scoring.spread import item_spread, most_different_first
from ..document import ScanDocument
from .commands import VOTE_LABELS, add_individual, add_vote, set_individual
from .theme import Palette, palette

#: (keys, what they do) as the help overlay shows them.
KEYS: list[tuple[str, str]] = [
    ("PageDown · → · spatie", "volgend item (na het laatste: het slotscherm)"),
    ("PageUp · ←", "vorig item"),
    ("Home · End", "eerste item · slotscherm met scores en acties"),
    ("1 … 9", "het antwoord van de groep vastleggen"),
    ("J · T · N", "een stem Ja · Twijfel · Nee voor het draagvlak"),
    ("Backspace", "de laatste stem terugnemen"),
    ("E · Shift+E", "uitleg · notities live typen (Esc of Ctrl+Enter: klaar, F2: wisselen)"),
    ("R", "snelle ronde: ieders antwoord anoniem met de cijfertoetsen (Enter: klaar)"),
    ("V", "volgorde: meeste verschil eerst ↔ volgorde van de checklist"),
    ("S", "overzicht van het onderdeel"),
    ("B · punt", "scherm zwart (nog eens: terug)"),
    ("Ctrl+Z · Ctrl+Y", "ongedaan maken · opnieuw"),
    ("F1 · ?", "deze hulp"),
    ("Esc", "presentatie verlaten"),
]

_NUMBER_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}
_VOTE_KEYS = {Qt.Key.Key_J: "ja", Qt.Key.Key_T: "twijfel", Qt.Key.Key_N: "nee"}
_FIELD_LABELS = {"explanation": "Uitleg", "notes": "Notities"}


def _px(height: int, fraction: float) -> int:
    return max(10, math.ceil(height * fraction))


def _font(px: int, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(px)
    font.setBold(bold)
    return font


def _label(parent: QWidget, name: str, *, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def _short(text: str, limit: int = 90) -> str:
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


def choose_screen(parent: QWidget | None) -> QScreen | None:
    """With two or more screens the one the parent is not on (the projector), else the primary."""
    screens = QGuiApplication.screens()
    if not screens:
        return None
    own = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    others = [s for s in screens if s is not own]
    return others[0] if others else own


class LiveEditor(QPlainTextEdit):
    """The large text field: Esc or Ctrl+Enter closes it, F2 switches field, Ctrl+Z undoes in the scan."""

    done = Signal()
    switchField = Signal()
    undoRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Escape or (ctrl and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.done.emit()
        elif key == Qt.Key.Key_F2:
            self.switchField.emit()
        elif ctrl and key == Qt.Key.Key_Z:
            self.undoRequested.emit()  # the scan's undo stack, not the field's own
        else:
            super().keyPressEvent(event)


class PresentationWindow(QWidget):
    """The projector window; ``closed`` is emitted once when it goes away."""

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
        self.overlay: str | None = None  # "blank" | "help" | "overview" | "editor" | "round"
        self.editor_field = "explanation"
        self._votes: list[tuple[str, str]] = []
        self._round: list[str] = []
        self._closed_emitted = False
        self._syncing_editor = False
        self._build()
        self.apply_theme(theme)
        self._load_items()
        doc.changed.connect(self._doc_changed)
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.refresh()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.stack = QStackedLayout(self)
        self.page = QWidget(self)
        self.page.setObjectName("page")
        lay = QVBoxLayout(self.page)
        self.page_layout = lay
        head = QHBoxLayout()
        self.context_label = _label(self.page, "muted")
        self.progress_label = _label(self.page, "muted", wrap=False)
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.context_label, 1)
        head.addWidget(self.progress_label, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(head)
        self.item_label = _label(self.page, "item")
        self.item_label.setAccessibleName("Tekst van het item")
        lay.addWidget(self.item_label)
        self.right_label = _label(self.page, "body")
        self.duty_label = _label(self.page, "body")
        lay.addWidget(self.right_label)
        lay.addWidget(self.duty_label)
        self.options_widget = QWidget(self.page)
        self.options_layout = QGridLayout(self.options_widget)
        self.options_layout.setContentsMargins(0, 0, 0, 0)
        self.option_labels: list[QLabel] = []
        lay.addWidget(self.options_widget)
        self.poll_label = _label(self.page, "body")
        self.spread_label = _label(self.page, "body")
        lay.addWidget(self.poll_label)
        lay.addWidget(self.spread_label)
        self.explanation_label = _label(self.page, "body")
        self.notes_label = _label(self.page, "body")
        self.toelichting_label = _label(self.page, "muted")
        lay.addWidget(self.explanation_label)
        lay.addWidget(self.notes_label)
        lay.addWidget(self.toelichting_label)
        lay.addStretch(1)
        foot = QHBoxLayout()
        self.status_label = _label(self.page, "accent")
        self.hint_label = _label(self.page, "muted", wrap=False)
        self.hint_label.setText("F1: toetsen · Esc: stoppen")
        foot.addWidget(self.status_label, 1)
        foot.addWidget(self.hint_label, 0, Qt.AlignmentFlag.AlignBottom)
        lay.addLayout(foot)
        self.stack.addWidget(self.page)

        self.closing = QWidget(self)
        self.closing.setObjectName("page")
        cl = QVBoxLayout(self.closing)
        self.closing_layout = cl
        self.closing_title = _label(self.closing, "item")
        self.closing_scores = _label(self.closing, "body")
        self.closing_scores.setTextFormat(Qt.TextFormat.RichText)
        self.closing_actions_title = _label(self.closing, "accent")
        self.closing_actions = _label(self.closing, "body")
        self.closing_actions.setTextFormat(Qt.TextFormat.RichText)
        for w in (self.closing_title, self.closing_scores, self.closing_actions_title, self.closing_actions):
            cl.addWidget(w)
        cl.addStretch(1)
        self.closing_hint = _label(self.closing, "muted")
        self.closing_hint.setText("PageUp: terug naar de items · Esc: presentatie verlaten")
        cl.addWidget(self.closing_hint)
        self.stack.addWidget(self.closing)

        # overlays: children on top of everything, shown one at a time
        self.blank = QWidget(self)
        self.blank.setObjectName("blank")
        self.blank.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.panel = QFrame(self)
        self.panel.setObjectName("overlay")
        pl = QVBoxLayout(self.panel)
        self.panel_title = _label(self.panel, "accent")
        self.panel_text = _label(self.panel, "body")
        self.panel_text.setTextFormat(Qt.TextFormat.RichText)
        self.editor = LiveEditor(self.panel)
        self.editor.setObjectName("editor")
        self.editor.setAccessibleName("Uitleg of notities")
        self.editor.textChanged.connect(self._editor_typed)
        self.editor.done.connect(self._editor_done)
        self.editor.switchField.connect(self._editor_switch)
        self.editor.undoRequested.connect(self.doc.undo_stack.undo)
        self.panel_layout = pl
        pl.addWidget(self.panel_title)
        pl.addWidget(self.panel_text)
        pl.addWidget(self.editor, 1000)
        pl.addStretch(1)  # without the text field the texts stay at the top
        for w in (self.blank, self.panel):
            w.hide()
        # the window has the screen's size; the text is fitted to it, never the other way round
        for layout in (self.stack, self.page_layout, self.closing_layout, pl):
            layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)

    def apply_theme(self, theme: str) -> None:
        p = palette(theme)
        self.palette_ = p
        self.theme = theme
        self.setStyleSheet(f"""
            #presentation, #page {{ background: {p.background}; }}
            QLabel {{ color: {p.text}; background: transparent; }}
            QLabel#muted {{ color: {p.muted}; }}
            QLabel#accent {{ color: {p.accent}; }}
            QLabel#option {{ color: {p.text}; background: {p.background}; border: 3px solid {p.frame};
                             border-radius: 6px; padding: 0.3em 0.5em; }}
            QLabel#chosen {{ color: {p.chosen_text}; background: {p.chosen_background};
                             border: 6px solid {p.text}; border-radius: 6px; padding: 0.3em 0.5em; }}
            #blank {{ background: {p.blank}; }}
            QFrame#overlay {{ background: {p.overlay_background}; border: 4px solid {p.accent}; }}
            QFrame#overlay QLabel {{ background: transparent; }}
            QPlainTextEdit#editor {{ color: {p.text}; background: {p.background}; border: 3px solid {p.frame}; }}
        """)

    # ------------------------------------------------------------------ items and order

    def _load_items(self) -> None:
        self._checklist_order = [item.id for _, _, item in items_in_scope(self.checklists, self.doc.assessment)]
        self.items = list(self._checklist_order)

    def discussion_order(self) -> list[str]:
        """Items with individual answers, most disagreement first, then the rest in checklist order."""
        spreads = []
        for n, item_id in enumerate(self._checklist_order):
            answer = self.doc.answer(item_id)
            spreads.append(item_spread(self.checklists, item_id, answer.individual if answer else [], n))
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

    # ------------------------------------------------------------------ showing

    def _doc_changed(self, _key: str) -> None:
        if self.overlay == "editor" and not self._syncing_editor:
            self._sync_editor()
        self.refresh()

    def flash(self, message: str) -> None:
        self.status_label.setText(message)
        self.status_label.setAccessibleDescription(message)

    def refresh(self) -> None:
        if self.on_closing_screen:
            self._fill_closing()
            self.stack.setCurrentWidget(self.closing)
        else:
            self._fill_item()
            self.stack.setCurrentWidget(self.page)
        self._refresh_overlay()
        self._fit()

    def _fill_item(self) -> None:
        item_id = self.current_item_id
        if item_id is None:
            self.item_label.setText("Geen items in scope")
            return
        fw, section, item = self.checklists.locate(item_id)
        where = fw.title
        if section is not None:
            where += f" · {section.heading(fw.section_label)}"
        self.context_label.setText(where)
        progress = fw.item_position(item_id)
        progress = progress[0].upper() + progress[1:]
        if self.order_mode == "verschil":
            progress += f"\nmeeste verschil eerst: {self.index + 1} van {len(self.items)}"
        self.progress_label.setText(progress)
        self.item_label.setText(f"{item.id}  {item.text}")
        self.right_label.setVisible(bool(item.right))
        self.duty_label.setVisible(bool(item.duty))
        self.right_label.setText(f"Recht van de burger: {item.right}")
        self.duty_label.setText(f"Plicht van de overheid: {item.duty}")

        answer = self.doc.answer(item_id)
        scale = self.checklists.scale_for(item_id)
        for label in self.option_labels:
            label.deleteLater()
        self.option_labels = []
        columns = len(scale.options) if len(scale.options) <= 3 else (2 if len(scale.options) == 4 else 3)
        for n, option in enumerate(scale.options):
            chosen = answer is not None and answer.option == option.id
            key = str(n + 1) if n < 9 else " "
            text = f"✓ {key}  {option.label}" if chosen else f"{key}  {option.label}"
            label = _label(self.options_widget, "chosen" if chosen else "option")
            label.setText(text)
            label.setAccessibleName(f"Antwoord {key}: {option.label}{' (gekozen)' if chosen else ''}")
            self.options_layout.addWidget(label, n // columns, n % columns)
            self.option_labels.append(label)
        for c in range(3):
            self.options_layout.setColumnStretch(c, 1 if c < columns else 0)

        poll = answer.poll if answer else None
        if poll is not None and poll.total:
            self.poll_label.setText(f"Draagvlak: Ja {poll.ja} · Twijfel {poll.twijfel} · Nee {poll.nee} "
                                    f"(van {poll.total})")
        else:
            self.poll_label.setText("Draagvlak: nog geen stemmen (J · T · N)")
        individual = answer.individual if answer else []
        if individual:
            spread = item_spread(self.checklists, item_id, individual)
            self.spread_label.setText(f"Individueel vooraf (anoniem): {spread.text()}")
        self.spread_label.setVisible(bool(individual))

        option = scale.option(answer.option) if answer and answer.option else None
        explanation = answer.explanation.strip() if answer else ""
        if explanation:
            self.explanation_label.setText(f"Uitleg: {explanation}")
        elif option is not None and option.requires_explanation:
            self.explanation_label.setText("Uitleg: nog niet gegeven – vereist bij dit antwoord (pas toe of leg uit; E)")
        else:
            self.explanation_label.setText("")
        self.explanation_label.setVisible(bool(self.explanation_label.text()))
        notes = answer.notes.strip() if answer else ""
        self.notes_label.setText(f"Notities: {notes}" if notes else "")
        self.notes_label.setVisible(bool(notes))
        self.toelichting_label.setText(f"Toelichting: {item.explanation}" if item.explanation else "")
        self.toelichting_label.setVisible(bool(item.explanation))
        self._full_texts = {self.explanation_label: self.explanation_label.text(),
                            self.notes_label: self.notes_label.text(),
                            self.toelichting_label: self.toelichting_label.text()}
        self.itemShown.emit(item_id)

    def show_closing(self) -> None:
        self.on_closing_screen = True
        self.refresh()
        self.itemShown.emit("")

    def _fill_closing(self) -> None:
        report = score(self.checklists, self.doc.assessment)
        self.closing_title.setText(f"Afsluiting: waar staat {self.doc.assessment.organisation.name}?")
        rows = []
        for fw in report.frameworks:
            pct = fw.tally.percentage
            value = dutch.percent(pct) if pct is not None else "nog geen score"
            sentence = fw.comparison.sentence if fw.comparison else ""
            rows.append(f"<p><b>{html.escape(fw.title)}: {html.escape(value)}</b>"
                        + (f"<br>{html.escape(sentence)}" if sentence else "") + "</p>")
            for sep in fw.separate_items:
                if sep.comparison is not None:
                    rows.append(f"<p><b>{html.escape(sep.item_id)}:</b> {html.escape(sep.comparison.sentence)}</p>")
        self.closing_scores.setText("".join(rows) or "<p>Geen kaders in scope.</p>")
        # the document keeps the proposals in step with the answers (ScanDocument.sync_proposals)
        actions = visible_actions(self.doc.assessment)
        order = {"hoog": 0, "midden": 1, "laag": 2}
        actions.sort(key=lambda a: order.get(a.priority, 3))
        self.closing_actions_title.setText(f"Voorgestelde acties voor het verbeterplan ({len(actions)})")
        self._closing_action_rows = [
            f"<li><b>[{html.escape(a.priority.capitalize())}]</b> {html.escape(_short(a.title))}"
            + (f" <i>({html.escape(a.item_id)})</i>" if a.item_id else "") + "</li>" for a in actions]
        self._set_closing_actions(len(self._closing_action_rows))

    def _set_closing_actions(self, shown: int) -> None:
        rows = self._closing_action_rows[:shown]
        rest = len(self._closing_action_rows) - shown
        more = f"<p>… en nog {rest} {'actie' if rest == 1 else 'acties'}: zie het verbeterplan.</p>" if rest else ""
        self.closing_actions.setText((f"<ul>{''.join(rows)}</ul>" if rows else "<p>Geen: geen tekortkomingen gevonden.</p>") + more)

    # ------------------------------------------------------------------ fonts and fitting

    def font_sizes(self, factor: float = 1.0) -> dict[str, int]:
        """Pixel sizes for the current height: the item text is at least 1/25 of it."""
        h = max(self.height(), 200)
        return {"item": _px(h, 1 / 25), "body": _px(h, factor / 30), "small": _px(h, factor / 40)}

    def _apply_fonts(self, factor: float) -> None:
        sizes = self.font_sizes(factor)
        self._sizes = sizes
        margin = max(8, self.height() // 40)
        for layout in (self.page_layout, self.closing_layout):
            layout.setContentsMargins(margin * 2, margin, margin * 2, margin)
            layout.setSpacing(max(4, margin // 2))
        self.options_layout.setSpacing(max(4, margin // 2))
        self.item_label.setFont(_font(sizes["item"], bold=True))
        self.closing_title.setFont(_font(sizes["item"], bold=True))
        for w in (self.right_label, self.duty_label, self.poll_label, self.spread_label, self.explanation_label,
                  self.notes_label, self.closing_scores, self.closing_actions):
            w.setFont(_font(sizes["body"]))
        self.poll_label.setFont(_font(sizes["body"], bold=True))
        self.closing_actions_title.setFont(_font(sizes["body"], bold=True))
        for label in self.option_labels:
            label.setFont(_font(sizes["body"], bold=label.objectName() == "chosen"))
        for w in (self.context_label, self.progress_label, self.toelichting_label, self.status_label,
                  self.hint_label, self.closing_hint):
            w.setFont(_font(sizes["small"]))
        self.panel_title.setFont(_font(sizes["body"], bold=True))
        self.panel_text.setFont(_font(sizes["body"]))
        self.editor.setFont(_font(sizes["item"]))

    def _needed_height(self, layout: QVBoxLayout) -> int:
        layout.activate()
        if layout.hasHeightForWidth():
            return layout.totalHeightForWidth(self.width())
        return layout.totalSizeHint().height()

    def _fit(self) -> None:
        """Shrink the secondary text (never the item text) until everything fits; then shorten."""
        layout = self.closing_layout if self.on_closing_screen else self.page_layout
        for label, text in getattr(self, "_full_texts", {}).items():
            if label.text() != text:
                label.setText(text)
        if self.on_closing_screen and hasattr(self, "_closing_action_rows"):
            self._set_closing_actions(len(self._closing_action_rows))
        factor = 1.0
        if self.on_closing_screen:
            # the plan on the wall stays readable: fewer actions first, smaller type only after that
            self._apply_fonts(factor)
            shown = len(self._closing_action_rows)
            while shown > 0 and self._needed_height(layout) > self.height():
                shown -= 1
                self._set_closing_actions(shown)
            while self._needed_height(layout) > self.height() and factor > 0.62:
                factor -= 0.06
                self._apply_fonts(factor)
            return
        while True:
            self._apply_fonts(factor)
            if self._needed_height(layout) <= self.height() or factor <= 0.62:
                break
            factor -= 0.06
        if self._needed_height(layout) <= self.height():
            return
        # last resort: the checklist's toelichting goes, then long notes and explanation are shortened
        if self.toelichting_label.isVisible():
            self.toelichting_label.setText("Toelichting: niet getoond, te lang voor dit scherm (zie de gewone weergave)")
        for label in (self.notes_label, self.explanation_label):
            text = label.text()
            while self._needed_height(layout) > self.height() and len(text) > 60:
                text = text[: int(len(text) * 0.8)].rstrip()
                label.setText(text + " … (E: alles)")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.blank.setGeometry(self.rect())
        self._fit()
        self._place_panel()
        self._fit_panel()

    def _place_panel(self) -> None:
        """Overlays cover the window; the text field leaves the item text above it in view."""
        m = max(10, self.height() // 20)
        rect = self.rect().adjusted(m, m, -m, -m)
        if self.overlay == "editor" and not self.on_closing_screen:
            below_item = self.item_label.mapTo(self, self.item_label.rect().bottomLeft()).y() + m // 2
            rect.setTop(min(below_item, self.height() // 2))
        self.panel.setGeometry(rect)

    # ------------------------------------------------------------------ overlays

    def _open_overlay(self, kind: str | None) -> None:
        self.overlay = kind
        self._refresh_overlay()
        if kind == "editor":
            self.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refresh_overlay(self) -> None:
        kind = self.overlay
        self._place_panel()
        self.blank.setVisible(kind == "blank")
        self.panel.setVisible(kind in ("help", "overview", "editor", "round"))
        self.editor.setVisible(kind == "editor")
        self.panel_text.setVisible(kind != "editor")
        if kind == "help":
            self.panel_title.setText("Toetsen in de presentatie")
            rows = "".join(f"<tr><td><b>{html.escape(k)}</b>&nbsp;&nbsp;</td><td>{html.escape(v)}</td></tr>"
                           for k, v in KEYS)
            self.panel_text.setText(f"<table cellspacing='4'>{rows}</table>")
        elif kind == "overview":
            self._fill_overview()
        elif kind == "round":
            self._fill_round()
        elif kind == "editor":
            item_id = self.current_item_id
            other = "notities" if self.editor_field == "explanation" else "uitleg"
            self.panel_title.setText(f"{_FIELD_LABELS[self.editor_field]} bij {item_id} – typ live · "
                                     f"Esc of Ctrl+Enter: klaar · F2: naar de {other}")
        for w in (self.blank, self.panel):
            if w.isVisible():
                w.raise_()
        self._fit_panel()

    def _fit_panel(self) -> None:
        """The overlay's text gets smaller (not below 1/50 of the height) until it fits the panel."""
        if not self.panel.isVisible() or self.overlay == "editor" or not hasattr(self, "_sizes"):
            return
        px = self._sizes["body"]
        floor = _px(self.height(), 1 / 50)
        while True:
            self.panel_text.setFont(_font(px))
            self.panel_layout.activate()
            needed = self.panel_layout.totalHeightForWidth(self.panel.width())
            if needed <= self.panel.height() or px <= floor:
                break
            px -= 1

    def _fill_overview(self) -> None:
        item_id = self.current_item_id or (self.items[-1] if self.items else None)
        if item_id is None:
            return
        fw, section, _ = self.checklists.locate(item_id)
        items = section.items if section is not None else fw.items
        title = f"{fw.title}" + (f" · {section.title}" if section else "")
        self.panel_title.setText(f"Overzicht: {title}")
        rows = []
        for item in items:
            if item.id not in self.items:
                continue
            answer = self.doc.answer(item.id)
            option = self.checklists.scale_for(item.id).option(answer.option) if answer and answer.option else None
            state = f"✓ {option.label}" if option else "– nog open"
            here = item.id == self.current_item_id
            text = html.escape(item.text if len(item.text) <= 90 else item.text[:87] + "…")
            cell = f"<b>▶ {html.escape(item.id)}</b>" if here else html.escape(item.id)
            rows.append(f"<tr><td>{cell}&nbsp;</td><td>{'<b>' + text + '</b>' if here else text}&nbsp;</td>"
                        f"<td><b>{html.escape(state)}</b></td></tr>")
        self.panel_text.setText(f"<table cellspacing='3'>{''.join(rows)}</table><p>S of Esc: sluiten</p>")

    def _fill_round(self) -> None:
        item_id = self.current_item_id
        answer = self.doc.answer(item_id)
        individual = answer.individual if answer else []
        spread = item_spread(self.checklists, item_id, individual)
        participants = len(self.doc.assessment.participants)
        of = f" van {participants}" if participants else ""
        self.panel_title.setText(f"Snelle ronde bij {item_id}: deelnemer {len(self._round) + 1}{of}, "
                                 f"druk het nummer van uw antwoord")
        earlier = len(individual) - len(self._round)
        rows = "".join(f"<tr><td><b>{n}</b>&nbsp;&nbsp;</td><td>{html.escape(label)}&nbsp;&nbsp;</td>"
                       f"<td><b>{count}</b></td></tr>"
                       for n, (_, label, count) in enumerate(spread.counts, start=1))
        note = (f"<p>Er waren al {earlier} individuele antwoorden (bijvoorbeeld uit formulieren); deze ronde "
                f"telt erbij. Delete: die eerst wissen.</p>") if earlier > 0 else ""
        self.panel_text.setText(f"<p>{len(self._round)} antwoorden in deze ronde (anoniem, alleen aantallen).</p>"
                                f"<table cellspacing='4'>{rows}</table>{note}"
                                "<p>Backspace: laatste terug · Enter of R: ronde klaar</p>")

    def _sync_editor(self) -> None:
        item_id = self.current_item_id
        answer = self.doc.answer(item_id) if item_id else None
        text = getattr(answer, self.editor_field) if answer else ""
        if self.editor.toPlainText() != text:
            self._syncing_editor = True
            try:
                self.editor.setPlainText(text)
                self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
            finally:
                self._syncing_editor = False

    def open_editor(self, field: str = "explanation") -> None:
        if self.current_item_id is None:
            return
        self.editor_field = field
        self._open_overlay("editor")
        self._sync_editor()

    def _editor_typed(self) -> None:
        if self._syncing_editor or self.overlay != "editor" or self.current_item_id is None:
            return
        self._syncing_editor = True
        try:
            self.doc.set_text(self.current_item_id, self.editor_field, self.editor.toPlainText())
        finally:
            self._syncing_editor = False

    def _editor_done(self) -> None:
        self._open_overlay(None)
        self.flash(f"{_FIELD_LABELS[self.editor_field]} vastgelegd")
        self.refresh()

    def _editor_switch(self) -> None:
        self.open_editor("notes" if self.editor_field == "explanation" else "explanation")

    # ------------------------------------------------------------------ keys

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        try:
            key = Qt.Key(event.key())
        except ValueError:  # a key Qt has no name for
            return False
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        text = event.text()
        if ctrl and key == Qt.Key.Key_Z:
            self.doc.undo_stack.undo()
            self.flash("Ongedaan gemaakt")
            return True
        if ctrl and key == Qt.Key.Key_Y or (ctrl and mods & Qt.KeyboardModifier.ShiftModifier and key == Qt.Key.Key_Z):
            self.doc.undo_stack.redo()
            self.flash("Opnieuw uitgevoerd")
            return True
        if ctrl:
            return False
        if self.overlay == "blank":
            if key in (Qt.Key.Key_B, Qt.Key.Key_Period, Qt.Key.Key_Escape):
                self._open_overlay(None)
            return True  # a clicker's next while the screen is black does nothing unseen
        if self.overlay == "help":
            if key in (Qt.Key.Key_F1, Qt.Key.Key_Escape, Qt.Key.Key_Question) or text == "?":
                self._open_overlay(None)
            return True
        if self.overlay == "overview":
            if key in (Qt.Key.Key_S, Qt.Key.Key_Escape):
                self._open_overlay(None)
            return True
        if self.overlay == "round":
            return self._round_key(key)
        if key in (Qt.Key.Key_B, Qt.Key.Key_Period):
            self._open_overlay("blank")
            return True
        if key == Qt.Key.Key_F1 or text == "?":
            self._open_overlay("help")
            return True
        if key == Qt.Key.Key_Escape:
            self.close()
            return True
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Down):
            self.step(1)
            return True
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.step(-1)
            return True
        if key == Qt.Key.Key_Home:
            if self.items:
                self.go_to(self.items[0])
            return True
        if key == Qt.Key.Key_End:
            self.show_closing()
            return True
        item_id = self.current_item_id
        if item_id is None:
            return False
        if key in _NUMBER_KEYS:
            return self.choose(_NUMBER_KEYS[key] - 1)
        if key in _VOTE_KEYS:
            self.vote(_VOTE_KEYS[key])
            return True
        if key == Qt.Key.Key_Backspace:
            self.take_back_vote()
            return True
        if key == Qt.Key.Key_E:
            self.open_editor("notes" if mods & Qt.KeyboardModifier.ShiftModifier else "explanation")
            return True
        if key == Qt.Key.Key_S:
            self._open_overlay("overview")
            return True
        if key == Qt.Key.Key_R:
            self._round = []
            self._open_overlay("round")
            return True
        if key == Qt.Key.Key_V:
            self.set_order("checklist" if self.order_mode == "verschil" else "verschil")
            self.flash("Volgorde: meeste verschil eerst" if self.order_mode == "verschil"
                       else "Volgorde: zoals de checklist")
            return True
        return False

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

    def _round_key(self, key: Qt.Key) -> bool:
        item_id = self.current_item_id
        if key in _NUMBER_KEYS:
            options = self.checklists.scale_for(item_id).options
            index = _NUMBER_KEYS[key] - 1
            if index < len(options):
                add_individual(self.doc, item_id, options[index].id)
                self._round.append(options[index].id)
            self._refresh_overlay()
            return True
        if key == Qt.Key.Key_Backspace:
            answer = self.doc.answer(item_id)
            if self._round and answer is not None and answer.individual:
                self._round.pop()
                set_individual(self.doc, item_id, answer.individual[:-1],
                               f"Laatste individuele antwoord bij {item_id} teruggenomen")
            self._refresh_overlay()
            return True
        if key == Qt.Key.Key_Delete:
            answer = self.doc.answer(item_id)
            if answer is not None and answer.individual:
                set_individual(self.doc, item_id, [], f"Individuele antwoorden bij {item_id} gewist")
            self._round = []
            self._refresh_overlay()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_R, Qt.Key.Key_Escape):
            self.flash(f"Snelle ronde klaar: {len(self._round)} antwoorden")
            self._open_overlay(None)
            self.refresh()
            return True
        return True

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
