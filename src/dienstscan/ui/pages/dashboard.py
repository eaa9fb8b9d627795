"""The dashboard: where the organisation stands, live, while the scan is being filled in.

Per framework: the score and its sections as bars against the benchmark lines
(``charts.BarChart``), the benchmark sentences with their sources, the Antwoord phase against its
ambition (``charts.PhaseLadder``), comply-or-explain (items whose explanation is missing, each a
link to the item) and how much is answered. Every number and sentence comes from
``dienstscan.scoring.score``; this page only lays them out. It recomputes when the document says
something changed (at once when visible, else when shown again); clicking a bar or a link emits
``openItem`` with the framework, section or item id.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ...model import section_heading
from ...scoring import BenchmarkComparison, FrameworkScore, MetricComparison, ScoreReport, score
from ...scoring import display, dutch
from ...scoring.dutch import plural
from ...scoring.sentences import NO_BENCHMARKS
from .. import contrast
from ..charts import Bar, BarChart, BenchmarkLine, Phase, PhaseLadder
from ..cycle_widgets import ProgressPanel
from ..document import ScanDocument
from .common import CachedGroupBox, RefreshWhenShown, bold_label, heading, text_label, vertical_scroll

LINK_STYLE = "color: #0b4f9c;"


def link_style() -> str:
    """Our link colour, or none under high contrast: the system's link colour then."""
    return "" if contrast.system_high_contrast() else LINK_STYLE


def benchmark_lines(comparison: MetricComparison | None) -> tuple[BenchmarkLine, ...]:
    if comparison is None:
        return ()
    lines = []
    for b in comparison.drawn:
        lines.append(BenchmarkLine(b.value, b.listed, b.kind))
    return tuple(lines)


def benchmark_verdict(b: BenchmarkComparison) -> str:
    """In words, never by colour; the words come from scoring (only a norm is gehaald)."""
    if b.verdict is not None:
        return b.verdict
    return "nog niet te beoordelen" if b.kind == "norm" else "nog niet te vergelijken"


def comparison_text(comparison: MetricComparison | None) -> str:
    """The sentence and, on the next lines, per benchmark the verdict and its source."""
    if comparison is None:
        return ""
    lines = [comparison.sentence]
    for b in comparison.benchmarks:
        lines.append(f"   • {b.label} ({b.kind_label}, {b.value_text}): {benchmark_verdict(b)}. {b.source_sentence}")
    return "\n".join(lines)


def _detail(fw: FrameworkScore, tally) -> str:
    noun = fw.item_label.lower() if tally.applicable == 1 else plural(fw.item_label)
    if fw.score_method == "share_full":
        return f"{tally.full} van {tally.applicable} {noun} volledig"
    return f"gemiddelde over {tally.applicable} {noun}"


def _set_shown(*widgets: QWidget, shown: bool) -> None:
    """Show or hide, touching only widgets whose state changes: ``show()`` on a shown widget still
    costs a layout pass, and the dashboard updates on every answer."""
    for widget in widgets:
        if widget.isHidden() == shown:
            widget.setVisible(shown)


