"""Issue 20, classes 4 and 5: what a hand-edited scan file can hide is found at load and named in
Dutch (which key, where), never silently resolved: a key twice in one JSON object, an action id or
a framework twice, key figures that are no number or lie outside their unit's range, other numbers
and dates of absurd size. The file is never changed by a refused load."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from pydantic import ValidationError

from dienstscan.checklists import load_checklists
from dienstscan.cli import main
from dienstscan.model import Action, Answer, Assessment, KeyFigureValue, Organisation
from dienstscan.storage import ScanFileError, load_scan, save_scan
from dienstscan.storage.scanfile import encode_scan

VALID = Path(__file__).resolve().parents[2] / "fixtures" / "checklists" / "valid"


def _scan() -> Assessment:
    scan = Assessment(organisation=Organisation(name="Gemeente Proef"), peildatum="2026-03-01",
                      frameworks=["KA"], checklist_versions={"KA": "1.0"})
    scan.answers["KA-01"] = Answer(option="toegepast")
    scan.answers["KA-02"] = Answer(option="niet", explanation="nog niet")
    scan.key_figures["kg-wachttijd"] = KeyFigureValue(value=7.5)
    scan.actions = [Action(id="E-1", title="Eerste"), Action(id="E-2", title="Tweede"), Action(id="E-3", title="Derde")]
    return scan


def _refused(tmp_path: Path, text: str, checklists=None) -> str:
    path = tmp_path / "hand.dienstscan"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ScanFileError) as err:
        load_scan(path, checklists)
    assert path.read_bytes() == before
    message = str(err.value)
    assert message.startswith(f"Kan '{path}' niet openen:")
    for english in ("Input should", "should be", "Value error", "Traceback", "finite"):
        assert english not in message
    return message


def _text() -> str:
    return encode_scan(_scan()).decode("utf-8")


# ------------------------------------------------------------------------ class 4: duplicates


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_an_answer_twice_under_one_item_is_named_with_its_place(tmp_path):
    text = _text()
    # the second answer to KA-01 would silently win; now it is named
    text = text.replace('"option": "toegepast"', '"option": "toegepast",\n    "option": "niet"', 1)
    message = _refused(tmp_path, text)
    line = _line_of(text, '"KA-01": {')
    assert (f"de sleutel 'option' staat twee keer in antwoorden › 'KA-01' (het deel dat op regel {line} "
            "begint)") in message
    assert "Het bestand is niet gewijzigd." in message


def test_an_item_twice_in_the_answers_is_named(tmp_path):
    text = _text().replace('"KA-02": {', '"KA-01": {', 1)
    assert "de sleutel 'KA-01' staat twee keer in antwoorden" in _refused(tmp_path, text)


@pytest.mark.parametrize("key,where", [("format", "het bestand als geheel"), ("name", "organisatie"),
                                       ("value", "kengetallen › 'kg-wachttijd'")])
def test_duplicates_at_every_level_are_named(tmp_path, key, where):
    text = _text()
    position = text.index(f'"{key}":')
    end = text.index("\n", position)
    line = text[position:end].rstrip(",")
    text = text[:position] + line + ",\n " + text[position:]
    assert f"de sleutel '{key}' staat twee keer in {where}" in _refused(tmp_path, text)


def test_the_same_key_in_different_objects_is_no_duplicate(tmp_path):
    path = tmp_path / "goed.dienstscan"
    save_scan(_scan(), path)
    assert load_scan(path).answers["KA-01"].option == "toegepast"  # "option" in two answers is fine


def test_duplicate_action_ids_are_refused_at_load_naming_them(tmp_path):
    data = json.loads(_text())
    data["scan"]["actions"][2]["id"] = "E-1"
    message = _refused(tmp_path, json.dumps(data))
    assert "de actie-ID 'E-1' staat 2 keer in het plan (acties nr. 1, nr. 3); geef elke actie een eigen ID" in message


def test_a_framework_twice_in_the_scope_is_refused(tmp_path):
    data = json.loads(_text())
    data["scan"]["frameworks"] = ["KA", "KA"]
    assert "het kader 'KA' staat twee keer in de scope" in _refused(tmp_path, json.dumps(data))


# ------------------------------------------------------------------------ class 5: numbers


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1e308", "1e13"])
def test_key_figures_that_are_no_sensible_number_are_refused_without_checklists(tmp_path, literal):
    text = _text().replace('"value": 7.5', f'"value": {literal}')
    message = _refused(tmp_path, text)
    assert "kengetallen › 'kg-wachttijd' › waarde: " in message


@pytest.mark.parametrize("figure,value,reason", [
    ("kg-eerste-contact", 140, "ligt boven het maximum 100"),
    ("kg-eerste-contact", -1, "ligt onder het minimum 0"),
    ("kg-wachttijd", -25, "ligt onder het minimum 0"),
])
def test_key_figures_outside_their_units_range_are_refused_with_the_checklists(tmp_path, figure, value, reason):
    checklists = load_checklists(VALID)
    data = json.loads(_text())
    data["scan"]["key_figures"][figure] = {"value": value, "note": "", "date": None}
    message = _refused(tmp_path, json.dumps(data), checklists)
    label = checklists.key_figures[figure].label
    assert f"kengetal '{label}' ({figure}): de waarde {value} ({checklists.key_figures[figure].unit}) {reason}" in message


def test_the_same_file_loads_without_the_unit_rule_when_no_checklists_are_given(tmp_path):
    data = json.loads(_text())
    data["scan"]["key_figures"]["kg-eerste-contact"] = {"value": 140, "note": "", "date": None}
    path = tmp_path / "los.dienstscan"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_scan(path).key_figures["kg-eerste-contact"].value == 140


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 1e308, -1e300])
def test_entry_refuses_the_same_values(value):
    with pytest.raises(ValidationError):
        KeyFigureValue(value=value)
    figure = KeyFigureValue(value=1)
    with pytest.raises(ValidationError):
        figure.value = value  # validate_assignment: the GUI's edit path


def test_the_key_figure_rule_is_one_rule_for_entry_and_load():
    checklists = load_checklists(VALID)
    wait = checklists.key_figures["kg-wachttijd"]
    assert wait.out_of_range(-25) == ("minimum", 0)
    assert wait.out_of_range(1e308) == ("maximum", 1e12)
    assert wait.out_of_range(math.nan)[0] == "geen getal"
    assert wait.out_of_range(12.5) is None


@pytest.mark.parametrize("field,value,where", [
    (("organisation", "inhabitants"), 1e308, "organisatie › inwoners"),
    (("organisation", "inhabitants"), 10**20, "organisatie › inwoners"),
    (("organisation", "inhabitants"), -5, "organisatie › inwoners"),
    (("answers", "KA-01", "poll"), {"ja": 10**15, "twijfel": 0, "nee": 0}, "draagvlakpeiling › aantal ja"),
    (("peildatum",), "0001-01-01", "peildatum"),
    (("peildatum",), "9999-12-31", "peildatum"),
    (("answers", "KA-01", "answered_at"), "0001-01-01T00:00:00+05:00", "beantwoord op"),
    (("created",), "0001-01-01T00:00:00+14:00", "aangemaakt"),
    (("actions", 0, "end"), "1066-10-14", "acties › nr. 1 › "),
    (("key_figures", "kg-wachttijd", "date"), "2999-01-01", "kengetallen › 'kg-wachttijd' › datum"),
])
def test_other_numbers_and_dates_of_absurd_size_are_refused(tmp_path, field, value, where):
    data = json.loads(_text())
    node = data["scan"]
    for key in field[:-1]:
        node = node[key]
    node[field[-1]] = value
    message = _refused(tmp_path, json.dumps(data))
    assert where in message
    if isinstance(value, str) and value[:4].isdigit():
        assert f"het jaar {int(value[:4])} ligt buiten 1900-2199" in message


def test_score_compare_and_report_refuse_a_nan_scan_in_dutch(tmp_path, capsys):
    path = tmp_path / "nan.dienstscan"
    path.write_text(_text().replace('"value": 7.5', '"value": NaN'), encoding="utf-8")
    good = tmp_path / "goed.dienstscan"
    save_scan(_scan(), good)
    cl = ["--checklists", str(VALID)]
    for argv in (["score", str(path)], ["compare", str(good), str(path)], ["export", str(path)],
                 ["report", str(path), "-o", str(tmp_path / "r.html")]):
        capsys.readouterr()
        assert main([*argv, *cl]) == 1, argv
        err = capsys.readouterr().err
        assert "kengetallen › 'kg-wachttijd' › waarde: moet een eindig getal zijn" in err and "Traceback" not in err


# ------------------------------------------------------------------------ class 8: reading paths


@pytest.mark.parametrize("error,dutch", [
    (OSError(20, "Not a directory"), "een deel van het pad is een bestand, geen map"),
    (OSError(110, "Connection timed out"), "de netwerkschijf reageert niet"),
    (OSError(116, "Stale file handle"), "de netwerkschijf reageert niet"),
    (OSError(16, "Device or resource busy"), "in gebruik door een ander programma"),
    (OSError(30, "Read-only file system"), "alleen-lezen"),
    (OSError(28, "No space left on device"), "de schijf is vol"),
])
def test_reading_errors_are_dutch_without_the_systems_english(tmp_path, monkeypatch, error, dutch):
    path = tmp_path / "scan.dienstscan"
    path.write_text(_text(), encoding="utf-8")

    def fail(self, limit):
        raise error

    # the scan is read through storage.limited (regular files only, bounded)
    monkeypatch.setattr("dienstscan.storage.scanfile.read_limited", fail)
    with pytest.raises(ScanFileError) as err:
        load_scan(path)
    assert dutch in str(err.value) and error.strerror not in str(err.value)


def test_a_path_through_a_file_is_named_in_dutch(tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ScanFileError) as err:
        load_scan(blocker / "scan.dienstscan")
    assert "Not a directory" not in str(err.value)


# ------------------------------------------------------------------------ repair without loss


def _repairable(tmp_path: Path) -> Path:
    """Each repairable problem once: an action id twice, a framework twice, a key figure too high
    (with a note of its own)."""
    data = json.loads(_text())
    data["scan"]["actions"][2]["id"] = "E-1"
    data["scan"]["frameworks"] = ["KA", "KA"]
    data["scan"]["key_figures"]["kg-eerste-contact"] = {"value": 140, "note": "Uit de telefooncentrale.", "date": None}
    path = tmp_path / "hand.dienstscan"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_what_can_be_set_right_without_loss_is_refused_with_the_repairs_named(tmp_path):
    from dienstscan.storage import RepairableScanError

    checklists = load_checklists(VALID)
    label = checklists.key_figures["kg-eerste-contact"].label
    path = _repairable(tmp_path)
    before = path.read_bytes()
    with pytest.raises(RepairableScanError) as err:
        load_scan(path, checklists)
    assert err.value.code == "invalid" and path.read_bytes() == before
    assert err.value.repairs == [
        "- actie nr. 3 had de ID 'E-1' van actie nr. 1 en heet nu 'E-1-2'",
        "- het kader 'KA' staat nog één keer in de scope",
        f"- kengetal '{label}': de waarde staat nu in de toelichting, het kengetal is leeg",
    ]


def test_repair_sets_it_right_in_memory_and_keeps_everything(tmp_path):
    from dienstscan.storage import read_scan

    checklists = load_checklists(VALID)
    path = _repairable(tmp_path)
    before = path.read_bytes()
    loaded = read_scan(path, checklists, repair=True)
    scan = loaded.assessment
    assert path.read_bytes() == before  # the file changes only when the user saves
    assert len(loaded.repairs) == 3
    assert [(a.id, a.title) for a in scan.actions] == [("E-1", "Eerste"), ("E-2", "Tweede"), ("E-1-2", "Derde")]
    assert scan.frameworks == ["KA"]
    figure = scan.key_figures["kg-eerste-contact"]
    assert figure.value is None
    assert figure.note == ("Uit de telefooncentrale.\nBij openen weggehaald: de waarde 140 ligt boven het "
                           "maximum 100.")
    # saved, it loads without any repair
    save_scan(scan, path)
    again = read_scan(path, checklists)
    assert again.repairs == [] and again.assessment.key_figures["kg-eerste-contact"].note == figure.note


def test_a_repair_never_takes_an_id_that_is_already_used(tmp_path):
    from dienstscan.storage import read_scan

    data = json.loads(_text())
    data["scan"]["actions"] = [{"id": "E-1", "title": "A"}, {"id": "E-1-2", "title": "B"}, {"id": "E-1", "title": "C"},
                               {"id": "E-1", "title": "D"}]
    path = tmp_path / "hand.dienstscan"
    path.write_text(json.dumps(data), encoding="utf-8")
    scan = read_scan(path, repair=True).assessment
    assert [a.id for a in scan.actions] == ["E-1", "E-1-2", "E-1-3", "E-1-4"]
    assert [a.title for a in scan.actions] == ["A", "B", "C", "D"]


def test_no_room_in_the_note_means_no_repair_but_the_same_refusal(tmp_path):
    from dienstscan.storage import RepairableScanError, read_scan

    data = json.loads(_text())
    data["scan"]["key_figures"]["kg-eerste-contact"] = {"value": 140, "note": "x" * 19_990, "date": None}
    path = tmp_path / "hand.dienstscan"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ScanFileError) as err:
        read_scan(path, load_checklists(VALID))
    assert not isinstance(err.value, RepairableScanError)
    assert "ligt boven het maximum 100" in str(err.value)
    with pytest.raises(ScanFileError):
        read_scan(path, load_checklists(VALID), repair=True)
