"""Priority from today's legal status ("stand 2026"), never from an unverified statement."""

from __future__ import annotations

import datetime as dt

import pytest

from dienstscan.checklists import load_checklists
from dienstscan.model import Answer, Assessment, CurrentNote, Item, Organisation, SourceRef
from dienstscan.plan import priority_for, priority_status, propose_actions, status_sentence


@pytest.fixture(scope="module")
def shipped():
    return load_checklists()


def _note(**kw) -> CurrentNote:
    base = dict(item="X", text="t", source=SourceRef(document="Wet x, artikel 1"), checked="2026-11-29")
    return CurrentNote(**{**base, **kw})


def test_a_verified_obligation_of_today_raises_the_priority(shipped):
    item = shipped.item("5B-5.06")  # webrichtlijnen: bestuurlijk then, Besluit digitale toegankelijkheid now
    assert priority_for(item) == "midden"
    assert priority_for(item, shipped.current_note("5B-5.06")) == "hoog"
    sentence = status_sentence(item, shipped.current_note("5B-5.06"))
    assert "Status toen: bestuurlijk afgesproken" in sentence and "wettelijk verplicht sinds 1 juli 2018" in sentence


def test_a_lapsed_obligation_no_longer_counts_and_says_so(shipped):
    item = shipped.item("5B-4.02")
    lapsed = _note(item=item.id, lapsed=True)
    assert priority_status(item, lapsed) == "overig" and priority_for(item, lapsed) == "laag"
    assert "verplichting van toen vervallen" in status_sentence(item, lapsed)


def test_an_unverified_note_neither_raises_nor_keeps_a_legal_priority(shipped):
    item = shipped.item("5B-5.03")  # burgerjaarverslag: wettelijk then, lapsed today but not verified
    note = shipped.current_note("5B-5.03")
    assert note.lapsed and not note.verified and item.legal_status == "wettelijk"
    assert priority_for(item) == "hoog"            # the status of then, without the note
    assert priority_status(item, note) is None and priority_for(item, note) == "midden"
    assert "niet geverifieerd" in status_sentence(item, note)
    # an unverified note that claims a duty today does not raise a low priority either
    low = shipped.item("5B-1.05")
    assert low.legal_status == "overig"
    claim = _note(item=low.id, legal_status="wettelijk", since="2020", verified=False, not_verified="alles")
    assert priority_for(low, claim) == priority_for(low) == "laag"


def test_a_note_not_yet_in_force_sets_no_priority(shipped):
    item = shipped.item("5B-1.05")
    future = _note(item=item.id, legal_status="wettelijk", since="2027-12-02", checked="2026-12-04")
    assert not future.in_force and not future.counts_for_priority
    assert priority_for(item, future) == "laag"
    assert "vanaf 2 december 2027 wettelijk verplicht, nog niet in werking" in status_sentence(item, future)
    now = _note(item=item.id, legal_status="wettelijk", since="2026-12-04", checked="2026-12-04")
    assert now.in_force and priority_for(item, now) == "hoog"


def test_an_item_status_not_yet_in_force_sets_no_priority(shipped):
    base = shipped.item("DO26-3.01").model_dump()
    later = Item.model_validate({**base, "since": "2027-12-02"})
    assert priority_for(later, None, "2026-12-04") == "midden"
    assert "vanaf 2 december 2027, nog niet in werking" in status_sentence(later, None, "2026-12-04")
    earlier = Item.model_validate({**base, "since": "2022-05-01"})
    assert priority_for(earlier, None, "2026-12-04") == "hoog"
    # a dated status without a check date is not known to be in force
    assert priority_for(earlier, None, None) == "midden"


def test_an_unverified_item_status_sets_no_priority(shipped):
    item = shipped.item("DO26-2.04")
    assert item.not_verified and item.legal_status == "overig"
    assert priority_status(item) is None and priority_for(item) == "midden"
    assert "(niet geverifieerd)" in status_sentence(item)


def test_a_lapsed_note_cannot_claim_a_legal_obligation_today():
    with pytest.raises(ValueError):
        _note(lapsed=True, legal_status="wettelijk")


def test_proposals_follow_todays_law(shipped):
    scan = Assessment(organisation=Organisation(name="Gemeente 2026", kind="gemeente"),
                      peildatum=dt.date(2026, 11, 1), frameworks=["5B", "DO26"])
    scan.answers["5B-5.06"] = Answer(option="niet")
    scan.answers["5B-1.05"] = Answer(option="niet")   # no note: priority from its source
    scan.answers["DO26-3.01"] = Answer(option="niet")
    propose_actions(shipped, scan)
    by_item = {a.item_id: a for a in scan.actions}
    assert by_item["5B-5.06"].priority == "hoog"
    assert "stand 2026" in by_item["5B-5.06"].reason
    assert by_item["5B-1.05"].priority == priority_for(shipped.item("5B-1.05"))
    assert by_item["DO26-3.01"].priority == "hoog"


def test_an_unverified_note_says_what_is_not_verified():
    with pytest.raises(ValueError, match="not_verified"):
        _note(verified=False)
    note = _note(text="Zo is het.", not_verified="de datum")
    assert note.counts_for_priority   # a verified note may name a detail it did not check
    assert "Zo is het. Niet geverifieerd: de datum. Bron: Wet x, artikel 1." in note.full_text()
