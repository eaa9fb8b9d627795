"""The *Samenvatting* sheet of the Excel plan: who, when, the scores beside their benchmarks.

Everything shown comes from ``dienstscan.scoring.score`` (numbers and Dutch benchmark
sentences are computed once, there). Totals are computed here in Python and written as values:
openpyxl cannot give formulas a cached value, and some viewers show an empty cell for them.
The bar chart is a native Excel chart over a small data table on the same sheet.
"""

from __future__ import annotations

import datetime as dt

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from ...model.assessment import ACTION_STATUS_LABELS, PRIORITY_LABELS, Action, Assessment
from ...model.checklist import ORGANISATION_KIND_LABELS, ChecklistSet
from ...scoring import MetricComparison, ScoreReport
from ..common.layout import clean, fit_rows, print_setup

_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FONT = Font(name="Calibri", bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_FW_FILL = PatternFill("solid", fgColor="DDEBF7")
_SUBTITLE = Font(name="Calibri", size=12, bold=True, color="1F4E79")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_PCT = '0"%"'

SCORE_COLOUR = "1F4E79"
BENCHMARK_COLOUR = "F4B183"
WIDTHS = {"A": 30, "B": 11, "C": 12, "D": 30, "E": 46, "F": 30, "G": 10}


def _fmt_date(value: dt.date) -> str:
    return value.strftime("%d-%m-%Y")


def _section(ws: Worksheet, row: int, title: str) -> int:
    ws.cell(row=row, column=1, value=title).font = _SUBTITLE
    return row + 1


def _headers(ws: Worksheet, row: int, headers: list[str]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=col, value=clean(text))
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _cells(ws: Worksheet, row: int, values: list[object], *, fill: PatternFill | None = None, bold: bool = False) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col, value=clean(value))
        cell.border = _BORDER
        cell.alignment = _WRAP if isinstance(value, str) else _TOP
        if isinstance(value, float):
            cell.number_format = _PCT
        if fill:
            cell.fill = fill
        if bold:
            cell.font = Font(name="Calibri", bold=True)


def _benchmarks_text(comparison: MetricComparison | None) -> str | None:
    if comparison is None or not comparison.benchmarks:
        return None
    lines = [f"{b.label}: {b.value_text} ({b.kind_label})" for b in comparison.benchmarks]
    return "\n".join(lines)


def _sources_text(comparison: MetricComparison | None) -> str | None:
    if comparison is None or not comparison.benchmarks:
        return None
    return "\n".join(dict.fromkeys(b.source_sentence for b in comparison.benchmarks))


