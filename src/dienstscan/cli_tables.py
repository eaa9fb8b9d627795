"""The text tables the command line prints: scores, a comparison, a ranking, benchmark figures.

Terminal layout is the command line's business, so it lives beside ``cli.py``, not in the
layers that compute what it shows. Each function takes the computed result (``ScoreReport``,
``Comparison``, ``Ranking``, ``MetricStatistics``) and returns a string; the numbers are the
result's own, so a table and the JSON output never disagree. Words that the Excel plan, the
report and the dashboard also use come from ``export.common`` (``delta_text``, ``pct_text``).
No Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .cycle import CHANGE_LABELS, ActionProgress, Comparison, MetricStatistics, Ranking, ScoreChange
from .cycle.compare import CHANGES
from .export.common.progress import delta_text, pct_text, score_change_text
from .model.assessment import ACTION_STATUS_LABELS
from .model.checklist import section_heading
from .scoring import FrameworkScore, MetricComparison, ScoreReport, Tally, display, dutch

_NAME_WIDTH = 46
_HEADER = ("Score", "Deels", "Toepasbaar", "Volledig", "Gedeelt.", "N.v.t.", "Open")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _row(name: str, t: Tally) -> str:
    if t.level_top is not None:  # a mean growth level: a level, never a percentage, and no partial share
        score, partial = (display.level_text(t.level).removeprefix("niveau ") if t.level is not None else "–"), "–"
    else:
        score, partial = pct_text(t.percentage), pct_text(t.partial_percentage)
    cells = (score, partial, str(t.applicable), str(t.full),
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
              else f"gemiddeld groeiniveau (0-{fw.tally.level_top})" if fw.tally.level_top is not None
              else "gemiddeld gewicht als percentage")
    lines = [f"{fw.title} ({fw.id}, versie {fw.version}) – score: {method}", _header(fw.section_label)]
    for s in fw.sections:
        name = section_heading(s.number, s.title, fw.section_label)
        lines.append(_row(name, s.tally))
    lines.append(_row("Totaal", fw.tally))
    if fw.tally.completeness is not None:
        lines.append(f"  Volledigheid: {display.framework_completeness_text(fw)}.")
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
    """``dienstscan score``: the score report as plain Dutch text with aligned columns."""
    try:
        peildatum = dutch.date_text(dt.date.fromisoformat(report.peildatum).isoformat())
    except ValueError:
        peildatum = report.peildatum
    lines = [f"Scores van {report.organisation}, peildatum {peildatum}", ""]
    c = report.completeness
    if c.percentage is not None:
        lines.append(f"Volledigheid: {display.scan_completeness_text(c)}.")
    lines += [f"Let op: {w}" for w in display.completeness_warnings(c)]
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


def _delta(change: ScoreChange) -> str:
    """"+10 punten (beter)": the shared wording of the change, with its direction in words."""
    text = delta_text(change)
    label = CHANGE_LABELS.get(change.change or "", "")
    return f"{text} ({label})" if change.delta is not None and label and text != label else text


def format_comparison(comparison: Comparison) -> str:
    """``dienstscan compare``: scores per framework and section, changed items, actions."""
    c = comparison
    lines = [
        f"Vergelijking {c.organisation}: peildatum {dutch.date_text(c.baseline_date)} (basis) "
        f"met {dutch.date_text(c.current_date)}.",
        "",
    ]
    rows: list[tuple[str, str, str, str]] = [("Kader / onderdeel", "Basis", "Nu", "Verschil")]
    for fw in c.frameworks:
        rows.append((fw.short_title, score_change_text(fw.score.baseline, fw.score.level_top),
                     score_change_text(fw.score.current, fw.score.level_top), _delta(fw.score)))
        for s in fw.sections:
            rows.append(("  " + s.title, score_change_text(s.baseline, s.level_top),
                         score_change_text(s.current, s.level_top), _delta(s)))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        lines.append(f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]}".rstrip())

    for fw in c.frameworks:
        changed = [i for i in fw.items if i.change != "same"]
        counts = ", ".join(f"{fw.counts[k]} {CHANGE_LABELS[k]}" for k in CHANGES)
        lines += ["", f"{fw.short_title}, items: {counts}."]
        for kind in ("better", "worse", "new", "gone"):
            group = [i for i in changed if i.change == kind]
            if not group:
                continue
            lines.append(f"  {CHANGE_LABELS[kind].capitalize()}:")
            for i in group:
                lines.append(f"    {i.item_id} {i.text}: {i.baseline_text} → {i.current_text}")

    def actions(title: str, group: list[ActionProgress]) -> None:
        if not group:
            return
        lines.extend(["", f"{title} ({len(group)}):"])
        for a in group:
            was = ACTION_STATUS_LABELS.get(a.baseline_status, a.baseline_status) if a.baseline_status else "nieuw"
            lines.append(f"  {a.id} {a.title} (was: {was.lower()})")

    actions("Acties afgerond tussen beide scans", c.completed_actions)
    actions("Acties vervallen tussen beide scans", c.cancelled_actions)
    if not c.completed_actions and not c.cancelled_actions:
        lines += ["", "Tussen beide scans is geen actie afgerond."]
    if c.new_actions:
        lines.append(f"Nieuwe acties in het plan: {len(c.new_actions)}.")
    if c.removed_actions:
        lines.append(f"Niet meer in het plan: {', '.join(c.removed_actions)}.")
    if c.not_comparable:
        lines += ["", f"Niet te vergelijken ({len(c.not_comparable)}):"]
        lines.extend(f"  {n.item_id}: {n.reason}" for n in c.not_comparable)
    if c.notes:
        lines += ["", "Let op:"]
        lines.extend(f"  {n}" for n in c.notes)
    return "\n".join(lines) + "\n"


def format_ranking(ranking: Ranking) -> str:
    """``dienstscan rank``: position, organisation, the ranked framework, the others."""
    header = ["Positie", "Organisatie", "Peildatum", *(title for _, title in ranking.columns)]
    table = [header]
    for r in ranking.rows:
        table.append([
            str(r.position) if r.position is not None else "–",
            r.organisation,
            r.peildatum,
            *(r.texts.get(fw_id, "–") for fw_id, _ in ranking.columns),
        ])
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    out = []
    for row in table:
        cells = [row[0].rjust(widths[0]), row[1].ljust(widths[1]), row[2].ljust(widths[2])]
        cells += [cell.rjust(widths[i]) for i, cell in enumerate(row[3:], start=3)]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out) + "\n"


def format_benchmark_statistics(statistics: Sequence[MetricStatistics]) -> str:
    """``dienstscan benchmark``: per framework and section the count, mean, median, top-10 threshold."""
    rows = [("Kader / onderdeel", "Aantal", "Gemiddeld", "Mediaan", "Top-10-drempel")]
    for st in statistics:
        rows.append((st.title, str(st.count), st.value_text(st.mean), st.value_text(st.median), st.value_text(st.top10)))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    return "".join(f"{r[0]:<{widths[0]}}  " + "  ".join(f"{c:>{widths[i]}}" for i, c in enumerate(r[1:], start=1))
                   + "\n" for r in rows)
