"""One value per score in every output (issue 24, point 2).

For both examples, each framework's score reads the same in the CLI table, the benchmark sentence,
the Samenvatting, the Scores sheet (the cell as Excel formats it, and as LibreOffice prints it),
the HTML report and the Word report: a share as a whole percentage rounded half up ("83%" for
82,5), Antwoord as a level ("niveau 1,6 van 4"), never a percentage. A property test checks the
rule itself against exact arithmetic and against the outputs over random scans.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from dienstscan.checklists import load_checklists
from dienstscan.cli_tables import format_report
from dienstscan.export.excel_plan import export_plan
from dienstscan.export.excel_plan.summary import write_summary
from dienstscan.export.report.docx import build_docx
from dienstscan.export.report.html import render_report_html, report_context
from dienstscan.model import Answer
from dienstscan.scoring import display, score
from dienstscan.storage import load_scan

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def checklists():
    return load_checklists()


def _excel_shows(value: float, number_format: str) -> str:
    """A number as Excel shows it with our two formats (half up on the decimal value)."""
    if number_format == display.SHARE_FORMAT:
        return f"{Decimal(repr(value)).quantize(Decimal(1), ROUND_HALF_UP)}%"
    if number_format == display.LEVEL_CELL_FORMAT:
        return "niveau " + str(Decimal(repr(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)).replace(".", ",")
    raise AssertionError(number_format)


def _expected(fs) -> str:
    t = fs.tally
    if t.level_top is not None:
        return display.mean_level_text(t.level, t.level_top)
    return display.share_text(t.percentage)


def _all_strings(ws) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_the_rule_is_excels_half_up():
    assert display.share_text(82.5) == "83%" and display.share_text(37.5) == "38%"
    assert display.share_text(12.5) == "13%" and display.share_text(33.3333) == "33%"
    assert display.level_text(1.55555, 4) == "niveau 1,6 van 4" and display.level_text(2.0) == "niveau 2,0"
    assert display.level_text(1.25) == "niveau 1,3"
    assert display.completeness_text(77, 78) == "77 van 78 items beantwoord (99%)"
    assert display.completeness_text(399, 400) == "399 van 400 items beantwoord (99%)"  # never 100% while open
    assert display.completeness_text(1, 400) == "1 van 400 items beantwoord (1%)"


@pytest.mark.parametrize("name", ["gemeente-voorbeeld.dienstscan", "gemeente-2026.dienstscan"])
def test_one_value_per_score_in_every_output(checklists, name, tmp_path):
    scan = load_scan(EXAMPLES / name)
    report = score(checklists, scan)
    cli = format_report(report)
    path = tmp_path / "plan.xlsx"
    export_plan(checklists, scan, path)
    wb = load_workbook(path)
    summary = " ".join(_all_strings(wb["Samenvatting"]))
    scores_ws = wb["Scores"]
    context = report_context(checklists, scan)
    html = render_report_html(checklists, scan)
    docx_text = "\n".join(p.text for p in build_docx(context).paragraphs) + "\n".join(
        cell.text for table in build_docx(context).tables for row in table.rows for cell in row.cells)
    for fs in report.frameworks:
        text = _expected(fs)
        # never a percentage for a level
        if fs.tally.level_top is not None:
            assert "%" not in text
        # the CLI table ("Totaal" row of the framework)
        block = cli.split(fs.title, 1)[1]
        totaal = next(line for line in block.splitlines() if line.strip().startswith("Totaal"))
        cli_score = totaal.split()[1]
        assert cli_score == (text.rsplit("niveau ", 1)[1].split(" van")[0] if fs.tally.level_top else text), totaal
        # the sentence
        if fs.comparison is not None:
            assert fs.comparison.sentence.startswith(f"Met {text} ") or \
                fs.comparison.sentence.startswith("Niet vergelijkbaar"), fs.comparison.sentence
        # the Samenvatting
        assert text in summary, (text, summary[:400])
        # the Scores sheet: the cell as Excel formats it
        row = next(r for r in scores_ws.iter_rows() if r[0].value == fs.title)
        shown = _excel_shows(row[1].value, row[1].number_format)
        assert shown == (text.removeprefix("gemiddeld ").split(" van")[0] if fs.tally.level_top else text)
        # the report
        assert text in html
        assert text in docx_text
        for section in fs.sections:
            stext = display.score_text(section.tally)
            assert stext in html
            srow = next(r for r in scores_ws.iter_rows() if r[0].value == f"   {section.title}")
            assert _excel_shows(srow[1].value, srow[1].number_format) == (
                stext.removeprefix("gemiddeld ").split(" van")[0] if section.tally.level_top else stext)


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is niet geïnstalleerd")
def test_libreoffice_prints_the_same_values(checklists, tmp_path):
    scan = load_scan(EXAMPLES / "gemeente-2026.dienstscan")
    report = score(checklists, scan)
    path = tmp_path / "plan.xlsx"
    export_plan(checklists, scan, path)
    profile = tmp_path / "lo-profiel"
    result = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                            capture_output=True, text=True, timeout=240, check=False)
    pdf = tmp_path / "plan.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    five = next(fs for fs in report.frameworks if fs.id == "5B")
    assert five.tally.percentage == 82.5
    flowing = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # the Samenvatting, on one printed line (it wrapped as "83% (33 van" / "40)" in a narrow column)
    assert "83% (33 van 40)" in " ".join(flowing.split())
    assert "83% (33 van 40)" in text
    # the Scores sheet's cell, beside the framework's name (which may wrap after "Checklist")
    assert re.search(r"5 beloften: Checklist(?: Dienstverlening)?\s+83%", text)
    assert "82%" not in text and "82,5%" not in text


_ANSWERED = st.integers(min_value=0, max_value=2**32 - 1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=_ANSWERED)
def test_random_scans_show_one_value_everywhere(checklists, seed):
    rng = random.Random(seed)
    scan = load_scan(EXAMPLES / "gemeente-voorbeeld.dienstscan")
    for fw in checklists.frameworks:
        for item in fw.all_items():
            options = checklists.scale_for(item.id).options
            choice = rng.choice([None, *options])
            scan.answers[item.id] = Answer(option=choice.id if choice else None, explanation="x")
    report = score(checklists, scan)
    cli = format_report(report)
    ws = Workbook().active
    write_summary(ws, checklists, scan, [], report)
    summary = " ".join(_all_strings(ws))
    for fs in report.frameworks:
        t = fs.tally
        text = _expected(fs)
        if t.percentage is None:
            continue
        if t.level_top is None:
            exact = Fraction(100 * t.full, t.applicable)
            assert text == f"{int(exact + Fraction(1, 2))}%"  # half up on the exact value
        assert text in summary
        if fs.comparison is not None and fs.comparison.comparable:
            assert fs.comparison.sentence.startswith(f"Met {text} ")
        block = cli.split(fs.title, 1)[1]
        totaal = next(line for line in block.splitlines() if line.strip().startswith("Totaal"))
        assert totaal.split()[1] == (text.rsplit("niveau ", 1)[1].split(" van")[0] if t.level_top else text)


def _shown_in_cell(cell) -> str:
    """A Scores sheet cell as Excel shows it: "83%", "niveau 1,6"; text as it is."""
    if isinstance(cell.value, (int, float)):
        return _excel_shows(cell.value, cell.number_format)
    return str(cell.value)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=_ANSWERED)
def test_random_scans_one_value_in_the_workbook_and_the_report(checklists, seed, tmp_path_factory):
    """Over random scans (some answers open, 'Onbekend', n.v.t.): every framework's and section's
    score and partial share read in the Scores sheet (as Excel formats the cell) and in the HTML
    report as ``scoring.display`` says them."""
    rng = random.Random(seed)
    scan = load_scan(EXAMPLES / rng.choice(["gemeente-voorbeeld.dienstscan", "gemeente-2026.dienstscan"]))
    for fw in checklists.frameworks:
        if fw.id not in scan.frameworks:
            continue
        for item in fw.all_items():
            choice = rng.choice([None, *checklists.scale_for(item.id).options])
            scan.answers[item.id] = Answer(option=choice.id if choice else None, explanation="x")
    report = score(checklists, scan)
    path = tmp_path_factory.mktemp("willekeurig") / "plan.xlsx"
    export_plan(checklists, scan, path)
    rows = {r[0].value: r for r in load_workbook(path)["Scores"].iter_rows() if isinstance(r[0].value, str)}
    html = render_report_html(checklists, scan)
    for fs in report.frameworks:
        for title, tally in [(fs.title, fs.tally)] + [(f"   {s.title}", s.tally) for s in fs.sections]:
            if tally.percentage is None:
                continue
            text = display.score_text(tally)
            in_cell = text.removeprefix("gemiddeld ").split(" van")[0] if tally.level_top else text
            assert _shown_in_cell(rows[title][1]) == in_cell, title
            assert text in html, title
            if tally.level_top is None and tally.partial_percentage is not None:
                assert _shown_in_cell(rows[title][2]) == display.share_text(tally.partial_percentage), title
            else:
                assert "%" not in in_cell  # Antwoord: a level, never a percentage
