"""An explanation written for an earlier answer (issue 28): kept, marked in the scan file, and never
shown as the present answer's explanation, through the operations (the CLI's and the app's path)
and in every output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dienstscan import operations
from dienstscan.checklists import load_checklists
from dienstscan.cli import main
from dienstscan.model import Answer, explanation_shown, stale_explanation_label
from dienstscan.storage import load_scan, save_scan

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "gemeente-voorbeeld.dienstscan"
WHY_NOT = "Geen balie op zaterdag: de gemeente kiest voor afspraken op maandagavond"
MARK = "Niet meer van toepassing (geschreven bij het eerdere antwoord ‘Deels toegepast’)"


@pytest.fixture(scope="module")
def checklists():
    return load_checklists()


@pytest.fixture
def scan(tmp_path):
    path = tmp_path / "scan.dienstscan"
    shutil.copy(EXAMPLE, path)
    return path


def marked(checklists, path: Path) -> None:
    """BSC-01: Deels toegepast with a why-not, then Toegepast; saved."""
    assessment = load_scan(path)
    operations.set_answer(checklists, assessment, "BSC-01", "deels")
    answer = operations.answer_with_explanation(assessment.answers["BSC-01"], WHY_NOT)
    operations.put_answer(checklists, assessment, "BSC-01", answer)
    operations.set_answer(checklists, assessment, "BSC-01", "toegepast")
    save_scan(assessment, path)


def test_an_older_scan_has_no_marks_and_reads_as_before(checklists):
    raw = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert not any("explanation_written_for" in a for a in raw["scan"]["answers"].values())
    assessment = load_scan(EXAMPLE)
    assert all(a.explanation_written_for is None for a in assessment.answers.values())
    for item_id, answer in assessment.answers.items():
        assert explanation_shown(answer, checklists.scale_for(item_id)) == answer.explanation.strip()


def test_toegepast_after_a_why_not_keeps_the_text_marked_and_the_file_keeps_the_mark(checklists, scan):
    marked(checklists, scan)
    answer = load_scan(scan).answers["BSC-01"]
    assert answer.option == "toegepast" and answer.explanation == WHY_NOT  # kept
    assert answer.explanation_written_for == "deels"
    raw = json.loads(scan.read_text(encoding="utf-8"))
    assert raw["scan"]["answers"]["BSC-01"]["explanation_written_for"] == "deels"
    scale = checklists.scale_for("BSC-01")
    assert stale_explanation_label(answer, scale) == "Deels toegepast"
    assert explanation_shown(answer, scale) == f"{MARK}: {WHY_NOT}"


def test_editing_the_text_or_an_answer_that_asks_for_one_takes_the_mark_away(checklists, scan):
    marked(checklists, scan)
    assessment = load_scan(scan)
    again = operations.answer_with_option(checklists, assessment.answers["BSC-01"], "BSC-01", "niet")
    assert again.explanation_written_for is None  # the text is this answer's why-not again
    assert explanation_shown(again, checklists.scale_for("BSC-01")) == WHY_NOT
    edited = operations.answer_with_explanation(assessment.answers["BSC-01"], WHY_NOT + " (nu wel)")
    assert edited.explanation_written_for is None
    # an answer that never asked for one marks nothing; nor does an empty text
    plain = operations.answer_with_option(checklists, Answer(option="toegepast", explanation="Zo is het"),
                                          "BSC-01", "deels")
    assert plain.explanation_written_for is None
    empty = operations.answer_with_option(checklists, Answer(option="deels"), "BSC-01", "toegepast")
    assert empty.explanation_written_for is None
    # the first mark stays when one answer that asks none follows another
    twice = operations.answer_with_option(checklists, assessment.answers["BSC-01"], "BSC-01", None)
    assert twice.explanation_written_for == "deels"


def test_the_report_and_the_workbook_never_show_it_as_the_present_explanation(checklists, scan, tmp_path):
    marked(checklists, scan)
    report = tmp_path / "rapport.html"
    assert main(["report", str(scan), "-o", str(report)]) == 0  # the CLI's path: read, propose, write
    text = report.read_text(encoding="utf-8")
    assert text.count(WHY_NOT) == text.count(f"{MARK}: {WHY_NOT}") > 0
    plan = tmp_path / "plan.xlsx"
    assert main(["export", str(scan), "-o", str(plan)]) == 0
    cells = [c.value for ws in load_workbook(plan).worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and WHY_NOT in c.value]
    assert cells and all(value == f"{MARK}: {WHY_NOT}" for value in cells)
