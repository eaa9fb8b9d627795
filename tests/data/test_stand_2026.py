"""The shipped "stand 2026" content: real notes with a named law or page and a date, the optional
fourth checklist, and what ``validate`` warns about. Asserts content, so a note that loses its
source or its date fails here."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dienstscan.checklists import load_checklists
from dienstscan.checklists.currency import MAX_NOTE_AGE_DAYS, content_warnings
from dienstscan.cli import main
from dienstscan.model import ChecklistSet, SourceRef


@pytest.fixture(scope="module")
def shipped():
    return load_checklists()


#: Changes the issue names, each with the item it belongs to and a word its source must name.
EXPECTED = {
    "5B-4.02": ("BRP", "Basisregistratie Personen"),          # GBA -> BRP
    "5B-3.07": ("Wmo 2015", "Wet maatschappelijke ondersteuning 2015"),
    "5B-5.06": ("toegankelijkheidsverklaring", "Besluit digitale toegankelijkheid overheid"),
    "5B-5.03": ("burgerjaarverslag", "burgerjaarverslag"),
    "5B-4.06": ("Wet digitale overheid", "Wet digitale overheid"),
    "5B-4.07": ("eHerkenning", "Wet digitale overheid"),
    "5B-1.08": ("Omgevingswet", "Omgevingswet"),
    "5B-5.07": ("Wet open overheid", "Wet open overheid"),
    "5B-4.08": ("artikel 15", "Algemene verordening gegevensbescherming"),
    "5B-2.05": ("Berichtenbox", "Wdo"),
    "5B-2.04": ("aangewezen", "Wet modernisering elektronisch bestuurlijk verkeer"),
    "5B-5.05": ("Wet elektronische publicaties", "Stb. 2020, 262"),
    "5B-2.08": ("Wet dwangsom", "Wet dwangsom en beroep bij niet tijdig beslissen"),
    "5B-5.01": ("ombudsman", "titel 9.2"),
    "BSC-08": ("Behoorlijkheidswijzer", "titel 9.2"),
    "5B-5.08": ("participatieverordening", "participatie op decentraal niveau"),
    "BSC-10": ("participatieverordening", "participatie op decentraal niveau"),
    "BSC-07": ("Cyberbeveiligingswet", "Wet digitale overheid"),
}
LAW_WORDS = re.compile(r"\b(Wet|wet|Besluit|Verordening|Awb|AVG|Gemeentewet|Regeling|Kamerstuk|Stb\.|Stcrt\.)\b|\.nl\b")


def test_every_expected_change_has_a_note_naming_its_law(shipped):
    for item_id, (in_text, in_source) in EXPECTED.items():
        note = shipped.current_note(item_id)
        assert note is not None, item_id
        assert in_text.lower() in note.text.lower(), item_id
        source = " ".join((note.source.cite(), note.source.place, note.source.note))
        assert in_source.lower() in source.lower(), item_id


def test_every_note_has_a_checkable_source_and_a_date(shipped):
    assert len(shipped.current_notes) == 21
    for note in shipped.current_notes.values():
        assert shipped.has_item(note.item)
        assert LAW_WORDS.search(note.source.cite()), note.item
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", note.checked), note.item
        assert note.source.date and note.source.place, f"{note.item}: the source has a date and a place"
        if note.verified and (note.legal_status or note.lapsed):
            assert note.since or note.lapsed, f"{note.item}: a status of today says since when"
        if not note.verified:
            assert note.not_verified and "Niet geverifieerd: " in note.full_text(), note.item


def test_the_historical_status_stays_beside_today(shipped):
    # the webrichtlijnen item was agreed then, required today: both are kept
    item, note = shipped.item("5B-5.06"), shipped.current_note("5B-5.06")
    assert item.legal_status == "bestuurlijk" and note.legal_status == "wettelijk"
    assert "webrichtlijnen" in item.text.lower()


def test_fourth_checklist_is_sourced_and_dated(shipped):
    fw = shipped.framework("DO26")
    items = fw.all_items()
    assert len(items) == 23 and not fw.preselect
    assert fw.checked == "2026-12-04" and "4 december 2026" in fw.description
    assert "geen officiële lijst" in fw.description
    assert not shipped.benchmarks_for("DO26")
    for item in items:
        assert item.source.cite() and item.legal_status and item.provenance is not None, item.id
        assert item.theme in shipped.themes and item.suggested_action, item.id
        if item.legal_status == "wettelijk":
            assert item.source.date and item.source.place, f"{item.id}: a legal status names date and place"
            assert item.since or item.not_verified, f"{item.id}: a legal duty says since when, or that it is not verified"


def test_validate_warns_for_every_unverified_statement_and_old_note(shipped):
    now = content_warnings(shipped, dt.date(2026, 11, 29))
    unverified_notes = {n.item for n in shipped.current_notes.values() if not n.verified}
    unverified_items = {i.id for fw in shipped.frameworks for i in fw.all_items() if i.not_verified}
    assert {w.item_id for w in now} == unverified_notes | unverified_items
    # only unverified statements are warned about: the rest names its source's date and place
    assert not any("een lezer kan de uitspraak zo niet nagaan" in w.message for w in now
                   if w.item_id not in unverified_notes | unverified_items)
    newest = max(dt.date.fromisoformat(n.checked) for n in shipped.current_notes.values())
    later = content_warnings(shipped, newest + dt.timedelta(days=MAX_NOTE_AGE_DAYS + 1))
    assert sum("controleer hem opnieuw" in w.message for w in later) == len(shipped.current_notes)


def test_validate_prints_warnings_and_still_succeeds(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "Waarschuwing: 5B-5.03: stand van nu niet geverifieerd" in out
    assert "Waarschuwing: DO26-2.04: juridische status niet geverifieerd" in out
    assert "Waarschuwing: DO26-3.05: juridische status geldt pas vanaf 2 december 2027" in out


def _with_note(shipped, note):
    return ChecklistSet(frameworks=shipped.frameworks, scales=shipped.scales, themes=shipped.themes,
                        benchmarks=shipped.benchmarks, key_figures=shipped.key_figures,
                        documents=shipped.documents, current_notes={**shipped.current_notes, note.item: note})


def test_validate_warns_on_a_legal_note_without_source_date_or_place(shipped):
    good = shipped.current_note("5B-5.06")
    assert not [w for w in content_warnings(shipped, dt.date(2026, 12, 4)) if w.item_id == "5B-5.06"]
    undated = good.model_copy(update={"source": SourceRef(document=good.source.document, place=good.source.place)})
    messages = [w.message for w in content_warnings(_with_note(shipped, undated), dt.date(2026, 12, 4))
                if w.item_id == "5B-5.06"]
    assert len(messages) == 1 and "de datum van de bron ('source.date')" in messages[0]
    nowhere = good.model_copy(update={"source": SourceRef(document=good.source.document, date=good.source.date)})
    messages = [w.message for w in content_warnings(_with_note(shipped, nowhere), dt.date(2026, 12, 4))
                if w.item_id == "5B-5.06"]
    assert len(messages) == 1 and "de vindplaats ('source.place'" in messages[0]
    sinceless = good.model_copy(update={"since": None})
    messages = [w.message for w in content_warnings(_with_note(shipped, sinceless), dt.date(2026, 12, 4))
                if w.item_id == "5B-5.06"]
    assert len(messages) == 1 and "sinds wanneer het geldt ('since')" in messages[0]


def test_the_docs_list_every_legal_statement_with_source_date_place_and_status(shipped):
    import importlib.util
    from pathlib import Path

    from dienstscan.checklists.statements import legal_statements, statements_markdown

    root = Path(__file__).resolve().parents[2]
    page = (root / "docs" / "stand-2026.md").read_text(encoding="utf-8")
    assert statements_markdown(shipped) in page, "docs/stand-2026.md is verouderd: python tools/gen_stand_doc.py"
    rows = legal_statements(shipped)
    listed = {row.item_id for row in rows}
    assert set(shipped.current_notes) <= listed
    assert {i.id for i in shipped.framework("DO26").all_items() if i.legal_status == "wettelijk"} <= listed
    for row in rows:
        assert row.status.startswith(("geverifieerd", "niet geverifieerd", "status van toen")), row
        if row.kind != "status van toen":
            assert row.source.date and row.source.place, row.item_id
    by_item = {(r.item_id, r.kind): r for r in rows}
    assert by_item[("5B-5.03", "stand van nu")].status.startswith("niet geverifieerd")
    assert by_item[("DO26-1.01", "item 2026")].status.startswith("geverifieerd; niet geverifieerd: ")
    assert "23 september 2019" in by_item[("DO26-1.01", "item 2026")].status
    # the tool that writes the table agrees
    spec = importlib.util.spec_from_file_location("gen_stand_doc", root / "tools" / "gen_stand_doc.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.main(["--check"]) == 0
    assert tool.updated("Kop\n", "TABEL\n") == "Kop\n\nTABEL\n"
