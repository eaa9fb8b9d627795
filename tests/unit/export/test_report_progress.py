"""The report's chapter "Voortgang sinds <datum>" (HTML and Word) when a baseline scan is given,
its absence without one, and ``dienstscan report --basis``."""

from __future__ import annotations

import datetime as dt
import html
import re

import docx
import pytest
from cycle_scans import baseline_scan, current_scan, real_checklists

from dienstscan.cli import main
from dienstscan.export.report.docx import write_report_docx
from dienstscan.export.report.html import render_report_html, report_context
from dienstscan.storage import save_scan

TODAY = dt.date(2012, 7, 10)


@pytest.fixture(scope="module")
def scans():
    checklists = real_checklists()
    baseline = baseline_scan()
    return checklists, baseline, current_scan(checklists, baseline)


def text_of(page: str) -> str:
    page = re.sub(r'<ul class="toc">.*?</ul>', " ", page, flags=re.DOTALL)  # the contents repeat the titles
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_no_baseline_no_progress_chapter(scans):
    checklists, _baseline, current = scans
    assert report_context(checklists, current, today=TODAY)["progress"] is None
    assert "Voortgang sinds" not in render_report_html(checklists, current, today=TODAY)


def test_progress_context(scans):
    checklists, baseline, current = scans
    progress = report_context(checklists, current, today=TODAY, baseline=baseline)["progress"]
    assert progress["baseline_date"] == "5 juli 2011" and progress["current_short"] == "05-07-2012"
    bsc = next(fw for fw in progress["frameworks"] if fw["id"] == "BSC")
    assert (bsc["baseline_text"], bsc["current_text"], bsc["delta_text"]) == ("40%", "50%", "+10 punten")
    assert [i["id"] for i in bsc["changed_items"]] == ["BSC-04"]
    five = next(fw for fw in progress["frameworks"] if fw["id"] == "5B")
    assert [i["change"] for i in five["changed_items"]] == ["slechter", "beter", "nieuw", "vervallen"]
    assert [a["id"] for a in progress["completed"]] == ["V-5B-1.01"]
    assert progress["completed"][0]["was"] == "In uitvoering"
    assert len(progress["cancelled"]) == 1
    assert [n["id"] for n in progress["not_comparable"]] == ["5B-9.99"]


def test_html_has_the_chapter_before_the_frameworks(scans):
    checklists, baseline, current = scans
    page = render_report_html(checklists, current, today=TODAY, baseline=baseline)
    text = text_of(page)
    assert "Voortgang sinds 5 juli 2011" in text
    chapter = text[text.index("Voortgang sinds 5 juli 2011"):text.index("1. BurgerServiceCode")]
    assert "BurgerServiceCode 40% 50% +10 punten" in chapter
    assert "5B-1.02 Klanttevredenheid periodiek gemeten (burgerpeiling) Ingevoerd Gedeeltelijk ingevoerd slechter" \
        in chapter
    assert "Acties afgerond tussen 05-07-2011 en 05-07-2012" in chapter
    assert "V-5B-1.01" in chapter and "Vervallen:" in chapter
    assert "5B-9.99" in chapter and "niet in de huidige checklists" in chapter


def test_word_has_the_chapter(tmp_path, scans):
    checklists, baseline, current = scans
    path = tmp_path / "rapport.docx"
    write_report_docx(checklists, current, path, baseline=baseline)
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Voortgang sinds 5 juli 2011" in headings
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["BurgerServiceCode", "40%", "50%", "+10 punten"] in cells
    assert any(row[0] == "V-5B-1.01" and row[2] == "In uitvoering" for row in cells)
    assert any(row[0] == "5B-9.99" for row in cells)


def test_cli_report_with_basis(tmp_path, scans, capsys):
    checklists, baseline, current = scans
    save_scan(baseline, tmp_path / "vorige.dienstscan")
    save_scan(current, tmp_path / "nu.dienstscan")
    out = tmp_path / "rapport.html"
    assert main(["report", str(tmp_path / "nu.dienstscan"), "-o", str(out),
                 "--basis", str(tmp_path / "vorige.dienstscan")]) == 0
    assert "Voortgang sinds 5 juli 2011" in text_of(out.read_text(encoding="utf-8"))
    assert main(["report", str(tmp_path / "nu.dienstscan"), "-o", str(tmp_path / "x.html"),
                 "--basis", str(tmp_path / "weg.dienstscan")]) != 0
    assert "weg.dienstscan" in capsys.readouterr().err
