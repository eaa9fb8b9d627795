"""Bad input on read-back: every unreadable cell named with sheet!cell and reason, all at once; a
workbook that is not a Dienstscan plan, belongs to another scan or is damaged is refused in Dutch."""

from __future__ import annotations

import os
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from dienstscan.export.excel_plan import META_SHEET, WORK_SHEET
from dienstscan.export.excel_plan import PlanFileError, read_plan
from dienstscan.model import Assessment


def test_every_bad_cell_is_reported_at_once(plan_path, assessment, checklists, edit_plan):
    a, b, c = (x.id for x in assessment.actions[1:4])
    ed = edit_plan(plan_path)
    refs = {
        "einde": ed.set(a, "Einde", "volgende week"),
        "status": ed.set(a, "Status", "Bijna klaar"),
        "prio": ed.set(b, "Prioriteit", "Urgent"),
        "act": ed.set(b, "PDCA-keuze", "Doorgaan"),
        "thema": ed.set(c, "Thema", "Onbekend thema"),
        "meting": ed.set(c, "Datum meting", "31-2-2026"),
        "actie": ed.set(assessment.actions[4].id, "Actie", None),
        "id": ed.set(assessment.actions[5].id, "ID", "V-BESTAAT-NIET"),
    }
    dup_row = ed.add_row({"ID": assessment.actions[6].id, "Actie": "Dubbel"})
    ed.set(assessment.actions[7].id, "Start", "1-6-2026")
    end_ref = ed.set(assessment.actions[7].id, "Einde", "1-5-2026")
    ed.save()
    before = assessment.model_dump()
    plan = read_plan(plan_path, assessment, checklists)
    assert not plan.ok
    errors = plan.errors
    expected = [
        f"'Werkblad PDCA'!{refs['einde']}: 'volgende week' is geen datum (typ bijvoorbeeld 1-3-2027 of 1 maart 2027)",
        f"'Werkblad PDCA'!{refs['status']}: 'Bijna klaar' is geen geldige status "
        "(kies uit: Gepland, In uitvoering, Gereed, Uitgesteld, Vervallen)",
        f"'Werkblad PDCA'!{refs['prio']}: 'Urgent' is geen geldige prioriteit (kies uit: Hoog, Midden, Laag)",
        f"'Werkblad PDCA'!{refs['act']}: 'Doorgaan' is geen geldige PDCA-keuze (kies uit: Borgen, Bijstellen, Stoppen)",
        f"'Werkblad PDCA'!{refs['thema']}: 'Onbekend thema' is geen bekend thema "
        "(kies uit: Visie op dienstverlening, Overig, Klantcontactcentrum)",
        f"'Werkblad PDCA'!{refs['meting']}: de datum '31-2-2026': februari 2026 heeft geen dag 31 (typ bijvoorbeeld 1-3-2027 of 1 maart 2027)",
        f"'Werkblad PDCA'!{refs['actie']}: de actie is leeg; vul een omschrijving in of maak de hele regel leeg",
        f"'Werkblad PDCA'!{refs['id']}: de ID 'V-BESTAAT-NIET' is onbekend in deze scan; "
        "laat de ID leeg voor een nieuwe actie",
        f"'Werkblad PDCA'!A{dup_row}: de ID '{assessment.actions[6].id}' staat ook in rij",
        f"'Werkblad PDCA'!{end_ref}: de einddatum ligt vóór de startdatum",
    ]
    for message in expected:
        assert any(e.startswith(message) for e in errors), (message, errors)
    assert len(errors) == len(expected)
    text = plan.describe()
    assert f"{len(expected)} cel(len) kunnen niet worden gelezen; er wordt niets overgenomen" in text
    assert assessment.model_dump() == before


def test_a_missing_column_is_named(plan_path, assessment, checklists):
    wb = load_workbook(plan_path)
    ws = wb[WORK_SHEET]
    for cell in ws[3]:
        if cell.value == "Status":
            cell.value = "Stand"
    wb.save(plan_path)
    plan = read_plan(plan_path, assessment, checklists)
    assert plan.errors == ["Werkblad PDCA: de kolom 'Status' ontbreekt (koptekst in rij 3); zet de kolomkop terug"]


