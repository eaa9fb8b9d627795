"""A plan re-saved by LibreOffice (as a manager without Excel does) still reads back.

Converts with ``soffice --headless --convert-to xlsx`` into a temporary folder, with a private
LibreOffice profile so parallel runs do not share one. Skipped only where LibreOffice is absent
(CI installs it: tools/bootstrap.sh --with-office).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from plan_sheet import PlanEditor

from dienstscan.export.excel_plan import META_SHEET, WORK_SHEET
from dienstscan.export.excel_plan import apply_plan_import, read_plan

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is niet geïnstalleerd"),
]


def resave(path: Path, tmp_path: Path) -> Path:
    """The workbook as LibreOffice writes it back to .xlsx."""
    outdir = tmp_path / "libreoffice"
    outdir.mkdir(exist_ok=True)
    profile = tmp_path / "lo-profiel"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), str(path)],
        capture_output=True, text=True, timeout=180, check=False,
    )
    converted = outdir / path.name
    assert result.returncode == 0 and converted.is_file(), (result.stdout, result.stderr)
    assert converted.read_bytes() != path.read_bytes()
    return converted


def test_resaved_plan_reads_back_unchanged(plan_path, assessment, checklists, tmp_path):
    converted = resave(plan_path, tmp_path)
    plan = read_plan(converted, assessment, checklists)
    assert plan.ok, plan.errors
    assert not plan.has_changes and not plan.deleted
    assert plan.unchanged == len(assessment.actions)
    wb = load_workbook(converted)
    assert wb[META_SHEET].sheet_state == "hidden"
    lists = [dv.formula1 for dv in wb[WORK_SHEET].data_validations.dataValidation if dv.type == "list"]
    assert '"Gepland,In uitvoering,Gereed,Uitgesteld,Vervallen"' in lists


def test_edits_survive_a_libreoffice_resave(plan_path, assessment, checklists, tmp_path):
    a, b = assessment.actions[1].id, assessment.actions[2].id
    ed = PlanEditor(plan_path)
    ed.set(a, "Status", " in uitvoering ")
    ed.set(a, "Einde", "1 maart 2027")
    ed.set(a, "Start", dt.datetime(2026, 9, 1))
    ed.set(b, "Datum meting", "1-3-2027")
    ed.set(b, "PDCA-keuze", "Bijstellen")
    ed.set(b, "Gemeten waarde", 0.75)
    ed.ws[ed.ref(b, "Gemeten waarde")].number_format = "0%"
    ed.add_row({"Actie": "Toegevoegd in LibreOffice", "Einde": dt.datetime(2027, 6, 30), "Status": "Gepland"})
    ed.save()
    converted = resave(plan_path, tmp_path)
    plan = read_plan(converted, assessment, checklists)
    assert plan.ok, plan.errors
    new = {ch.action_id: {fc.field: fc.new for fc in ch.fields} for ch in plan.changes}
    assert new == {
        a: {"status": "in_uitvoering", "start": dt.date(2026, 9, 1), "end": dt.date(2027, 3, 1)},
        b: {"measured_value": "75%", "measured_on": dt.date(2027, 3, 1), "act": "bijstellen"},
    }
    assert [(n.title, n.end) for n in plan.new_actions] == [("Toegevoegd in LibreOffice", dt.date(2027, 6, 30))]
    apply_plan_import(assessment, plan)
    assert assessment.action(a).end == dt.date(2027, 3, 1)
