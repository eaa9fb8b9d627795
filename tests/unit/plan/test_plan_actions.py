"""Gaps to proposed actions; re-proposing keeps the user's work; own, merged and solution actions."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError
from scan_factory import make_assessment

from dienstscan.model import Answer, ScopeExclusion
from dienstscan.plan import (
    action_from_solution,
    add_own_action,
    edit_action,
    merge_actions,
    propose_actions,
)


def test_every_gap_proposes_an_action(checklists):
    scan = make_assessment({"5B-1.01": "niet_ingevoerd", "5B-1.02": "ingevoerd", "5B-2.01": "gedeeltelijk",
                            "5B-2.02": "niet_van_toepassing", "BSC-01": "deels", "ANT-PK-1": "niveau_2",
                            "ANT-PK-2": "niveau_3", "ANT-FASE": "fase_2"})
    changes = propose_actions(checklists, scan)
    assert changes.added == ["V-BSC-01", "V-5B-1.01", "V-5B-2.01", "V-ANT-FASE", "V-ANT-PK-1"]
    action = scan.action("V-5B-2.01")
    assert action.title == "Voer klachtbehandeling in."
    assert action.priority == "hoog"  # wettelijk
    assert (action.origin, action.decision, action.item_id) == ("voorgesteld", "voorgesteld", "5B-2.01")
    assert "‘Gedeeltelijk ingevoerd’" in action.reason and "wettelijk verplicht" in action.reason
    assert "Bron: bron.txt, 5B-2.01" in action.reason
    assert scan.action("V-5B-1.01").priority == "midden"  # bestuurlijk
    assert scan.action("V-BSC-01").priority == "midden"  # no legal status: the framework's own core
    assert scan.action("V-5B-1.01").theme == "visie"


def test_unanswered_and_out_of_scope_are_no_gaps(checklists):
    scan = make_assessment({"5B-2.01": "niet_ingevoerd", "ANT-PK-1": "niveau_0"}, frameworks=["5B"])
    scan.answers["BSC-01"] = Answer()
    scan.out_of_scope["5B-2"] = ScopeExclusion(justification="x")
    assert propose_actions(checklists, scan).added == []


def test_reproposing_is_idempotent(checklists):
    scan = make_assessment({"5B-1.01": "niet_ingevoerd", "BSC-02": "niet_toegepast"})
    propose_actions(checklists, scan)
    before = scan.model_dump()
    changes = propose_actions(checklists, scan)
    assert not changes.changed
    assert scan.model_dump() == before


def test_closing_and_reopening_keeps_user_work(checklists):
    scan = make_assessment({"5B-1.01": "niet_ingevoerd"})
    propose_actions(checklists, scan)
    action = scan.action("V-5B-1.01")
    edit_action(action, title="Handvest opstellen met de raad", owner="Afdeling Publiekszaken",
                decision="geaccepteerd", start=dt.date(2011, 9, 1), status="in_uitvoering")
    scan.answers["5B-1.01"].option = "ingevoerd"
    changes = propose_actions(checklists, scan)
    assert changes.closed == ["V-5B-1.01"]
    assert action.gap_closed and action in scan.actions
    scan.answers["5B-1.01"].option = "gedeeltelijk"
    changes = propose_actions(checklists, scan)
    assert changes.reopened == ["V-5B-1.01"] and not action.gap_closed
    assert action.title == "Handvest opstellen met de raad"  # edited: kept
    assert "‘Gedeeltelijk ingevoerd’" in action.reason  # not edited: follows the answer
    assert changes.updated == ["V-5B-1.01"]
    assert (action.owner, action.decision, action.status, action.start) == (
        "Afdeling Publiekszaken", "geaccepteerd", "in_uitvoering", dt.date(2011, 9, 1))


def test_rejected_stays_rejected(checklists):
    scan = make_assessment({"BSC-03": "niet_toegepast"})
    propose_actions(checklists, scan)
    scan.action("V-BSC-03").decision = "afgewezen"
    scan.answers["BSC-03"].option = "toegepast"
    propose_actions(checklists, scan)
    scan.answers["BSC-03"].option = "deels"
    propose_actions(checklists, scan)
    assert scan.action("V-BSC-03").decision == "afgewezen"
    assert [a.id for a in scan.actions] == ["V-BSC-03"]


def test_add_own_action_ids_are_unique(checklists):
    scan = make_assessment()
    a = add_own_action(scan, "Dashboard dienstverlening", theme="overig", owner="Concernstaf")
    b = add_own_action(scan, "Telefonische bereikbaarheid meten")
    assert (a.id, b.id) == ("E-1", "E-2")
    assert (a.origin, a.decision, a.owner) == ("eigen", "geaccepteerd", "Concernstaf")
    scan.actions.remove(a)
    assert add_own_action(scan, "Nog een").id == "E-3"
    with pytest.raises(TypeError):
        add_own_action(scan, "x", id="E-9")
    with pytest.raises(TypeError):
        add_own_action(scan, "x", bestaat_niet=1)


def test_edit_action_records_fields_and_validates_first(checklists):
    scan = make_assessment()
    action = add_own_action(scan, "Titel")
    edit_action(action, title="Titel", owner="Jan")  # same title: not an edit
    assert action.edited == ["owner"]
    with pytest.raises(ValidationError):
        edit_action(action, owner="Piet", status="klaar")
    assert action.owner == "Jan"  # nothing applied
    with pytest.raises(TypeError):
        edit_action(action, gap_closed=True)


def test_merge_actions(checklists):
    scan = make_assessment({"5B-1.01": "niet_ingevoerd", "5B-1.02": "niet_ingevoerd", "5B-1.03": "niet_ingevoerd"})
    propose_actions(checklists, scan)
    merge_actions(scan, ["V-5B-1.02"], "V-5B-1.03")
    target = merge_actions(scan, ["V-5B-1.03", "V-5B-1.01"], "V-5B-1.01")
    assert target.id == "V-5B-1.01"
    assert scan.action("V-5B-1.03").merged_into == "V-5B-1.01"
    assert scan.action("V-5B-1.02").merged_into == "V-5B-1.01"  # followed its target
    assert "Samengevoegd: V-5B-1.03" in target.description and "description" in target.edited
    assert len(scan.actions) == 3
    with pytest.raises(ValueError, match="bestaat niet"):
        merge_actions(scan, ["V-GEEN"], "V-5B-1.01")
    with pytest.raises(ValueError, match="al samengevoegd"):
        merge_actions(scan, ["V-5B-1.01"], "V-5B-1.02")
    assert not propose_actions(checklists, scan).changed  # merging is kept by re-proposing


def test_action_from_solution(checklists):
    scan = make_assessment({"BSC-01": "deels"})
    scan.answers["BSC-01"].solutions = ["Eén klantcontactcentrum inrichten", "Website herschrijven"]
    first = action_from_solution(checklists, scan, "BSC-01", 0)
    assert (first.id, first.title, first.decision) == ("V-BSC-01-O1", "Eén klantcontactcentrum inrichten", "geaccepteerd")
    assert action_from_solution(checklists, scan, "BSC-01", 0) is first
    assert action_from_solution(checklists, scan, "BSC-01", 1).id == "V-BSC-01-O2"
    with pytest.raises(ValueError, match="oplossing nummer 3"):
        action_from_solution(checklists, scan, "BSC-01", 2)
    changes = propose_actions(checklists, scan)
    assert changes.added == ["V-BSC-01"]
    scan.answers["BSC-01"].option = "toegepast"
    assert propose_actions(checklists, scan).closed == ["V-BSC-01"]  # solution actions untouched
    assert not scan.action("V-BSC-01-O1").gap_closed


# ------------------------------------------------------------ the action follows the answer (issue 15)


def _shipped_scan(answers):
    import datetime as dt

    from dienstscan.model import Answer, Assessment, Organisation

    scan = Assessment(organisation=Organisation(name="Gemeente Proef"), peildatum=dt.date(2026, 1, 1), frameworks=["5B"])
    for item_id, option in answers.items():
        scan.answers[item_id] = Answer(option=option)
    return scan


def test_action_follows_the_answer():
    from dienstscan.checklists import load_checklists
    from dienstscan.plan import propose_actions

    shipped = load_checklists()
    scan = _shipped_scan({"5B-5.01": "onbekend", "5B-1.01": "gedeeltelijk", "5B-1.04": "niet"})
    propose_actions(shipped, scan)
    unknown, partial, missing = scan.action("V-5B-5.01"), scan.action("V-5B-1.01"), scan.action("V-5B-1.04")
    # Onbekend: find out first, with its own priority (midden, even for a legal duty)
    assert unknown.title.startswith("Zoek uit of „Klachtbehandeling volgens Awb hoofdstuk 9” ingevoerd is")
    assert unknown.priority == "midden"
    # Gedeeltelijk: complete what exists, the item's action as direction, the item's priority
    action = shipped.item("5B-1.01").suggested_action
    assert partial.title == "Maak af wat er al is: " + action[0].lower() + action[1:]
    assert partial.priority == "midden"  # bestuurlijk
    # Niet: the item's own action
    assert missing.title == shipped.item("5B-1.04").suggested_action


def test_a_norm_not_yet_assessed_proposes_to_find_out():
    """BSC 'Nog niet beoordeeld' is a gap like 5 beloften 'Onbekend': first find out, then comply
    or explain (it proposed nothing, so an unassessed norm never reached the plan)."""
    from dienstscan.checklists import load_checklists
    from dienstscan.plan import propose_actions

    shipped = load_checklists()
    scan = _shipped_scan({"BSC-04": "onbekend"})
    scan.frameworks = ["BSC"]
    propose_actions(shipped, scan)
    action = scan.action("V-BSC-04")
    assert action.title.startswith("Zoek uit of „Persoonlijke informatieservice” toegepast is")
    assert action.priority == "midden"


def test_answer_change_refreshes_the_proposal_but_keeps_user_edits():
    from dienstscan.checklists import load_checklists
    from dienstscan.model import Answer
    from dienstscan.plan import edit_action, propose_actions

    shipped = load_checklists()
    scan = _shipped_scan({"5B-5.01": "onbekend", "5B-4.01": "onbekend"})
    propose_actions(shipped, scan)
    edit_action(scan.action("V-5B-5.01"), title="Eigen titel: klachtenregeling nakijken")
    scan.answers["5B-5.01"] = Answer(option="niet")  # found out: not there
    scan.answers["5B-4.01"] = Answer(option="niet")
    changes = propose_actions(shipped, scan)
    edited, followed = scan.action("V-5B-5.01"), scan.action("V-5B-4.01")
    assert edited.title == "Eigen titel: klachtenregeling nakijken"  # the user's edit is kept
    assert edited.priority == "hoog"  # not edited: follows the answer (a known legal gap)
    assert followed.title == shipped.item("5B-4.01").suggested_action and followed.priority == "hoog"
    assert set(changes.updated) == {"V-5B-5.01", "V-5B-4.01"}
