"""The app and the command line make the same plan from the same file (issue 24 point 3).

For every scan fixture, both examples and a file whose plan lags behind its answers (another
program or a hand edit changed an answer): the file is opened in the main window and exported to
Excel and HTML from the menu, and given to ``dienstscan export`` and ``dienstscan report``. The
plans in memory are equal action for action (``gap_closed`` included), the workbooks hold the
same cells on every sheet and the reports the same text; a file the app refuses, the command line
refuses with the same message, and neither changes it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dienstscan import cli
from dienstscan.cli import main
from dienstscan.storage import load_scan, save_scan
from dienstscan.ui import exporting, report_dialog

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "gemeente-voorbeeld.dienstscan"
LAGGING = "plan loopt achter"
SCANS = sorted((ROOT / "tests" / "fixtures" / "scans").glob("*.dienstscan")) + [
    EXAMPLE,
    ROOT / "examples" / "gemeente-2026.dienstscan",
    Path(LAGGING),
]


def lagging_plan(path: Path) -> None:
    """The example with every undecided proposal's gap closed by a new answer, the plan not
    following (as a script or another program writes it): only proposing hides those proposals."""
    scan = load_scan(EXAMPLE)
    undecided = [a for a in scan.actions if a.decision == "voorgesteld" and a.item_id and not a.gap_closed]
    assert len(undecided) >= 3
    for action in undecided:
        scan.answers[action.item_id].option = None
    save_scan(scan, path, keep_backup=False)


def cells(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's cell values, row by row; not the moment of export (the hidden sheet's
    "geexporteerd", to the second)."""
    workbook = load_workbook(path)
    return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True) if row[0] != "geexporteerd"]
            for ws in workbook.worksheets}


def test_the_fixtures_include_the_scan_of_the_issue() -> None:
    names = {p.name for p in SCANS}
    assert {"valid_v2.dienstscan", "v1_scan.dienstscan", "gemeente-voorbeeld.dienstscan",
            "gemeente-2026.dienstscan"} <= names
    assert len(SCANS) >= 10  # the unreadable fixtures too


@pytest.mark.parametrize("source", SCANS, ids=lambda p: p.stem)
def test_app_and_cli_make_the_same_plan(cycle_window, fake_dialogs, monkeypatch, tmp_path, capsys, source: Path):
    scan = tmp_path / (source.name if source.name != LAGGING else "achter.dienstscan")
    if source.name == LAGGING:
        lagging_plan(scan)
    else:
        shutil.copyfile(source, scan)
    before = scan.read_bytes()
    app_xlsx, cli_xlsx = tmp_path / "app.xlsx", tmp_path / "cli.xlsx"
    app_html, cli_html = tmp_path / "app.html", tmp_path / "cli.html"

    opened = cycle_window.open_path(scan)
    code = main(["export", str(scan), "-o", str(cli_xlsx)])
    err = capsys.readouterr().err
    if not opened:
        assert code == 1 and not cli_xlsx.exists()
        refused = fake_dialogs.messages("show_error") + [args[0] for n, args in fake_dialogs.shown
                                                          if n == "ask_repair_scan"]
        assert len(refused) == 1 and err.strip() == f"Fout: {refused[0]}"
        assert main(["report", str(scan), "-o", str(cli_html)]) == 1 and not cli_html.exists()
        assert scan.read_bytes() == before
        return
    assert code == 0, err

    doc = cycle_window.doc
    # the plan in memory: what the app shows is what export, report and import-plan work from
    _, cli_scan = cli._load_for_plan(scan, None)
    assert [a.model_dump() for a in doc.assessment.actions] == [a.model_dump() for a in cli_scan.actions]

    monkeypatch.setattr(exporting, "choose_export_path", lambda parent, suggested: app_xlsx)
    monkeypatch.setattr(exporting, "ask_open_exported", lambda parent, path: False)
    assert exporting.export_plan_dialog(cycle_window, doc) == app_xlsx
    assert cells(app_xlsx) == cells(cli_xlsx)

    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: (app_html, False))
    assert report_dialog.export_report_dialog(cycle_window, doc) == app_html
    assert main(["report", str(scan), "-o", str(cli_html)]) == 0
    assert app_html.read_text(encoding="utf-8") == cli_html.read_text(encoding="utf-8")
    assert not fake_dialogs.messages("show_error")
    assert scan.read_bytes() == before  # exporting never writes the scan


def test_the_documents_answer_edits_are_the_operations_with_undo(qtbot, real_checklists):
    """``ScanDocument.set_option`` is ``operations.set_answer`` wrapped in undo: the same answers
    give the same plan, and undo and redo give back exactly the plan before and after."""
    from dienstscan.operations import open_scan, set_answer
    from dienstscan.ui.document import ScanDocument

    doc = ScanDocument(real_checklists, open_scan(EXAMPLE, real_checklists).assessment)
    mirror = doc.assessment.model_copy(deep=True)
    try:
        gap = next(a.item_id for a in doc.assessment.actions if a.decision == "voorgesteld" and a.item_id)
        full = next(o.id for o in real_checklists.scale_for(gap).options if o.weight == 1.0)
        before = [a.model_dump() for a in doc.assessment.actions]

        doc.set_option(gap, full)
        changed = set_answer(real_checklists, mirror, gap, full)
        assert changed.plan.closed == [f"V-{gap}"]
        after = [a.model_dump() for a in doc.assessment.actions]
        assert after == [a.model_dump() for a in mirror.actions] and after != before

        doc.undo_stack.undo()
        assert [a.model_dump() for a in doc.assessment.actions] == before
        doc.undo_stack.redo()
        assert [a.model_dump() for a in doc.assessment.actions] == after
    finally:
        doc.close()
