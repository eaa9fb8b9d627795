"""Key figures (kengetallen): the organisation's own numbers, compared with norms as you type.

A table with one row per key figure of the checklists: the label, the value (a Dutch number:
decimal comma, ``44.000`` for thousands; yes/no figures as a choice), the unit and the comparison
in a few words (``short_verdict``). *Details* opens below the row: the description, the date it
was measured, a note, the full comparison with every benchmark and its source, and the items
that name the figure. Every valid keystroke is an undoable edit of the document (consecutive typing merges into
one undo step); the comparison in the row and in the details (``KeyFigureResult.comparison`` from
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
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...model.checklist import KeyFigure
from ...scoring import KeyFigureResult, score
from ...scoring.dutch import number
from ..document import ScanDocument
from ..plan_commands import set_key_figure
from ..widgets import OptionalDateEdit, TwoWayGrid, route_undo_to_document
from .common import NarrowLayout, RefreshWhenShown, bold_label, heading, text_label, vertical_scroll
from .dashboard import benchmark_verdict, comparison_text

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


def short_verdict(result: KeyFigureResult) -> str:
    """The comparison in a few words for the table: 'norm gehaald · boven 1 van 2 referenties'.

    The full sentence with every benchmark and its source is in the row's details and tooltip.
    """
    comparison = result.comparison
    if comparison is None or not comparison.benchmarks:
        return "geen norm of referentie"
    norms = [b for b in comparison.benchmarks if b.kind == "norm"]
    refs = [b for b in comparison.benchmarks if b.kind != "norm"]
    if result.value is None:
        parts = []
        if norms:
            parts.append("1 norm" if len(norms) == 1 else f"{len(norms)} normen")
        if refs:
            parts.append("1 referentie" if len(refs) == 1 else f"{len(refs)} referenties")
        return "nog niet ingevuld · " + " en ".join(parts)
    if not comparison.comparable:
        # withheld (a count without inhabitants, references that cannot be converted): no
        # position is claimed, and the row says so and why instead of an empty count (issue 28)
        why = comparison.withheld_reason or "de vergelijking is niet te maken"
        return f"niet vergelijkbaar: {why}"
    parts = []
    if len(norms) == 1:
        parts.append(benchmark_verdict(norms[0]))
    elif norms:
        met = sum(1 for b in norms if b.met)
        parts.append(f"{met} van {len(norms)} normen gehaald")
    if len(refs) == 1:
        parts.append({"boven": "boven de referentie", "gelijk": "op de referentie",
                      "onder": "onder de referentie"}.get(refs[0].position or "", "referentie: onbekend"))
    elif refs:
        counts = [(word, sum(1 for b in refs if b.position == pos))
                  for pos, word in (("boven", "boven"), ("gelijk", "gelijk aan"), ("onder", "onder"))]
        placed = ", ".join(f"{word} {n}" for word, n in counts if n)
        parts.append(f"{placed} van {len(refs)} referenties" if placed else "referenties: niet vergelijkbaar")
    return " · ".join(parts)


class KeyFigureRow:
    """One key figure in the table: label, value, unit, the comparison in a few words, details.

    The widgets sit in the page's grid (``page.grid``), so the columns line up over all figures;
    the details (description, measuring date, note, the full comparison with its sources, the
    items that name the figure) open below the row with the *Details* button.
    """

    COLUMNS = 5

    def __init__(self, page: KeyFiguresPage, kf: KeyFigure, grid: QGridLayout, index: int) -> None:
        self.page = page
        self.kf = kf
        parent = grid.parentWidget()
        self.title = QLabel(kf.label, parent)
        self.title.setWordWrap(True)
        self.title.setToolTip(kf.description or kf.label)
        if kf.unit == "ja/nee":
            self.value_edit: QLineEdit | None = None
            self.choice: QComboBox | None = QComboBox(parent)
            self.choice.addItem("— niet ingevuld —", None)
            self.choice.addItem("Ja", 1.0)
            self.choice.addItem("Nee", 0.0)
            self.choice.setAccessibleName(f"{kf.label}: ja of nee")
            self.choice.currentIndexChanged.connect(self._choice_changed)
            value_widget: QWidget = self.choice
        else:
            self.choice = None
            self.value_edit = QLineEdit(parent)
            self.value_edit.setAccessibleName(f"{kf.label} ({kf.unit})")
            self.value_edit.setPlaceholderText("bijv. 12,5")
            self.value_edit.setToolTip(f"Een getal met een komma voor decimalen; {range_text(kf)}.")
            self.value_edit.textEdited.connect(self._typed)
            route_undo_to_document(self.value_edit)
            value_widget = self.value_edit
        value_widget.setFixedWidth(max(130, value_widget.sizeHint().width()))  # the yes/no choice whole
        self.title.setBuddy(value_widget)
        self.unit = QLabel(_UNIT_SUFFIX.get(kf.unit, ""), parent)
        self.unit.setToolTip(range_text(kf) if kf.unit != "ja/nee" else "ja of nee")
        self.summary = QLabel(parent)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(f"{kf.label}: vergelijking in het kort")
        self.error = QLabel(parent)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.details_button = QToolButton(parent)
        self.details_button.setText("Details")
        self.details_button.setCheckable(True)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setAccessibleName(f"Details bij {kf.label}")
        self.details_button.setToolTip("Toelichting, datum van de meting, de volledige vergelijking en de bronnen")
        self.details_button.toggled.connect(self.set_expanded)

        # ---- the details, below the row, hidden until asked for
        self.details = QFrame(parent)
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        self.description = text_label(kf.description, muted=True)
        self.description.setVisible(bool(kf.description))
        self.comparison = text_label()
        self.comparison.setAccessibleName(f"{kf.label}: vergelijking")
        self.range = text_label(f"Toegestaan: {range_text(kf).removeprefix('toegestaan: ')}."
                                if kf.unit != "ja/nee" else "", muted=True)
        self.range.setVisible(kf.unit != "ja/nee")
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
        self.date_label = QLabel("&Datum meting:")
        self.date = OptionalDateEdit(name=f"{kf.label}: datum meting")
        self.date.default_date = page.doc.assessment.peildatum
        self.date_label.setBuddy(self.date.edit)
        self.date.dateChanged.connect(lambda d: set_key_figure(page.doc, kf.id, date=d))
        self.note_label = QLabel("&Toelichting:")
        # a wrapping text field: what was typed stays readable, however long
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName(f"{kf.label}: toelichting")
        self.note.setPlaceholderText("Bijvoorbeeld: gemeten over 2025, bron jaarverslag")
        self.note.setFixedHeight(3 * self.note.fontMetrics().lineSpacing() + 14)
        self.note.textChanged.connect(self._note_changed)
        route_undo_to_document(self.note)
        self.note_label.setBuddy(self.note)
        fields = QGridLayout()
        fields.addWidget(self.date_label, 0, 0)
        fields.addWidget(self.date, 0, 1, Qt.AlignmentFlag.AlignLeft)
        fields.addWidget(self.note_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        fields.addWidget(self.note, 1, 1)
        fields.setColumnStretch(1, 1)
        details = QVBoxLayout(self.details)
        details.setSpacing(4)
        details.addWidget(self.description)
        details.addLayout(fields)
        details.addWidget(self.comparison)
        details.addWidget(self.range)
        details.addWidget(self.source)
        details.addWidget(self.related)
        self.details.hide()

        self.verdict = QWidget(parent)
        verdict = QVBoxLayout(self.verdict)
        verdict.setContentsMargins(0, 0, 0, 0)
        verdict.setSpacing(0)
        verdict.addWidget(self.summary)
        verdict.addWidget(self.error)
        right = Qt.AlignmentFlag.AlignRight
        row = 2 * index
        #: side by side in five columns, or (narrow page) the title over the value, the verdict under it
        self.wide = [(self.title, row, 0, 1, 1), (value_widget, row, 1, 1, 1), (self.unit, row, 2, 1, 1),
                     (self.verdict, row, 3, 1, 1), (self.details_button, row, 4, 1, 1, right),
                     (self.details, row + 1, 0, 1, self.COLUMNS)]
        row = 4 * index
        self.narrow = [(self.title, row, 0, 1, 3), (value_widget, row + 1, 0, 1, 1), (self.unit, row + 1, 1, 1, 1),
                       (self.details_button, row + 1, 2, 1, 1, right), (self.verdict, row + 2, 0, 1, 3),
                       (self.details, row + 3, 0, 1, 3)]

    def set_expanded(self, expanded: bool) -> None:
        """Show or hide the details below the row."""
        if self.details_button.isChecked() != expanded:
            self.details_button.setChecked(expanded)  # comes back here through toggled
            return
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.details.setVisible(expanded)

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

    def _note_changed(self) -> None:
        if not self.page.loading:
            set_key_figure(self.page.doc, self.kf.id, note=self.note.toPlainText())

    def _show_error(self, message: str | None) -> None:
        self.error.setText(f"Niet opgeslagen: {message}" if message else "")
        self.error.setVisible(bool(message))
        self.summary.setVisible(not message)
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
        if self.note.toPlainText() != note:  # never reset the cursor of the field the user types in
            self.note.setPlainText(note)
        date = stored.date if stored is not None else None
        if self.date.date() != date:
            self.date.set_date(date)
        full = result_text(result)
        self.comparison.setText(full)
        self.summary.setText(short_verdict(result) + (" · toelichting" if note.strip() else ""))
        self.summary.setToolTip(full)


class KeyFiguresPage(NarrowLayout, RefreshWhenShown, QWidget):
    """All key figures of the checklists in one table, entered and compared with norms and references."""

    openItem = Signal(str)

    def __init__(self, doc: ScanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.loading = False
        self._stale = True
        self.rows: dict[str, KeyFigureRow] = {}
        self.title = heading("Kengetallen")
        self.intro = text_label(
            "Vul de kengetallen van uw organisatie in; ze zijn niet verplicht. Elk getal wordt meteen "
            "vergeleken met de normen en referenties uit de bronnen. Gebruik een komma voor decimalen "
            "(7,5) en een punt voor duizendtallen (44.000). Onder Details staan de datum van de meting, "
            "een toelichting, de volledige vergelijking en de bronnen.", muted=True)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        self.table = QWidget(content)
        self.grid = QGridLayout(self.table)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(2)
        self.headers = [bold_label(text) for text in ("Kengetal", "Waarde", "Eenheid", "Vergelijking")]
        for index, kf in enumerate(doc.checklists.key_figures.values(), start=1):
            self.rows[kf.id] = KeyFigureRow(self, kf, self.grid, index)
        header_cells = [(label, 0, column, 1, 1) for column, label in enumerate(self.headers)]
        self.table_layout = TwoWayGrid(
            self.grid, header_cells + [cell for row in self.rows.values() for cell in row.wide],
            [cell for row in self.rows.values() for cell in row.narrow], wide_stretch={0: 4, 3: 3},
            narrow_stretch={2: 1})
        self.narrow = False
        layout.addWidget(self.table)
        if not self.rows:
            layout.addWidget(text_label("De checklists bevatten geen kengetallen."))
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = vertical_scroll(content, "Kengetallen")
        outer.addWidget(self.scroll)
        doc.changed.connect(self._on_changed)
        self.refresh()

    def set_narrow(self, narrow: bool) -> None:
        """Each key figure over three lines on a narrow page (no column headers), else a table."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        self.table_layout.set_narrow(narrow)
        for label in self.headers:
            label.setVisible(not narrow)

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
