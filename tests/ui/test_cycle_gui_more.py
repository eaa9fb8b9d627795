"""The next cycle in the GUI, the remaining pieces: the menu exports follow the dashboard's comparison
(Voortgang sheet, chapter "Voortgang sinds"), the navigation tree marks answers still to confirm,
and "Alle antwoorden uit vorige scan bevestigen" (menu Scan and the section page) as one undo step.

The example scan is the previous scan; every dialog goes through a module function tests replace."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dienstscan.checklists import default_checklist_dir, load_checklists
from dienstscan.export.excel import PROGRESS_SHEET
from dienstscan.storage import load_scan
from dienstscan.ui import cycle_dialogs, exporting, report_dialog
from dienstscan.ui.cycle_widgets import baseline_holder

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "gemeente-voorbeeld.dienstscan"


@pytest.fixture(scope="module")
def real_checklists():
    return load_checklists(default_checklist_dir())


@pytest.fixture
def cycle_window(qtbot, real_checklists, fake_dialogs):
    from dienstscan.ui.app import create_application
    from dienstscan.ui.main_window import MainWindow

    create_application()
    win = MainWindow(real_checklists)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.doc is not None:
        win.doc.undo_stack.setClean()
        win.doc._unsaved_outside_stack = False
        win.doc.close()


@pytest.fixture
def previous(tmp_path) -> Path:
    path = tmp_path / "vorige.dienstscan"
    shutil.copy(EXAMPLE, path)
    return path


@pytest.fixture
def next_scan(cycle_window, previous, monkeypatch):
    """Bestand > Nieuwe scan op basis van vorige: the open scan compares with the previous one."""
    monkeypatch.setattr(cycle_dialogs, "ask_next_cycle", lambda parent, folder: cycle_dialogs.NextCycleRequest(
        previous=previous, plan=None, peildatum=dt.date(2012, 7, 5)))
    assert cycle_dialogs.new_scan_from_previous(cycle_window)
    return cycle_window.doc


def _export_plan(window, monkeypatch, target: Path) -> None:
    monkeypatch.setattr(exporting, "choose_export_path", lambda parent, suggested: target)
    monkeypatch.setattr(exporting, "ask_open_exported", lambda parent, path: False)
    window.export_plan_action.trigger()
    assert target.exists()


# --------------------------------------------------------------------------- exports


def test_excel_export_from_the_menu_follows_the_comparison(cycle_window, next_scan, monkeypatch, tmp_path):
    doc = next_scan
    assert baseline_holder(doc).baseline is not None
    doc.set_option("BSC-04", "toegepast")
    with_baseline = tmp_path / "met.xlsx"
    _export_plan(cycle_window, monkeypatch, with_baseline)
    wb = load_workbook(with_baseline)
    assert PROGRESS_SHEET in wb.sheetnames
    values = [str(c.value) for row in wb[PROGRESS_SHEET].iter_rows() for c in row if c.value is not None]
    assert any("BSC-04" in v for v in values)
    assert any("05-07-2011" in v for v in values)

    cycle_window.clear_compare_action.trigger()
    without = tmp_path / "zonder.xlsx"
    _export_plan(cycle_window, monkeypatch, without)
    assert PROGRESS_SHEET not in load_workbook(without).sheetnames


def test_report_from_the_menu_has_the_progress_chapter(cycle_window, next_scan, monkeypatch, tmp_path):
    target = tmp_path / "rapport.html"
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: target)
    cycle_window.export_report_action.trigger()
    assert "Voortgang sinds" in target.read_text(encoding="utf-8")

    cycle_window.clear_compare_action.trigger()
    cycle_window.export_report_action.trigger()
    assert "Voortgang sinds" not in target.read_text(encoding="utf-8")


def test_pdf_report_takes_the_baseline(real_checklists, previous, tmp_path, monkeypatch):
    from dienstscan.cycle import next_cycle
    from dienstscan.ui import pdf

    baseline = load_scan(previous)
    current = next_cycle(real_checklists, baseline, peildatum=dt.date(2012, 7, 5)).assessment
    printed: list[str] = []
    monkeypatch.setattr(pdf, "write_pdf", lambda html, path, **kw: printed.append(html) or 1)
    pdf.write_report(real_checklists, current, tmp_path / "r.pdf", baseline=baseline)
    pdf.write_report(real_checklists, current, tmp_path / "r.pdf")
    assert "Voortgang sinds" in printed[0]
    assert "Voortgang sinds" not in printed[1]