def test_plan_of_another_scan_is_refused(plan_path, checklists, assessment):
    other = Assessment(organisation={"name": "Gemeente Anders"}, peildatum=assessment.peildatum)
    with pytest.raises(PlanFileError) as err:
        read_plan(plan_path, other, checklists)
    message = str(err.value)
    assert "hoort bij een andere scan (Gemeente Proef, peildatum 01-03-2026)" in message
    assert "Gemeente Anders" in message and "Er is niets overgenomen." in message


def test_a_plain_workbook_is_not_a_plan(tmp_path, assessment, checklists):
    path = tmp_path / "begroting.xlsx"
    wb = Workbook()
    wb.active["A1"] = "Begroting 2027"
    wb.save(path)
    with pytest.raises(PlanFileError, match=r"begroting.xlsx is geen verbeterplan van Dienstscan \(het verborgen "
                                            r"werkblad _dienstscan ontbreekt\)"):
        read_plan(path, assessment, checklists)


def test_a_workbook_with_a_foreign_meta_sheet_is_not_a_plan(tmp_path, assessment, checklists):
    path = tmp_path / "ander.xlsx"
    wb = Workbook()
    wb.create_sheet(META_SHEET)["A3"] = "formaat"
    wb[META_SHEET]["B3"] = "iets anders"
    wb.save(path)
    with pytest.raises(PlanFileError, match="geen verbeterplan van Dienstscan"):
        read_plan(path, assessment, checklists)


def test_a_plan_from_a_newer_dienstscan_is_refused(plan_path, assessment, checklists):
    wb = load_workbook(plan_path)
    ws = wb[META_SHEET]
    for row in ws.iter_rows(min_col=1, max_col=2):
        if row[0].value == "formaatversie":
            row[1].value = 99
    wb.save(plan_path)
    with pytest.raises(PlanFileError, match=r"nieuwere versie van Dienstscan \(formaat 99\)"):
        read_plan(plan_path, assessment, checklists)


def test_a_missing_plan_sheet_is_named(plan_path, assessment, checklists):
    wb = load_workbook(plan_path)
    wb[WORK_SHEET].title = "Acties"
    wb.save(plan_path)
    with pytest.raises(PlanFileError, match="het werkblad Werkblad PDCA ontbreekt; is het hernoemd of verwijderd"):
        read_plan(plan_path, assessment, checklists)


def test_random_bytes_are_refused(tmp_path, assessment, checklists):
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(PlanFileError, match=r"kapot.xlsx: dit is geen Excel-werkmap \(.xlsx\), of het bestand is "
                                            "beschadigd"):
        read_plan(path, assessment, checklists)


def test_a_truncated_workbook_is_refused(plan_path, assessment, checklists):
    data = plan_path.read_bytes()
    cut = plan_path.with_name("afgebroken.xlsx")
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(PlanFileError, match="afgebroken.xlsx: dit is geen Excel-werkmap"):
        read_plan(cut, assessment, checklists)


def test_a_zip_that_is_no_workbook_is_refused(tmp_path, assessment, checklists):
    path = tmp_path / "archief.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("leesmij.txt", "geen werkmap")
    with pytest.raises(PlanFileError, match=r"archief.xlsx: dit is een zip-archief, maar geen Excel-werkmap \(.xlsx\)"):
        read_plan(path, assessment, checklists)


def test_a_workbook_with_a_damaged_part_is_refused(plan_path, assessment, checklists):
    damaged = plan_path.with_name("beschadigd.xlsx")
    with zipfile.ZipFile(plan_path) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 2]
            dst.writestr(info, data)
    with pytest.raises(PlanFileError, match="beschadigd.xlsx: de werkmap is beschadigd"):
        read_plan(damaged, assessment, checklists)


def test_a_missing_file_is_named(tmp_path, assessment, checklists):
    with pytest.raises(PlanFileError, match="het bestand bestaat niet"):
        read_plan(tmp_path / "weg.xlsx", assessment, checklists)


def test_an_empty_file_is_refused(tmp_path, assessment, checklists):
    path = tmp_path / "leeg.xlsx"
    path.write_bytes(b"")
    with pytest.raises(PlanFileError, match="geen Excel-werkmap"):
        read_plan(path, assessment, checklists)
