"""The item page: one norm, instrument or statement, with its answer and everything around it.

Shows the item text (for BSC norms also the citizen's right and the government's duty), the
toelichting, the source and legal status; the answer as buttons (``Alt+1``.. mnemonics, and plain
number keys while the focus is not in a text field), the explanation (marked required when the
chosen option asks for one), notes, what the answer rests on, and for BSC norms the barriers,
causes and solutions (``item_analysis.AnalysisBox``). Every change goes through ``ScanDocument``
so it can be undone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...model import EVIDENCE_BASIS_LABELS, stale_explanation_label
from ...scoring.spread import disagreement_text
from ...model.checklist import ORGANISATION_KIND_LABELS, Item
from ...plan import status_label
from ...scoring.spread import ItemSpread, round_spreads
from ..contrast import set_sheet
from ..cycle_widgets import PreviousCycleBar
from ..document import ScanDocument
from ..icons import state_icon
from ..widgets import FlowLayout, OptionalDateEdit, TwoWayGrid, route_undo_to_document
from .common import NarrowLayout, bold_label, heading, text_label, vertical_scroll
from .item_analysis import AnalysisBox

#: Plain keys 1..9 choose the n-th option.
_NUMBER_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


def option_key_index(event: QKeyEvent) -> int | None:
    """The option index (0-based) a plain number key asks for, or None."""
    if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return None
    n = _NUMBER_KEYS.get(Qt.Key(event.key()))
    return None if n is None else n - 1


def _round_counts(s: ItemSpread) -> str:
    """'Ja 3 · Nee 1 (4 antwoorden, verschil: middel)' of one round."""
    counts = " · ".join(f"{label} {c}" for _, label, c in s.counts if c) or "geen bekende opties"
    n = s.total + s.unknown
    unknown = f", {s.unknown} onbekend" if s.unknown else ""
    return f"{counts} ({n} {'antwoord' if n == 1 else 'antwoorden'}{unknown}, verschil: {disagreement_text(s.disagreement)})"


class ItemPage(NarrowLayout, QWidget):
    """The page of one item; ``show_item(item_id)`` switches it to another item.

    About 320 lines: most of it is the form built once in ``__init__`` (each field with its label
    buddy and mnemonic) and ``_refresh`` filling it; the BSC analysis is ``AnalysisBox`` and the
    previous-cycle marker ``PreviousCycleBar``. Splitting the answer, explanation and evidence
    fields further would spread one form's tab order and loading guard over several classes.
    """

    #: An item or section id to navigate to (same signal as the pages of later parts).
    openItem = Signal(str)

    def __init__(self, doc: ScanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.item_id: str | None = None
        self._loading = False
        self._option_ids: list[str] = []
        self._option_texts: list[str] = []

        content = QWidget(self)
        self.content = content
        outer = QVBoxLayout(content)
        outer.setContentsMargins(18, 12, 18, 12)
        outer.setSpacing(8)

        self.breadcrumb = text_label(muted=True)
        self.title = heading()
        self.title.setAccessibleName("Item")
        outer.addWidget(self.breadcrumb)
        outer.addWidget(self.title)

        self.right_title = bold_label("Recht van de burger")
        self.right_text = text_label()
        self.duty_title = bold_label("Plicht van de overheid")
        self.duty_text = text_label()
        self.norm_box = QFrame(content)
        self.norm_box.setFrameShape(QFrame.Shape.StyledPanel)
        norm = QGridLayout(self.norm_box)
        norm.addWidget(self.right_title, 0, 0)
        norm.addWidget(self.duty_title, 0, 1)
        norm.addWidget(self.right_text, 1, 0)
        norm.addWidget(self.duty_text, 1, 1)
        norm.setColumnStretch(0, 1)
        norm.setColumnStretch(1, 1)
        outer.addWidget(self.norm_box)

        self.explanation_text = text_label()
        self.source_text = text_label(muted=True)
        # "Stand 2026": what applies today, beside the historical text, never instead of it
        self.current_text = text_label()
        self.current_text.setObjectName("currentNote")
        set_sheet(self.current_text, "#currentNote { border-left: 4px solid #1F4E79; padding: 4px 8px;"
                                     " background: #EEF4FA; color: #1A1A1A; }")
        outer.addWidget(self.explanation_text)
        outer.addWidget(self.source_text)
        outer.addWidget(self.current_text)

        # ---- the answer
        self.answer_box = QGroupBox("Antwoord", content)
        answer_layout = QVBoxLayout(self.answer_box)
        self.buttons_row = FlowLayout(spacing=6)
        answer_layout.addLayout(self.buttons_row)
        # the anonymous spread of the workshop's individual answers: counts, never averaged, so the
        # team discusses why it differs instead of settling on a mean nobody chose
        self.spread_label = text_label(muted=True)
        self.spread_label.setAccessibleName("Individuele antwoorden")
        self.spread_label.setVisible(False)
        answer_layout.addWidget(self.spread_label)
        self.option_help = text_label(muted=True)
        help_row = QHBoxLayout()
        help_row.addWidget(self.option_help, 1)
        answer_layout.addLayout(help_row)
        # the chosen answer must stand out by more than colour: filled, bold and with a check mark
        # (the same border and padding in both states, so the width never jumps or clips)
        set_sheet(self.answer_box,
                  "QPushButton { border: 2px solid #8a8a8a; border-radius: 3px; padding: 4px 10px;"
                  " background-color: #fafafa; }"
                  "QPushButton:hover { background-color: #e8f0f8; }"
                  "QPushButton:focus { border-color: #1f4e79; }"
                  "QPushButton:checked { background-color: #1f4e79; color: white; font-weight: bold;"
                  " border-color: #0b2a45; }"
                  "QPushButton:disabled { color: #8a8a8a; }")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(self._on_option_clicked)
        self.clear_button = QPushButton("Wi&s antwoord", self.answer_box)
        self.clear_button.setToolTip("Het antwoord weghalen (het item is dan weer onbeantwoord)")
        self.clear_button.clicked.connect(lambda: self._choose(None))
        # below the options, not beside them: five long options already fill a 1366 px screen
        help_row.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        # "Uit vorige scan – bevestig of wijzig" while the answer is a copy: a copied answer must be
        # confirmed, or last year's situation is reported as this year's
        self.previous_bar = PreviousCycleBar(doc, self)
        outer.addWidget(self.previous_bar)
        outer.addWidget(self.answer_box)

        # ---- explanation (the 'leg uit')
        self.explanation_label = QLabel(content)
        self.explanation_label.setWordWrap(True)
        self.explanation_edit = QPlainTextEdit(content)
        self.explanation_edit.setTabChangesFocus(True)
        self.explanation_edit.setFixedHeight(84)
        self.explanation_label.setBuddy(self.explanation_edit)
        self.missing_row = QWidget(content)
        missing = QHBoxLayout(self.missing_row)
        missing.setContentsMargins(0, 0, 0, 0)
        self.missing_icon = QLabel(self.missing_row)
        self.missing_icon.setPixmap(state_icon("explanation_missing").pixmap(18, 18))
        self.missing_text = text_label()
        set_sheet(self.missing_text, "color: #8a4500; font-weight: bold;")
        missing.addWidget(self.missing_icon)
        missing.addWidget(self.missing_text, 1)
        # the "why not" written for an earlier answer that asked for it, now that the answer no
        # longer does (Toegepast): kept, but marked, so nobody reads it as the reason for this one
        self.stale_note = text_label()
        self.stale_note.setObjectName("staleExplanation")
        set_sheet(self.stale_note, "#staleExplanation { background: #fff2cc; border: 1px solid #bf8f00;"
                                   " padding: 4px 8px; color: #1a1a1a; }")
        self.stale_note.setAccessibleName("Uitleg hoort bij een eerder antwoord")
        self.stale_note.hide()
        outer.addWidget(self.explanation_label)
        outer.addWidget(self.missing_row)
        outer.addWidget(self.stale_note)
        outer.addWidget(self.explanation_edit)

        # ---- notes
        notes_label = QLabel("&Notities (voor uzelf en het team):", content)
        self.notes_edit = QPlainTextEdit(content)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(64)
        notes_label.setBuddy(self.notes_edit)
        outer.addWidget(notes_label)
        outer.addWidget(self.notes_edit)

        # ---- evidence
        evidence_box = QGroupBox("Waar rust het antwoord op?", content)
        ev = QGridLayout(evidence_box)
        self.basis_combo = QComboBox(evidence_box)
        self.basis_combo.addItem("(niet ingevuld)", None)
        for key, label in EVIDENCE_BASIS_LABELS.items():
            self.basis_combo.addItem(label, key)
        self.reference_edit = QLineEdit(evidence_box)
        self.reference_edit.setPlaceholderText("document, gesprek of meting: titel, datum, vindplaats")
        self.evidence_date = OptionalDateEdit(evidence_box, name="Datum van de onderbouwing")
        basis_label = QLabel("&Onderbouwing:", evidence_box)
        basis_label.setBuddy(self.basis_combo)
        reference_label = QLabel("&Vindplaats:", evidence_box)
        reference_label.setBuddy(self.reference_edit)
        date_label = QLabel("Da&tum:", evidence_box)
        date_label.setBuddy(self.evidence_date.edit)
        self.evidence_grid = TwoWayGrid(
            ev,
            wide=[(basis_label, 0, 0, 1, 1), (self.basis_combo, 0, 1, 1, 1), (reference_label, 0, 2, 1, 1),
                  (self.reference_edit, 0, 3, 1, 1), (date_label, 0, 4, 1, 1), (self.evidence_date, 0, 5, 1, 1)],
            narrow=[(basis_label, 0, 0, 1, 1), (self.basis_combo, 0, 1, 1, 1), (reference_label, 1, 0, 1, 1),
                    (self.reference_edit, 1, 1, 1, 1), (date_label, 2, 0, 1, 1), (self.evidence_date, 2, 1, 1, 1)],
            wide_stretch={3: 1}, narrow_stretch={1: 1})
        outer.addWidget(evidence_box)

        # ---- BSC analysis
        self.analysis_box = AnalysisBox(doc, content)
        outer.addWidget(self.analysis_box)

        outer.addStretch(1)

        # ---- previous / next: buttons bound to the window's actions (see MainWindow), in a bar
        # below the scrolling part, so they are in view on every item, however long its text
        self.nav_bar = QFrame(self)
        self.nav_bar.setObjectName("itemNavBar")
        set_sheet(self.nav_bar, "#itemNavBar { border-top: 1px solid #c8c8c8; }")
        nav_column = QVBoxLayout(self.nav_bar)
        nav_column.setContentsMargins(18, 6, 18, 6)
        self.nav_row = QHBoxLayout()
        #: narrow: the buttons after the stretch (Volgende...) in a second row, right-aligned
        self.nav_row2 = QHBoxLayout()
        self.nav_row2.addStretch(1)
        nav_column.addLayout(self.nav_row)
        nav_column.addLayout(self.nav_row2)
        self.narrow = False

        self.scroll = vertical_scroll(content, "Item")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.nav_bar)

        route_undo_to_document(self.explanation_edit, self.notes_edit, self.reference_edit)
        self.explanation_edit.textChanged.connect(
            lambda: self._edit_text("explanation", self.explanation_edit.toPlainText()))
        self.notes_edit.textChanged.connect(lambda: self._edit_text("notes", self.notes_edit.toPlainText()))
        self.reference_edit.textEdited.connect(lambda text: self._edit_evidence("reference", text))
        self.basis_combo.currentIndexChanged.connect(
            lambda _i: self._edit_evidence("basis", self.basis_combo.currentData()))
        self.evidence_date.dateChanged.connect(lambda value: self._edit_evidence("date", value))
        doc.changed.connect(self._on_changed)

    # ------------------------------------------------------------------ narrow screens

    def set_narrow(self, narrow: bool) -> None:
        """Evidence fields, analysis lists and Vorige/Volgende over more rows (``narrow``), or
        side by side: nothing runs off the right edge, at 200% scaling on 1366x768 either."""
        self.evidence_grid.set_narrow(narrow)
        self.analysis_box.set_narrow(narrow)
        if narrow == self.narrow:
            return
        self.narrow = narrow
        if narrow:  # what follows the stretch goes to the second row
            moved = []
            while self.nav_row.count() and self.nav_row.itemAt(self.nav_row.count() - 1).widget() is not None:
                moved.insert(0, self.nav_row.takeAt(self.nav_row.count() - 1).widget())
            for widget in moved:
                self.nav_row2.addWidget(widget)
        else:
            while self.nav_row2.count() > 1:
                self.nav_row.addWidget(self.nav_row2.takeAt(1).widget())

    # ------------------------------------------------------------------ showing

    def show_item(self, item_id: str) -> None:
        self.item_id = item_id
        fw, section, item = self.doc.checklists.locate(item_id)
        scale = self.doc.checklists.scale_for(item_id)
        self._loading = True
        try:
            where = f"{fw.title}  ›  {section.title}" if section else fw.title
            self.breadcrumb.setText(f"{where}  ·  {fw.item_position(item_id)}  ·  {item.id}")
            self.title.setText(item.text)
            has_norm = bool(item.right or item.duty)
            self.norm_box.setVisible(has_norm)
            self.right_text.setText(item.right)
            self.duty_text.setText(item.duty)
            self.explanation_text.setText(f"Toelichting: {item.explanation}")
            self.explanation_text.setVisible(bool(item.explanation))
            self.source_text.setText(self._source_line(item, fw.checked))
            note = self.doc.checklists.current_note(item_id)
            self.current_text.setText(note.full_text() if note else "")
            self.current_text.setVisible(note is not None)
            self._build_buttons(scale.options)
            self.analysis_box.setVisible(has_norm)
            self.evidence_date.set_date(None)  # no message or half-typed text of the item before
        finally:
            self._loading = False
        self.previous_bar.set_item(item_id)
        self.analysis_box.set_item(item_id)
        self._refresh()

    def focus_answer(self) -> None:
        """Put the focus on the chosen answer's button (the first option when none is chosen)."""
        buttons = self.group.buttons()
        if not buttons:
            return
        button = self.group.checkedButton() or min(buttons, key=self.group.id)
        button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.ensureWidgetVisible(button)

    @staticmethod
    def _source_line(item: Item, checked: str | None = None) -> str:
        parts = [f"Bron: {item.source.cite()}"]
        if item.legal_status:
            # the plan's own wording: "wettelijk verplicht sinds ...", "vanaf ..., nog niet in werking"
            status = status_label(item, checked)
            status = status[:1].upper() + status[1:]
            if item.not_verified:
                reason = item.not_verified.rstrip(".")
                status = status.removesuffix(" (niet geverifieerd)") + f" (niet geverifieerd: {reason[:1].lower()}{reason[1:]})"
            parts.append(status)
        if item.applies_to:
            kinds = ", ".join(ORGANISATION_KIND_LABELS[k].lower() for k in item.applies_to)
            parts.append(f"Geldt voor: {kinds}")
        if item.provenance:
            parts.append(f"Herkomst: {item.provenance.text()}")
        return "  ·  ".join(parts)

    def _build_buttons(self, options) -> None:
        for button in self.group.buttons():
            self.group.removeButton(button)
            button.hide()  # at once: deleteLater waits for the event loop, and must not be seen
            button.deleteLater()
        while self.buttons_row.count():
            self.buttons_row.takeAt(0)
        self._option_ids = [o.id for o in options]
        self._option_texts = [f"&{n + 1} {o.label}" if n < 9 else o.label for n, o in enumerate(options)]
        for index, option in enumerate(options):
            key = f"&{index + 1} " if index < 9 else ""
            button = QPushButton(f"{key}{option.label}", self.answer_box)
            button.setCheckable(True)
            button.setAccessibleName(f"Antwoord {option.label}")
            tip = option.description or option.label
            if option.requires_explanation:
                tip += "\nVraagt om een uitleg (pas toe of leg uit)."
            if index < 9:
                tip += f"\nToets {index + 1} (of Alt+{index + 1})."
            button.setToolTip(tip)
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            bold = QFont(button.font())
            bold.setBold(True)
            width = QFontMetrics(bold).horizontalAdvance(f"✓ {index + 1} {option.label}")
            button.setMinimumWidth(width + 26)
            self.group.addButton(button, index)
            self.buttons_row.addWidget(button)
            button.show()  # now, not when the layout gets round to it: it can take the focus at once
        # New buttons join the end of the Tab chain (after Vorige/Volgende): put them where they
        # are read, after the page itself and the previous cycle's bar, before "Wis antwoord".
        previous = [w for w in self.previous_bar.findChildren(QAbstractButton)]
        order = [self.scroll, *previous, *self.group.buttons(), self.clear_button, self.explanation_edit]
        for before, after in zip(order, order[1:]):
            QWidget.setTabOrder(before, after)

    def _refresh(self) -> None:
        if self.item_id is None:
            return
        answer = self.doc.answer(self.item_id)
        scale = self.doc.checklists.scale_for(self.item_id)
        option = scale.option(answer.option) if answer and answer.option else None
        self._loading = True
        try:
            self.group.setExclusive(False)
            for button in self.group.buttons():
                index = self.group.id(button)
                chosen = option is not None and self._option_ids[index] == option.id
                button.setChecked(chosen)
                button.setText(f"{'✓ ' if chosen else ''}{self._option_texts[index]}")
            self.group.setExclusive(True)
            self.clear_button.setEnabled(option is not None)
            self.option_help.setText(option.description if option and option.description else "")
            # one line per round (one answer per person per round): rounds are never added up
            rounds = round_spreads(self.doc.checklists, self.item_id, answer)
            if rounds:
                self.spread_label.setText("Individuele antwoorden\n" + "\n".join(
                    f"{s.round_label}: {_round_counts(s)}" for s in rounds))
            self.spread_label.setVisible(bool(rounds))

            required = bool(option and option.requires_explanation)
            self.explanation_label.setText("&Uitleg (verplicht bij dit antwoord: pas toe of leg uit):" if required
                                           else "&Uitleg (optioneel):")
            explanation = answer.explanation if answer else ""
            missing = required and not explanation.strip()
            self.missing_row.setVisible(missing)
            if missing:
                self.missing_text.setText(f"Bij ‘{option.label}’ is een uitleg verplicht. Leg uit waarom "
                                          "de norm niet (volledig) wordt toegepast.")
            # kept in the scan file (Answer.explanation_written_for), so it holds after save and reopen
            earlier = stale_explanation_label(answer, scale)
            if earlier is not None:
                now = f"is bij ‘{option.label}’" if option is not None else "is zonder gekozen antwoord"
                self.stale_note.setText(
                    f"Deze uitleg is geschreven bij het eerdere antwoord ‘{earlier}’ en {now} "
                    "niet meer van toepassing. Ze blijft bewaard; pas haar aan of maak het veld leeg.")
            self.stale_note.setVisible(earlier is not None)
            self.explanation_edit.setAccessibleName("Uitleg, verplicht" if required else "Uitleg")
            self.explanation_edit.setPlaceholderText(
                "Waarom niet (volledig)? Wat is de afweging?" if required else "Eventuele toelichting op het antwoord")
            self._set_plain(self.explanation_edit, explanation)
            self._set_plain(self.notes_edit, answer.notes if answer else "")

            evidence = answer.evidence if answer else None
            basis = evidence.basis if evidence else None
            self.basis_combo.setCurrentIndex(max(0, self.basis_combo.findData(basis)) if basis else 0)
            reference = evidence.reference if evidence else ""
            if self.reference_edit.text() != reference:
                self.reference_edit.setText(reference)
            self.evidence_date.default_date = self.doc.assessment.peildatum
            if self.evidence_date.date() != (evidence.date if evidence else None) or not self.evidence_date.error():
                self.evidence_date.set_date(evidence.date if evidence else None)
        finally:
            self._loading = False

    @staticmethod
    def _set_plain(edit: QPlainTextEdit, text: str) -> None:
        if edit.toPlainText() != text:  # never reset the cursor of the field the user types in
            edit.setPlainText(text)

    def _on_changed(self, key: str) -> None:
        if self.item_id is not None and key in (self.item_id, ""):
            self._refresh()
            self.analysis_box.refresh()

    # ------------------------------------------------------------------ editing

    def _choose(self, option_id: str | None) -> None:
        if self.item_id is None:
            return
        self.doc.set_option(self.item_id, option_id)

    def _on_option_clicked(self, index: int) -> None:
        if not self._loading:
            self._choose(self._option_ids[index])

    def choose_index(self, index: int) -> bool:
        """Choose the n-th option (0-based), as the number keys do. False if there is none."""
        if self.item_id is None or not 0 <= index < len(self._option_ids):
            return False
        self._choose(self._option_ids[index])
        return True

    def _edit_text(self, field: str, text: str) -> None:
        if not self._loading and self.item_id is not None:
            self.doc.set_text(self.item_id, field, text)

    def _edit_evidence(self, field: str, value: object) -> None:
        if not self._loading and self.item_id is not None:
            self.doc.set_evidence(self.item_id, field, value)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # Reached only when the focused child did not use the key (buttons, not text fields).
        index = option_key_index(event)
        if index is not None and self.choose_index(index):
            event.accept()
            return
        super().keyPressEvent(event)


class NumberKeysToPage(QObject):
    """Lets number keys pressed in the navigation tree answer the item selected there."""

    def __init__(self, page: ItemPage, is_item_shown, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.is_item_shown = is_item_shown

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress and self.is_item_shown():
            index = option_key_index(event)
            if index is not None:
                return self.page.choose_index(index)
        return False