def _write_overview(ws: Worksheet, row: int, assessment: Assessment, report: ScoreReport,
                    checklists: ChecklistSet) -> int:
    row = _section(ws, row, "Gegevens van de scan")
    org = assessment.organisation
    kind = ORGANISATION_KIND_LABELS.get(org.kind, org.kind)
    if org.inhabitants:
        kind += f" ({org.inhabitants:,} inwoners)".replace(",", ".")
    participants = "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in assessment.participants)
    titles = [fw.title for fw in checklists.frameworks if fw.id in assessment.frameworks]
    completeness = report.completeness
    done = (f"{completeness.answered} van {completeness.items} items beantwoord"
            + (f" ({completeness.percentage:.0f}%)" if completeness.percentage is not None else ""))
    if completeness.explanations_missing:
        done += f"; bij {len(completeness.explanations_missing)} ontbreekt nog een uitleg"
    facts = [
        ("Organisatie", org.name),
        ("Soort organisatie", kind),
        ("Peildatum", _fmt_date(assessment.peildatum)),
        ("Deelnemers", participants or "niet vastgelegd"),
        ("Kaders", ", ".join(titles) or "geen"),
        ("Volledigheid", done),
    ]
    for part in report.excluded_frameworks:
        facts.append(("Buiten scope", f"{part.title}: {part.justification}"))
    for label, value in facts:
        ws.cell(row=row, column=1, value=label).font = Font(name="Calibri", bold=True)
        cell = ws.cell(row=row, column=2, value=clean(value))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        if len(str(value)) > 110:  # merged cells do not grow by themselves
            ws.row_dimensions[row].height = 15 * (len(str(value)) // 110 + 1)
        row += 1
    return row + 1


def _write_scores(ws: Worksheet, row: int, report: ScoreReport) -> tuple[int, list[tuple[str, float | None, float | None]]]:
    """The score table; returns the next row and the chart rows (label, score, benchmark)."""
    row = _section(ws, row, "Scores en benchmarks")
    ws.cell(row=row, column=1, value="Score: aandeel van de toepasselijke items dat volledig is ingevoerd of "
            "toegepast (Antwoord: het gemiddelde groeiniveau). Gedeeltelijk staat ernaast en telt niet mee.").font = \
        Font(name="Calibri", italic=True, color="595959")
    row += 1
    _headers(ws, row, ["Kader / onderdeel", "Score", "Gedeeltelijk", "Benchmarks", "Vergelijking", "Bron"])
    row += 1
    first = row
    chart_rows: list[tuple[str, float | None, float | None]] = []

    def add_chart(prefix: str, name: str, pct: float | None, comparison: MetricComparison | None) -> None:
        chart_rows.append((name, pct, None))
        if comparison is not None:
            for b in comparison.drawn:
                year = b.date[:4]
                label = b.label if year in b.label else f"{b.label} ({year})"
                chart_rows.append((f"{prefix}: {label}", None, b.value))

    for fw in report.frameworks:
        t = fw.tally
        pct = t.percentage
        # "Gedeeltelijk" is a share of items; a mean growth level (Antwoord) has no such share.
        shares = fw.score_method == "share_full"
        _cells(ws, row, [fw.title, pct if pct is not None else "–",
                         t.partial_percentage if shares and t.partial_percentage is not None else "–",
                         _benchmarks_text(fw.comparison),
                         fw.comparison.sentence if fw.comparison else fw.denominator_note,
                         _sources_text(fw.comparison)], fill=_FW_FILL, bold=True)
        add_chart(fw.short_title, fw.short_title, pct, fw.comparison)
        row += 1
        for sep in fw.separate_items:
            answer = sep.option_label or "niet beantwoord"
            _cells(ws, row, [f"   {sep.text}", answer, None, _benchmarks_text(sep.comparison),
                             sep.comparison.sentence if sep.comparison else None, _sources_text(sep.comparison)])
            row += 1
        for section in fw.sections:
            t = section.tally
            _cells(ws, row, [f"   {section.title}", t.percentage if t.percentage is not None else "–",
                             t.partial_percentage if shares and t.partial_percentage is not None else "–",
                             _benchmarks_text(section.comparison),
                             section.comparison.sentence if section.comparison else None,
                             _sources_text(section.comparison)])
            add_chart(fw.short_title, f"{fw.short_title}: {section.title}", t.percentage, section.comparison)
            row += 1
        for part in fw.excluded_sections:
            _cells(ws, row, [f"   {part.title}", "buiten scope", None, None, part.justification, None])
            row += 1
    fit_rows(ws, first, row - 1, {1: WIDTHS["A"], 4: WIDTHS["D"], 5: WIDTHS["E"], 6: WIDTHS["F"]})
    return row + 1, chart_rows


def _write_action_counts(ws: Worksheet, row: int, actions: list[Action], today: dt.date) -> int:
    row = _section(ws, row, "Acties per prioriteit en status")
    statuses = list(ACTION_STATUS_LABELS)
    _headers(ws, row, ["Prioriteit", *ACTION_STATUS_LABELS.values(), "Totaal"])
    row += 1
    for priority, label in PRIORITY_LABELS.items():
        counts = [sum(1 for a in actions if a.priority == priority and a.status == s) for s in statuses]
        _cells(ws, row, [label, *counts, sum(counts)])
        row += 1
    totals = [sum(1 for a in actions if a.status == s) for s in statuses]
    _cells(ws, row, ["Totaal", *totals, len(actions)], bold=True)
    row += 1
    overdue = [a for a in actions if a.end and a.end < today and a.status not in ("gereed", "vervallen")]
    no_owner = [a for a in actions if not a.owner and a.status not in ("gereed", "vervallen")]
    notes = [
        f"Over de einddatum (op {_fmt_date(today)}) en niet gereed: {len(overdue)}"
        + (f" ({', '.join(a.id for a in overdue[:10])}{' …' if len(overdue) > 10 else ''})" if overdue else "")
        + ". In het blad Verbeterplan staan zij rood.",
        f"Zonder probleemeigenaar: {len(no_owner)}.",
    ]
    for note in notes:
        ws.cell(row=row, column=1, value=clean(note)).alignment = Alignment(vertical="top")
        row += 1
    return row + 1


def _write_chart(ws: Worksheet, row: int, chart_rows: list[tuple[str, float | None, float | None]]) -> int:
    """Chart with its data table below it; returns the last row to print (the chart, not the
    table it is drawn from: on paper that would be a page of numbers the chart already shows)."""
    if not chart_rows:
        return row - 1
    ws.row_breaks.append(Break(id=row - 1))  # the chart starts on a page of its own
    row = _section(ws, row, "Grafiek: scores naast de benchmarks")
    chart_top = row
    # Leave room for the chart: about 1.5 rows of 15pt per bar, at least 14 rows.
    chart_height_cm = max(8.0, 0.8 * len(chart_rows) + 3.0)
    chart_height_rows = int(chart_height_cm / 0.53) + 1  # a default row is 15pt = 0.53 cm
    data_row = chart_top + chart_height_rows + 1
    ws.cell(row=data_row, column=1, value="Gegevens voor de grafiek").font = Font(name="Calibri", italic=True, color="595959")
    data_row += 1
    _headers(ws, data_row, ["Onderdeel", "Score", "Benchmark"])
    first = data_row + 1
    # Bars read top to bottom in the order of the table: Excel draws categories bottom-up.
    for r, (label, score, bench) in enumerate(chart_rows, start=first):
        _cells(ws, r, [label, score, bench])
    last = first + len(chart_rows) - 1
    fit_rows(ws, first, last, {1: WIDTHS["A"]})

    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.overlap = 100
    chart.gapWidth = 40
    chart.title = "Score (%) naast de benchmarks"
    chart.y_axis.title = "%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = 20
    chart.x_axis.scaling.orientation = "maxMin"  # first row at the top
    chart.x_axis.tickLblSkip = 1  # every label, not every other one
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    data = Reference(ws, min_col=2, max_col=3, min_row=data_row, max_row=last)
    cats = Reference(ws, min_col=1, min_row=first, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    for series, colour in zip(chart.series, (SCORE_COLOUR, BENCHMARK_COLOUR), strict=True):
        series.graphicalProperties = GraphicalProperties(solidFill=colour)
        series.graphicalProperties.line.solidFill = colour
        series.dLbls = DataLabelList()
        series.dLbls.showVal = True
        series.dLbls.numFmt = '0"%"'
        series.dLbls.showSerName = False
        series.dLbls.showCatName = False
        series.dLbls.showLegendKey = False
    chart.legend.position = "b"
    chart.width = 24
    chart.height = chart_height_cm
    ws.add_chart(chart, f"A{chart_top}")
    return data_row - 2  # the row under the chart, above the note "Gegevens voor de grafiek"


def write_summary(ws: Worksheet, checklists: ChecklistSet, assessment: Assessment, actions: list[Action],
                  report: ScoreReport, *, today: dt.date | None = None) -> None:
    """Fill the Samenvatting sheet."""
    today = today or dt.date.today()
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width
    ws["A1"] = clean(f"Verbeterplan dienstverlening {assessment.organisation.name}")
    ws["A1"].font = Font(name="Calibri", size=16, bold=True, color="1F4E79")
    ws["A2"] = (f"Peildatum {_fmt_date(assessment.peildatum)}. Gemaakt met Dienstscan op {_fmt_date(today)}. "
                "Het blad Verbeterplan bevat de acties; pas ze daar aan en lees ze terug in Dienstscan.")
    ws["A2"].font = Font(name="Calibri", italic=True, color="595959")
    row = _write_overview(ws, 4, assessment, report, checklists)
    row, chart_rows = _write_scores(ws, row, report)
    row = _write_action_counts(ws, row, actions, today)
    last_printed = _write_chart(ws, row, chart_rows)
    ws.sheet_view.showGridLines = False
    print_setup(ws, assessment.organisation.name)
    ws.print_area = f"A1:{get_column_letter(len(WIDTHS))}{last_printed}"
