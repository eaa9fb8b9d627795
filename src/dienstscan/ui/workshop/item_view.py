"""One item on the projector: where it is, the text, the answers with their number keys, the poll.

``ItemView.show_item(...)`` fills it for an item of the scan: framework/section and progress
("Norm 4 van 10"), the item text, for BSC norms the right and the duty, the answers with their
number keys (the chosen one marked by more than colour: bold, a check mark, a thick frame,
inverted), the support poll, the spread of individual answers, the explanation, notes and the
checklist's toelichting, and a status line for what the last key did. The presentation window
sets its fonts (``set_fonts``); ``fit`` makes the text as large as fits the screen (a short item
fills it, a long one gets smaller secondary text, never an item text below 1/25 of the height),
and on a small screen it cuts the least important texts.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from ...model import ChecklistSet, explanation_shown
from ...participation.content import COMMENT_PREFIX
from ...scoring.spread import round_spreads, rounds_text
from ..document import ScanDocument
from .overlays import fill_fonts, font, text_label
from .reveal_chart import RevealChart


class ItemView(QWidget):
    """The item page of the presentation window."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        lay = QVBoxLayout(self)
        self.layout_ = lay
        head = QHBoxLayout()
        self.context_label = text_label(self, "muted")
        self.progress_label = text_label(self, "muted", wrap=False)
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.context_label, 1)
        head.addWidget(self.progress_label, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(head)
        self.item_label = text_label(self, "item")
        self.item_label.setAccessibleName("Tekst van het item")
        lay.addWidget(self.item_label)
        self.right_label = text_label(self, "body")
        self.duty_label = text_label(self, "body")
        lay.addWidget(self.right_label)
        lay.addWidget(self.duty_label)
        self.options_widget = QWidget(self)
        self.options_layout = QGridLayout(self.options_widget)
        self.options_layout.setContentsMargins(0, 0, 0, 0)
        self.option_labels: list[QLabel] = []
        lay.addWidget(self.options_widget)
        self.poll_label = text_label(self, "body")
        self.spread_label = text_label(self, "body")
        lay.addWidget(self.poll_label)
        lay.addWidget(self.spread_label)
        #: The revealed spread of a live session, as a bar chart (``live.LiveProjector`` fills it).
        self.reveal_chart = RevealChart(self)
        self.reveal_chart.hide()
        lay.addWidget(self.reveal_chart)
        self.explanation_label = text_label(self, "body")
        self.notes_label = text_label(self, "body")
        self.toelichting_label = text_label(self, "muted")
        lay.addWidget(self.explanation_label)
        lay.addWidget(self.notes_label)
        lay.addWidget(self.toelichting_label)
        lay.addStretch(1)
        foot = QHBoxLayout()
        self.status_label = text_label(self, "accent")
        self.hint_label = text_label(self, "muted", wrap=False)
        self.hint_label.setText("F1: toetsen · Esc: stoppen")
        foot.addWidget(self.status_label, 1)
        foot.addWidget(self.hint_label, 0, Qt.AlignmentFlag.AlignBottom)
        lay.addLayout(foot)
        lay.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._full_texts: dict[QLabel, str] = {}
        #: Pixels kept free at the right (the phones' QR code, ``live.LiveProjector``).
        self.reserved_right = 0
        #: Called with the font sizes when they change; returns the pixels to keep free at the right
        #: (the live column's width follows the body text, so its address is never smaller).
        self.reserve: Callable[[dict[str, int]], int] | None = None
        #: The item whose participants' comments the facilitator chose to show (key K); None: hidden.
        self.comments_shown_for: str | None = None

    def show_empty(self) -> None:
        self.item_label.setText("Geen items in scope")

    def show_item(self, checklists: ChecklistSet, doc: ScanDocument, item_id: str, in_scope: list[str],
                  order_note: str = "") -> None:
        """Show ``item_id``; ``in_scope`` is the scan's items in checklist order (for "4 van 10")."""
        if self.comments_shown_for != item_id:
            self.comments_shown_for = None  # shown on request for one item: hidden again elsewhere
        fw, section, item = checklists.locate(item_id)
        where = fw.title
        if section is not None:
            where += f" · {section.heading(fw.section_label)}"
        self.context_label.setText(where)
        position = fw.item_position(item_id, set(in_scope))  # one numbering scheme, as the score counts
        progress = position[0].upper() + position[1:]
        self.progress_label.setText(progress + (f"\n{order_note}" if order_note else ""))
        self.item_label.setText(f"{item.id}  {item.text}")
        self.right_label.setVisible(bool(item.right))
        self.duty_label.setVisible(bool(item.duty))
        self.right_label.setText(f"Recht van de burger: {item.right}")
        self.duty_label.setText(f"Plicht van de overheid: {item.duty}")

        answer = doc.answer(item_id)
        scale = checklists.scale_for(item_id)
        self._show_options(scale.options, answer.option if answer else None)

        poll = answer.poll if answer else None
        if poll is not None and poll.total:
            self.poll_label.setText(f"Draagvlak: Ja {poll.ja} · Twijfel {poll.twijfel} · Nee {poll.nee} "
                                    f"(van {poll.total})")
        else:
            self.poll_label.setText("Draagvlak: nog geen stemmen (J · T · N)")
        self.reveal_chart.hide()
        rounds = round_spreads(checklists, item_id, answer)  # per round: one answer per person per round
        if rounds:
            self.spread_label.setText(f"Individueel vooraf (anoniem): {rounds_text(rounds)}")
        self.spread_label.setVisible(bool(rounds))

        option = scale.option(answer.option) if answer and answer.option else None
        explanation = explanation_shown(answer, scale)  # says so when written for an earlier answer
        if explanation:
            self.explanation_label.setText(f"Uitleg: {explanation}")
        elif option is not None and option.requires_explanation:
            self.explanation_label.setText("Uitleg: nog niet gegeven – vereist bij dit antwoord (pas toe of leg uit; E)")
        else:
            self.explanation_label.setText("")
        self.explanation_label.setVisible(bool(self.explanation_label.text()))
        notes = self._notes_shown(item_id, answer.notes if answer else "")
        self.notes_label.setText(f"Notities: {notes}" if notes else "")
        self.notes_label.setVisible(bool(notes))
        self.toelichting_label.setText(f"Toelichting: {item.explanation}" if item.explanation else "")
        self.toelichting_label.setVisible(bool(item.explanation))
        self._full_texts = {label: label.text()
                            for label in (self.explanation_label, self.notes_label, self.toelichting_label)}

    def _notes_shown(self, item_id: str, notes: str) -> str:
        """The notes for the room: participants' comments only when the facilitator asked (K)."""
        lines = [line for line in notes.strip().split("\n") if line.strip()]
        comments = [line for line in lines if line.startswith(COMMENT_PREFIX)]
        if not comments or self.comments_shown_for == item_id:
            return "\n".join(lines)
        own = [line for line in lines if not line.startswith(COMMENT_PREFIX)]
        n = len(comments)
        own.append(f"{n} {'opmerking' if n == 1 else 'opmerkingen'} van deelnemers (verborgen; K: tonen)")
        return "\n".join(own)

    def _show_options(self, options, chosen_id: str | None) -> None:
        for label in self.option_labels:
            label.hide()  # out of the layout now; deleteLater waits for the event loop
            self.options_layout.removeWidget(label)
            label.deleteLater()
        self.option_labels = []
        columns = len(options) if len(options) <= 3 else (2 if len(options) == 4 else 3)
        for n, option in enumerate(options):
            chosen = chosen_id == option.id
            key = str(n + 1) if n < 9 else " "
            label = text_label(self.options_widget, "chosen" if chosen else "option")
            label.setText(f"✓ {key}  {option.label}" if chosen else f"{key}  {option.label}")
            label.setAccessibleName(f"Antwoord {key}: {option.label}{' (gekozen)' if chosen else ''}")
            self.options_layout.addWidget(label, n // columns, n % columns)
            # shown now, not by the event loop later (as a layout does it): the fit that follows
            # counts their height (issue 28: at 1024x768 the toelichting ran off the screen)
            if not self.options_widget.isHidden():
                label.show()
            self.option_labels.append(label)
        for c in range(3):
            self.options_layout.setColumnStretch(c, 1 if c < columns else 0)

    def set_fonts(self, sizes: dict[str, int], margin: int) -> None:
        if self.reserve is not None:
            self.reserved_right = self.reserve(sizes)
        self.layout_.setContentsMargins(margin * 2, margin, margin * 2 + self.reserved_right, margin)
        self.reveal_chart.set_font_px(sizes["body"])
        self.layout_.setSpacing(max(4, margin // 2))
        self.options_layout.setSpacing(max(4, margin // 2))
        self.item_label.setFont(font(sizes["item"], bold=True))
        for w in (self.right_label, self.duty_label, self.spread_label, self.explanation_label, self.notes_label,
                  self.toelichting_label):  # the toelichting is content too: as large as the rest
            w.setFont(font(sizes["body"]))
        self.poll_label.setFont(font(sizes["body"], bold=True))
        for label in self.option_labels:
            label.setFont(font(sizes["body"], bold=label.objectName() == "chosen"))
        # the grid's height for the fit now, not after the event loop has laid it out: the item
        # view's layout keeps the grid's old height until the grid itself says it changed (issue 28:
        # at 1024x768 the toelichting then ran off the screen, over the notes)
        self.options_layout.invalidate()
        self.options_widget.updateGeometry()
        for w in (self.context_label, self.progress_label, self.status_label, self.hint_label):
            w.setFont(font(sizes["small"]))

    def fit(self, too_tall: Callable[[], bool], apply_fonts: Callable[[float], None]) -> None:
        """Smaller secondary text until it fits; on a small screen then cut the least important texts."""
        for label, text in self._full_texts.items():  # the full texts first: the screen may be larger now
            if label.text() != text:
                label.setText(text)
        fill_fonts(too_tall, apply_fonts)  # as large as the screen allows: no empty lower third
        if not too_tall():
            return
        # the last resort: the toelichting goes, then notes and explanation are cut
        if self.toelichting_label.isVisible():
            self.toelichting_label.setText("Toelichting: niet getoond, te lang voor dit scherm (zie de gewone weergave)")
        for label in (self.notes_label, self.explanation_label):
            text = label.text()
            while too_tall() and len(text) > 60:
                text = text[: int(len(text) * 0.8)].rstrip()
                label.setText(text + " … (E: alles)")
