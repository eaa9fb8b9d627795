"""The spread of individual answers in the Excel plan, the HTML report and the Word report.

Individual answers (``Answer.individual``) are shown as counts beside the agreed answer, per round
(one answer per person per round, never added up), never averaged into the score; everything only
appears when the scan has individual answers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from dienstscan.checklists import load_checklists
from dienstscan.export.report.docx import write_report_docx
from dienstscan.export.excel_plan import PLAN_SHEET, PROPOSALS_SHEET, REJECTED_SHEET, export_plan
from dienstscan.export.report.html import render_report_html, report_context
from dienstscan.scoring.spread import disagreement_text
from dienstscan.scoring import score
from dienstscan.storage import load_scan

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "gemeente-voorbeeld.dienstscan"
HEADER = "Spreiding deelnemers"
TABLE_TITLE = "Spreiding van de individuele antwoorden"


@pytest.fixture(scope="module")
def shipped():
    return load_checklists()


@pytest.fixture
def example():
    return load_scan(EXAMPLE)


@pytest.fixture
def with_individual(example):
    """The example with individual answers on four 5B items (agreed: niet, ingevoerd, gedeeltelijk,
    ingevoerd) and one BSC item."""
    example.answer("5B-1.01").individual = {"formulier": ["ingevoerd"] * 5}                                  # agreed differs
    example.answer("5B-1.02").individual = {"formulier": ["ingevoerd", "niet", "gedeeltelijk", "nvt"]}       # all differ
    example.answer("5B-1.03").individual = {"formulier": ["ingevoerd", "ingevoerd", "niet", "niet"]}
    example.answer("5B-1.04").individual = {"formulier": ["ingevoerd", "ingevoerd", "gedeeltelijk", "gedeeltelijk"]}
    example.answer("BSC-01").individual = {"formulier": ["toegepast", "toegepast", "deels"]}
    return example


def _sheet_columns(path: Path) -> dict[str, dict[str, object]]:
    """sheet -> {header: {item id: value}} for every framework sheet (headers in row 4)."""
    wb = load_workbook(path)
    result = {}
    for ws in wb.worksheets:
        if ws.cell(row=4, column=1).value != "ID" or ws.title in (PLAN_SHEET, PROPOSALS_SHEET, REJECTED_SHEET):
            continue  # the plan's views have an ID column too
        headers = [c.value for c in ws[4]]
        columns: dict[str, dict[str, object]] = {h: {} for h in headers}
        for row in ws.iter_rows(min_row=5, values_only=True):
            if row[0] is None:
                break  # the end of the item table (the notes follow under it)
            for h, v in zip(headers, row):
                columns[h][row[0]] = v
        result[ws.title] = columns
    return result


def test_excel_has_no_spread_column_without_individual_answers(tmp_path, shipped, example):
    path = tmp_path / "plan.xlsx"
    export_plan(shipped, example, path)
    sheets = _sheet_columns(path)
    assert len(sheets) == 3
    assert all(HEADER not in cols for cols in sheets.values())


def test_excel_spread_column_with_counts_and_note(tmp_path, shipped, with_individual):
    path = tmp_path / "plan.xlsx"
    export_plan(shipped, with_individual, path)
    sheets = _sheet_columns(path)
    # on every framework sheet (the same columns everywhere), also where nobody answered alone
    assert all(HEADER in cols for cols in sheets.values())
    spread5b = sheets["5 beloften"][HEADER]
    # agreed 'niet', everybody said 'ingevoerd': the note says so
    assert spread5b["5B-1.01"] == ("Formulier: Ingevoerd 5 (5 antwoorden)\n"
                                   "Let op: afspraak wijkt af van meest gekozen in formulier (Ingevoerd).")
    assert spread5b["5B-1.02"].startswith("Formulier: Ingevoerd 1 · Gedeeltelijk ingevoerd 1 · Niet ingevoerd 1 · ")
    assert "Let op" not in spread5b["5B-1.02"]  # agreed 'ingevoerd' is among the most chosen (a tie)
    assert spread5b["5B-1.04"] == "Formulier: Ingevoerd 2 · Gedeeltelijk ingevoerd 2 (4 antwoorden)"
    assert spread5b["5B-1.05"] is None
    assert sheets["BSC"][HEADER]["BSC-01"].startswith("Formulier: Toegepast 2 · Deels toegepast 1 (3 antwoorden)")
    assert not any(sheets["Antwoord"][HEADER].values())


def test_individual_answers_never_change_the_score(shipped, example, with_individual):
    plain = score(shipped, load_scan(EXAMPLE))
    assert [fw.tally.percentage for fw in score(shipped, with_individual).frameworks] == \
        [fw.tally.percentage for fw in plain.frameworks]


def test_disagreement_words():
    assert [disagreement_text(v) for v in (0.0, 1 / 3, 0.4, 2 / 3, 1.0)] == \
        ["geen", "klein", "middel", "groot", "groot"]


def test_report_context_and_html_order_most_different_first(shipped, with_individual):
    context = report_context(shipped, with_individual, today=dt.date(2026, 1, 5))
    by_id = {fw["id"]: fw for fw in context["frameworks"]}
    assert by_id["ANT"]["spread"] is None
    s5b = by_id["5B"]["spread"]
    # only options somebody chose, in scale order ('onbekend' nobody chose)
    assert s5b["options"] == ["Ingevoerd", "Gedeeltelijk ingevoerd", "Niet ingevoerd", "Niet van toepassing"]
    assert [r["id"] for r in s5b["rows"]] == ["5B-1.02", "5B-1.03", "5B-1.04", "5B-1.01"]
    first, last = s5b["rows"][0], s5b["rows"][-1]
    assert [r["counts"] for r in first["rounds"]] == [[1, 1, 1, 1]] and first["disagreement"] == "Formulier: groot"
    assert [r["counts"] for r in last["rounds"]] == [[5, 0, 0, 0]] and last["disagreement"] == "Formulier: geen"
    assert last["agreed"] == "Niet ingevoerd" and last["differs"] and not first["differs"]

    html = render_report_html(shipped, with_individual, today=dt.date(2026, 1, 5))
    assert html.count(TABLE_TITLE) == 2  # BSC and 5B, not Antwoord
    table = html.split(TABLE_TITLE)[2].split("</table>")[0]
    positions = [table.index(f">{i} ") for i in ("5B-1.02", "5B-1.03", "5B-1.04", "5B-1.01")]
    assert positions == sorted(positions)
    assert "wijkt af van het meest gekozen antwoord" in table
    assert "<td><b>Formulier:</b> Ingevoerd 5 (5 antwoorden)</td><td>geen</td><td>Niet ingevoerd<br>" in table
    assert ("<td><b>Formulier:</b> Ingevoerd 1 · Gedeeltelijk ingevoerd 1 · Niet ingevoerd 1 · Niet van toepassing 1 "
            "(4 antwoorden)</td>") in table


def test_report_has_no_spread_table_without_individual_answers(shipped, example):
    assert TABLE_TITLE not in render_report_html(shipped, example, today=dt.date(2026, 1, 5))


def test_docx_spread_table(tmp_path, shipped, with_individual):
    path = tmp_path / "rapport.docx"
    write_report_docx(shipped, with_individual, path)
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings.count(TABLE_TITLE) == 2
    tables = [t for t in document.tables
              if [c.text for c in t.rows[0].cells][1:] == ["Individuele antwoorden", "Verschil", "Afgesproken antwoord"]]
    assert len(tables) == 2
    fivebee = next(t for t in tables if t.rows[1].cells[0].text.startswith("5B"))
    assert [r.cells[0].text.split()[0] for r in fivebee.rows[1:]] == ["5B-1.02", "5B-1.03", "5B-1.04", "5B-1.01"]
    assert [c.text for c in fivebee.rows[-1].cells][1:] == [
        "Formulier: Ingevoerd 5 (5 antwoorden)", "Formulier: geen",
        "Niet ingevoerd (wijkt af van het meest gekozen antwoord)"]
    assert [c.text for c in fivebee.rows[1].cells][2:] == ["Formulier: groot", "Ingevoerd"]


def test_docx_without_individual_answers_has_no_spread_table(tmp_path, shipped, example):
    path = tmp_path / "rapport.docx"
    write_report_docx(shipped, example, path)
    assert TABLE_TITLE not in [p.text for p in docx.Document(str(path)).paragraphs]


# --------------------------------------------------------------------------- one answer per person per round


@pytest.fixture
def two_rounds(example):
    """Four phones answered 5B-1.03 in the voorronde (split) and again live (agreed); a form round
    and an older scan's answers of unknown round on 5B-1.04; 5B-1.02 one round, little difference."""
    example.answer("5B-1.03").individual = {"voorronde": ["ingevoerd", "ingevoerd", "niet", "niet"],
                                            "live": ["ingevoerd"] * 4}
    example.answer("5B-1.04").individual = {"onbekend": ["ingevoerd", "ingevoerd", "ingevoerd", "niet"], "formulier": ["ingevoerd"] * 3}
    example.answer("5B-1.02").individual = {"live": ["ingevoerd"] * 5 + ["niet"]}
    return example


