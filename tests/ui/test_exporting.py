"""Export the plan from the menu, edit the workbook like a manager (openpyxl), import it with a
preview, and see the edits in the plan; cancel, errors and failures change nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scan_factory import make_assessment, make_checklists

from dienstscan.export.excel_plan import PLAN_HEADER_ROW, WORK_SHEET
from dienstscan.export.excel_plan import PlanImport
from dienstscan.ui import exporting
from dienstscan.ui.document import ScanDocument
from dienstscan.ui.pages.plan import COLUMNS, PlanPage
from dienstscan.ui.plan_commands import set_decision, sync_proposals

ANSWERS = {"BSC-02": "deels", "5B-1.02": "niet_ingevoerd", "5B-2.01": "gedeeltelijk", "ANT-PK-1": "niveau_1"}


@pytest.fixture
def doc(qtbot):
    document = ScanDocument(make_checklists(), make_assessment(dict(ANSWERS)))
    sync_proposals(document)
    set_decision(document, ["V-BSC-02", "V-5B-1.02", "V-5B-2.01", "V-ANT-PK-1"], "geaccepteerd")
    document.undo_stack.clear()
    yield document
    document.close()


class Script:
    """Scripted answers for the dialogs of ``exporting``, recording what was shown."""

    def __init__(self, monkeypatch, fake_dialogs) -> None:
        self.export_path: Path | None = None
        self.import_path: Path | None = None
        self.open_answer = True
        self.confirm = True
        self.previews: list[PlanImport] = []
        self.opened: list[Path] = []
        self.fake_dialogs = fake_dialogs
        monkeypatch.setattr(exporting, "choose_export_path", lambda parent, suggested: self.export_path)
        monkeypatch.setattr(exporting, "choose_import_path", lambda parent, folder: self.import_path)
        monkeypatch.setattr(exporting, "ask_open_exported", lambda parent, path: self.open_answer)
        monkeypatch.setattr(exporting, "open_file", lambda path: self.opened.append(path) or True)

        def confirm(parent, plan_import):
            self.previews.append(plan_import)
            return self.confirm

        monkeypatch.setattr(exporting, "confirm_import", confirm)

    def errors(self) -> list[str]:
        return self.fake_dialogs.messages("show_error")


@pytest.fixture
def script(monkeypatch, fake_dialogs) -> Script:
    return Script(monkeypatch, fake_dialogs)


def edit_workbook(path: Path, changes: dict[str, dict[str, object]], new_rows: list[dict[str, object]] = ()) -> None:
    """Change cells by action id and header text, add rows below the table, save: as Excel would."""
    wb = load_workbook(path)
    ws = wb[WORK_SHEET]
    cols = {c.value: c.column for c in ws[PLAN_HEADER_ROW] if isinstance(c.value, str)}
    rows = {ws.cell(r, cols["ID"]).value: r for r in range(PLAN_HEADER_ROW + 1, ws.max_row + 1)}
    for action_id, values in changes.items():
        for header, value in values.items():
            ws.cell(rows[action_id], cols[header]).value = value
    for values in new_rows:
        r = ws.max_row + 1
        for header, value in values.items():
            ws.cell(r, cols[header]).value = value
    wb.save(path)


def test_export_edit_import_shows_the_edits(qtbot, doc, script, tmp_path):
    page = PlanPage(doc)
    qtbot.addWidget(page)
    page.show()
    script.export_path = tmp_path / "plan.xlsx"
    written = exporting.export_plan_dialog(page, doc)
    assert written == script.export_path and written.exists()
    assert script.opened == [written]  # offered and opened with the system's program
    ids = [c.value for c in load_workbook(written)[WORK_SHEET]["A"][PLAN_HEADER_ROW:] if c.value]
    assert set(ids) == {"V-BSC-02", "V-5B-1.02", "V-5B-2.01", "V-ANT-PK-1"}

    edit_workbook(written, {
        "V-5B-2.01": {"Status": "Gereed", "Probleemeigenaar": "J. de Vries", "Einde": "1-3-2027",
                      "Conclusie": "Klachtenregeling vastgesteld"},
        "V-BSC-02": {"Voortgang": "Werkgroep gestart", "PDCA-keuze": "Borgen"},
    }, [{"Actie": "Servicenormen publiceren op de website", "Status": "Gepland", "Probleemeigenaar": "Communicatie"}])

    script.import_path = written
    steps = doc.undo_stack.count()
    with qtbot.waitSignal(doc.changed):
        assert exporting.import_plan_dialog(page, doc) is True
    preview = script.previews[-1].describe()
    assert "Gewijzigde acties (2):" in preview
    assert "Status: Gepland -> Gereed" in preview
    assert "Nieuwe acties (1)" in preview and "Servicenormen publiceren op de website" in preview

    action = doc.assessment.action("V-5B-2.01")
    assert (action.status, action.owner, action.end) == ("gereed", "J. de Vries", dt.date(2027, 3, 1))
    assert action.conclusion == "Klachtenregeling vastgesteld"
    assert doc.assessment.action("V-BSC-02").act == "borgen"
    new = doc.assessment.action("E-1")
    assert new.title == "Servicenormen publiceren op de website" and new.owner == "Communicatie"

    # the plan page shows it
    row = page.model.row_of("V-5B-2.01")
    assert page.model.data(page.model.index(row, COLUMNS.index("Status"))) == "Gereed"
    assert page.model.data(page.model.index(row, COLUMNS.index("Probleemeigenaar"))) == "J. de Vries"
    assert page.model.row_of("E-1") >= 0
    page.select(["V-5B-2.01"], "V-5B-2.01")
    assert page.form.conclusion.toPlainText() == "Klachtenregeling vastgesteld"

    # one undo step takes the whole import back
    assert doc.undo_stack.count() == steps + 1
    doc.undo_stack.undo()
    assert doc.assessment.action("V-5B-2.01").status == "gepland"
    assert doc.assessment.action("E-1") is None
    assert page.model.row_of("E-1") < 0


def test_cancelled_import_changes_nothing(qtbot, doc, script, tmp_path):
    script.export_path = tmp_path / "plan.xlsx"
    script.open_answer = False
    exporting.export_plan_dialog(None, doc)
    assert script.opened == []
    edit_workbook(script.export_path, {"V-5B-1.02": {"Status": "Uitgesteld"}})
    script.import_path = script.export_path
    script.confirm = False
    before = [a.model_dump() for a in doc.assessment.actions]
    assert exporting.import_plan_dialog(None, doc) is False
    assert "Status: Gepland -> Uitgesteld" in script.previews[-1].describe()
    assert [a.model_dump() for a in doc.assessment.actions] == before
    assert doc.undo_stack.count() == 0


def test_unreadable_cells_are_shown_and_nothing_is_applied(qtbot, doc, script, tmp_path):
    script.export_path = tmp_path / "plan.xlsx"
    exporting.export_plan_dialog(None, doc)
    edit_workbook(script.export_path, {"V-5B-1.02": {"Einde": "volgende week", "Probleemeigenaar": "X"}})
    script.import_path = script.export_path
    before = [a.model_dump() for a in doc.assessment.actions]
    assert exporting.import_plan_dialog(None, doc) is False
    preview = script.previews[-1]
    assert not preview.ok
    assert any("'volgende week'" in e for e in preview.errors)
    assert [a.model_dump() for a in doc.assessment.actions] == before
    assert any("fouten" in m for m in script.errors())


def test_workbook_of_another_scan_is_refused(qtbot, doc, script, tmp_path):
    other = ScanDocument(doc.checklists, make_assessment(dict(ANSWERS)))
    script.export_path = tmp_path / "ander.xlsx"
    exporting.export_plan_dialog(None, other)
    other.close()
    script.import_path = script.export_path
    assert exporting.import_plan_dialog(None, doc) is False
    assert script.previews == []
    assert "hoort bij een andere scan" in script.errors()[-1]


def test_not_a_workbook(qtbot, doc, script, tmp_path):
    bad = tmp_path / "plan.xlsx"
    bad.write_text("dit is geen werkmap", encoding="utf-8")
    script.import_path = bad
    assert exporting.import_plan_dialog(None, doc) is False
    assert "geen Excel-werkmap" in script.errors()[-1]


def test_export_to_a_folder_that_does_not_exist(qtbot, doc, script, tmp_path):
    script.export_path = tmp_path / "bestaat-niet" / "plan.xlsx"
    assert exporting.export_plan_dialog(None, doc) is None
    assert script.errors()[-1].startswith(f"Kan '{script.export_path}' niet opslaan: de map of het bestand bestaat niet.")
    assert "Uw scan is niet gewijzigd" in script.errors()[-1]
    assert script.opened == []


def test_cancelled_dialogs_do_nothing(qtbot, doc, script):
    assert exporting.export_plan_dialog(None, doc) is None
    assert exporting.import_plan_dialog(None, doc) is False
    assert script.errors() == []


def test_preview_dialog_buttons(qtbot, tmp_path):
    with_changes = PlanImport(path=tmp_path / "p.xlsx", scan_id="x",
                              new_actions=[_action()])
    dialog = exporting.ImportPreviewDialog(None, with_changes)
    qtbot.addWidget(dialog)
    texts = {b.text() for b in dialog.buttons.buttons()}
    assert texts == {"&Overnemen", "Annuleren"}
    assert "Nieuwe acties (1)" in dialog.text.toPlainText()
    broken = PlanImport(path=tmp_path / "p.xlsx", scan_id="x", errors=["Verbeterplan!H5: 'x' is geen datum"])
    dialog = exporting.ImportPreviewDialog(None, broken)
    qtbot.addWidget(dialog)
    assert {b.text() for b in dialog.buttons.buttons()} == {"Sluiten"}
    assert "Verbeterplan!H5" in dialog.text.toPlainText()


def _action():
    from dienstscan.model import Action

    return Action(id="E-1", title="Nieuwe actie uit Excel")


def test_suggested_name(doc):
    assert exporting.suggested_plan_name(doc) == "Verbeterplan Gemeente Proef 2011-07-05.xlsx"


def test_menu_exports_and_imports_the_open_scan(qtbot, window, fake_dialogs, new_assessment, script, tmp_path):
    """Bestand > Exporteren > Verbeterplan, and Bestand > Bewerkt verbeterplan inlezen, in the real window."""
    assert not window.action("export_plan").isEnabled()  # no scan open yet
    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    assert window.action("export_plan").isEnabled() and window.action("import_plan").isEnabled()
    assert window.action("export_plan") in window.menu("export").actions()
    window.doc.set_option("KA-01", "niet")  # a gap: the plan gets a proposal
    script.export_path = tmp_path / "menu.xlsx"
    window.action("export_plan").trigger()
    assert script.export_path.exists()
    edit_workbook(script.export_path, {"V-KA-01": {"Probleemeigenaar": "Teamleider Publiekszaken"}})
    script.import_path = script.export_path
    window.action("import_plan").trigger()
    assert window.doc.assessment.action("V-KA-01").owner == "Teamleider Publiekszaken"
    window.navigate("verbeterplan")
    page = window.workspace.pages["verbeterplan"]
    qtbot.waitUntil(lambda: page.model.row_of("V-KA-01") >= 0)
    row = page.model.row_of("V-KA-01")
    assert page.model.data(page.model.index(row, COLUMNS.index("Probleemeigenaar"))) == "Teamleider Publiekszaken"


def test_example_scan_round_trip_without_edits_changes_nothing(qtbot, script, tmp_path):
    from dienstscan.checklists import load_checklists
    from dienstscan.resources import example_scan_path
    from dienstscan.storage import load_scan

    doc = ScanDocument(load_checklists(), load_scan(example_scan_path()))
    script.export_path = tmp_path / "voorbeeld.xlsx"
    assert exporting.export_plan_dialog(None, doc) == script.export_path
    script.import_path = script.export_path
    before = [a.model_dump() for a in doc.assessment.actions]
    exporting.import_plan_dialog(None, doc)
    preview = script.previews[-1]
    assert preview.ok and not preview.has_changes, preview.describe()
    assert "Geen wijzigingen" in preview.describe()
    assert [a.model_dump() for a in doc.assessment.actions] == before
    assert doc.undo_stack.count() == 0
    doc.close()


def test_slow_work_shows_progress_and_errors_come_back(qtbot, monkeypatch):
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    monkeypatch.setattr(exporting, "PROGRESS_AFTER_MS", 0)
    seen = threading.Event()

    def look() -> None:
        if any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets()):
            seen.set()

    timer = QTimer(interval=10, timeout=look)
    timer.start()
    # the work ends only once the progress dialog has been seen (or after a minute: then the test fails)
    result = exporting.run_with_progress(None, "Bezig…", lambda: seen.wait(60) and "klaar")
    timer.stop()
    assert result == "klaar"

    def fail():
        raise OSError(28, "Geen ruimte meer op het apparaat")

    with pytest.raises(OSError, match="Geen ruimte"):
        exporting.run_with_progress(None, "Bezig…", fail)


def test_menu_writes_the_management_report(qtbot, window, fake_dialogs, new_assessment, monkeypatch, tmp_path):
    """Bestand > Exporteren > Rapport: the open scan's report is written where the user chose."""
    from dienstscan.ui import report_dialog

    assert not window.action("export_report").isEnabled()  # no scan open yet
    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    assert window.action("export_report").isEnabled()
    assert window.action("export_report") in window.menu("export").actions()
    target = tmp_path / "rapport.html"
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: (target, False))
    window.action("export_report").trigger()
    text = target.read_text(encoding="utf-8")
    assert window.doc.assessment.organisation.name in text
    assert fake_dialogs.count("show_error") == 0


