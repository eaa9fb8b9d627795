"""Save -> load gives back exactly the scan; backups, format stability and format-1 migration."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dienstscan.model.checklist import KEY_FIGURE_LIMIT
from dienstscan.model import (
    INDIVIDUAL_ROUNDS,
    Action,
    Answer,
    Assessment,
    Evidence,
    KeyFigureValue,
    Organisation,
    Participant,
    Poll,
    ScopeExclusion,
)
from dienstscan.storage import ScanFileError, backup_path, load_scan, read_scan, save_scan
from dienstscan.storage.migrations import CURRENT_FORMAT_VERSION, MIGRATIONS, OLDEST_FORMAT_VERSION
from dienstscan.storage.scanfile import decode_scan, encode_scan

# ------------------------------------------------------------------------------- strategies

_SPECIAL = st.sampled_from(["ë", "é", "ï", "ü", "€", "›", "—", "\n", "\t", '"', "\\", "IJ", "😀", "\u00a0", "\x00"])
text = st.lists(st.one_of(st.characters(exclude_categories=("Cs",)), _SPECIAL), max_size=25).map("".join)
name_text = text.filter(lambda s: 0 < len(s.strip()) <= 200)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
zones = st.sampled_from([None, dt.timezone.utc, dt.timezone(dt.timedelta(hours=2))])
datetimes = st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=zones)
counts = st.integers(min_value=0, max_value=10**6)
ids = st.text(min_size=1, max_size=20)

polls = st.builds(Poll, ja=counts, twijfel=counts, nee=counts)
evidence = st.builds(
    Evidence,
    basis=st.none() | st.sampled_from(["document", "interview", "meting", "waarneming"]),
    reference=text,
    date=st.none() | dates,
)
answers = st.builds(
    Answer,
    option=st.none() | ids,
    explanation=text,
    notes=text,
    evidence=evidence,
    barriers=st.lists(text, max_size=3),
    causes=st.lists(text, max_size=3),
    solutions=st.lists(text, max_size=3),
    poll=st.none() | polls,
    individual=st.dictionaries(st.sampled_from(INDIVIDUAL_ROUNDS), st.lists(ids, min_size=1, max_size=4), max_size=3),
    from_previous_cycle=st.booleans(),
    answered_at=st.none() | datetimes,
)
actions = st.builds(
    Action,
    id=st.text(min_size=1, max_size=60).filter(lambda s: s.strip() != ""),
    origin=st.sampled_from(["voorgesteld", "eigen"]),
    item_id=st.none() | ids,
    decision=st.sampled_from(["voorgesteld", "geaccepteerd", "afgewezen"]),
    title=name_text,
    description=text,
    reason=text,
    theme=ids,
    priority=st.sampled_from(["hoog", "midden", "laag"]),
    owner=text,
    start=st.none() | dates,
    end=st.none() | dates,
    indicator=text,
    target=text,
    status=st.sampled_from(["gepland", "in_uitvoering", "gereed", "uitgesteld", "vervallen"]),
    progress=text,
    measured_value=text,
    measured_on=st.none() | dates,
    conclusion=text,
    act=st.none() | st.sampled_from(["borgen", "bijstellen", "stoppen"]),
    act_note=text,
    gap_closed=st.booleans(),
    merged_into=st.none() | ids,
    edited=st.lists(st.sampled_from(["title", "owner", "end", "status"]), max_size=3),
)
assessments = st.builds(
    Assessment,
    id=st.uuids().map(str) | ids,
    organisation=st.builds(
        Organisation,
        name=name_text,
        kind=st.sampled_from(["gemeente", "provincie", "waterschap", "ministerie", "uitvoeringsorganisatie"]),
        inhabitants=st.none() | counts,
    ),
    peildatum=dates,
    participants=st.lists(st.builds(Participant, name=name_text, role=text), max_size=3),
    frameworks=st.lists(ids, max_size=3, unique=True),  # a framework twice is refused at load
    checklist_versions=st.dictionaries(ids, text, max_size=3),
    out_of_scope=st.dictionaries(ids, st.builds(ScopeExclusion, justification=name_text), max_size=2),
    answers=st.dictionaries(ids, answers, max_size=5),
    key_figures=st.dictionaries(
        ids,
        st.builds(
            KeyFigureValue,
            value=st.none() | st.floats(min_value=-KEY_FIGURE_LIMIT, max_value=KEY_FIGURE_LIMIT),
            note=text,
            date=st.none() | dates,
        ),
        max_size=3,
    ),
    actions=st.lists(actions, max_size=4, unique_by=lambda a: a.id),  # ids twice are refused at load
    previous_scan_id=st.none() | ids,
    created=datetimes,
    modified=datetimes,
)


@settings(max_examples=100, deadline=None)
@given(assessments)
def test_encode_decode_round_trip(assessment):
    loaded = decode_scan(encode_scan(assessment), Path("geheugen.dienstscan"))
    assert loaded.assessment == assessment
    assert loaded.format_version == CURRENT_FORMAT_VERSION and not loaded.migrated


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=assessments, second=assessments)
def test_save_load_round_trip_on_disk(first, second):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scan.dienstscan"
        save_scan(first, path)
        assert load_scan(path) == first
        save_scan(second, path)
        assert load_scan(path) == second
        assert load_scan(backup_path(path)) == first
        assert sorted(os.listdir(folder)) == ["scan.dienstscan", "scan.dienstscan.bak"]


# ------------------------------------------------------------------------- saving specifics


def test_backup_holds_the_previous_version(tmp_path, scan):
    path = tmp_path / "scan.dienstscan"
    save_scan(scan, path)
    assert not backup_path(path).exists()
    first = path.read_bytes()

    scan.organisation.name = "Tweede versie"
    save_scan(scan, path)
    assert backup_path(path).read_bytes() == first
    second = path.read_bytes()

    scan.organisation.name = "Derde versie"
    save_scan(scan, path, keep_backup=False)
    assert backup_path(path).read_bytes() == first  # not moved on without a backup
    assert load_scan(path).organisation.name == "Derde versie"
    assert second != path.read_bytes()


def test_save_updates_modified(tmp_path, scan):
    scan.modified = dt.datetime(2000, 1, 1)
    before = dt.datetime.now()
    save_scan(scan, tmp_path / "scan.dienstscan")
    assert scan.modified >= before
    assert load_scan(tmp_path / "scan.dienstscan").modified == scan.modified


def test_file_is_utf8_json_with_envelope(tmp_path, scan):
    path = tmp_path / "scan.dienstscan"
    save_scan(scan, path)
    raw = path.read_bytes()
    assert "Ëmmen".encode() in raw and "café".encode() in raw  # not \\u escapes
    document = json.loads(raw.decode("utf-8"))
    assert document["format"] == "dienstscan"
    assert document["format_version"] == CURRENT_FORMAT_VERSION
    assert document["app_version"]
    assert dt.datetime.fromisoformat(document["saved_at"]).tzinfo is not None
    assert document["scan"] == scan.model_dump(mode="json")


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_save_keeps_the_file_mode(tmp_path, scan):
    path = tmp_path / "scan.dienstscan"
    save_scan(scan, path)
    path.chmod(0o640)
    save_scan(scan, path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_valid_v3_fixture_reads_and_writes_the_same_scan(fixture_copy):
    """Guards the format: the shipped fixture reads, and writing it again gives the same JSON."""
    path = fixture_copy("valid_v3.dienstscan")
    loaded = read_scan(path)
    scan = loaded.assessment
    assert (loaded.format_version, loaded.app_version, loaded.migrated) == (3, "0.1.0", False)
    assert scan.answers["5B-1.1"].individual == {"formulier": ["ingevoerd", "niet"],
                                                 "voorronde": ["ingevoerd", "ingevoerd", "niet"],
                                                 "live": ["ingevoerd", "ingevoerd", "ingevoerd"]}
    assert scan.organisation.name == "Gemeente Voorbeeld-Zuidoëst"
    assert scan.participants[0].name == "José van Dijk"
    assert scan.answers["5B-1.1"].poll == Poll(ja=7, twijfel=2, nee=1)
    assert scan.answers["5B-1.1"].evidence.date == dt.date(2011, 3, 1)
    assert scan.answers["BSC-03"].barriers == ["Te weinig personeel op maandag"]
    assert scan.out_of_scope["bsc-7"].justification.startswith("Geen loketten")
    assert scan.actions[0].end == dt.date(2011, 12, 31)
    original = json.loads(path.read_text(encoding="utf-8"))
    assert json.loads(encode_scan(scan))["scan"] == original["scan"]


# -------------------------------------------------------------------------------- migration


def test_format_2_individual_answers_get_the_round_onbekend_not_a_guessed_one(fixture_copy, snapshot):
    """Format 2 kept one list of individual answers for every round (issue 25): the upgrade cannot
    know whose were the voorronde's or live, so they go under 'onbekend' as they were."""
    path = fixture_copy("valid_v2.dienstscan")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["scan"]["answers"]["5B-1.1"]["individual"] = ["ingevoerd", "niet", "ingevoerd"]
    path.write_text(json.dumps(document), encoding="utf-8")
    before = snapshot(path.parent)
    loaded = read_scan(path)
    assert loaded.migrated and loaded.format_version == 2
    assert snapshot(path.parent) == before  # the file is upgraded in memory only
    answers = loaded.assessment.answers
    assert answers["5B-1.1"].individual == {"onbekend": ["ingevoerd", "niet", "ingevoerd"]}
    assert answers["BSC-03"].individual == {}  # an empty list is no round at all
    save_scan(loaded.assessment, path)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["format_version"] == CURRENT_FORMAT_VERSION == 3
    assert written["scan"]["answers"]["5B-1.1"]["individual"] == {"onbekend": ["ingevoerd", "niet", "ingevoerd"]}
    assert load_scan(path) == loaded.assessment