class _FrameworkBox(CachedGroupBox):
    """The block of one framework; built once per framework, its texts updated on every change."""

    def __init__(self, page: DashboardPage, fw: FrameworkScore) -> None:
        super().__init__(fw.title)
        self.setAutoFillBackground(True)
        self.page = page
        self.framework_id = fw.id
        self.headline = bold_label("")
        self.headline.setAccessibleName(f"Score {fw.short_title}")
        self.partial = text_label(muted=True)
        self.chart = BarChart(self, name=f"Scores {fw.short_title} per {fw.section_label.lower()}")
        self.chart.barActivated.connect(page.openItem)
        self.legend = text_label(muted=True)
        self.sentences = text_label()
        self.notes = text_label(muted=True)
        self.phase_title = bold_label("")
        self.phase = PhaseLadder(self, name="Fase van de dienstverlening")
        self.phase_text = text_label()
        self.explain_title = bold_label("")
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setTextFormat(Qt.TextFormat.RichText)
        self.explain.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                             | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.explain.linkActivated.connect(self._link)
        self.completeness = text_label(muted=True)
        self._phase_item: str | None = None
        self.phase.activated.connect(lambda: self._phase_item and page.openItem.emit(self._phase_item))

        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        for widget in (self.headline, self.partial, self.chart, self.legend, self.sentences, self.notes,
                       self.phase_title, self.phase, self.phase_text, self.explain_title, self.explain,
                       self.completeness):
            layout.addWidget(widget)

    def _link(self, href: str) -> None:
        if href.startswith("item:"):
            self.page.openItem.emit(href.removeprefix("item:"))

    def update_from(self, fw: FrameworkScore) -> None:
        tally = fw.tally
        if tally.percentage is None:
            self.headline.setText("Score: nog geen score (geen toepasselijke items).")
        else:
            self.headline.setText(f"Score: {display.score_text(tally)} ({_detail(fw, tally)})")
        if fw.score_method == "share_full" and tally.partial:
            self.partial.setText(f"Gedeeltelijk: {display.share_text(tally.partial_percentage or 0)} "
                                 f"({tally.partial} van {tally.applicable}); telt niet mee in de score.")
        _set_shown(self.partial, shown=fw.score_method == "share_full" and bool(tally.partial))

        bars = [Bar(fw.id, f"{fw.short_title}: totaal", tally.percentage,
                    display.score_text(tally),
                    _detail(fw, tally), benchmark_lines(fw.comparison),
                    fw.comparison.sentence if fw.comparison else "", headline=True)]
        for section in fw.sections:
            st = section.tally
            title = section_heading(section.number, section.title, fw.section_label)
            bars.append(Bar(section.id, title, st.percentage,
                            display.score_text(st),
                            _detail(fw, st), benchmark_lines(section.comparison),
                            section.comparison.sentence if section.comparison else ""))
        self.chart.set_bars(bars)
        hint = "Klik op een balk (of kies met de pijltjes en Enter) om dat onderdeel te openen."
        if any(bar.lines for bar in bars):
            hint = "Lijnen: doorgetrokken = norm; gestreept = referentieniveau, ondergrens, eigen belofte of historisch doel. " + hint
        self.legend.setText(hint)

        sentences = [comparison_text(fw.comparison)] if fw.comparison else []
        for section in fw.sections:
            if section.comparison is not None:
                title = section_heading(section.number, section.title, fw.section_label)
                sentences.append(f"{title}: " + comparison_text(section.comparison))
        sentences += [comparison_text(c) for c in fw.item_comparisons]
        self.sentences.setText("\n".join(sentences) if sentences else NO_BENCHMARKS)
        notes = [fw.denominator_note]
        if fw.scope_note:
            notes.append(fw.scope_note)
        self.notes.setText(" ".join(notes))

        self._update_phase(fw)
        self._update_explanations(fw)
        if tally.completeness is not None:
            self.completeness.setText(f"Volledigheid: {display.framework_completeness_text(fw)}.")
        else:
            self.completeness.setText("")

    def _update_phase(self, fw: FrameworkScore) -> None:
        phased = [s for s in fw.separate_items if s.comparison is not None or s.level is not None]
        phased = phased or [s for s in fw.separate_items
                            if any(o.level is not None for o in self.page.doc.checklists.scale_for(s.item_id).options)]
        _set_shown(self.phase_title, self.phase, self.phase_text, shown=bool(phased))
        if not phased:
            self._phase_item = None
            return
        item = phased[0]
        self._phase_item = item.item_id
        scale = self.page.doc.checklists.scale_for(item.item_id)
        phases = [Phase(o.level, o.label) for o in scale.options if o.level is not None]
        ambition = None
        if item.comparison is not None and item.comparison.benchmarks:
            ambition = int(max(b.value for b in item.comparison.benchmarks if b.comparison == "at_least")) \
                if any(b.comparison == "at_least" for b in item.comparison.benchmarks) else None
        self.phase_title.setText(item.text)
        self.phase.set_phases(phases, item.level, ambition)
        self.phase.setToolTip("Klik om deze vraag te openen.")
        lines = [f"Antwoord: {item.option_label or 'nog niet beantwoord'}."]
        if item.comparison is not None:
            lines.append(comparison_text(item.comparison))
        self.phase_text.setText("\n".join(lines))

    def _update_explanations(self, fw: FrameworkScore) -> None:
        status = fw.explanation_status
        _set_shown(self.explain_title, self.explain, shown=bool(status.required))
        if not status.required:
            return
        noun = "antwoord dat een uitleg vraagt" if status.required == 1 else "antwoorden die een uitleg vragen"
        self.explain_title.setText(f"Pas toe of leg uit: uitleg gegeven bij {status.given} van "
                                   f"{status.required} {noun}")
        if not status.missing:
            self.explain.setText("Bij elk antwoord dat een uitleg vraagt, is de uitleg ingevuld.")
            return
        checklists = self.page.doc.checklists
        links = []
        for item_id in status.missing:
            text = checklists.item(item_id).text if checklists.has_item(item_id) else ""
            links.append(f'<li><a style="{link_style()}" href="item:{html.escape(item_id)}">'
                         f"{html.escape(item_id)} {html.escape(text)}</a> – uitleg ontbreekt</li>")
        which = "dit antwoord een uitleg heeft" if len(status.missing) == 1 else \
            f"deze {len(status.missing)} antwoorden een uitleg hebben"
        self.explain.setText(f"<p>De scan is pas volledig als {which} (klik om te openen):</p>"
                             f"<ul style='margin-top:0'>{''.join(links)}</ul>")


class _Content(QWidget):
    """The scrolled contents: while shown, as tall as they have been at this width (never shorter).

    An answer that takes a line away from the dashboard would otherwise shrink the page, move the
    scroll bar's range (Fusion's scroll bar is slow to draw: 1-4 ms at 1920x1080) and make a page
    scrolled to the bottom jump; the line comes back with the next answer. The room stays empty
    at the bottom and is given back when the page is shown again or the framework blocks change.
    """

    def __init__(self) -> None:
        super().__init__()
        self._tallest: dict[int, int] = {}

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        height = max(super().heightForWidth(width), self._tallest.get(width, 0))
        self._tallest[width] = height
        return height

    def forget_height(self) -> None:
        self._tallest.clear()
        self.updateGeometry()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.forget_height()
        super().showEvent(event)


