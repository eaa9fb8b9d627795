"""Every "hoog" in the shipped content rests on a legal statement that is verified and was in force
on the day it was checked (issue 26): a municipality that follows a "hoog, wettelijk verplicht"
line into its plan must be able to rely on it.

The check below is written from the content's own fields, not from ``priority_status``: it finds
the statement a "hoog" comes from and asks whether that statement may set a priority at all. A
test with a deliberately wrong rule shows the check catches a "hoog" from an unverified or
not-yet-in-force statement.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dienstscan.checklists import load_checklists
from dienstscan.model import ChecklistSet
from dienstscan.model.checklist import partial_date_start
from dienstscan.plan import priority_for

RANK = {"hoog": 0, "midden": 1, "laag": 2}


@pytest.fixture(scope="module")
def shipped() -> ChecklistSet:
    return load_checklists()


def _in_force(since: str | None, checked: str | None) -> bool:
    if since is None:
        return True
    return checked is not None and partial_date_start(since) <= partial_date_start(checked)


def unreliable_highs(checklists: ChecklistSet, rule: Callable[..., str] = priority_for) -> list[str]:
    """Every item whose gap ``rule`` makes *hoog* while no verified, in-force statement says
    'wettelijk' today, with the reason (empty when all is well)."""
    problems = []
    for fw, _section, item in checklists.walk():
        note = checklists.current_note(item.id)
        if rule(item, note, fw.checked) != "hoog":
            continue
        if note is not None:
            if not note.verified:
                problems.append(f"{item.id}: hoog terwijl de stand van nu niet geverifieerd is")
                continue
            if not _in_force(note.since, note.checked):
                problems.append(f"{item.id}: hoog uit een stand van nu die pas op {note.since} ingaat")
                continue
            if note.lapsed:
                problems.append(f"{item.id}: hoog terwijl de verplichting vervallen is")
                continue
            if note.legal_status == "wettelijk":
                continue  # today's verified, in-force statement
        if item.legal_status != "wettelijk":
            problems.append(f"{item.id}: hoog zonder een wettelijke status")
        elif item.not_verified:
            problems.append(f"{item.id}: hoog uit een niet geverifieerde status ({item.not_verified[:60]}...)")
        elif not _in_force(item.since, fw.checked):
            problems.append(f"{item.id}: hoog uit een status die pas op {item.since} ingaat")
    return problems


def test_no_high_priority_rests_on_an_unverified_or_future_statement(shipped):
    assert unreliable_highs(shipped) == []


def test_the_check_catches_a_rule_that_trusts_unverified_or_future_statements(shipped):
    def naive(item, note, checked):   # the old rule: any note's status, and the item's own status
        status = note.legal_status if note is not None and note.legal_status else item.legal_status
        return "hoog" if status == "wettelijk" else "midden"

    found = "\n".join(unreliable_highs(shipped, naive))
    assert "5B-5.03: hoog terwijl de stand van nu niet geverifieerd is" in found     # burgerjaarverslag
    assert "DO26-3.05: hoog uit een niet geverifieerde status" in found              # AI high risk
    assert "DO26-2.07: hoog uit een niet geverifieerde status" in found              # EDI wallet


def test_nothing_unverified_raises_a_priority(shipped):
    for fw, _section, item in shipped.walk():
        note = shipped.current_note(item.id)
        if note is not None and not note.counts_for_priority:
            with_note, without = priority_for(item, note, fw.checked), priority_for(item, None, fw.checked)
            assert RANK[with_note] >= RANK[without], item.id


@pytest.mark.parametrize(("item_id", "expected"), [
    ("5B-5.03", "midden"),    # burgerjaarverslag: wettelijk then, lapse not verified -> no "hoog"
    ("5B-5.07", "laag"),      # raadsstukken: not in the Woo's first tranche, nothing "wettelijk"
    ("5B-2.04", "midden"),    # DigiD e-forms: the Wmebv requires a channel, not this instrument
    ("5B-5.06", "hoog"),      # webrichtlijnen -> Besluit digitale toegankelijkheid overheid
    ("5B-4.06", "hoog"),      # Wdo: all admitted login means
    ("5B-5.01", "hoog"),      # Awb chapter 9, external complaint handling since 2005
    ("5B-5.08", "midden"),    # participatieverordening: entry into force not verified
    ("DO26-3.04", "hoog"),    # AI literacy since 2 February 2025
    ("DO26-3.05", "midden"),  # AI high risk: from 2 December 2027
    ("DO26-2.07", "midden"),  # EDI wallet: acceptance date not verified
    ("DO26-3.06", "midden"),  # Cyberbeveiligingswet: status in 2026 not verified
    ("DO26-3.07", "midden"),  # Archiefwet: entry into force not verified
    ("DO26-2.06", "hoog"),    # Wet dwangsom, 1 October 2009
    ("DO26-4.04", "hoog"),    # ombudsman, Awb title 9.2
])
def test_priorities_named_in_the_issue(shipped, item_id, expected):
    fw, _section, item = shipped.locate(item_id)
    assert priority_for(item, shipped.current_note(item_id), fw.checked) == expected


def test_the_corrected_statements(shipped):
    woo = shipped.current_note("5B-5.07")
    assert woo.legal_status is None and "1 november 2024" in woo.text and "latere tranche" in woo.not_verified
    assert "vier weken" in woo.text and "twee weken" in woo.text
    wmebv = shipped.current_note("5B-2.04")
    assert "aangewezen" in wmebv.text and "niet" in wmebv.text and wmebv.legal_status is None
    brp = shipped.current_note("5B-4.02")
    assert brp.since == "2014-01-06" and "Stb. 2013, 494" in brp.source.place
    assert "Aanpassingsbesluit" in brp.text and "Stb. 2013, 315" in brp.not_verified
    assert "samen" not in brp.text   # the RNI was set up with the BRP, not merged into it
    bsc09 = shipped.current_note("BSC-09")
    assert "noemt geen burgerjaarverslag" in bsc09.text and "respondenten" in bsc09.text
    assert "Webrichtlijnen" not in shipped.item("5B-5.06").suggested_action.split("(")[0]
    assert "EN 301 549" in shipped.item("5B-5.06").suggested_action
    assert "alle door de overheid toegelaten inlogmiddelen" in shipped.item("5B-4.06").suggested_action
    access = shipped.item("DO26-1.02")
    assert "voldoet gedeeltelijk" in access.explanation and "kan een organisatie aan de wet voldoen" not in access.explanation
    assert "23 september 2019" in shipped.item("DO26-1.01").explanation
    algorithms = shipped.item("DO26-3.03").explanation
    assert "AI-verordening" in algorithms and "2 december 2027" in algorithms


def test_the_2026_checklist_speaks_of_the_organisation_not_the_municipality(shipped):
    fw = shipped.framework("DO26")
    texts = [fw.description] + [t for s in fw.sections for t in (s.description,)]
    for item in fw.all_items():
        texts += [item.text, item.explanation, item.suggested_action]
    assert not [t for t in texts if "de gemeente" in t.lower()]
