"""Text XML cannot carry (U+FFFE, U+FFFF, control characters) in any user text: every writer
writes the file, by one rule (``export.common.xmltext``: vertical tab -> line break, the rest
removed), and the plan and the forms read back without a false edit or problem."""

from __future__ import annotations

import pytest
from docx import Document
from openpyxl import load_workbook
from plan_factory import make_assessment, make_checklists

from dienstscan.export.common.xmltext import xml_text, xml_tree
from dienstscan.export.excel_plan import export_plan, read_plan
from dienstscan.export.forms import read_participant_forms, write_participant_form
from dienstscan.export.report import write_report_html
from dienstscan.export.report.docx import write_report_docx
from dienstscan.plan import visible_actions

BAD = "Balie\ufffe en\uffff loket\x01\x0bklaar"
CLEAN = "Balie en loket\nklaar"


def test_the_rule():
    assert xml_text(BAD) == CLEAN
    assert xml_text("\ud800x\udfff") == "x"  # lone surrogates
    assert xml_text("tab\tregel\ncr\r é ü 😀 \ufffd") == "tab\tregel\ncr\r é ü 😀 \ufffd"  # all else stays
    assert xml_tree({"a": [BAD, ("x\uffff", 3)]}) == {"a": [CLEAN, ("x", 3)]}


@pytest.fixture
def bad_scan():
    checklists = make_checklists()
    scan = make_assessment(checklists)
    scan.organisation.name = "Gemeente " + BAD
    action = visible_actions(scan)[0]
    action.title = BAD
    action.progress = BAD
    for answer in list(scan.answers.values())[:3]:
        answer.explanation = BAD
    scan.participants[0].name = BAD
    return checklists, scan, action


def _cell_texts(path) -> str:
    wb = load_workbook(path)
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                     if isinstance(c.value, str))


def test_excel_plan_writes_and_reads_back_unchanged(tmp_path, bad_scan):
    checklists, scan, action = bad_scan
    path = tmp_path / "plan.xlsx"
    export_plan(checklists, scan, path)
    texts = _cell_texts(path)
    assert CLEAN in texts and "\uffff" not in texts and "\ufffe" not in texts
    result = read_plan(path, scan, checklists)
    assert result.ok, result.errors[:3]
    assert result.unchanged == len(visible_actions(scan))  # the removed characters are no edit


def test_participant_form_writes_and_reads_back(tmp_path, bad_scan):
    checklists, scan, _ = bad_scan
    path = tmp_path / "form.xlsx"
    write_participant_form(checklists, scan, path, "Deelnemer\uffff 1")
    texts = _cell_texts(path)
    assert "Deelnemer 1" in texts and "\uffff" not in texts
    result = read_participant_forms(checklists, scan, [path])
    assert result.ok, result.problems


def test_word_report_writes_the_text_by_the_rule(tmp_path, bad_scan):
    checklists, scan, _ = bad_scan
    path = tmp_path / "rapport.docx"
    write_report_docx(checklists, scan, path)
    doc = Document(str(path))
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert "Balie en loket" in text and "\uffff" not in text and "\ufffe" not in text


def test_html_and_pdf_report_by_the_same_rule(tmp_path, bad_scan):
    from dienstscan.export.report import pdf as tagged

    checklists, scan, _ = bad_scan
    path = tmp_path / "rapport.html"
    write_report_html(checklists, scan, path)
    html = path.read_text(encoding="utf-8")
    assert "Balie en loket" in html and "\uffff" not in html and "\x01" not in html
    if tagged.available():
        out = tmp_path / "rapport.pdf"
        assert tagged.write_report_pdf(checklists, scan, out) > 1
        assert out.read_bytes().startswith(b"%PDF")
