"""The next cycle in the GUI: Bestand > Nieuwe scan op basis van vorige (with and without an edited
Excel plan), the marker on answers from the previous scan, confirming it (button and shortcut)
and undoing that, and Scan > Vergelijk met eerdere scan on the dashboard.

The example scan is the previous scan; the dialogs are replaced through the module functions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt

from dienstscan.cycle import next_cycle
from dienstscan.export.excel_plan import export_plan
from dienstscan.storage import load_scan, save_scan
from dienstscan.ui import cycle_dialogs, exporting
from dienstscan.ui.cycle_widgets import PREVIOUS_CYCLE_TEXT


def request(previous: Path, plan: Path | None = None):
    return cycle_dialogs.NextCycleRequest(previous=previous, plan=plan, peildatum=dt.date(2012, 7, 5))


def test_menu_entries(cycle_window):
    texts = [a.text() for a in cycle_window.menu("export").parentWidget().actions()]
    assert "Nieuwe scan op basis van &vorige…" in texts
    assert texts.index("Nieuwe scan op basis van &vorige…") == texts.index("&Nieuwe scan…") + 1
    assert not cycle_window.action("compare").isEnabled()  # needs an open scan


def test_new_scan_from_previous_marker_confirm_undo(qtbot, cycle_window, fake_dialogs, previous, monkeypatch):
    monkeypatch.setattr(cycle_dialogs, "ask_next_cycle", lambda parent, folder: request(previous))
    cycle_window.action("next_cycle").trigger()
    doc = cycle_window.doc
    assert doc is not None and doc.path is None and doc.is_dirty()  # a new, unsaved document
    assert doc.assessment.peildatum == dt.date(2012, 7, 5)
    assert doc.assessment.previous_scan_id == load_scan(previous).id
    assert "antwoorden overgenomen" in fake_dialogs.messages("show_info")[-1]
    assert load_scan(previous).answers["5B-1.01"].from_previous_cycle is False  # the previous file unchanged

    assert cycle_window.navigate("5B-1.01")
    page = cycle_window.workspace.item_page
    bar = page.previous_bar
    assert bar.isVisible() and PREVIOUS_CYCLE_TEXT in bar.label.text()
    assert doc.answer("5B-1.01").option == "niet"  # the answer itself is shown as it was

    qtbot.mouseClick(bar.confirm_button, Qt.MouseButton.LeftButton)
    assert doc.answer("5B-1.01").from_previous_cycle is False
    assert not bar.isVisible()
    assert doc.answer("5B-1.01").option == "niet"
    assert "bevestigen" in doc.undo_stack.undoText()

    cycle_window.action("undo").trigger()
    assert doc.answer("5B-1.01").from_previous_cycle is True
    assert bar.isVisible()

    # the shortcut confirms too; choosing another answer confirms as well
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert doc.answer("5B-1.01").from_previous_cycle is False
    assert cycle_window.navigate("5B-1.02")
    assert bar.isVisible()
    page.choose_index(2)
    assert doc.answer("5B-1.02").from_previous_cycle is False and not bar.isVisible()


def test_new_scan_with_edited_plan_takes_the_statuses(qtbot, cycle_window, fake_dialogs, previous, monkeypatch,
                                                      real_checklists, tmp_path):
    from openpyxl import load_workbook

    from dienstscan.export.excel_plan import PLAN_HEADER_ROW, WORK_SHEET

    plan = tmp_path / "plan.xlsx"
    export_plan(real_checklists, load_scan(previous), plan)
    wb = load_workbook(plan)
    ws = wb[WORK_SHEET]
    headers = [c.value for c in ws[PLAN_HEADER_ROW]]
    id_col, status_col = headers.index("ID") + 1, headers.index("Status") + 1
    row = next(r for r in range(PLAN_HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, id_col).value == "V-5B-1.01")
    ws.cell(row, status_col).value = "Gereed"
    wb.save(plan)

    previews = []
    monkeypatch.setattr(exporting, "confirm_import", lambda parent, imp: previews.append(imp.describe()) or True)
    monkeypatch.setattr(cycle_dialogs, "ask_next_cycle", lambda parent, folder: request(previous, plan))
    assert cycle_dialogs.new_scan_from_previous(cycle_window.action_context())
    assert previews and "V-5B-1.01" in previews[0]
    assert cycle_window.doc.assessment.action("V-5B-1.01").status == "gereed"
    assert load_scan(previous).action("V-5B-1.01").status == "in_uitvoering"  # the file stays as it was
    # the dashboard compares with the previous scan at once and lists the completed action
    dashboard = cycle_window.page("dashboard")
    cycle_window.show_page("dashboard")
    assert dashboard.progress_panel.isVisible()
    assert "V-5B-1.01" in dashboard.progress_panel.summary.text()


def test_cancelled_plan_preview_opens_nothing(cycle_window, previous, monkeypatch, real_checklists, tmp_path):
    plan = tmp_path / "plan.xlsx"
    export_plan(real_checklists, load_scan(previous), plan)
    monkeypatch.setattr(exporting, "confirm_import", lambda parent, imp: False)
    monkeypatch.setattr(cycle_dialogs, "ask_next_cycle", lambda parent, folder: request(previous, plan))
    assert not cycle_dialogs.new_scan_from_previous(cycle_window.action_context())
    assert cycle_window.doc is None


def test_bad_previous_file_is_a_dutch_message(cycle_window, fake_dialogs, tmp_path, monkeypatch):
    bad = tmp_path / "kapot.dienstscan"
    bad.write_text("geen scan", encoding="utf-8")
    monkeypatch.setattr(cycle_dialogs, "ask_next_cycle", lambda parent, folder: request(bad))
    assert not cycle_dialogs.new_scan_from_previous(cycle_window.action_context())
    assert cycle_window.doc is None
    assert "kapot.dienstscan" in fake_dialogs.messages("show_error")[-1]


def test_compare_shows_the_delta_on_the_dashboard(qtbot, cycle_window, fake_dialogs, previous, monkeypatch,
                                                  real_checklists, tmp_path):
    baseline = load_scan(previous)
    current = next_cycle(real_checklists, baseline, peildatum=dt.date(2012, 7, 5)).assessment
    current.answers["BSC-04"].option = "toegepast"  # 40% -> 50%
    current.action("V-5B-1.01").status = "gereed"
    current_path = tmp_path / "nu.dienstscan"
    save_scan(current, current_path)
    assert cycle_window.open_path(current_path)
    dashboard = cycle_window.page("dashboard")
    cycle_window.show_page("dashboard")
    assert not dashboard.progress_panel.isVisible()

    monkeypatch.setattr(cycle_dialogs, "choose_baseline_file", lambda parent, folder: previous)
    assert cycle_window.action("compare").isEnabled()
    cycle_window.action("compare").trigger()
    panel = dashboard.progress_panel
    assert panel.isVisible() and panel.title() == "Voortgang sinds 05-07-2011"
    assert "BSC: +10 punten sinds 05-07-2011 (40% → 50%)" in panel.lines()
    assert "V-5B-1.01" in panel.summary.text()
    assert "<b>beter</b>: BSC-04 Persoonlijke informatieservice" in panel.summary.text()

    # an answer changed now shows in the delta at once
    cycle_window.navigate("BSC-06")
    cycle_window.doc.set_option("BSC-06", "toegepast")
    cycle_window.show_page("dashboard")
    assert "BSC: +20 punten sinds 05-07-2011 (40% → 60%)" in panel.lines()

    cycle_window.action("clear_compare").trigger()
    assert not panel.isVisible() and cycle_window.doc.baseline is None


def test_comparing_with_itself_is_refused(cycle_window, fake_dialogs, previous, monkeypatch):
    assert cycle_window.open_path(previous)
    monkeypatch.setattr(cycle_dialogs, "choose_baseline_file", lambda parent, folder: previous)
    assert not cycle_dialogs.compare_with_earlier(cycle_window.action_context())
    assert "dezelfde scan" in fake_dialogs.messages("show_error")[-1]
