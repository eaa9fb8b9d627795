"""What keeps the PDF report's time linear in the plan's length (issue 29; measured by
benchmarks/bench_linear.py, checked here by structure, never by time)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from plan_factory import make_assessment, make_checklists

from dienstscan.export.report import pdf as tagged
from dienstscan.export.report.html import render_context_html, report_context

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))


def test_long_plan_tables_come_in_row_groups_of_at_most_50_and_keep_every_row():
    from bench_linear import big_scan

    checklists, scan = big_scan(260)
    html = render_context_html(report_context(checklists, scan))
    plan = html[html.index('id="verbeterplan"'):html.index('id="bronnen"')]
    groups = re.findall(r"<tbody>(.*?)</tbody>", plan, re.S)
    assert groups and all(0 < g.count("<tr>") <= 50 for g in groups)
    rows = sum(g.count("<tr>") for g in groups)
    assert rows == sum(table.count("<tr>") - 1 for table in re.findall(r"<table.*?</table>", plan, re.S))  # all but headers
    assert rows >= 260 - 10  # every decided action and proposal of the plan is in a group


@pytest.mark.skipif(not tagged.available(), reason="WeasyPrint of Pango ontbreekt op deze machine")
def test_page_references_are_remembered_but_follow_every_new_page():
    tagged._weasyprint()  # installs the remembered page references
    import pydyf

    pdf = pydyf.PDF()
    for _ in range(3):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    first = pdf.page_references
    assert first == tuple(f"{n} 0 R".encode("ascii") for n in pdf.pages["Kids"][::3]) and len(first) == 3
    assert pdf.page_references is first  # not made again while no page is added
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert len(pdf.page_references) == 4 and pdf.page_references[:3] == first


def test_a_small_report_still_renders_whole():
    checklists = make_checklists()
    html = render_context_html(report_context(checklists, make_assessment(checklists)))
    assert html.count("<tbody>") == html.count("</tbody>")
