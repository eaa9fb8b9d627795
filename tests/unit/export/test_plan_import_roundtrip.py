"""Reading an edited plan back: changes per action, rows added by hand, rows deleted (reported,
not applied), sorted rows, lenient dates and choices, and all-or-nothing application."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from plan_sheet import PlanEditor, columns, row_of

from dienstscan.export.excel_plan import PLAN_HEADER_ROW, WORK_SHEET, export_plan
from dienstscan.export.excel_plan import PlanFileError, apply_plan_import, parse_date, read_plan
from dienstscan.model import Assessment, Organisation
from dienstscan.plan import add_own_action, visible_actions


def test_unchanged_plan_reads_back_as_no_changes(plan_path, assessment, checklists):
    plan = read_plan(plan_path, assessment, checklists)
    assert plan.ok and not plan.has_changes and not plan.deleted
    assert plan.unchanged == 9
    assert "Geen wijzigingen" in plan.describe()


def test_edits_in_every_editable_column_come_back(plan_path, assessment, checklists, edit_plan):
    target = assessment.actions[1]
    ed = edit_plan(plan_path)
    ed.set(target.id, "Status", "Gereed")
    ed.set(target.id, "Voortgang", "Uitgevoerd in mei")
    ed.set(target.id, "Probleemeigenaar", "Afdelingshoofd Publiekszaken")
    ed.set(target.id, "Start", dt.datetime(2026, 5, 1))
    ed.set(target.id, "Einde", "30-6-2026")
    ed.set(target.id, "Indicator", "Aantal klachten")
    ed.set(target.id, "Streefwaarde", 40)
    ed.set(target.id, "Gemeten waarde", "38")
    ed.set(target.id, "Datum meting", "1 juli 2026")
    ed.set(target.id, "Conclusie", "Doel gehaald")
    ed.set(target.id, "PDCA-keuze", "borgen")
    ed.set(target.id, "Bijsturing / vervolg", "Opnemen in de jaarcyclus")
    ed.set(target.id, "Prioriteit", "Hoog")
    ed.set(target.id, "Thema", "Klantcontactcentrum")
    ed.set(target.id, "Actie", "Een betere titel")
    ed.save()

    plan = read_plan(plan_path, assessment, checklists)
    assert plan.ok, plan.errors
    assert [c.action_id for c in plan.changes] == [target.id]
    fields = {fc.field: fc.new for fc in plan.changes[0].fields}
    assert fields == {
        "title": "Een betere titel", "theme": "kcc", "priority": "hoog", "owner": "Afdelingshoofd Publiekszaken",
        "start": dt.date(2026, 5, 1), "end": dt.date(2026, 6, 30), "indicator": "Aantal klachten",
        "target": "40", "status": "gereed", "progress": "Uitgevoerd in mei", "measured_value": "38",
        "measured_on": dt.date(2026, 7, 1), "conclusion": "Doel gehaald", "act": "borgen",
        "act_note": "Opnemen in de jaarcyclus",
    }
    text = plan.describe()
    assert f"  {target.id} " in text
    assert "    Status: Gepland -> Gereed" in text
    assert "    Einde: (leeg) -> 30-06-2026" in text
    assert "    PDCA-keuze: (leeg) -> Borgen" in text
    assert "    Thema: Visie op dienstverlening -> Klantcontactcentrum" in text

    apply_plan_import(assessment, plan)
    after = assessment.action(target.id)
    assert after.status == "gereed" and after.act == "borgen" and after.end == dt.date(2026, 6, 30)
    assert after.theme == "kcc" and after.title == "Een betere titel"
    assert {"status", "end", "owner", "title"} <= set(after.edited)  # re-proposing will not overwrite them
    # Export again: the next plan shows what was taken over, and reads back unchanged.
    again = plan_path.with_name("opnieuw.xlsx")
    export_plan(checklists, assessment, again)
    second = read_plan(again, assessment, checklists)
    assert second.ok and not second.has_changes


def test_lenient_dates_and_choices(plan_path, assessment, checklists, edit_plan):
    a, b, c = (x.id for x in assessment.actions[1:4])
    ed = edit_plan(plan_path)
    ed.set(a, "Start", "1-3-2027")
    ed.set(a, "Einde", "1 maart 2027")
    ed.set(a, "Status", " In Uitvoering ")
    ed.set(b, "Einde", "2027-03-01")
    ed.set(b, "Status", "GEREED")
    ed.set(b, "PDCA-keuze", "  bijstellen")
    ed.set(c, "Einde", 46447)  # an Excel serial number: 1-3-2027
    ed.set(c, "Datum meting", "1 mrt. 2027")
    ed.set(c, "Prioriteit", "hoog ")
    ed.set(c, "Thema", "klantcontactcentrum")
    ed.save()
    plan = read_plan(plan_path, assessment, checklists)
    assert plan.ok, plan.errors
    new = {ch.action_id: {fc.field: fc.new for fc in ch.fields} for ch in plan.changes}
    march = dt.date(2027, 3, 1)
    assert new[a] == {"start": march, "end": march, "status": "in_uitvoering"}
    assert new[b] == {"end": march, "status": "gereed", "act": "bijstellen"}
    assert new[c] == {"end": march, "measured_on": march, "priority": "hoog", "theme": "kcc"}


@pytest.mark.parametrize(("typed", "expected"), [
    ("1-3-2027", dt.date(2027, 3, 1)),
    ("01/03/27", dt.date(2027, 3, 1)),
    ("1.3.2027", dt.date(2027, 3, 1)),
    ("1 maart 2027", dt.date(2027, 3, 1)),
    ("1 MAART 2027", dt.date(2027, 3, 1)),
    ("15 okt 2026", dt.date(2026, 10, 15)),
    ("2027-03-01 00:00:00", dt.date(2027, 3, 1)),
    # what the plan page's date fields take, the workbook takes too (one rule: model.typed_date)
    ("01032027", dt.date(2027, 3, 1)),
    ("010327", dt.date(2027, 3, 1)),
    ("1 mrt. 2027", dt.date(2027, 3, 1)),
    ("1\u00a0maart\u00a02027", dt.date(2027, 3, 1)),
    (dt.datetime(2027, 3, 1, 0, 0), dt.date(2027, 3, 1)),
    (46447, dt.date(2027, 3, 1)),
    ("  ", None),
    (None, None),
])
def test_parse_date_accepts(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["volgende week", "31-2-2027", "1 brumaire 2027", "13-13-2027", 0, -5, True])
def test_parse_date_refuses(typed):
    with pytest.raises(ValueError):
        parse_date(typed)


def test_row_added_by_hand_becomes_a_new_action(plan_path, assessment, checklists, edit_plan):
    ed = edit_plan(plan_path)
    r = ed.add_row({"Actie": "Telefonische bereikbaarheid meten", "Probleemeigenaar": "Teamleider KCC",
                    "Einde": "31-12-2026", "Status": "in uitvoering", "Prioriteit": "Hoog",
                    "Thema": "Klantcontactcentrum"})
    ed.add_row({"ID": None, "Actie": "Nog een", "Toelichting": "Met de hand"})
    ed.save()
    assert r > PLAN_HEADER_ROW + len(assessment.actions)  # typed below the table
    plan = read_plan(plan_path, assessment, checklists)
    assert plan.ok, plan.errors
    assert [a.id for a in plan.new_actions] == ["E-2", "E-3"]  # E-1 is taken
    first = plan.new_actions[0]
    assert (first.origin, first.decision, first.status, first.priority, first.theme) == \
        ("eigen", "geaccepteerd", "in_uitvoering", "hoog", "kcc")
    assert first.end == dt.date(2026, 12, 31) and first.owner == "Teamleider KCC"
    assert plan.new_actions[1].status == "gepland" and plan.new_actions[1].description == "Met de hand"
    assert "Nieuwe acties (2)" in plan.describe()
    assert "E-2 Telefonische bereikbaarheid meten (probleemeigenaar 'Teamleider KCC'" in plan.describe()
    before = len(assessment.actions)
    apply_plan_import(assessment, plan)
    assert len(assessment.actions) == before + 2
    assert assessment.action("E-2").title == "Telefonische bereikbaarheid meten"


def test_deleted_row_is_reported_not_applied(plan_path, assessment, checklists, edit_plan):
    gone = assessment.actions[2]
    ed = edit_plan(plan_path)
    ed.ws.delete_rows(row_of(ed.ws, gone.id))
    ed.set(assessment.actions[0].id, "Voortgang", "Verder")
    ed.save()
    plan = read_plan(plan_path, assessment, checklists)
    assert plan.ok, plan.errors
    assert [d.action_id for d in plan.deleted] == [gone.id]
    assert "Verwijderde regels (1): deze acties blijven in de scan staan" in plan.describe()
    apply_plan_import(assessment, plan)
    assert assessment.action(gone.id) is not None
    assert assessment.action(gone.id).decision == "geaccepteerd"
    assert assessment.actions[0].progress == "Verder"


def test_sorted_and_moved_rows_match_by_id(plan_path, assessment, checklists):
    wb = load_workbook(plan_path)
    ws = wb[WORK_SHEET]
    first, last = PLAN_HEADER_ROW + 1, PLAN_HEADER_ROW + len(assessment.actions)
    rows = [[c.value for c in ws[r]] for r in range(first, last + 1)]
    last_id = rows[-1][0]
    rows.reverse()  # sorted descending by ID, say
    for r, values in enumerate(rows, start=first):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c).value = value  # cell(value=None) would keep the old value
    status_col = next(c.column for c in ws[PLAN_HEADER_ROW] if c.value == "Status")
    ws.cell(row=first, column=status_col, value="Uitgesteld")  # now the last action's row
    ws.column_dimensions["B"].width = 80  # widened by the user
    ws.row_dimensions[first + 1].hidden = True  # filtered out
    wb.save(plan_path)
    plan = read_plan(plan_path, assessment, checklists)
    assert plan.ok, plan.errors
    assert [(c.action_id, [(f.field, f.new) for f in c.fields]) for c in plan.changes] == \
        [(last_id, [("status", "uitgesteld")])]
    assert plan.changes[0].row == first
    assert not plan.deleted


def test_columns_are_found_by_header_not_position(plan_path, assessment, checklists):
    wb = load_workbook(plan_path)
    ws = wb[WORK_SHEET]
    ws.insert_cols(2)  # the user adds a column of their own
    ws.cell(row=PLAN_HEADER_ROW, column=2, value="Mijn notitie")
    ws.cell(row=PLAN_HEADER_ROW + 1, column=2, value="iets")
    status_col = next(c.column for c in ws[PLAN_HEADER_ROW] if c.value == "Status")
    ws.cell(row=PLAN_HEADER_ROW + 2, column=status_col, value="Gereed")
    second = ws.cell(row=PLAN_HEADER_ROW + 2, column=1).value
    wb.save(plan_path)
    plan = read_plan(plan_path, assessment, checklists)
    assert plan.ok, plan.errors
    assert [(c.action_id, c.fields[0].field, c.fields[0].new) for c in plan.changes] == \
        [(second, "status", "gereed")]


def test_percent_and_number_cells_read_as_typed(plan_path, assessment, checklists, edit_plan):
    ed = edit_plan(plan_path)
    ref = ed.set(assessment.actions[1].id, "Gemeten waarde", 0.8)
    ed.ws[ref].number_format = "0%"
    ed.set(assessment.actions[1].id, "Streefwaarde", 7.5)
    ed.save()
    plan = read_plan(plan_path, assessment, checklists)
    fields = {f.field: f.new for f in plan.changes[0].fields}
    assert fields == {"measured_value": "80%", "target": "7,5"}


def test_emptied_dropdowns_keep_the_scan_value(plan_path, assessment, checklists, edit_plan):
    target = assessment.actions[0]
    ed = edit_plan(plan_path)
    ed.set(target.id, "Status", None)
    ed.set(target.id, "Prioriteit", None)
    ed.set(target.id, "Thema", None)
    ed.save()
    plan = read_plan(plan_path, assessment, checklists)
    assert plan.ok and not plan.changes


def test_apply_refuses_an_import_with_errors_and_changes_nothing(plan_path, assessment, checklists, edit_plan):
    ed = edit_plan(plan_path)
    ed.set(assessment.actions[0].id, "Status", "Gereed")
    ed.set(assessment.actions[1].id, "Einde", "volgende week")
    ed.add_row({"Actie": "Nieuw"})
    ed.save()
    before = assessment.model_dump()
    plan = read_plan(plan_path, assessment, checklists)
    assert not plan.ok
    with pytest.raises(PlanFileError, match="er is niets overgenomen"):
        apply_plan_import(assessment, plan)
    assert assessment.model_dump() == before


def test_apply_is_all_or_nothing_when_the_scan_moved_on(plan_path, assessment, checklists, edit_plan):
    ed = edit_plan(plan_path)
    ed.set(assessment.actions[0].id, "Status", "Gereed")
    ed.add_row({"Actie": "Nieuw"})
    ed.save()
    plan = read_plan(plan_path, assessment, checklists)
    assert plan.ok and plan.changes and plan.new_actions
    # Meanwhile someone added an own action that took the id the preview promised.
    add_own_action(assessment, "Intussen toegevoegd")
    before = assessment.model_dump()
    with pytest.raises(PlanFileError, match="opnieuw in"):
        apply_plan_import(assessment, plan)
    assert assessment.model_dump() == before  # the status change was not applied either


def test_plan_of_an_empty_scan_reads_back_new_rows(tmp_path, checklists):
    scan = Assessment(organisation=Organisation(name="Leeg"), peildatum=dt.date(2026, 1, 1), frameworks=["BSC"])
    path = tmp_path / "leeg.xlsx"
    export_plan(checklists, scan, path)
    assert not read_plan(path, scan, checklists).has_changes
    ed = PlanEditor(path)
    ed.ws.cell(row=PLAN_HEADER_ROW + 1, column=2, value="Eerste actie")  # typed in the empty table row
    ed.save()
    plan = read_plan(path, scan, checklists)
    assert [a.id for a in plan.new_actions] == ["E-1"]


def test_texts_with_surrounding_whitespace_read_back_unchanged(tmp_path, checklists, assessment):
    assessment.actions[0].description = "Eerst de balie. \n"
    assessment.actions[1].progress = "  Loopt\r\nvolgens plan "
    path = tmp_path / "spaties.xlsx"
    export_plan(checklists, assessment, path)
    plan = read_plan(path, assessment, checklists)
    assert plan.ok and not plan.changes, plan.describe()


def test_control_characters_are_dropped_and_read_back_unchanged(tmp_path, checklists, assessment):
    # A vertical tab pasted from Word, a BEL from a YAML folded block: openpyxl refuses both.
    assessment.actions[0].title = "Richt één ingang in\x07 voor telefoon"
    assessment.actions[1].description = "Regel één\x0bregel twee"
    assessment.organisation.name = "Gemeente\x01 Proef"
    path = tmp_path / "stuurtekens.xlsx"
    export_plan(checklists, assessment, path)
    ws = load_workbook(path)[WORK_SHEET]
    col = columns(ws)
    assert ws[f"{col['Actie']}{row_of(ws, assessment.actions[0].id)}"].value == "Richt één ingang in voor telefoon"
    assert ws[f"{col['Toelichting']}{row_of(ws, assessment.actions[1].id)}"].value == "Regel één\nregel twee"
    plan = read_plan(path, assessment, checklists)
    assert plan.ok and not plan.changes, plan.describe()


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "plans"


def test_a_plan_written_by_format_1_still_reads_back():
    """``verbeterplan-v1.xlsx`` was written by the version before the director's sheets (format 1,
    the working columns on the sheet Verbeterplan) from ``voorbeeld-v1.dienstscan``."""
    from dienstscan.checklists import load_checklists
    from dienstscan.storage import load_scan

    checklists = load_checklists()
    assessment = load_scan(FIXTURES / "voorbeeld-v1.dienstscan")
    plan = read_plan(FIXTURES / "verbeterplan-v1.xlsx", assessment, checklists)
    assert plan.ok, plan.errors
    assert not plan.has_changes and not plan.deleted
    assert plan.unchanged == len(visible_actions(assessment)) == 52


def test_an_edit_in_a_format_1_plan_names_its_sheet(tmp_path):
    from dienstscan.checklists import load_checklists
    from dienstscan.storage import load_scan

    checklists = load_checklists()
    assessment = load_scan(FIXTURES / "voorbeeld-v1.dienstscan")
    path = tmp_path / "oud.xlsx"
    wb = load_workbook(FIXTURES / "verbeterplan-v1.xlsx")
    ws = wb["Verbeterplan"]
    status = next(c.column_letter for c in ws[PLAN_HEADER_ROW] if c.value == "Einde")
    ws[f"{status}{PLAN_HEADER_ROW + 1}"] = "volgende week"
    wb.save(path)
    plan = read_plan(path, assessment, checklists)
    assert plan.errors and plan.errors[0].startswith(f"Verbeterplan!{status}{PLAN_HEADER_ROW + 1}: 'volgende week'")
