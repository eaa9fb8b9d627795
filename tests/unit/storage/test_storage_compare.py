"""check_against_checklists: what the loaded checklists no longer know is reported, and kept."""

from __future__ import annotations

import datetime as dt

import pytest

from dienstscan.model import (
    Action,
    Answer,
    Assessment,
    ChecklistSet,
    Framework,
    Item,
    KeyFigure,
    KeyFigureValue,
    Organisation,
    Scale,
    ScaleOption,
    ScopeExclusion,
    Section,
    SourceRef,
)
from dienstscan.storage import check_against_checklists, load_scan, save_scan

SOURCE = SourceRef(document="test.pdf")


def _item(item_id: str) -> Item:
    return Item(id=item_id, text=f"Instrument {item_id}", source=SOURCE, theme="overig", suggested_action="Invoeren")


@pytest.fixture
def checklists() -> ChecklistSet:
    scale = Scale(
        id="invoering",
        label="Invoering",
        options=[ScaleOption(id="ingevoerd", label="Ingevoerd", weight=1), ScaleOption(id="niet", label="Niet", weight=0)],
    )
    framework = Framework(
        id="vijf-beloften",
        title="De 5 beloften van Antwoord",
        short_title="5 beloften",
        version="2011",
        description="Test",
        source=SOURCE,
        scale="invoering",
        sections=[Section(id="belofte-1", title="Belofte 1", items=[_item("5B-1.1"), _item("5B-1.2")])],
    )
    return ChecklistSet(
        frameworks=[framework],
        scales={"invoering": scale},
        themes={},
        benchmarks=[],
        key_figures={"fcr": KeyFigure(id="fcr", label="Eerstelijnsoplossing", unit="%", direction="higher_is_better", source=SOURCE)},
    )


def _scan(**fields) -> Assessment:
    return Assessment(organisation=Organisation(name="Gemeente Test"), peildatum=dt.date(2024, 1, 1), **fields)


def test_a_scan_that_fits_gives_no_notes(checklists):
    scan = _scan(
        frameworks=["vijf-beloften"],
        checklist_versions={"vijf-beloften": "2011"},
        answers={"5B-1.1": Answer(option="ingevoerd"), "5B-1.2": Answer()},
        key_figures={"fcr": KeyFigureValue(value=60)},
        out_of_scope={"belofte-1": ScopeExclusion(justification="Nvt")},
        actions=[Action(id="V-5B-1.2", item_id="5B-1.2", title="Invoeren")],
    )
    assert check_against_checklists(scan, checklists) == []


def test_everything_unknown_is_reported_and_nothing_dropped(checklists, tmp_path):
    scan = _scan(
        frameworks=["vijf-beloften", "bsc"],
        checklist_versions={"vijf-beloften": "2009", "bsc": "2009"},
        answers={
            "5B-1.1": Answer(option="gedeeltelijk"),
            "5B-9.9": Answer(option="niet", explanation="Later geschrapt"),
        },
        key_figures={"wachttijd": KeyFigureValue(value=30)},
        out_of_scope={"belofte-6": ScopeExclusion(justification="Nvt")},
        actions=[Action(id="V-5B-9.9", item_id="5B-9.9", title="Geschrapt instrument invoeren")],
    )
    notes = check_against_checklists(scan, checklists)
    text = "\n".join(notes)
    assert "versie 2009 van 5 beloften; nu is versie 2011 geladen" in text
    assert "kader 'bsc' (versie 2009), maar dat kader is nu niet geladen" in text
    assert "Het antwoord op item '5B-9.9' (antwoord: 'niet')" in text and "blijft in de scan bewaard" in text
    assert "Bij item '5B-1.1' is 'gedeeltelijk' gekozen" in text
    assert "kengetal 'wachttijd'" in text
    assert "'belofte-6' is buiten scope geplaatst" in text
    assert "Actie V-5B-9.9" in text
    assert len(notes) == 7
    assert all(note.endswith(".") for note in notes)

    # reported, not dropped: the scan is unchanged and survives a save and load
    assert set(scan.answers) == {"5B-1.1", "5B-9.9"}
    save_scan(scan, tmp_path / "scan.dienstscan")
    assert load_scan(tmp_path / "scan.dienstscan").answers["5B-9.9"].explanation == "Later geschrapt"


def test_removed_item_in_the_format_1_fixture_is_reported(checklists, fixture_copy):
    scan = load_scan(fixture_copy("v1_scan.dienstscan"))
    notes = check_against_checklists(scan, checklists)
    assert any("'5B-9.9'" in note for note in notes)
    assert any("'5B-2.3'" in note for note in notes)
    assert "5B-9.9" in scan.answers


# ----------------------------------------------------------------- checklist version changes (issue 15)


def _shipped_scan(version: str | None, answers: dict[str, str]) -> Assessment:
    scan = Assessment(organisation=Organisation(name="Gemeente Oud"), peildatum=dt.date(2011, 7, 5), frameworks=["ANT"])
    if version is not None:
        scan.checklist_versions["ANT"] = version
    for item_id, option in answers.items():
        scan.answers[item_id] = Answer(option=option)
    return scan


def test_scan_of_the_old_antwoord_version_says_what_changed(tmp_path):
    from dienstscan.checklists import load_checklists
    from dienstscan.scoring import score

    shipped = load_checklists()
    old = _shipped_scan("2007-1", {"ANT-LM-01": "2", "ANT-LP-04": "3", "ANT-LP-01": "4", "ANT-PK-01": "3"})
    path = tmp_path / "oud.dienstscan"
    save_scan(old, path)
    scan = load_scan(path)  # it opens
    notes = check_against_checklists(scan, shipped)
    text = "\n".join(notes)
    # a split item: the old answer is kept, not counted, and must be given again for the parts
    assert ("Antwoord: stelling ANT-LM-01 is in versie 2007-2 gesplitst in ANT-LM-01a en ANT-LM-01b." in text)
    assert "Uw oude antwoord ('Gedeeltelijk ingericht') blijft in de scan bewaard maar telt niet meer mee" in text
    assert "beantwoord ANT-LP-04a en ANT-LP-04b opnieuw" in text
    # a reworded item keeps its answer (the ids match), to be checked
    assert "ANT-LP-01 is in versie 2007-2 anders geformuleerd." in text and scan.answers["ANT-LP-01"].option == "4"
    # the split items are not also reported as unknown items
    assert not any("hoort bij geen item" in n and "ANT-LM-01'" in n for n in notes)
    assert scan.answers["ANT-LM-01"].option == "2"  # kept
    report = score(shipped, scan)
    assert report.completeness.unknown_items == ["ANT-LM-01", "ANT-LP-04"]  # not counted
    assert "ANT-PK-01" not in text  # unchanged items say nothing


def test_scan_of_the_current_version_has_no_change_notes():
    from dienstscan.checklists import load_checklists

    shipped = load_checklists()
    scan = _shipped_scan("2007-2", {"ANT-LM-01a": "2", "ANT-LP-01": "4"})
    assert check_against_checklists(scan, shipped) == []
