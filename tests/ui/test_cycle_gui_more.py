"""The next cycle in the GUI, the remaining pieces: the menu exports follow the dashboard's comparison
(Voortgang sheet, chapter "Voortgang sinds"), the navigation tree marks answers still to confirm,
and "Alle antwoorden uit vorige scan bevestigen" (menu Scan and the section page) as one undo step.

The example scan is the previous scan; every dialog goes through a module function tests replace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dienstscan.export.excel_plan import PROGRESS_SHEET
from dienstscan.storage import load_scan
from dienstscan.ui import cycle_dialogs, exporting, report_dialog


@pytest.fixture
def next_scan(cycle_window, previous, monkeypatch):
    """Bestand > Nieuwe scan op basis van vorige: the open scan compares with the previous one."""
    monkeypatch.setattr(cycle_dialogs, "ask_next_cycle", lambda parent, folder: cycle_dialogs.NextCycleRequest(
        previous=previous, plan=None, peildatum=dt.date(2012, 7, 5)))
    assert cycle_dialogs.new_scan_from_previous(cycle_window.action_context())
    return cycle_window.doc


def _export_plan(window, monkeypatch, target: Path) -> None:
    monkeypatch.setattr(exporting, "choose_export_path", lambda parent, suggested: target)
    monkeypatch.setattr(exporting, "ask_open_exported", lambda parent, path: False)
    window.action("export_plan").trigger()
    assert target.exists()


# --------------------------------------------------------------------------- exports


def test_excel_export_from_the_menu_follows_the_comparison(cycle_window, next_scan, monkeypatch, tmp_path):
    doc = next_scan
    assert doc.baseline is not None
    doc.set_option("BSC-04", "toegepast")
    with_baseline = tmp_path / "met.xlsx"
    _export_plan(cycle_window, monkeypatch, with_baseline)
    wb = load_workbook(with_baseline)
    assert PROGRESS_SHEET in wb.sheetnames
    values = [str(c.value) for row in wb[PROGRESS_SHEET].iter_rows() for c in row if c.value is not None]
    assert any("BSC-04" in v for v in values)
    assert any("05-07-2011" in v for v in values)

    cycle_window.action("clear_compare").trigger()
    without = tmp_path / "zonder.xlsx"
    _export_plan(cycle_window, monkeypatch, without)
    assert PROGRESS_SHEET not in load_workbook(without).sheetnames


def test_report_from_the_menu_has_the_progress_chapter(cycle_window, next_scan, monkeypatch, tmp_path):
    target = tmp_path / "rapport.html"
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: (target, False))
    cycle_window.action("export_report").trigger()
    assert "Voortgang sinds" in target.read_text(encoding="utf-8")

    cycle_window.action("clear_compare").trigger()
    cycle_window.action("export_report").trigger()
    assert "Voortgang sinds" not in target.read_text(encoding="utf-8")


def test_pdf_report_takes_the_baseline(real_checklists, previous, tmp_path, monkeypatch):
    from dienstscan.cycle import next_cycle
    from dienstscan.export.report import pdf as tagged
    from dienstscan.ui import pdf

    baseline = load_scan(previous)
    current = next_cycle(real_checklists, baseline, peildatum=dt.date(2012, 7, 5)).assessment
    printed: list[str] = []
    # the tagged PDF (WeasyPrint) or, where it cannot load, Qt's: whichever prints gets the HTML
    monkeypatch.setattr(tagged, "write_pdf", lambda html, path, **kw: printed.append(html) or 1)
    monkeypatch.setattr(pdf, "write_pdf", lambda html, path, **kw: printed.append(html) or 1)
    pdf.write_report(real_checklists, current, tmp_path / "r.pdf", baseline=baseline)
    pdf.write_report(real_checklists, current, tmp_path / "r.pdf")
    assert "Voortgang sinds" in printed[0]
    assert "Voortgang sinds" not in printed[1]


# --------------------------------------------------------------------------- tree and confirm-all


def _section_of(checklists, item_id: str) -> str:
    return next(s.id for fw in checklists.frameworks for s in fw.sections if any(i.id == item_id for i in s.items))


def test_tree_marks_unconfirmed_items_and_counts(cycle_window, next_scan, real_checklists):
    from PySide6.QtCore import Qt

    from dienstscan.ui.navigation import PREVIOUS_MARK, PREVIOUS_TEXT

    doc = next_scan
    tree = cycle_window.workspace.tree
    pending = [i for i, a in doc.assessment.answers.items() if a.from_previous_cycle]
    assert "5B-1.01" in pending and "5B-1.02" in pending
    node = tree._nodes[("item", "5B-1.01")]
    assert node.text(0).startswith(PREVIOUS_MARK)
    assert PREVIOUS_TEXT in node.toolTip(0).lower()
    assert PREVIOUS_TEXT in node.data(0, Qt.ItemDataRole.AccessibleTextRole)
    section = _section_of(real_checklists, "5B-1.01")
    n = sum(1 for item in real_checklists.section(section).items if item.id in pending)
    s_node = tree._nodes[("section", section)]
    assert s_node.text(1).endswith(f"{PREVIOUS_MARK}{n}")
    assert f"{n} te bevestigen" in s_node.toolTip(1)
    assert f"{n} te bevestigen" in s_node.data(0, Qt.ItemDataRole.AccessibleTextRole)

    # confirming one answer (the item page's button) updates the item and the count at once
    assert cycle_window.navigate("5B-1.01")
    cycle_window.workspace.item_page.previous_bar.confirm()
    assert not tree.is_marked_unconfirmed("5B-1.01") and not node.text(0).startswith(PREVIOUS_MARK)
    assert PREVIOUS_TEXT not in node.data(0, Qt.ItemDataRole.AccessibleTextRole)
    expected = f"{n - 1} te bevestigen" if n > 1 else ""
    assert (expected in s_node.toolTip(1)) if expected else "te bevestigen" not in s_node.toolTip(1)
    assert tree.is_marked_unconfirmed("5B-1.02")
    cycle_window.action("undo").trigger()
    assert tree.is_marked_unconfirmed("5B-1.01") and f"{n} te bevestigen" in s_node.toolTip(1)


def test_confirm_all_from_the_menu_is_one_undo_step(cycle_window, next_scan, fake_dialogs, monkeypatch):
    doc = next_scan
    tree = cycle_window.workspace.tree
    pending = [i for i, a in doc.assessment.answers.items() if a.from_previous_cycle]
    assert len(pending) > 5
    asked = []
    monkeypatch.setattr(cycle_dialogs, "ask_confirm_all", lambda parent, count, where: asked.append(count) or False)
    cycle_window.action("confirm_all").trigger()  # cancelled: nothing changes
    assert asked == [len(pending)]
    assert all(doc.answer(i).from_previous_cycle for i in pending)

    monkeypatch.setattr(cycle_dialogs, "ask_confirm_all", lambda parent, count, where: asked.append(count) or True)
    index = doc.undo_stack.index()
    cycle_window.action("confirm_all").trigger()
    assert not any(a.from_previous_cycle for a in doc.assessment.answers.values())
    assert doc.undo_stack.index() == index + 1
    assert f"{len(pending)} antwoorden uit vorige scan bevestigen" in doc.undo_stack.undoText()
    assert not any(tree.is_marked_unconfirmed(i) for i in pending)
    assert all("te bevestigen" not in tree._nodes[k].toolTip(1) and "↻" not in tree._nodes[k].text(1)
               for k in tree._nodes if k[0] == "section")

    cycle_window.action("undo").trigger()
    assert all(doc.answer(i).from_previous_cycle for i in pending)
    assert all(tree.is_marked_unconfirmed(i) for i in pending if ("item", i) in tree._nodes)
    doc.undo_stack.redo()
    assert not any(a.from_previous_cycle for a in doc.assessment.answers.values())

    # nothing left: a message, no dialog, no undo step
    index = doc.undo_stack.index()
    cycle_window.action("confirm_all").trigger()
    assert asked[-1] == len(pending) and doc.undo_stack.index() == index
    assert "geen antwoorden" in fake_dialogs.messages("show_info")[-1]


def test_confirm_section_from_its_page(cycle_window, next_scan, real_checklists, fake_dialogs, monkeypatch):
    doc = next_scan
    section = _section_of(real_checklists, "5B-1.01")
    in_section = [i.id for i in real_checklists.section(section).items if doc.answer(i.id)
                  and doc.answer(i.id).from_previous_cycle]
    elsewhere = [i for i, a in doc.assessment.answers.items() if a.from_previous_cycle and i not in in_section]
    assert in_section and elsewhere
    assert cycle_window.navigate(section)
    page = cycle_window.workspace.section_page
    bar = page.confirm_bar
    assert bar.isVisible() and f"{len(in_section)} te bevestigen" in bar.label.text()
    asked = []
    monkeypatch.setattr(cycle_dialogs, "ask_confirm_all",
                        lambda parent, count, where: asked.append((count, where)) or True)
    bar.button.click()
    assert asked[0][0] == len(in_section) and real_checklists.section(section).title in asked[0][1]
    assert not any(doc.answer(i).from_previous_cycle for i in in_section)
    assert all(doc.answer(i).from_previous_cycle for i in elsewhere)  # other sections untouched
    assert not bar.isVisible()
    cycle_window.action("undo").trigger()
    assert all(doc.answer(i).from_previous_cycle for i in in_section) and bar.isVisible()
