"""Key figures (kengetallen): the organisation's own numbers, compared with norms as you type.

One block per key figure of the checklists: the value with its unit (a Dutch number: decimal
comma, ``44.000`` for thousands; yes/no figures as a choice), the date it was measured and a
note. Every valid keystroke is an undoable edit of the document (consecutive typing merges into
one undo step); the comparison under the field (``KeyFigureResult.comparison`` from
``dienstscan.scoring``: sentence, benchmarks met or not, sources) follows at once. A value that
is not a number or lies outside the figure's range is not stored: the field says what is wrong.
"""

from __future__ import annotations

import html
import math
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...model.checklist import KeyFigure
from ...scoring import KeyFigureResult, score
from ...scoring.dutch import number
from ..document import ScanDocument
from ..plan_commands import set_key_figure
from ..widgets import OptionalDateEdit, route_undo_to_document
from .common import RefreshWhenShown, bold_label, heading, text_label, vertical_scroll
from .dashboard import comparison_text

ERROR_STYLE = "color: #9c0006; font-weight: bold;"
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")

_UNIT_SUFFIX = {"%": "%", "seconden": "seconden", "minuten": "minuten", "werkdagen": "werkdagen",
                "cijfer": "(rapportcijfer 1–10)", "aantal": "(aantal)"}


def parse_number(text: str) -> float | None:
    """A number as a Dutch user types it: ``7,5``, ``44.000``, ``1.234,5``, ``80%``; '' -> None.

    Raises ``ValueError`` with a Dutch message for anything else.
    """
    t = text.strip().replace("\u00a0", "").replace(" ", "")
    if t.endswith("%"):
        t = t[:-1]
    if not t:
        return None
    if "," in t:
        if t.count(",") > 1:
            raise ValueError(f"'{text.strip()}' is geen getal: er staat meer dan één komma in.")
        t = t.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(t):
        t = t.replace(".", "")
    if not _NUMBER.match(t):
        raise ValueError(f"'{text.strip()}' is geen getal. Typ alleen cijfers, met een komma voor "
                         "decimalen (bijvoorbeeld 7,5).")
    value = float(t)
    if not math.isfinite(value):
        raise ValueError(f"'{text.strip()}' is geen getal.")
    return value


def bounds(kf: KeyFigure) -> tuple[float | None, float | None]:
    """The allowed range shown beside the field (the rule itself is ``KeyFigure.bounds``)."""
    return kf.bounds()


def check_value(kf: KeyFigure, value: float | None) -> str | None:
    """A Dutch message when ``value`` breaks the key figure's rule (``KeyFigure.out_of_range``), else None."""
    if value is None:
        return None
    problem = kf.out_of_range(value)
    if problem is None:
        return None
    kind, limit = problem
    if kind == "geen getal":
        return "Dit is geen getal."
    typed = number(value, 3) if abs(value) < 1e15 else f"{value:.3g}"
    if kind == "minimum":
        return f"De waarde moet minstens {number(limit)} zijn (u typte {typed})."
    return f"De waarde mag hoogstens {number(limit)} zijn (u typte {typed})."


def range_text(kf: KeyFigure) -> str:
    """'toegestaan: 0 tot 100', 'toegestaan: 0 of meer', or 'elke waarde'."""
    lo, hi = bounds(kf)
    if lo is not None and hi is not None:
        return f"toegestaan: {number(lo)} tot en met {number(hi)}"
    if lo is not None:
        return f"toegestaan: {number(lo)} of meer"
    if hi is not None:
        return f"toegestaan: {number(hi)} of minder"
    return "elke waarde"


def field_text(value: float | None) -> str:
    """A stored value as it is shown in the field: decimal comma, no thousands dots, no ``,0``."""
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def result_text(result: KeyFigureResult) -> str:
    """What the comparison says: the sentence, then per benchmark whether it is met and its source."""
    if result.comparison is None:
        if result.value is None:
            return "Nog niet ingevuld. Voor dit kengetal staat geen norm of referentie in de checklists."
        return f"Ingevuld: {result.value_text}. Voor dit kengetal staat geen norm of referentie in de checklists."
    return comparison_text(result.comparison)


