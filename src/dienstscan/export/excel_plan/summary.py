"""The first sheets of the Excel plan: *Samenvatting* (the MT's first page) and *Scores*.

*Samenvatting* answers, on one printed page: where do we stand per framework (against which
benchmark, from which source), the five most important gaps, what was decided, who owns it and
when, and how many proposals still await a decision. *Scores* has every framework and section
beside its benchmarks and native Excel charts: shares on a 0–100% axis, growth levels on their
own axis (``export.common.chart_rows``); each value is its own bar with its label at its end.

Everything shown comes from ``dienstscan.scoring.score`` (numbers and Dutch benchmark
sentences are computed once, there). Totals are computed here in Python and written as values:
openpyxl cannot give formulas a cached value, and some viewers show an empty cell for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from ...model.assessment import ACTION_STATUS_LABELS, Action, Assessment
from ...model.checklist import ORGANISATION_KIND_LABELS, ChecklistSet
from ...scoring import MetricComparison, ScoreReport, display
from ..common.cells import merge
from ..common.chart_rows import ScoreRow, growth_scale, level_rows, level_text, share_rows
from ..common.layout import (LINE_HEIGHT, clean, column_points, fit_rows, lines_needed, one_line_points, print_setup,
                             width_for_points)
from ..common.plan_view import (decided_heading, decision_line, decision_text, gaps_heading, plan_order,
                                split_plan, top_gaps)

_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FONT = Font(name="Calibri", bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_FW_FILL = PatternFill("solid", fgColor="DDEBF7")
_SUBTITLE = Font(name="Calibri", size=12, bold=True, color="1F4E79")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_PCT = display.SHARE_FORMAT

SCORE_COLOUR = "1F4E79"
PARTIAL_COLOUR = "9DC3E6"
BENCHMARK_COLOUR = "F4B183"
#: The Scores sheet.
WIDTHS = {"A": 30, "B": 11, "C": 12, "D": 30, "E": 40, "F": 27, "G": 10}
#: The first page: a grid of ten columns that each table spans in its own way.
GRID = 10
#: A grid column is at least this wide (Excel's characters); a column that holds a label, a score
#: or a date, or a header word, is widened until its text prints on one line (``_grid_widths``).
#: Ten of 12 fit landscape A4 at 100% (668 pt of 784 pt between the margins), so Excel prints the
#: Samenvatting at its own size (11 pt text), not shrunk to one page (7.2 pt): it takes a second
#: page instead (issue 24).
GRID_WIDTH = 12
#: How many further decided actions the first page lists (the Verbeterplan sheet has them all).
FIRST_PAGE_ACTIONS = 5
#: Longer action titles are cut at a word on the first page (the plan has them whole); the
#: generated titles are shorter than this, so only a title typed at great length is cut.
FIRST_PAGE_TITLE = 300
#: Row heights in points on the first page, set on every row so Excel and LibreOffice agree
#: on where a page ends: a default row (Calibri 11), the title (16 pt), a section heading (12 pt).
ROW_HEIGHT = 15.0
TITLE_HEIGHT = 21.0
HEADING_HEIGHT = 16.5
#: A4 in points (landscape: the other way round).
A4_POINTS = (595.28, 841.89)


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
    lines = [b.listed for b in comparison.benchmarks]
    return "\n".join(lines)


@dataclass
class _Table:
    """A table on the first page's grid under its heading: each column spans ``span`` grid columns
    (merged); the columns in ``one_line`` (scores, answers, decisions, dates) print each value on
    one line, the others wrap."""

    heading: str
    headers: list[tuple[str, int]]
    rows: list[list[object]]
    one_line: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        assert sum(span for _, span in self.headers) == GRID, self.headers

    def starts(self) -> list[int]:
        spans = [span for _, span in self.headers]
        return [sum(spans[:i]) for i in range(len(spans))]


def _grid_widths(tables: list[_Table]) -> list[float]:
    """The grid's column widths: ``GRID_WIDTH`` each, widened where a table needs more room for a
    value that must print on one line, or for a header word (a word is never broken). Measured
    in DejaVu Sans (``layout.text_points``): wider than Calibri, and the font LibreOffice prints
    it with, so it holds in both."""
    widths = [float(GRID_WIDTH)] * GRID
    needs: list[tuple[int, int, float]] = []
    for table in tables:
        for i, ((header, span), start) in enumerate(zip(table.headers, table.starts(), strict=True)):
            need = max(one_line_points(word, bold=True) for word in header.split())
            if i in table.one_line:
                need = max([need, *(one_line_points(str(r[i])) for r in table.rows if r[i] not in (None, ""))])
            needs.append((span, start, need))
    for span, start, need in sorted(needs):  # single columns first, then the spans over them
        columns = range(start, start + span)
        short = need - sum(column_points(widths[c]) for c in columns)
        if short > 0:
            for c in columns:
                widths[c] = width_for_points(column_points(widths[c]) + short / span)
    return widths


def _lines_height(lines: int) -> float:
    return ROW_HEIGHT if lines <= 1 else LINE_HEIGHT * lines + 2


class _Page:
    """Where the first page's rows fall on paper. Excel prints them at its fit-to-width scale,
    ``capacity`` points of rows to a page; a block that must stay together (a heading with its
    table's header and first row) and does not fit on this page starts the next one with a manual
    break, so Excel never breaks by itself inside it, and LibreOffice, which prints smaller, neither."""

    def __init__(self, ws: Worksheet, capacity: float) -> None:
        self.ws, self.capacity, self.used = ws, capacity, 0.0

    def fits(self, height: float) -> bool:
        return self.used + height <= self.capacity

    def place(self, row: int, height: float) -> None:
        """Rows from ``row`` on, ``height`` points together: here, or from a new page."""
        if self.used and not self.fits(height):
            self.ws.row_breaks.append(Break(id=row - 1))
            self.used = 0.0
        self.used += height

    def space(self, row: int) -> int:
        """An empty row between two parts, unless it would end the page (the next part starts a
        new one anyway); returns the next row."""
        if not self.used or not self.fits(ROW_HEIGHT):
            return row
        self.ws.row_dimensions[row].height = ROW_HEIGHT
        self.used += ROW_HEIGHT
        return row + 1


def _table_row(ws: Worksheet, table: _Table, widths: list[float], row: int, values: list[object], *,
               header: bool = False, measure: bool = False) -> float:
    """Write one row of ``table`` at ``row`` (``measure``: only compute it); returns its height."""
    lines = 1
    for i, (value, (_, span), start) in enumerate(zip(values, table.headers, table.starts(), strict=True)):
        if isinstance(value, str) and (header or i not in table.one_line):
            width = sum(widths[start:start + span])
            lines = max(lines, lines_needed(value, width - (1 if header else 0)))
        if measure:
            continue
        cell = ws.cell(row=row, column=start + 1, value=clean(value))
        # Only the first cell: merging replaces the others by empty merged cells and gives the
        # edges of the range the first cell's border (styling them first was work thrown away).
        cell.border = _BORDER
        if header:
            cell.fill = _HEADER_FILL
            cell.font = _HEADER_FONT
        cell.alignment = _WRAP
        if span > 1:
            merge(ws, row, start + 1, row, start + span)
    if not measure:
        ws.row_dimensions[row].height = _lines_height(lines)
    return _lines_height(lines)


def _write_table(ws: Worksheet, page: _Page, row: int, table: _Table, widths: list[float], *,
                 tail: float = 0.0) -> int:
    """The table under its heading, with ``tail`` points of notes that follow it: whole on one page
    when it fits on one; else the heading, the header and the first row stay together, and a row
    that starts a new page gets the header again. Returns the next free row."""
    names = [h for h, _ in table.headers]
    header_height = _table_row(ws, table, widths, row, names, header=True, measure=True)
    heights = [_table_row(ws, table, widths, row, values, measure=True) for values in table.rows]
    whole = HEADING_HEIGHT + header_height + sum(heights) + tail
    keep = whole <= page.capacity
    page.place(row, whole if keep else HEADING_HEIGHT + header_height + (heights[0] if heights else 0.0))
    row = _heading(ws, row, table.heading)
    _table_row(ws, table, widths, row, names, header=True)
    row += 1
    for n, (values, height) in enumerate(zip(table.rows, heights, strict=True)):
        if n and not keep:
            if page.fits(height):
                page.place(row, height)
            else:
                page.place(row, header_height + height)
                _table_row(ws, table, widths, row, names, header=True)
                row += 1
        _table_row(ws, table, widths, row, values)
        row += 1
    return row


def _note_height(text: str, widths: list[float]) -> float:
    return _lines_height(lines_needed(text, sum(widths)))


def _heading(ws: Worksheet, row: int, title: str) -> int:
    ws.row_dimensions[row].height = HEADING_HEIGHT
    return _section(ws, row, title)


def _note(ws: Worksheet, page: _Page | None, row: int, text: str, widths: list[float], *, italic: bool = False,
          heading: str = "") -> int:
    """A paragraph over the whole grid (under ``heading``, kept with it); ``page`` None: its room
    was taken with the table before it. Returns the next row."""
    height = _note_height(text, widths)
    if page is not None:
        page.place(row, height + (HEADING_HEIGHT if heading else 0.0))
    if heading:
        row = _heading(ws, row, heading)
    cell = ws.cell(row=row, column=1, value=clean(text))
    cell.alignment = _WRAP
    if italic:
        cell.font = Font(name="Calibri", italic=True, color="595959")
    merge(ws, row, 1, row, GRID)
    ws.row_dimensions[row].height = height
    return row + 1


def _cut(text: str, limit: int = FIRST_PAGE_TITLE) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _compared(comparison: MetricComparison | None, fallback: str) -> str:
    """The comparison in a few words per benchmark ("Bergen, 5 juli 2011: 50% (referentieniveau);
    gelijk"), then its caveats; a withheld comparison says why; no benchmark: ``fallback``. The
    full sentences are on the Scores sheet."""
    if comparison is None or not comparison.benchmarks:
        return fallback
    if not comparison.comparable:
        return comparison.withheld_reason or comparison.sentence
    lines = [f"{b.label}, {b.date_text}: {b.value_text} ({b.kind_label})" + (f"; {b.verdict}" if b.verdict else "")
             for b in comparison.benchmarks]
    return "\n".join([*lines, *comparison.caveats, *comparison.notes])


def _places(comparison: MetricComparison | None) -> str | None:
    """Each source of the benchmarks once, by title and place."""
    if comparison is None or not comparison.benchmarks:
        return None
    return "; ".join(dict.fromkeys(b.source for b in comparison.benchmarks))


def _source_places(comparison: MetricComparison | None) -> str | None:
    """'Bron: <title, place>; <title, place>.' (the Scores sheet)."""
    places = _places(comparison)
    return f"Bron: {places}." if places else None


def _standing(report: ScoreReport) -> _Table | str:
    """Where we stand per framework, or why there is nothing to show."""
    rows: list[list[object]] = []
    for fw in report.frameworks:
        t = fw.tally
        shares = fw.score_method == "share_full"
        score_text = display.share_text(t.percentage)
        if shares and t.percentage is not None:
            score_text += f" ({t.full} van {t.applicable})"
        if t.level_top is not None:  # a level on its own scale, not a percentage
            score_text = display.mean_level_text(t.level, t.level_top)
        partial = display.share_text(t.partial_percentage) if shares and t.partial_percentage is not None else "–"
        rows.append([fw.title, score_text, partial, _compared(fw.comparison, fw.denominator_note),
                     _places(fw.comparison) or "geen benchmark in de bronnen"])
        for sep in fw.separate_items:
            rows.append([f"{fw.short_title}: {sep.text}", sep.option_label or "niet beantwoord", "–",
                         _compared(sep.comparison, ""), _places(sep.comparison) or ""])
    for part in report.excluded_frameworks:
        rows.append([part.title, "buiten scope", "–", part.justification, ""])
    if not rows:
        return "Er is geen kader in scope."
    # a score, or an answer in its place, prints whole on one line (issue 24: "83% (33 van" / "40)")
    return _Table("Waar staan we", [("Kader", 2), ("Score", 2), ("Gedeeltelijk (telt niet mee)", 1),
                                    ("Vergeleken met", 3), ("Bron", 2)], rows, one_line=(1, 2))


def _gaps(checklists: ChecklistSet, assessment: Assessment, actions: list[Action]) -> tuple[_Table | str, set[str]]:
    """The most important gaps, each with its action and what was decided about it (or why there
    are none), and the ids of the actions shown."""
    found, total = top_gaps(checklists, assessment, actions)
    if not found:
        return "Er zijn geen tekortkomingen vastgesteld (of de scan is nog niet ingevuld).", set()
    by_id = {a.id: a for a in actions}
    rows = [[f"{g.item_id} {_cut(g.text)}" + (f" ({g.legal})" if g.legal else ""), g.answer,
             (f"{g.action_id}: " if g.action_id else "Nog geen actie; voorstel: ") + _cut(g.action_title),
             decision_line(by_id[g.action_id]) if g.action_id in by_id else "–"]
            for g in found]
    table = _Table(gaps_heading(len(found), total), [("Tekortkoming", 2), ("Antwoord", 2), ("Actie", 4),
                                                     ("Besluit; eigenaar; einde; status", 2)], rows, one_line=(1,))
    return table, {g.action_id for g in found if g.action_id}


def _decided(actions: list[Action], shown_above: set[str]) -> tuple[str, _Table | None, str | None]:
    """The heading, the further decided actions (at most ``FIRST_PAGE_ACTIONS``) and what is left
    out, or (no table) why there are none."""
    decided, _ = split_plan(actions)
    further = [a for a in plan_order(decided) if a.id not in shown_above]
    heading = decided_heading(bool(shown_above & {a.id for a in decided}))
    if not further:
        return heading, None, "Geen andere besloten acties." if decided else "Er is nog geen actie besloten."
    shown = further[:FIRST_PAGE_ACTIONS]
    rows = [[f"{a.id}: {_cut(a.title)}", decision_text(a), a.owner or "nog geen eigenaar",
             _fmt_date(a.end) if a.end else "geen einddatum", ACTION_STATUS_LABELS.get(a.status, a.status)]
            for a in shown]
    table = _Table(heading, [("Actie", 4), ("Besluit", 2), ("Probleemeigenaar", 2), ("Einde", 1), ("Status", 1)],
                   rows, one_line=(1, 3, 4))
    more = len(further) - len(shown)
    return heading, table, (f"En nog {more} {'actie' if more == 1 else 'acties'}: zie het blad Verbeterplan."
                            if more else None)


def _plan_counts(actions: list[Action], today: dt.date) -> str:
    """How many actions were decided, are overdue or have no owner, and how many proposals wait."""
    decided, proposals = split_plan(actions)
    open_ = [a for a in decided if a.status not in ("gereed", "vervallen")]
    overdue = [a for a in open_ if a.end and a.end < today]
    no_owner = [a for a in open_ if not a.owner.strip()]
    by_status = ", ".join(f"{label.lower()} {n}" for s, label in ACTION_STATUS_LABELS.items()
                          if (n := sum(1 for a in decided if a.status == s)))
    text = f"Besloten: {len(decided)} {'actie' if len(decided) == 1 else 'acties'}" + (f" ({by_status})" if by_status else "")
    text += (f". Over de einddatum (op {_fmt_date(today)}) en niet gereed: {len(overdue)}"
             + (f" ({', '.join(a.id for a in overdue[:10])}{' …' if len(overdue) > 10 else ''})" if overdue else "")
             + f". Zonder probleemeigenaar: {len(no_owner)}.")
    n = len(proposals)
    return text + (f" Nog niet besloten: {n} {'voorstel' if n == 1 else 'voorstellen'} (blad Voorstellen)." if n
                   else " Er liggen geen voorstellen open.")


def _facts(assessment: Assessment, report: ScoreReport) -> str:
    """Who took part and how complete the scan is (under the title, with the other facts about
    the scan: at the foot it was the only thing on a third page, issue 24)."""
    org = assessment.organisation
    kind = ORGANISATION_KIND_LABELS.get(org.kind, org.kind)
    if org.inhabitants:
        kind += f" ({org.inhabitants:,} inwoners)".replace(",", ".")
    participants = "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in assessment.participants)
    done = display.scan_completeness_text(report.completeness)
    return (f"{org.name}, {kind}. Volledigheid: {done}. "
            f"Deelnemers: {_cut(participants, 400) or 'niet vastgelegd'}.")


def _write_scores(ws: Worksheet, row: int, report: ScoreReport) -> int:
    """The score table per framework and section; returns the next row."""
    row = _section(ws, row, "Scores en benchmarks per kader en onderdeel")
    ws.cell(row=row, column=1, value="Score: aandeel van de toepasselijke items dat volledig is ingevoerd of "
            "toegepast (Antwoord: het gemiddelde groeiniveau). Gedeeltelijk staat ernaast en telt niet mee.").font = \
        Font(name="Calibri", italic=True, color="595959")
    row += 1
    _headers(ws, row, ["Kader / onderdeel", "Score", "Gedeeltelijk", "Benchmarks", "Vergelijking", "Bron"])
    row += 1
    first = row
    for fw in report.frameworks:
        # "Gedeeltelijk" is a share of items; a mean growth level (Antwoord) has no such share,
        # and its score is a level, never a percentage (``scoring.display``).
        shares = fw.score_method == "share_full"

        def score_cells(t) -> list[object]:
            value = t.level if t.level_top is not None else t.percentage
            return [value if value is not None else "–",
                    t.partial_percentage if shares and t.partial_percentage is not None else "–"]

        def level_format(r: int, t) -> None:
            if t.level_top is not None and t.level is not None:
                ws.cell(row=r, column=2).number_format = display.LEVEL_CELL_FORMAT

        t = fw.tally
        _cells(ws, row, [fw.title, *score_cells(t),
                         _benchmarks_text(fw.comparison),
                         fw.comparison.sentence if fw.comparison else fw.denominator_note,
                         _source_places(fw.comparison)], fill=_FW_FILL, bold=True)
        level_format(row, t)
        row += 1
        for sep in fw.separate_items:
            answer = sep.option_label or "niet beantwoord"
            _cells(ws, row, [f"   {sep.text}", answer, None, _benchmarks_text(sep.comparison),
                             sep.comparison.sentence if sep.comparison else None, _source_places(sep.comparison)])
            row += 1
        for section in fw.sections:
            t = section.tally
            _cells(ws, row, [f"   {section.title}", *score_cells(t),
                             _benchmarks_text(section.comparison),
                             section.comparison.sentence if section.comparison else None,
                             _source_places(section.comparison)])
            level_format(row, t)
            row += 1
        for part in fw.excluded_sections:
            _cells(ws, row, [f"   {part.title}", "buiten scope", None, None, part.justification, None])
            row += 1
    fit_rows(ws, first, row - 1, {1: WIDTHS["A"], 4: WIDTHS["D"], 5: WIDTHS["E"], 6: WIDTHS["F"]})
    return row + 1


def _bar_chart(ws: Worksheet, anchor: str, data_row: int, first: int, last: int, *, title: str, axis_title: str,
               axis_max: float, major: float, number_format: str, series_colours: tuple[str, ...],
               height_cm: float) -> None:
    """A horizontal bar chart over the table at ``data_row`` (headers) .. ``last``: one category
    per row, one series per column after the first; every row fills one series only, so the bars
    overlap completely and each value is its own bar with its label at its end."""
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.overlap = 100
    chart.gapWidth = 35
    chart.title = title
    chart.y_axis.title = axis_title
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = axis_max
    chart.y_axis.majorUnit = major
    chart.y_axis.numFmt = number_format
    chart.x_axis.scaling.orientation = "maxMin"  # first row at the top
    chart.x_axis.tickLblSkip = 1  # every label, not every other one
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    ncols = len(series_colours)
    data = Reference(ws, min_col=2, max_col=1 + ncols, min_row=data_row, max_row=last)
    cats = Reference(ws, min_col=1, min_row=first, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    for series, colour in zip(chart.series, series_colours, strict=True):
        series.graphicalProperties = GraphicalProperties(solidFill=colour)
        series.graphicalProperties.line.solidFill = colour
        series.dLbls = DataLabelList()
        series.dLbls.showVal = True
        series.dLbls.numFmt = number_format
        series.dLbls.position = "outEnd"  # the label sits at the end of its own bar
        series.dLbls.showSerName = False
        series.dLbls.showCatName = False
        series.dLbls.showLegendKey = False
    chart.legend.position = "b"
    chart.width = 25
    chart.height = height_cm
    ws.add_chart(chart, anchor)


def _share_data(rows: list[ScoreRow]) -> list[tuple[str, list[float | None]]]:
    """Score, partial share and each benchmark as rows of their own (one filled value each)."""
    data: list[tuple[str, list[float | None]]] = []
    for r in rows:
        data.append((r.short_label, [r.value, None, None]))
        if r.partial:
            data.append((f"{r.short_label}: gedeeltelijk", [None, r.partial, None]))
        for m in r.marks:
            data.append((f"{r.short_label}: {m.label}", [None, None, m.value]))
    return data


def _write_charts(ws: Worksheet, row: int, checklists: ChecklistSet, report: ScoreReport) -> int:
    """The charts, each under its heading, then (not printed) the tables they are drawn from;
    returns the last row to print."""
    specs: list[tuple[str, list[str], list[tuple[str, list[float | None]]], dict]] = []
    shares = share_rows(report, sections=True)
    if shares:
        specs.append(("Grafiek: scores naast de benchmarks (aandeel volledig, 0–100%)",
                      ["Onderdeel", "Score", "Gedeeltelijk (telt niet mee)", "Benchmark"], _share_data(shares),
                      {"title": "Score per kader en onderdeel (%)", "axis_title": "% van de items", "axis_max": 100,
                       "major": 20, "number_format": display.SHARE_FORMAT,
                       "series_colours": (SCORE_COLOUR, PARTIAL_COLOUR, BENCHMARK_COLOUR)}))
    levels, top = level_rows(checklists, report)
    if levels and top:
        data: list[tuple[str, list[float | None]]] = []
        for r in levels:
            data.append((r.short_label, [r.value, None]))
            data += [(f"{r.short_label}: {m.label}", [None, m.value]) for m in r.marks]
        specs.append((f"Grafiek: groeiniveau (0–{top}, geen percentage)", ["Onderdeel", "Niveau", "Benchmark"], data,
                      {"title": f"Groeiniveau (0–{top})", "axis_title": "niveau", "axis_max": top, "major": 1,
                       "number_format": display.LEVEL_FORMAT, "series_colours": (SCORE_COLOUR, BENCHMARK_COLOUR)}))
    if not specs:
        return row - 1
    ws.row_breaks.append(Break(id=row - 1))  # the charts start on a page of their own
    placed = []
    for heading, _, data, _ in specs:
        row = _section(ws, row, heading)
        height_cm = max(5.0, 0.75 * len(data) + 3.5)
        placed.append((row, height_cm))
        row += int(height_cm / 0.53) + 2  # a default row is 15pt = 0.53 cm
    last_printed = row - 1
    row += 1
    ws.cell(row=row, column=1, value="Gegevens voor de grafiek").font = Font(name="Calibri", italic=True,
                                                                            color="595959")
    row += 1
    for (_, headers, data, chart), (chart_top, height_cm) in zip(specs, placed, strict=True):
        _headers(ws, row, headers)
        first = row + 1
        for r, (label, values) in enumerate(data, start=first):
            _cells(ws, r, [label, *values])
            for c in range(2, 2 + len(values)):
                ws.cell(row=r, column=c).number_format = chart["number_format"]
        last = first + len(data) - 1
        fit_rows(ws, first, last, {1: WIDTHS["A"]})
        _bar_chart(ws, f"A{chart_top}", row, first, last, height_cm=height_cm, **chart)
        row = last + 2
    return last_printed


def write_scores(ws: Worksheet, checklists: ChecklistSet, assessment: Assessment, report: ScoreReport) -> None:
    """Fill the Scores sheet: every framework and section beside its benchmarks, then the charts."""
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width
    ws["A1"] = "Scores en benchmarks"
    ws["A1"].font = Font(name="Calibri", size=16, bold=True, color="1F4E79")
    row = _write_scores(ws, 3, report)
    last_printed = _write_charts(ws, row, checklists, report)
    ws.sheet_view.showGridLines = False
    print_setup(ws, assessment.organisation.name)
    ws.print_area = f"A1:F{last_printed}"


def _capacity(ws: Worksheet, widths: list[float]) -> float:
    """Points of rows Excel prints on one page: the paper between the margins, at the scale that
    fits the grid one page wide (100% when it fits)."""
    short, long_ = A4_POINTS
    paper_w, paper_h = (long_, short) if ws.page_setup.orientation == "landscape" else (short, long_)
    margins = ws.page_margins
    usable_w = paper_w - (margins.left + margins.right) * 72
    usable_h = paper_h - (margins.top + margins.bottom) * 72
    scale = min(1.0, usable_w / sum(column_points(w) for w in widths))
    return usable_h / scale


def write_summary(ws: Worksheet, checklists: ChecklistSet, assessment: Assessment, actions: list[Action],
                  report: ScoreReport, *, today: dt.date | None = None) -> None:
    """Fill the Samenvatting sheet: the first pages for the management team, at 11 pt, each part
    starting where it stays whole."""
    today = today or dt.date.today()
    standing = _standing(report)
    gaps, shown = _gaps(checklists, assessment, actions)
    decided_heading_text, decided, decided_note = _decided(actions, shown)
    widths = _grid_widths([t for t in (standing, gaps, decided) if isinstance(t, _Table)])
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.sheet_view.showGridLines = False
    print_setup(ws, assessment.organisation.name, pages_high=0)
    page = _Page(ws, _capacity(ws, widths))

    ws["A1"] = clean(f"Verbeterplan dienstverlening {assessment.organisation.name}")
    ws["A1"].font = Font(name="Calibri", size=16, bold=True, color="1F4E79")
    ws.row_dimensions[1].height = TITLE_HEIGHT
    page.place(1, TITLE_HEIGHT)
    frameworks = ", ".join(fw.short_title for fw in report.frameworks) or "geen kader"
    row = _note(ws, page, 2, f"Peildatum {_fmt_date(assessment.peildatum)} · {frameworks} · gemaakt met Dienstscan op "
                             f"{_fmt_date(today)}. Het hele plan: blad Verbeterplan; scores per onderdeel met grafiek: "
                             f"blad Scores.", widths, italic=True)
    row = _note(ws, page, row, _facts(assessment, report), widths, italic=True)
    for part, heading in ((standing, "Waar staan we"), (gaps, "Tekortkomingen")):
        row = page.space(row)
        row = (_write_table(ws, page, row, part, widths) if isinstance(part, _Table)
               else _note(ws, page, row, part, widths, heading=heading))
    row = page.space(row)
    counts = _plan_counts(actions, today)
    if decided is not None:  # the actions, what is left out and the counts stay together when they fit
        tail = _note_height(counts, widths) + (_note_height(decided_note, widths) if decided_note else 0.0)
        row = _write_table(ws, page, row, decided, widths, tail=tail)
        if decided_note:
            row = _note(ws, None, row, decided_note, widths, italic=True)
        last = _note(ws, None, row, counts, widths) - 1
    else:
        row = _note(ws, page, row, decided_note or "", widths, heading=decided_heading_text)
        last = _note(ws, page, row, counts, widths) - 1
    ws.print_area = f"A1:{get_column_letter(GRID)}{last}"