def test_a_damaged_format_2_individual_value_is_named_not_dropped(fixture_copy):
    path = fixture_copy("valid_v2.dienstscan")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["scan"]["answers"]["5B-1.1"]["individual"] = "ingevoerd"
    path.write_text(json.dumps(document), encoding="utf-8")
    error = pytest.raises(ScanFileError, load_scan, path).value
    assert error.code == "invalid" and "individuele antwoorden" in str(error)


def test_an_unknown_round_in_format_3_is_refused_in_dutch(fixture_copy):
    path = fixture_copy("valid_v3.dienstscan")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["scan"]["answers"]["5B-1.1"]["individual"] = {"pauze": ["ingevoerd"]}
    path.write_text(json.dumps(document), encoding="utf-8")
    error = pytest.raises(ScanFileError, load_scan, path).value
    assert error.code == "invalid" and "individuele antwoorden" in str(error) and "pauze" in str(error)


def test_every_older_format_has_a_migration_step():
    assert sorted(MIGRATIONS) == list(range(OLDEST_FORMAT_VERSION, CURRENT_FORMAT_VERSION))


def test_format_1_is_upgraded_on_load_and_the_file_left_alone(fixture_copy, snapshot):
    path = fixture_copy("v1_scan.dienstscan")
    before = snapshot(path.parent)
    loaded = read_scan(path)
    scan = loaded.assessment
    assert loaded.migrated and loaded.format_version == 1 and loaded.app_version == "0.0.3"
    assert snapshot(path.parent) == before

    assert scan.id == "0b6f2c1e-7d3a-4e08-9f2b-3c4d5e6f7a80"
    assert scan.organisation == Organisation(name="Gemeente Bergen (NH)", kind="gemeente", inhabitants=31000)
    assert scan.peildatum == dt.date(2010, 11, 1)
    assert list(scan.answers) == ["5B-1.1", "5B-2.3", "5B-9.9"]  # the removed item's answer is kept
    first = scan.answers["5B-1.1"]
    assert first.option == "ingevoerd"
    assert first.explanation == "Eén nummer voor de hele gemeente."
    assert first.evidence == Evidence(basis="document", reference="Dienstverleningsconcept 2009", date=dt.date(2010, 9, 1))
    assert first.poll == Poll(ja=5, twijfel=1, nee=0)
    assert scan.answers["5B-2.3"].barriers == ["Geen budget in 2010"]
    assert scan.answers["5B-2.3"].evidence == Evidence()
    assert scan.key_figures == {"fcr": KeyFigureValue(value=55.0), "wachttijd-telefoon": KeyFigureValue(value=None)}
    assert scan.out_of_scope == {}
    assert scan.actions[0].end == dt.date(2011, 6, 30)