def related_nodes(page: KeyFiguresPage, kf: KeyFigure) -> list[tuple[str, str]]:
    """(id, text) of the sections and items of the checklists that name this key figure."""
    nodes = []
    for fw in page.doc.checklists.frameworks:
        for section in fw.sections:
            if kf.id in section.key_figures:
                nodes.append((section.id, f"{fw.short_title}: {section.title}"))
        for item in fw.all_items():
            if kf.id in item.key_figures:
                nodes.append((item.id, f"{item.id} {item.text}"))
    return nodes


class KeyFigureRow(QFrame):
    """One key figure: value with unit, date, note, and what the value means against the norms."""

    def __init__(self, page: KeyFiguresPage, kf: KeyFigure) -> None:
        super().__init__()
        self.page = page
        self.kf = kf
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = bold_label(kf.label)
        self.description = text_label(kf.description, muted=True)
        self.description.setVisible(bool(kf.description))
        self.source = text_label(f"Bron van het kengetal: {kf.source.cite()}.", muted=True)
        self.related = QLabel()
        self.related.setWordWrap(True)
        self.related.setTextFormat(Qt.TextFormat.RichText)
        self.related.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                             | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        links = [f'<a href="{html.escape(node_id)}">{html.escape(text)}</a>'
                 for node_id, text in related_nodes(page, kf)]
        self.related.setText("Hoort bij: " + ", ".join(links) if links else "")
        self.related.setVisible(bool(links))
        self.related.linkActivated.connect(page.openItem)

        self.value_label = QLabel("&Waarde:")
        if kf.unit == "ja/nee":
            self.value_edit: QLineEdit | None = None
            self.choice: QComboBox | None = QComboBox()
            self.choice.addItem("— niet ingevuld —", None)
            self.choice.addItem("Ja", 1.0)
            self.choice.addItem("Nee", 0.0)
            self.choice.setAccessibleName(f"{kf.label}: ja of nee")
            self.choice.currentIndexChanged.connect(self._choice_changed)
            self.value_label.setBuddy(self.choice)
            value_widget: QWidget = self.choice
        else:
            self.choice = None
            self.value_edit = QLineEdit()
            self.value_edit.setAccessibleName(f"{kf.label} ({kf.unit})")
            self.value_edit.setPlaceholderText("bijv. 12,5")
            self.value_edit.setToolTip(f"Een getal met een komma voor decimalen; {range_text(kf)}.")
            self.value_edit.setMaximumWidth(180)
            self.value_edit.setMinimumWidth(120)
            self.value_edit.textEdited.connect(self._typed)
            route_undo_to_document(self.value_edit)
            self.value_label.setBuddy(self.value_edit)
            value_widget = self.value_edit
        self.unit = QLabel(_UNIT_SUFFIX.get(kf.unit, ""))
        self.range = text_label(f"({range_text(kf)})" if kf.unit != "ja/nee" else "", muted=True)
        self.range.setWordWrap(False)
        self.date_label = QLabel("&Datum meting:")
        self.date = OptionalDateEdit(name=f"{kf.label}: datum meting")
        self.date_label.setBuddy(self.date.edit)
        self.date.dateChanged.connect(lambda d: set_key_figure(page.doc, kf.id, date=d))
        self.note_label = QLabel("&Toelichting:")
        self.note = QLineEdit()
        self.note.setAccessibleName(f"{kf.label}: toelichting")
        self.note.setPlaceholderText("Bijvoorbeeld: gemeten over 2025, bron jaarverslag")
        self.note.textEdited.connect(lambda text: set_key_figure(page.doc, kf.id, note=text))
        route_undo_to_document(self.note)
        self.note_label.setBuddy(self.note)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.comparison = text_label()
        self.comparison.setAccessibleName(f"{kf.label}: vergelijking")

        fields = QHBoxLayout()
        fields.addWidget(self.value_label)
        fields.addWidget(value_widget)
        fields.addWidget(self.unit)
        fields.addWidget(self.range)
        fields.addSpacing(16)
        fields.addWidget(self.date_label)
        fields.addWidget(self.date)
        fields.addSpacing(16)
        fields.addWidget(self.note_label)
        fields.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.description)
        layout.addLayout(fields)
        layout.addWidget(self.error)
        layout.addWidget(self.comparison)
        layout.addWidget(self.source)
        layout.addWidget(self.related)

    # ------------------------------------------------------------------ editing

    def _typed(self, text: str) -> None:
        try:
            value = parse_number(text)
        except ValueError as exc:
            self._show_error(str(exc))
            return
        problem = check_value(self.kf, value)
        if problem:
            self._show_error(problem)
            return
        self._show_error(None)
        set_key_figure(self.page.doc, self.kf.id, value=value)

    def _choice_changed(self, _index: int) -> None:
        if self.page.loading:
            return
        set_key_figure(self.page.doc, self.kf.id, value=self.choice.currentData())

    def _show_error(self, message: str | None) -> None:
        self.error.setText(f"Niet opgeslagen: {message}" if message else "")
        self.error.setVisible(bool(message))
        if self.value_edit is not None:
            self.value_edit.setAccessibleDescription(message or "")

    # ------------------------------------------------------------------ showing

    def show_result(self, result: KeyFigureResult) -> None:
        stored = self.page.doc.assessment.key_figures.get(self.kf.id)
        value = stored.value if stored is not None else None
        if self.value_edit is not None:
            try:
                typed = parse_number(self.value_edit.text())
            except ValueError:
                typed = math.nan
            editing = self.value_edit.hasFocus() and self.error.isVisible()
            if typed != value and not editing:
                self.value_edit.setText(field_text(value))
                self._show_error(None)
        elif self.choice is not None:
            index = self.choice.findData(value) if value is not None else 0
            if index != self.choice.currentIndex():
                self.choice.setCurrentIndex(max(index, 0))
        note = stored.note if stored is not None else ""
        if self.note.text() != note:
            self.note.setText(note)
            if not self.note.hasFocus():
                self.note.setCursorPosition(0)  # show the start of a long note, not its end
        self.note.setToolTip(note)
        date = stored.date if stored is not None else None
        if self.date.date() != date:
            self.date.set_date(date)
        self.comparison.setText(result_text(result))


