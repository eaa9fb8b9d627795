"""The decision management takes on the Werkblad PDCA comes back into the scan (issue 24, point 1).

The Besluit column is a dropdown that prints; a proposal nobody decided on stands apart under a
heading row, without a status; "Voorstel aangenomen" / "Voorstel afgewezen" with who decided and
when are read back, shown in the preview and applied; a decision that does not fit its row is
refused with a Dutch message naming the cell, and nothing is applied.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from openpyxl import load_workbook
from plan_sheet import PlanEditor, columns, row_of

from dienstscan.export.excel_plan import PLAN_HEADER_ROW, WORK_SHEET, apply_plan_import, export_plan, read_plan
from dienstscan.export.excel_plan.workbook import PROPOSALS_HEADING
from dienstscan.plan import visible_actions


@pytest.fixture
def undecided(assessment):
    """The test scan with its proposals (but the first) still undecided."""
    for action in assessment.actions[1:]:
        if action.origin == "voorgesteld":
            action.decision = "voorgesteld"
    return assessment


@pytest.fixture
def path(tmp_path, checklists, undecided):
    target = tmp_path / "plan.xlsx"
    export_plan(checklists, undecided, target)
    return target


def _proposals(assessment):
    return [a for a in visible_actions(assessment) if a.decision == "voorgesteld"]


def test_proposals_stand_apart_without_a_status(path, undecided):
    ws = load_workbook(path)[WORK_SHEET]
    cols = columns(ws)
    proposals = _proposals(undecided)
    assert len(proposals) >= 3
    decided = [a for a in visible_actions(undecided) if a.decision != "voorgesteld"]
    # the decided actions in the first table, then a heading row, then the proposals in their own table
    assert ws.tables["WerkbladPDCA"].ref.endswith(str(PLAN_HEADER_ROW + len(decided)))
    heading_row = next(c.row for c in ws["A"] if isinstance(c.value, str) and c.value.startswith(PROPOSALS_HEADING))
    assert heading_row > PLAN_HEADER_ROW + len(decided)
    assert f"({len(proposals)})" in ws.cell(row=heading_row, column=1).value
    assert ws.cell(row=heading_row + 1, column=1).value == "ID"  # their own header row
    assert ws.tables["WerkbladVoorstellen"].ref.startswith(f"A{heading_row + 1}:")
    for action in proposals:
        r = row_of(ws, action.id)
        assert r > heading_row
        assert ws[f"{cols['Besluit']}{r}"].value == "Nog niet besloten"
        assert ws[f"{cols['Status']}{r}"].value is None  # never "Gepland" for a proposal
    for action in decided:
        r = row_of(ws, action.id)
        assert r < heading_row
        assert ws[f"{cols['Besluit']}{r}"].value in ("Voorstel aangenomen", "Eigen actie")
        assert ws[f"{cols['Status']}{r}"].value
    # the decision prints (within the print area), with the decided rows only
    besluit = cols["Besluit"]
    area = ws.print_area.split("!")[1].replace("$", "")
    last_col = area.split(":")[1].rstrip("0123456789")
    assert besluit <= last_col and len(besluit) == len(last_col) == 1
    assert int(area.split(":")[1][len(last_col):]) == PLAN_HEADER_ROW + len(decided)


def test_an_unchanged_plan_with_proposals_reads_back_as_no_change(path, undecided, checklists):
    plan = read_plan(path, undecided, checklists)
    assert plan.ok, plan.errors
    assert not plan.has_changes and not plan.deleted
    assert plan.unchanged == len(visible_actions(undecided))


def _decide(path, accepted: str, rejected: str, *, by: str = "MT", on=dt.datetime(2027, 3, 12)) -> None:
    ed = PlanEditor(path)
    ed.set(accepted, "Besluit", "Voorstel aangenomen")
    ed.set(accepted, "Besloten door", by)
    ed.set(accepted, "Besluitdatum", on)
    ed.set(rejected, "Besluit", " voorstel AFGEWEZEN ")
    ed.set(rejected, "Besloten door", "College van B&W")
    ed.save()


def _check_decisions(plan, undecided, accepted: str, rejected: str) -> None:
    assert plan.ok, plan.errors
    new = {ch.action_id: {fc.field: fc.new for fc in ch.fields} for ch in plan.changes}
    assert new == {
        accepted: {"decision": "geaccepteerd", "decided_by": "MT", "decided_on": dt.date(2027, 3, 12)},
        rejected: {"decision": "afgewezen", "decided_by": "College van B&W"},
    }
    preview = plan.describe()
    assert "Besluit: Nog niet besloten -> Voorstel aangenomen" in preview
    assert "Besluit: Nog niet besloten -> Voorstel afgewezen" in preview
    assert "Besloten door: (leeg) -> 'MT'" in preview
    assert "Besluitdatum: (leeg) -> 12-03-2027" in preview
    apply_plan_import(undecided, plan)
    assert undecided.action(accepted).decision == "geaccepteerd"
    assert (undecided.action(accepted).decided_by, undecided.action(accepted).decided_on) == ("MT", dt.date(2027, 3, 12))
    assert undecided.action(rejected).decision == "afgewezen"


def test_accepted_and_rejected_proposals_come_back(path, undecided, checklists, tmp_path):
    accepted, rejected = (a.id for a in _proposals(undecided)[:2])
    _decide(path, accepted, rejected)
    _check_decisions(read_plan(path, undecided, checklists), undecided, accepted, rejected)
    # the next export: the accepted proposal is decided (with its record), the rejected one is gone
    again = tmp_path / "opnieuw.xlsx"
    export_plan(checklists, undecided, again)
    ws = load_workbook(again)[WORK_SHEET]
    cols = columns(ws)
    r = row_of(ws, accepted)
    assert ws[f"{cols['Besluit']}{r}"].value == "Voorstel aangenomen"
    assert ws[f"{cols['Besloten door']}{r}"].value == "MT"
    assert ws[f"{cols['Status']}{r}"].value == "Gepland"
    heading = next(c.row for c in ws["A"] if isinstance(c.value, str) and c.value.startswith(PROPOSALS_HEADING))
    assert r < heading
    with pytest.raises(KeyError):
        row_of(ws, rejected)
    plan_ws = load_workbook(again)["Verbeterplan"]
    texts = [c.value for row in plan_ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("Voorstel aangenomen\nMT, 12-03-2027\n") for t in texts)


@pytest.mark.parametrize(("target", "column", "value", "message"), [
    ("proposal", "Besluit", "Misschien", "'Misschien' is geen besluit (kies uit: Nog niet besloten, Voorstel "
                                         "aangenomen, Voorstel afgewezen, Eigen actie)"),
    ("proposal", "Besluit", "Eigen actie", "is een voorstel van Dienstscan, geen eigen actie"),
    ("own", "Besluit", "Voorstel afgewezen", "is een eigen actie, geen voorstel"),
    # a proposal has no status until it is decided (the app locks the field): refused, not kept out of sight
    ("proposal", "Status", "In uitvoering", "een voorstel waarover nog niet is besloten heeft geen status"),
])
def test_a_decision_that_does_not_fit_is_refused_at_its_cell(path, undecided, checklists, target, column, value,
                                                             message):
    action = _proposals(undecided)[0] if target == "proposal" else next(a for a in undecided.actions
                                                                        if a.origin == "eigen")
    before = undecided.model_dump_json()
    ed = PlanEditor(path)
    ref = ed.set(action.id, column, value)
    ed.save()
    plan = read_plan(path, undecided, checklists)
    assert not plan.ok
    assert any(e.startswith(f"'{WORK_SHEET}'!{ref}: ") and message in e for e in plan.errors), plan.errors
    assert "er wordt niets overgenomen" in plan.describe()
    with pytest.raises(Exception):
        apply_plan_import(undecided, plan)
    assert undecided.model_dump_json() == before


def test_who_decided_without_a_decision_is_refused(path, undecided, checklists):
    action = _proposals(undecided)[0]
    ed = PlanEditor(path)
    ed.set(action.id, "Besloten door", "MT")
    ref = ed.ref(action.id, "Besluit")
    ed.save()
    plan = read_plan(path, undecided, checklists)
    assert [e for e in plan.errors if e.startswith(f"'{WORK_SHEET}'!{ref}: er staat wie besloot")], plan.errors


def test_accepting_with_a_status_shows_no_earlier_status(path, undecided, checklists):
    action = _proposals(undecided)[0]
    ed = PlanEditor(path)
    ed.set(action.id, "Besluit", "Voorstel aangenomen")
    ed.set(action.id, "Status", "In uitvoering")
    ed.save()
    plan = read_plan(path, undecided, checklists)
    assert plan.ok, plan.errors
    preview = plan.describe()
    assert "Status: (leeg) -> In uitvoering" in preview and "Gepland" not in preview
    apply_plan_import(undecided, plan)
    assert (undecided.action(action.id).decision, undecided.action(action.id).status) == ("geaccepteerd",
                                                                                          "in_uitvoering")


def test_a_row_added_by_hand_is_an_own_action(path, undecided, checklists):
    ed = PlanEditor(path)
    r = ed.add_row({"Actie": "Nieuw", "Besluit": "Voorstel aangenomen"})
    ed.save()
    plan = read_plan(path, undecided, checklists)
    assert plan.errors == [f"'{WORK_SHEET}'!{ed.cols['Besluit']}{r}: een regel die met de hand is toegevoegd is een "
                           "eigen actie, geen voorstel; kies 'Eigen actie' of laat het besluit leeg"]
    ed = PlanEditor(path)
    ed.ws[f"{ed.cols['Besluit']}{r}"].value = "Eigen actie"
    ed.save()
    plan = read_plan(path, undecided, checklists)
    assert plan.ok, plan.errors
    assert [(a.title, a.origin, a.decision) for a in plan.new_actions] == [("Nieuw", "eigen", "geaccepteerd")]


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is niet geïnstalleerd")
def test_decisions_survive_a_libreoffice_resave(path, undecided, checklists, tmp_path):
    from test_plan_libreoffice import resave

    accepted, rejected = (a.id for a in _proposals(undecided)[:2])
    _decide(path, accepted, rejected)
    converted = resave(path, tmp_path)
    ws = load_workbook(converted)[WORK_SHEET]
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert '"Nog niet besloten,Voorstel aangenomen,Voorstel afgewezen,Eigen actie"' in lists
    _check_decisions(read_plan(converted, undecided, checklists), undecided, accepted, rejected)


def test_the_working_sheet_lists_in_the_plans_order(checklists, tmp_path):
    """Werkblad PDCA, Verbeterplan and Voorstellen list the same actions in one order
    (``plan.plan_order``: priority, end date, id), not the working sheet in the checklist's order."""
    from pathlib import Path

    from dienstscan.export.excel_plan import PLAN_SHEET, PROPOSALS_SHEET
    from dienstscan.plan import plan_order
    from dienstscan.storage import load_scan

    scan = load_scan(Path(__file__).resolve().parents[3] / "examples" / "gemeente-2026.dienstscan")
    for action in [a for a in visible_actions(scan) if a.decision == "voorgesteld"][:3]:
        action.decision = "geaccepteerd"  # midden before the decided hoog ones in the checklist's order
    target = tmp_path / "plan.xlsx"
    export_plan(checklists, scan, target)
    wb = load_workbook(target)

    def ids(ws, first_row):
        return [r[0] for r in ws.iter_rows(min_row=first_row, values_only=True)
                if isinstance(r[0], str) and r[0].startswith(("V-", "E-"))]

    work = ids(wb[WORK_SHEET], PLAN_HEADER_ROW + 1)
    decided = [a for a in visible_actions(scan) if a.decision != "voorgesteld"]
    proposals = [a for a in visible_actions(scan) if a.decision == "voorgesteld"]
    assert [a.id for a in decided] != [a.id for a in plan_order(decided)]  # the orders differ here
    assert work == [a.id for a in plan_order(decided)] + [a.id for a in plan_order(proposals)]
    assert ids(wb[PLAN_SHEET], 1) == work[:len(decided)]
    assert ids(wb[PROPOSALS_SHEET], 1) == work[len(decided):]
