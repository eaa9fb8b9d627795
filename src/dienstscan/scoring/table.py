"""The score report as a readable Dutch text table (``dienstscan score`` without ``--json``).

Pure: takes a ``ScoreReport`` and returns a string; the numbers are the report's own, so the
table and the JSON output never disagree.
"""

from __future__ import annotations

from ..model.checklist import section_heading
from . import dutch
from .report import FrameworkScore, MetricComparison, ScoreReport, Tally

_NAME_WIDTH = 46
_HEADER = ("Score", "Deels", "Toepasbaar", "Volledig", "Gedeelt.", "N.v.t.", "Open")


def _pct(value: float | None) -> str:
    return dutch.percent(value) if value is not None else "–"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _row(name: str, t: Tally) -> str:
    cells = (_pct(t.percentage), _pct(t.partial_percentage), str(t.applicable), str(t.full),
             str(t.partial), str(t.not_applicable), str(t.unanswered))
    widths = [len(h) for h in _HEADER]
    return f"  {_clip(name, _NAME_WIDTH):<{_NAME_WIDTH}}" + "".join(
        f"  {c:>{max(w, 6)}}" for c, w in zip(cells, widths, strict=True)
    )


def _header(first: str) -> str:
    return f"  {first:<{_NAME_WIDTH}}" + "".join(f"  {h:>{max(len(h), 6)}}" for h in _HEADER)


def _comparison(c: MetricComparison | None, indent: str = "  ") -> list[str]:
    if c is None:
        return []
    lines = [f"{indent}{c.sentence}"]
    lines += [f"{indent}  {b.source_sentence}" for b in c.benchmarks]
    return lines


def _framework(fw: FrameworkScore) -> list[str]:
    method = ("aandeel volledig gerealiseerd" if fw.score_method == "share_full"
              else "gemiddeld niveau als percentage")
    lines = [f"{fw.title} ({fw.id}, versie {fw.version}) – score: {method}", _header(fw.section_label)]
    for s in fw.sections:
        name = section_heading(s.number, s.title, fw.section_label)
        lines.append(_row(name, s.tally))
    lines.append(_row("Totaal", fw.tally))
    if fw.tally.completeness is not None:
        lines.append(f"  Volledigheid: {fw.tally.all_answered} van {fw.tally.all_items} "
                     f"{dutch.plural(fw.item_label)} beantwoord ({dutch.percent(fw.tally.completeness)}).")
    if fw.scope_note:
        lines.append(f"  {fw.scope_note}")
    lines.append(f"  {fw.denominator_note}")
    lines += _comparison(fw.comparison)
    for s in fw.sections:
        if s.comparison is not None:
            lines += [f"  {s.title}:"] + _comparison(s.comparison, "    ")
    lines += [line for c in fw.item_comparisons for line in _comparison(c)]
    for item in fw.separate_items:
        answer = item.option_label or "nog niet beantwoord"
        lines.append(f"  Apart vergeleken, telt niet mee in de score: {item.item_id} {item.text} – {answer}")
        lines += _comparison(item.comparison, "    ")
    st = fw.explanation_status
    if st.required:
        lines.append(f"  Pas toe of leg uit: {st.given} van {st.required} antwoorden die om uitleg vragen, uitgelegd.")
    if st.missing:
        lines.append(f"  Uitleg ontbreekt bij: {', '.join(st.missing)}")
    if fw.unanswered:
        lines.append(f"  Nog niet beantwoord: {', '.join(fw.unanswered)}")
    return lines


def format_report(report: ScoreReport) -> str:
    """Render the report as plain Dutch text with aligned columns."""
    try:
        import datetime as dt

        peildatum = dutch.date_text(dt.date.fromisoformat(report.peildatum).isoformat())
    except ValueError:
        peildatum = report.peildatum
    lines = [f"Scores van {report.organisation}, peildatum {peildatum}", ""]
    c = report.completeness
    if c.percentage is not None:
        lines.append(f"Volledigheid: {c.answered} van {c.items} items beantwoord ({dutch.percent(c.percentage)}).")
    for w in report.warnings:
        lines.append(f"Let op: {w}")
    for e in report.excluded_frameworks:
        lines.append(f"Buiten scope: {e.title} ({e.justification}).")
    for fw in report.frameworks:
        lines += ["", *_framework(fw)]
    if report.key_figures:
        lines += ["", "Kengetallen"]
        for k in report.key_figures:
            lines.append(f"  {_clip(k.label, 60):<60}  {k.value_text}")
            if k.value is not None:
                lines += _comparison(k.comparison, "    ")
    if c.explanations_missing:
        lines += ["", f"Uitleg ontbreekt ({len(c.explanations_missing)}): {', '.join(c.explanations_missing)}"]
    if c.unknown_items:
        lines.append(f"Antwoorden op items die de checklists niet kennen (bewaard, niet gescoord): "
                     f"{', '.join(c.unknown_items)}")
    if c.unknown_options:
        lines.append(f"Antwoorden met een onbekende keuze (als open geteld): {', '.join(c.unknown_options)}")
    return "\n".join(lines) + "\n"