ENGLISH = "Value must be either numerical or a string containing a wildcard"


@pytest.mark.parametrize("failure", [ValueError(ENGLISH), KeyError("Werkblad PDCA"), TypeError(ENGLISH)])
def test_an_unexpected_export_failure_is_said_in_dutch(qtbot, doc, script, tmp_path, monkeypatch, failure):
    """Issue 29.7: no English library text or exception name reaches the user; the log has them."""
    script.export_path = tmp_path / "plan.xlsx"

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr("dienstscan.export.excel_plan.export_plan", fail)  # imported when used
    assert exporting.export_plan_dialog(None, doc) is None
    message = script.errors()[-1]
    assert "onverwachte fout in Dienstscan" in message and "logbestand" in message
    assert "Uw scan is niet gewijzigd" in message
    assert type(failure).__name__ not in message and ENGLISH not in message and "Werkblad PDCA" not in message


def test_an_unexpected_report_failure_is_said_in_dutch(qtbot, window, fake_dialogs, new_assessment, monkeypatch, tmp_path):
    import errno

    from dienstscan.ui import report_dialog

    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: (tmp_path / "rapport.pdf", False))
    for failure, dutch in ((RuntimeError(ENGLISH), "onverwachte fout"),
                           (OSError(errno.ENOSPC, "No space left on device"), "de schijf is vol")):
        monkeypatch.setattr(report_dialog, "write_report", lambda *a, failure=failure, **k: (_ for _ in ()).throw(failure))
        window.action("export_report").trigger()
        message = fake_dialogs.messages("show_error")[-1]
        assert dutch in message and ENGLISH not in message and "No space" not in message
        assert type(failure).__name__ not in message