class DashboardPage(RefreshWhenShown, QWidget):
    """Scores against benchmarks, phase, comply-or-explain and completeness of the open scan."""

    openItem = Signal(str)

    def __init__(self, doc: ScanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.report: ScoreReport | None = None
        self._stale = True
        self._boxes: dict[str, _FrameworkBox] = {}
        self._structure: tuple = ()
        #: The framework scores each box shows now (boxes are updated only when theirs changed).
        self._shown: dict[str, FrameworkScore] = {}

        self.title = heading("Dashboard")
        self.subtitle = text_label(muted=True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Volledigheid van de scan")
        self.progress.setTextVisible(True)
        self.progress.setMaximumWidth(420)
        self.completeness = text_label()
        self.warnings = text_label()
        self.excluded = text_label(muted=True)

        self.content = _Content()
        # the contents only grow downwards: a taller page repaints only the new strip at the bottom
        self.content.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(18, 12, 18, 12)
        self.content_layout.setSpacing(10)
        for widget in (self.title, self.subtitle, self.progress, self.completeness, self.warnings, self.excluded):
            self.content_layout.addWidget(widget)
        # progress since an earlier scan, shown only when one is chosen (Scan > Vergelijk)
        self.progress_panel = ProgressPanel(doc, self.content)
        self.content_layout.addWidget(self.progress_panel)
        self.boxes_layout = QVBoxLayout()
        self.boxes_layout.setSpacing(14)
        self.content_layout.addLayout(self.boxes_layout)
        self.content_layout.addStretch(1)
        scroll = vertical_scroll(self.content, "Dashboard")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        doc.changed.connect(self._on_changed)
        self.refresh()

    # ------------------------------------------------------------------ updating

    def refresh(self) -> None:
        """Score the scan again and show the result."""
        report = score(self.doc.checklists, self.doc.assessment)
        self.report = report
        self._stale = False
        a = self.doc.assessment
        self.subtitle.setText(f"{a.organisation.name}, peildatum {a.peildatum:%d-%m-%Y}. "
                              "Alle scores worden bijgewerkt zodra u een antwoord wijzigt.")
        self._update_completeness(report)
        self.progress_panel.refresh()
        structure = tuple((fw.id, tuple(s.id for s in fw.sections)) for fw in report.frameworks)
        if structure != self._structure:
            self._rebuild(report)
            self.content.forget_height()
            self._structure = structure
            self._shown = {}
        for fw in report.frameworks:
            if self._shown.get(fw.id) != fw:  # an answer changes one framework: leave the others be
                self._boxes[fw.id].update_from(fw)
                self._shown[fw.id] = fw

    def _rebuild(self, report: ScoreReport) -> None:
        for box in self._boxes.values():
            self.boxes_layout.removeWidget(box)
            box.deleteLater()
        self._boxes = {}
        for fw in report.frameworks:
            box = _FrameworkBox(self, fw)
            self._boxes[fw.id] = box
            self.boxes_layout.addWidget(box)

    def _update_completeness(self, report: ScoreReport) -> None:
        c = report.completeness
        shown = display.completeness_percentage(c.answered, c.items)
        self.progress.setValue(int(shown) if shown is not None else 0)
        self.progress.setFormat(f"{dutch.number(shown, 0)}% beantwoord" if shown is not None else "geen items in de scan")
        # the line the report's cover, the Samenvatting and the CLI say (scoring.display)
        parts = [f"Volledigheid: {display.scan_completeness_text(c)}."]
        if not c.explanations_missing:
            parts.append("Geen uitleg ontbreekt.")
        total_kf = len(report.key_figures)
        if total_kf:
            parts.append(f"Kengetallen ingevuld: {total_kf - len(c.key_figures_missing)} van {total_kf}.")
        self.completeness.setText(" ".join(parts))
        warnings = list(report.warnings)
        if c.unknown_items:
            warnings.append(f"Antwoorden op items die de checklists niet (meer) kennen: {', '.join(c.unknown_items)}.")
        if c.unknown_options:
            warnings.append(f"Antwoorden die niet op de schaal staan (tellen als niet beantwoord): "
                            f"{', '.join(c.unknown_options)}.")
        self.warnings.setText("\n".join(f"Let op: {w}" for w in warnings))
        self.warnings.setVisible(bool(warnings))
        excluded = [f"{e.title} valt buiten de scan: {e.justification}" for e in report.excluded_frameworks]
        self.excluded.setText("\n".join(excluded))
        self.excluded.setVisible(bool(excluded))
        if not report.frameworks:
            self.completeness.setText("Er is geen kader in de scan opgenomen; kies een kader in de navigatie.")

    # ------------------------------------------------------------------ lookups

    def chart(self, framework_id: str) -> BarChart:
        return self._boxes[framework_id].chart

    def framework_box(self, framework_id: str) -> _FrameworkBox:
        return self._boxes[framework_id]