def test_excel_shows_each_round_on_its_own_line_never_added_up(tmp_path, shipped, two_rounds):
    path = tmp_path / "plan.xlsx"
    export_plan(shipped, two_rounds, path)
    spread5b = _sheet_columns(path)["5 beloften"][HEADER]
    # agreed 'gedeeltelijk': the note compares it with the last round
    assert spread5b["5B-1.03"] == ("Voorronde: Ingevoerd 2 · Niet ingevoerd 2 (4 antwoorden)\n"
                                   "Live: Ingevoerd 4 (4 antwoorden)\n"
                                   "Let op: afspraak wijkt af van meest gekozen in live (Ingevoerd).")
    assert spread5b["5B-1.04"] == ("Ronde onbekend: Ingevoerd 3 · Niet ingevoerd 1 (4 antwoorden)\n"
                                   "Formulier: Ingevoerd 3 (3 antwoorden)")
    assert not any("8 antwoorden" in (v or "") for v in spread5b.values())


def test_report_shows_voorronde_against_live_and_orders_by_the_most_split_round(shipped, two_rounds):
    context = report_context(shipped, two_rounds, today=dt.date(2026, 1, 5))
    rows = {fw["id"]: fw for fw in context["frameworks"]}["5B"]["spread"]["rows"]
    # 5B-1.03's voorronde (2 against 2) is the most split round of all: first, though live agreed
    assert [r["id"] for r in rows] == ["5B-1.03", "5B-1.04", "5B-1.02"]
    first = rows[0]
    assert [(r["round"], r["counts"], r["disagreement"]) for r in first["rounds"]] == [
        ("Voorronde", [2, 2], "groot"), ("Live", [4, 0], "geen")]  # columns: options somebody chose
    html = render_report_html(shipped, two_rounds, today=dt.date(2026, 1, 5))
    table = html.split(TABLE_TITLE)[1].split("</table>")[0]
    assert ("<b>Voorronde:</b> Ingevoerd 2 · Niet ingevoerd 2 (4 antwoorden)<br>"
            "<b>Live:</b> Ingevoerd 4 (4 antwoorden)</td><td>groot<br>geen</td>") in table
    assert "(8 antwoorden)" not in table


def test_docx_shows_each_round_on_its_own_line(tmp_path, shipped, two_rounds):
    path = tmp_path / "rapport.docx"
    write_report_docx(shipped, two_rounds, path)
    table = next(t for t in docx.Document(str(path)).tables
                 if [c.text for c in t.rows[0].cells][1:2] == ["Individuele antwoorden"])
    assert [c.text for c in table.rows[1].cells][:3] == [
        table.rows[1].cells[0].text,
        "Voorronde: Ingevoerd 2 · Niet ingevoerd 2 (4 antwoorden)\nLive: Ingevoerd 4 (4 antwoorden)",
        "Voorronde: groot\nLive: geen"]
    assert table.rows[1].cells[0].text.startswith("5B-1.03")