def test_a_decision_typed_in_the_workbook_comes_into_the_app(qtbot, doc, script, tmp_path):
    """Issue 24 point 1 in the app: the manager decides on the Werkblad PDCA (decision, who, when);
    the preview shows all three, the plan page shows the decision, one undo takes it back; a status
    typed beside a proposal still undecided is refused and changes nothing."""
    set_decision(doc, ["V-5B-1.02", "V-ANT-PK-1"], "voorgesteld")
    doc.undo_stack.clear()
    page = PlanPage(doc)
    qtbot.addWidget(page)
    page.show()
    script.export_path = tmp_path / "plan.xlsx"
    exporting.export_plan_dialog(page, doc)
    script.import_path = script.export_path

    edit_workbook(script.export_path, {"V-ANT-PK-1": {"Status": "In uitvoering"}})
    before = doc.assessment.model_dump_json()
    assert exporting.import_plan_dialog(page, doc) is False
    refused = script.previews[-1]
    assert any("een voorstel waarover nog niet is besloten heeft geen status" in e for e in refused.errors)
    assert doc.assessment.model_dump_json() == before

    exporting.export_plan_dialog(page, doc)
    edit_workbook(script.export_path, {"V-5B-1.02": {"Besluit": "Voorstel afgewezen", "Besloten door": "College",
                                                     "Besluitdatum": "12-3-2027"},
                                       "V-ANT-PK-1": {"Besluit": "Voorstel aangenomen", "Besloten door": "MT"}})
    steps = doc.undo_stack.count()
    with qtbot.waitSignal(doc.changed):
        assert exporting.import_plan_dialog(page, doc) is True
    preview = script.previews[-1].describe()
    assert "Besluit: Nog niet besloten -> Voorstel afgewezen" in preview
    assert "Besloten door: (leeg) -> 'College'" in preview and "Besluitdatum: (leeg) -> 12-03-2027" in preview
    assert "Besluit: Nog niet besloten -> Voorstel aangenomen" in preview
    rejected, accepted = doc.assessment.action("V-5B-1.02"), doc.assessment.action("V-ANT-PK-1")
    assert (rejected.decision, rejected.decided_by, rejected.decided_on) == ("afgewezen", "College",
                                                                             dt.date(2027, 3, 12))
    assert (accepted.decision, accepted.decided_by) == ("geaccepteerd", "MT")
    row = page.model.row_of("V-ANT-PK-1")
    assert page.model.data(page.model.index(row, COLUMNS.index("Besluit"))) == "Voorstel aangenomen"
    assert page.model.data(page.model.index(row, COLUMNS.index("Status"))) == "Gepland"
    assert doc.undo_stack.count() == steps + 1
    doc.undo_stack.undo()
    assert doc.assessment.action("V-ANT-PK-1").decision == "voorgesteld"
    assert doc.assessment.action("V-5B-1.02").decided_by == ""
