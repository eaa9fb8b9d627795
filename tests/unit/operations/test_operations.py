"""The operations of ``dienstscan.operations``: each changes what it says, returns what changed and
leaves the plan proposed; the outputs never change the scan they are given. The one policy of
participant forms is tested here (and only here: the app and the CLI both call it)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scan_factory import make_assessment, make_checklists

from dienstscan import operations
from dienstscan.checklists import load_checklists
from dienstscan.export.excel_plan import PLAN_HEADER_ROW, WORK_SHEET, PlanFileError, read_plan
from dienstscan.model import Answer, KeyFigureValue
from dienstscan.plan import visible_actions
from dienstscan.scoring import report_json, score
from dienstscan.storage import LoadedScan, RepairableScanError, ScanFileError, load_scan, save_scan

ROOT = Path(__file__).resolve().parents[3]
SCANS = ROOT / "tests" / "fixtures" / "scans"
EXAMPLE = ROOT / "examples" / "gemeente-voorbeeld.dienstscan"


@pytest.fixture(scope="module")
def real_checklists():
    return load_checklists()


def dump(assessment) -> list[dict]:
    return [a.model_dump() for a in assessment.actions]


# --------------------------------------------------------------------------- opening


def test_open_scan_proposes_the_plan_and_leaves_the_file(real_checklists, tmp_path):
    path = tmp_path / "v2.dienstscan"
    shutil.copyfile(SCANS / "valid_v3.dienstscan", path)
    before = path.read_bytes()
    plain = load_scan(path, real_checklists)
    assert plain.action("V-BSC-03").gap_closed is False  # the file's plan lags its answers
    opened = operations.open_scan(path, real_checklists)
    assert opened.plan.closed == ["V-BSC-03"] and opened.assessment.action("V-BSC-03").gap_closed
    assert opened.path == path and not opened.migrated and opened.repairs == []
    assert isinstance(opened, LoadedScan) and opened.format_version == 3  # all the file said, and the plan
    again = opened.assessment.model_copy(deep=True)
    assert not operations.follow_answers(real_checklists, again).changed  # proposed: nothing left to do
    assert path.read_bytes() == before


def test_open_scan_upgrades_an_old_format_in_memory(real_checklists, tmp_path):
    path = tmp_path / "v1.dienstscan"
    shutil.copyfile(SCANS / "v1_scan.dienstscan", path)
    before = path.read_bytes()
    opened = operations.open_scan(path, real_checklists)
    assert opened.migrated
    assert not operations.follow_answers(real_checklists, opened.assessment.model_copy(deep=True)).changed
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["broken_json", "empty", "newer_version", "wrong_types"])
def test_open_scan_refuses_what_storage_refuses(real_checklists, name):
    with pytest.raises(ScanFileError) as refused:
        operations.open_scan(SCANS / f"{name}.dienstscan", real_checklists)
    assert f"{name}.dienstscan" in str(refused.value)


def test_open_scan_repairs_only_when_asked(tmp_path):
    checklists = make_checklists()
    scan = make_assessment({"5B-1.01": "niet_ingevoerd"})
    scan.key_figures["kf-wachttijd"] = KeyFigureValue(value=-5)
    path = tmp_path / "reparatie.dienstscan"
    save_scan(scan, path)
    with pytest.raises(RepairableScanError):
        operations.open_scan(path, checklists)
    opened = operations.open_scan(path, checklists, repair=True)
    assert opened.repairs and opened.plan.added == ["V-5B-1.01"]


# --------------------------------------------------------------------------- answers


def test_set_answer_sets_the_option_and_the_plan_follows():
    checklists, scan = make_checklists(), make_assessment()
    now = dt.datetime(2026, 3, 1, 10, 0)
    changed = operations.set_answer(checklists, scan, "5B-1.02", "niet_ingevoerd", now=now)
    assert changed.items == ["5B-1.02"] and changed.plan.added == ["V-5B-1.02"] and changed.changed
    answer = scan.answers["5B-1.02"]
    assert (answer.option, answer.answered_at, answer.from_previous_cycle) == ("niet_ingevoerd", now, False)

    changed = operations.set_answer(checklists, scan, "5B-1.02", "ingevoerd")
    assert changed.plan.closed == ["V-5B-1.02"] and scan.action("V-5B-1.02").gap_closed
    assert not visible_actions(scan)  # an undecided proposal whose gap closed leaves the plan

    changed = operations.set_answer(checklists, scan, "5B-1.02", None)
    assert scan.answers["5B-1.02"].option is None and scan.answers["5B-1.02"].answered_at is None
    assert changed.items == ["5B-1.02"] and not changed.plan.changed


def test_set_answer_keeps_the_rest_of_the_answer_and_marks_it_as_this_cycle():
    checklists = make_checklists()
    scan = make_assessment()
    scan.answers["BSC-02"] = Answer(option="toegepast", explanation="Zo is het", from_previous_cycle=True)
    operations.set_answer(checklists, scan, "BSC-02", "deels")
    answer = scan.answers["BSC-02"]
    assert answer.explanation == "Zo is het" and not answer.from_previous_cycle
    assert operations.set_answer(checklists, scan, "BSC-02", "deels").items == []  # the same choice: nothing


@pytest.mark.parametrize(("item_id", "option", "words"), [
    ("5B-1.02", "toegepast", "geen antwoord op de schaal van 5B-1.02"),
    ("XYZ-1", "ingevoerd", "Item 'XYZ-1' staat niet in de checklists"),
])
def test_set_answer_refuses_what_does_not_fit_and_changes_nothing(item_id, option, words):
    checklists, scan = make_checklists(), make_assessment({"5B-1.02": "niet_ingevoerd"})
    operations.follow_answers(checklists, scan)
    before = scan.model_dump()
    with pytest.raises(ValueError, match=words):
        operations.set_answer(checklists, scan, item_id, option)
    assert scan.model_dump() == before


def test_put_answer_replaces_or_removes_the_whole_answer():
    checklists, scan = make_checklists(), make_assessment({"BSC-02": "deels"})
    operations.follow_answers(checklists, scan)
    changed = operations.put_answer(checklists, scan, "BSC-02", None)
    assert "BSC-02" not in scan.answers and changed.items == ["BSC-02"] and changed.plan.closed == ["V-BSC-02"]
    changed = operations.put_answer(checklists, scan, "BSC-02", Answer(option="deels"))
    assert changed.plan.reopened == ["V-BSC-02"] and not scan.action("V-BSC-02").gap_closed


# --------------------------------------------------------------------------- the forms' policy


def test_form_answers_policy():
    checklists = make_checklists()
    scan = make_assessment({"BSC-02": "deels", "5B-1.02": "ingevoerd"})
    scan.answers["5B-1.02"].individual = {"formulier": ["ingevoerd"]}
    scan.answers["BSC-02"].individual = {"formulier": ["toegepast", "deels"], "live": ["deels"]}
    scan.answers["BSC-02"].explanation = "Afgesproken in het MT"
    operations.follow_answers(checklists, scan)
    scores_before = report_json(score(checklists, scan))
    plan_before = dump(scan)
    forms = {"BSC-02": ["niet_toegepast", "toegepast"], "5B-2.01": ["gedeeltelijk"]}

    changed = operations.apply_form_answers(checklists, scan, forms)

    # one round replaces what the items had (never appended), in the order read
    assert scan.answers["BSC-02"].individual == {"formulier": ["niet_toegepast", "toegepast"], "live": ["deels"]}
    assert scan.answers["5B-2.01"].individual == {"formulier": ["gedeeltelijk"]} and scan.answers["5B-2.01"].option is None
    assert sorted(changed.items) == ["5B-2.01", "BSC-02"]
    # items the forms did not answer keep theirs; the agreed answer and the rest stay
    assert scan.answers["5B-1.02"].individual == {"formulier": ["ingevoerd"]}
    assert (scan.answers["BSC-02"].option, scan.answers["BSC-02"].explanation) == ("deels", "Afgesproken in het MT")
    # never in the score, so the plan does not move either
    assert report_json(score(checklists, scan)) == scores_before and dump(scan) == plan_before
    assert not changed.plan.changed
    # the same forms again: the same scan, nothing changed
    again = operations.apply_form_answers(checklists, scan, forms)
    assert again.items == [] and scan.answers["BSC-02"].individual_in("formulier") == ["niet_toegepast", "toegepast"]


@pytest.mark.parametrize(("forms", "words"), [
    ({"BSC-02": ["toegepast"], "XYZ-9": ["toegepast"]}, "'XYZ-9' is geen item van de checklists"),
    ({"BSC-02": ["toegepast"], "5B-1.02": ["toegepast"]}, "'toegepast' is geen antwoord op de schaal van 5B-1.02"),
])
def test_form_answers_that_do_not_fit_refuse_the_whole_round(forms, words):
    checklists, scan = make_checklists(), make_assessment({"BSC-02": "deels"})
    before = scan.model_dump()
    with pytest.raises(ValueError, match=words):
        operations.apply_form_answers(checklists, scan, forms)
    assert scan.model_dump() == before  # BSC-02, which did fit, is not taken in either


def test_form_answer_updates_changes_nothing_itself():
    checklists, scan = make_checklists(), make_assessment({"BSC-02": "deels"})
    before = scan.model_dump()
    updates = operations.form_answer_updates(checklists, scan, {"BSC-02": ["toegepast"]})
    assert updates["BSC-02"].individual == {"formulier": ["toegepast"]} and updates["BSC-02"].option == "deels"
    assert scan.model_dump() == before


# --------------------------------------------------------------------------- plan import and outputs


def _edit_status(path: Path, action_id: str, status: str, owner: str) -> None:
    wb = load_workbook(path)
    ws = wb[WORK_SHEET]
    cols = {c.value: c.column for c in ws[PLAN_HEADER_ROW] if isinstance(c.value, str)}
    for r in range(PLAN_HEADER_ROW + 1, ws.max_row + 1):
        if ws.cell(r, cols["ID"]).value == action_id:
            ws.cell(r, cols["Status"]).value = status
            ws.cell(r, cols["Probleemeigenaar"]).value = owner
    wb.save(path)


def _accepted_scan():
    checklists = make_checklists()
    scan = make_assessment({"BSC-02": "deels", "5B-1.02": "niet_ingevoerd"})
    operations.follow_answers(checklists, scan)
    for action in scan.actions:
        action.decision = "geaccepteerd"
    return checklists, scan


def test_import_plan_applies_all_and_returns_the_actions(tmp_path):
    checklists, scan = _accepted_scan()
    path = operations.export_plan(checklists, scan, tmp_path / "plan.xlsx")
    _edit_status(path, "V-5B-1.02", "Gereed", "J. de Vries")
    plan_import = read_plan(path, scan, checklists)
    assert plan_import.ok, plan_import.errors
    changed = operations.import_plan(checklists, scan, plan_import)
    assert changed.actions == ["V-5B-1.02"] and not changed.plan.changed
    action = scan.action("V-5B-1.02")
    assert (action.status, action.owner) == ("gereed", "J. de Vries")


def test_import_plan_of_another_scan_changes_nothing(tmp_path):
    checklists, scan = _accepted_scan()
    path = operations.export_plan(checklists, scan, tmp_path / "plan.xlsx")
    _edit_status(path, "V-5B-1.02", "Gereed", "J. de Vries")
    plan_import = read_plan(path, scan, checklists)
    other = scan.model_copy(deep=True, update={"id": "een-andere-scan"})
    before = other.model_dump()
    with pytest.raises(PlanFileError):
        operations.import_plan(checklists, other, plan_import)
    assert other.model_dump() == before


def test_outputs_write_the_proposed_plan_and_leave_the_scan(tmp_path):
    """A scan whose plan lags (an undecided proposal whose gap a new answer closed): the outputs
    show the plan as proposed, and the scan handed in stays as it was."""
    checklists = make_checklists()
    scan = make_assessment({"BSC-02": "deels", "5B-1.02": "niet_ingevoerd"})
    operations.follow_answers(checklists, scan)
    scan.action("V-BSC-02").decision = "geaccepteerd"
    scan.answers["5B-1.02"].option = "ingevoerd"  # the plan has not followed yet
    before = scan.model_dump()
    workbook = operations.export_plan(checklists, scan, tmp_path / "plan.xlsx")
    html = operations.write_report(checklists, scan, tmp_path / "rapport.html")
    assert scan.model_dump() == before
    ids = {c.value for c in load_workbook(workbook)[WORK_SHEET]["A"][PLAN_HEADER_ROW:] if c.value}
    assert "V-BSC-02" in ids and "V-5B-1.02" not in ids
    text = html.read_text(encoding="utf-8")
    assert "V-BSC-02" in text and "V-5B-1.02" not in text


def test_write_report_formats(tmp_path, monkeypatch):
    checklists, scan = _accepted_scan()
    with pytest.raises(ValueError, match="rapport.txt: kies een bestandsnaam die eindigt op .pdf, .docx of .html"):
        operations.write_report(checklists, scan, tmp_path / "rapport.txt")
    from dienstscan.export.report import pdf as tagged

    monkeypatch.setattr(tagged, "available", lambda: False)  # WeasyPrint or Pango cannot load
    with pytest.raises(operations.ReportFormatError, match="kies .docx of .html"):
        operations.write_report(checklists, scan, tmp_path / "rapport.pdf")  # no printer handed over
    with pytest.raises(operations.ReportFormatError, match="een PDF/A voor het archief kan op deze computer niet"):
        operations.write_report(checklists, scan, tmp_path / "rapport.pdf", archive=True,
                                pdf_writer=lambda *a, **k: pytest.fail("an untagged PDF is no PDF/A"))
    with pytest.raises(operations.ReportFormatError, match="is altijd een PDF"):
        operations.write_report(checklists, scan, tmp_path / "rapport.docx", archive=True)
    printed = []
    steps = []
    operations.write_report(checklists, scan, tmp_path / "rapport.pdf",
                            pdf_writer=lambda c, a, path, baseline=None, progress=None: printed.append((a, path)),
                            progress=lambda done, total: steps.append((done, total)))
    assert printed and printed[0][1] == tmp_path / "rapport.pdf" and printed[0][0] is not scan  # a proposed copy
    assert [a.model_dump() for a in printed[0][0].actions] == dump(scan)
    docx = operations.write_report(checklists, scan, tmp_path / "rapport.docx", progress=lambda d, t: steps.append((d, t)))
    assert docx.exists() and steps == [(0, 1)]
    assert not list(tmp_path.glob("rapport.txt*"))


def test_write_report_pdf_is_tagged_for_the_app_and_the_cli_alike(tmp_path, monkeypatch):
    """The tagged PDF is chosen in operations (not by each caller): PDF/UA-1 to publish, PDF/A-3a
    with ``archive``; the caller's Qt print is not used where WeasyPrint loads."""
    from dienstscan.export.report import pdf as tagged

    if not tagged.available():
        pytest.skip("WeasyPrint/Pango ontbreekt")
    checklists, scan = _accepted_scan()
    variants = []
    real = tagged.write_report_pdf
    monkeypatch.setattr(tagged, "write_report_pdf",
                        lambda *a, variant, **k: variants.append(variant) or real(*a, variant=variant, **k))
    qt = lambda *a, **k: pytest.fail("the Qt print is only for a machine without WeasyPrint")  # noqa: E731
    operations.write_report(checklists, scan, tmp_path / "publiceren.pdf", pdf_writer=qt)
    operations.write_report(checklists, scan, tmp_path / "archief.pdf", archive=True, pdf_writer=qt)
    assert variants == [tagged.PDF_VARIANT, tagged.ARCHIVE_VARIANT]
    assert "pdfaid:part" in _xmp(tmp_path / "archief.pdf")
    assert "pdfaid:part" not in _xmp(tmp_path / "publiceren.pdf")


def _xmp(path) -> str:
    """The PDF's XMP metadata (compressed in the file), read by poppler's pdfinfo."""
    import shutil
    import subprocess

    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) ontbreekt")
    return subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True).stdout