def test_saving_an_upgraded_scan_writes_the_current_format_and_keeps_format_1_as_backup(fixture_copy):
    path = fixture_copy("v1_scan.dienstscan")
    old = path.read_bytes()
    scan = load_scan(path)
    save_scan(scan, path)
    assert backup_path(path).read_bytes() == old
    assert read_scan(path).format_version == CURRENT_FORMAT_VERSION
    assert load_scan(path) == scan


def _v1_with(tmp_path: Path, answers) -> Path:
    document = json.loads(
        (Path(__file__).resolve().parents[2] / "fixtures" / "scans" / "v1_scan.dienstscan").read_text(encoding="utf-8")
    )
    document["scan"]["answers"] = answers
    path = tmp_path / "oud.dienstscan"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_format_1_with_an_item_answered_twice_is_refused_not_guessed(tmp_path):
    path = _v1_with(tmp_path, [{"item_id": "5B-1.1", "option": "niet"}, {"item_id": "5B-1.1", "option": "ingevoerd"}])
    error = pytest.raises(ScanFileError, load_scan, path).value
    assert error.code == "invalid"
    assert "formaat 1" in str(error) and "'5B-1.1' is twee keer beantwoord" in str(error)


@pytest.mark.parametrize(
    ("answers", "phrase"),
    [
        ({"5B-1.1": {}}, "moet in formaat 1 een lijst zijn"),
        (["ja"], "antwoord nr. 1 is geen JSON-object"),
        ([{"option": "ja"}], "antwoord nr. 1 heeft geen item"),
    ],
)
def test_damaged_format_1_is_explained(tmp_path, answers, phrase):
    error = pytest.raises(ScanFileError, load_scan, _v1_with(tmp_path, answers)).value
    assert error.code == "invalid" and phrase in str(error)


def test_format_1_with_wrong_types_names_the_field_after_upgrade(tmp_path):
    path = _v1_with(tmp_path, [{"item_id": "5B-1.1", "evidence_date": "vorig jaar"}])
    error = pytest.raises(ScanFileError, load_scan, path).value
    assert "antwoorden › '5B-1.1' › basis van het antwoord › datum" in str(error)


def test_newer_format_number_from_a_far_future(fixture_copy):
    path = fixture_copy("valid_v2.dienstscan")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["format_version"] = 17
    del document["app_version"]
    path.write_text(json.dumps(document), encoding="utf-8")
    message = str(pytest.raises(ScanFileError, load_scan, path).value)
    assert f"(formaat 17); deze versie kan formaat {CURRENT_FORMAT_VERSION} lezen. Het bestand is niet gewijzigd." in message