class KeyFiguresPage(RefreshWhenShown, QWidget):
    """All key figures of the checklists, entered and compared with norms and references."""

    openItem = Signal(str)

    def __init__(self, doc: ScanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.loading = False
        self._stale = True
        self.rows: dict[str, KeyFigureRow] = {}
        self.title = heading("Kengetallen")
        self.intro = text_label(
            "Vul de kengetallen van uw organisatie in. Ze zijn niet verplicht; elk ingevuld getal wordt "
            "meteen vergeleken met de normen en referenties uit de bronnen. Gebruik een komma voor "
            "decimalen (7,5) en een punt voor duizendtallen (44.000).", muted=True)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        for kf in doc.checklists.key_figures.values():
            row = KeyFigureRow(self, kf)
            self.rows[kf.id] = row
            layout.addWidget(row)
        if not self.rows:
            layout.addWidget(text_label("De checklists bevatten geen kengetallen."))
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(vertical_scroll(content))
        doc.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        """Show the stored values and compare them again (from ``dienstscan.scoring.score``)."""
        report = score(self.doc.checklists, self.doc.assessment)
        self._stale = False
        self.loading = True
        try:
            for result in report.key_figures:
                row = self.rows.get(result.id)
                if row is not None:
                    row.show_result(result)
        finally:
            self.loading = False

    def row(self, key_figure_id: str) -> KeyFigureRow:
        return self.rows[key_figure_id]
