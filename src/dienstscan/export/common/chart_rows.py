"""What the score charts show, for the Excel chart and the report's SVG chart alike.

Two kinds of bar never share an axis: a *share* (the part of the items fully applied, 0–100%)
and a *growth level* (Antwoord's mean level or its phase, on the scale's own levels, e.g. 0–4).
``share_rows`` gives the first, ``level_rows`` the second; each row carries its benchmarks on
the same scale. The partial share is its own value beside the score, never a continuation of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model.checklist import ChecklistSet, section_heading
from ...scoring import FrameworkScore, MetricComparison, ScoreReport
from ...scoring import display


@dataclass(frozen=True)
class Mark:
    """A benchmark on the row's scale: its label (with year) and value."""

    label: str
    value: float
    value_text: str


@dataclass(frozen=True)
class ScoreRow:
    """One bar: a framework or section score (a share or a level) with its benchmarks."""

    label: str
    short_label: str
    value: float | None
    value_text: str
    partial: float | None = None
    partial_text: str = ""
    marks: list[Mark] = field(default_factory=list)


def benchmark_label(label: str, date: str) -> str:
    """'Bergen (2011)': the benchmark's label with its year, once."""
    year = date[:4]
    return label if year in label else f"{label} ({year})"


def _marks(comparison: MetricComparison | None) -> list[Mark]:
    if comparison is None:
        return []
    # ``drawn``: no lines beside a bar whose comparison is withheld (too much n.v.t.)
    return [Mark(benchmark_label(b.label, b.date), b.value, b.value_text) for b in comparison.drawn]


def _pct(value: float | None) -> str:
    return display.share_text(value)


def growth_scale(checklists: ChecklistSet, fs: FrameworkScore) -> int | None:
    """The highest level of a mean-level framework's scale (Antwoord: 4); None when its score is a
    share. Decided once, in scoring (``Tally.level_top``)."""
    return fs.tally.level_top


def level_text(value: float) -> str:
    return display.level_text(value)


def share_rows(report: ScoreReport, *, sections: bool = False) -> list[ScoreRow]:
    """Frameworks scored as a share of items (and, with ``sections``, their sections)."""
    rows = []
    for fs in report.frameworks:
        if fs.score_method != "share_full":
            continue
        t = fs.tally
        rows.append(ScoreRow(fs.title, fs.short_title, t.percentage, _pct(t.percentage), t.partial_percentage or None,
                             _pct(t.partial_percentage) if t.partial_percentage else "", _marks(fs.comparison)))
        if sections:
            for s in fs.sections:
                st = s.tally
                title = section_heading(s.number, s.title)
                rows.append(ScoreRow(title, f"{fs.short_title}: {title}", st.percentage, _pct(st.percentage),
                                     st.partial_percentage or None,
                                     _pct(st.partial_percentage) if st.partial_percentage else "", _marks(s.comparison)))
    return rows


def level_rows(checklists: ChecklistSet, report: ScoreReport) -> tuple[list[ScoreRow], int]:
    """Growth levels on their own scale: each mean-level framework's mean level and each item
    reported on its own with a level (the Antwoord phase), with benchmarks on levels. Returns the
    rows and the top of the scale."""
    rows: list[ScoreRow] = []
    top = 0
    for fs in report.frameworks:
        scale_top = growth_scale(checklists, fs)
        if scale_top is not None:
            top = max(top, scale_top)
            level = fs.tally.level
            rows.append(ScoreRow(f"{fs.title}: gemiddeld groeiniveau", f"{fs.short_title}: gemiddeld niveau", level,
                                 level_text(level) if level is not None else "geen score"))
        for sep in fs.separate_items:
            if sep.comparison is None and sep.level is None:
                continue
            if sep.level is None and sep.option is not None:
                continue  # answered without a level ("onbekend"): nothing to draw
            marks = _marks(sep.comparison)
            levels = [m.value for m in marks] + ([sep.level] if sep.level is not None else [])
            top = max(top, int(max(levels, default=0)))
            short = sep.text if len(sep.text) <= 30 else sep.text[:30].rsplit(" ", 1)[0] + " …"
            rows.append(ScoreRow(f"{fs.short_title}: {sep.text}", f"{fs.short_title}: {short}",
                                 float(sep.level) if sep.level is not None else None,
                                 sep.option_label or "niet beantwoord", marks=marks))
    return rows, top


def section_rows(checklists: ChecklistSet, fs: FrameworkScore) -> tuple[list[ScoreRow], int | None]:
    """One framework's sections: shares, or (for a mean-level framework) levels on its scale.
    Returns the rows and the top of the level scale (None: a share, 0–100%)."""
    top = growth_scale(checklists, fs)
    rows = []
    for s in fs.sections:
        t = s.tally
        title = section_heading(s.number, s.title)
        if top is not None:
            level = t.level
            rows.append(ScoreRow(title, title, level, level_text(level) if level is not None else "geen score"))
        else:
            rows.append(ScoreRow(title, title, t.percentage, _pct(t.percentage), t.partial_percentage or None,
                                 _pct(t.partial_percentage) if t.partial_percentage else "", _marks(s.comparison)))
    return rows, top
