"""The second example, Gemeente Nieuwdorp (fictional) in 2026: the fourth checklist answered and a
plan whose priorities follow today's law, in the scan and in the exported workbook."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from dienstscan.checklists import load_checklists
from dienstscan.export.excel_plan import export_plan
from dienstscan.plan import priority_for
from dienstscan.storage import check_against_checklists, load_scan

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "gemeente-2026.dienstscan"


@pytest.fixture(scope="module")
def loaded():
    checklists = load_checklists()
    return checklists, load_scan(EXAMPLE)


def test_the_2026_example_answers_the_fourth_checklist(loaded):
    checklists, scan = loaded
    assert "DO26" in scan.frameworks and scan.peildatum.year == 2026
    assert check_against_checklists(scan, checklists) == []
    do26 = [i.id for i in checklists.framework("DO26").all_items()]
    assert all(scan.answers[i].option for i in do26)


def test_priorities_follow_todays_law(loaded):
    checklists, scan = loaded
    webrichtlijnen = scan.action("V-5B-5.06")
    # agreed in 2010 (midden), a legal obligation today (Besluit digitale toegankelijkheid overheid)
    assert priority_for(checklists.item("5B-5.06")) == "midden"
    assert webrichtlijnen.priority == "hoog" and "stand 2026" in webrichtlijnen.reason
    assert scan.action("V-DO26-2.01").priority == "hoog"      # Wmebv, since 1 January 2026
    assert scan.action("V-DO26-3.03").priority == "laag"      # algoritmeregister: not required
    assert scan.action("V-5B-5.03").priority == "midden"      # burgerjaarverslag: lapse not verified
    assert scan.action("V-DO26-3.05").priority != "hoog"      # AI high risk: from 2 December 2027


def test_no_high_priority_that_its_own_notes_contradict(loaded):
    """Issue 26: the 2026 example's plan shows no 'hoog' that its own notes contradict: not from a
    note that is unverified, lapsed or not yet in force, not from an unverified status, and no
    'hoog' whose own reason says 'niet geverifieerd', 'vervallen' or 'nog niet in werking'."""
    checklists, scan = loaded
    highs = [a for a in scan.actions if a.priority == "hoog" and a.item_id]
    assert highs
    for action in highs:
        fw, _section, item = checklists.locate(action.item_id)
        note = checklists.current_note(item.id)
        if note is not None:
            assert note.verified and note.in_force and not note.lapsed, action.id
        assert not item.not_verified and item.in_force_on(fw.checked), action.id
        for word in ("niet geverifieerd", "vervallen", "nog niet in werking"):
            assert word not in action.reason, f"{action.id}: {word}"
        assert "wettelijk verplicht" in action.reason, action.id


def test_the_exported_plan_shows_those_priorities(loaded, tmp_path):
    checklists, scan = loaded
    out = tmp_path / "plan-2026.xlsx"
    export_plan(checklists, scan, out)
    wb = load_workbook(out, read_only=True)
    rows = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            texts = [str(v) for v in row if v is not None]
            for action_id in ("V-5B-5.06", "V-DO26-3.03"):
                if action_id in texts:
                    rows.setdefault(action_id, " ".join(texts).lower())
    assert "hoog" in rows["V-5B-5.06"]
    assert "laag" in rows["V-DO26-3.03"]


def test_the_report_shows_the_notes_in_html_and_word(loaded, tmp_path):
    from docx import Document

    from dienstscan.export.report import render_report_html, write_report_docx

    checklists, scan = loaded
    html = render_report_html(checklists, scan)
    assert "Stand 2026 (vandaag wettelijk verplicht sinds 1 juli 2018)" in html
    assert "Besluit digitale toegankelijkheid overheid" in html
    out = tmp_path / "rapport.docx"
    write_report_docx(checklists, scan, out)
    document = Document(out)
    rows = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    notes = "\n".join(p.text for p in document.paragraphs)
    # the item's row says its status today in a few words, the note under the table says it in full
    assert "Stand 2026: vandaag wettelijk verplicht sinds 1 juli 2018 (zie onder de tabel)" in rows
    assert "5B-5.06 Stand 2026 (vandaag wettelijk verplicht sinds 1 juli 2018): " in notes
    assert "Besluit digitale toegankelijkheid overheid" in notes


def test_the_workbook_has_a_stand_2026_column(loaded, tmp_path):
    checklists, scan = loaded
    out = tmp_path / "plan.xlsx"
    export_plan(checklists, scan, out)
    wb = load_workbook(out, read_only=True)
    found = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
             if isinstance(c, str) and c.startswith("Stand 2026")]
    assert any("Besluit digitale toegankelijkheid overheid" in t for t in found)


def test_outputs_call_only_todays_verified_duties_wettelijk(loaded, tmp_path):
    """The report's gap list and the sheets never put a plain 'wettelijk verplicht' beside an item
    whose duty is unverified or still to come (issue 26)."""
    from dienstscan.export.common.plan_view import top_gaps
    from dienstscan.export.report import render_report_html
    from dienstscan.plan import status_label

    checklists, scan = loaded
    gaps, _ = top_gaps(checklists, scan, scan.actions, limit=100)
    legal = {g.item_id: g.legal for g in gaps}
    assert legal["5B-5.03"] == ""                    # burgerjaarverslag: lapse unverified
    assert legal["DO26-3.05"] == ""                  # AI high risk: from 2027
    assert legal["5B-5.06"] == "wettelijk verplicht"
    fw, _section, item = checklists.locate("DO26-3.05")
    label = status_label(item, fw.checked)
    assert label == "wettelijk verplicht vanaf 2 december 2027, nog niet in werking (niet geverifieerd)"
    html = render_report_html(checklists, scan)
    assert label in html
    out = tmp_path / "plan.xlsx"
    export_plan(checklists, scan, out)
    cells = {str(c) for ws in load_workbook(out, read_only=True).worksheets
             for row in ws.iter_rows(values_only=True) for c in row if c is not None}
    assert label in cells and "wettelijk verplicht sinds 2 februari 2025" in cells
