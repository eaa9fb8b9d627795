"""next_cycle: what is copied, what is marked, what is reported instead of silently dropped."""

from __future__ import annotations

import datetime as dt

import pytest
from scan_factory import make_assessment

from dienstscan.cycle import CycleError, confirm_answers, next_cycle, unconfirmed
from dienstscan.model import Answer, KeyFigureValue, Participant, Poll, ScopeExclusion
from dienstscan.plan import propose_actions

NEXT = dt.date(2012, 7, 1)


@pytest.fixture
def previous(checklists):
    scan = make_assessment({
        "BSC-01": "niet_toegepast", "BSC-02": "toegepast", "5B-1.01": "niet_ingevoerd",
        "5B-1.02": "ingevoerd", "ANT-PK-1": "niveau_1", "ANT-FASE": "fase_2",
    })
    scan.participants.append(Participant(name="A. de Vries", role="projectleider"))
    scan.out_of_scope["5B-2"] = ScopeExclusion(justification="Geen eigen loket")
    bsc = scan.answers["BSC-01"]
    bsc.explanation = "Telefoon alleen overdag"
    bsc.barriers = ["budget"]
    bsc.causes = ["geen prioriteit"]
    bsc.solutions = ["avondopenstelling"]
    bsc.poll = Poll(ja=3, twijfel=1, nee=0)
    bsc.individual = {"live": ["toegepast", "niet_toegepast"]}
    scan.key_figures["kf-cijfer"] = KeyFigureValue(value=7.2)
    propose_actions(checklists, scan)
    scan.action("V-BSC-01").status = "gereed"
    scan.action("V-5B-1.01").status = "vervallen"
    scan.action("V-ANT-PK-1").owner = "KCC-manager"
    return scan


def test_copies_organisation_scope_answers_and_plan(checklists, previous):
    result = next_cycle(checklists, previous, peildatum=NEXT)
    new = result.assessment
    assert new.id != previous.id
    assert new.previous_scan_id == previous.id
    assert new.peildatum == NEXT
    assert new.organisation == previous.organisation and new.organisation is not previous.organisation
    assert [p.name for p in new.participants] == ["A. de Vries"]
    assert new.frameworks == ["BSC", "5B", "ANT"]
    assert new.checklist_versions == {"BSC": "2.2", "5B": "2010", "ANT": "2007"}
    assert new.out_of_scope["5B-2"].justification == "Geen eigen loket"
    assert set(new.answers) == set(previous.answers)
    for item_id, answer in new.answers.items():
        assert answer.from_previous_cycle
        assert answer.option == previous.answers[item_id].option
    bsc = new.answers["BSC-01"]
    assert (bsc.explanation, bsc.barriers, bsc.causes, bsc.solutions) == (
        "Telefoon alleen overdag", ["budget"], ["geen prioriteit"], ["avondopenstelling"])
    # the workshop votes belong to last year's meeting
    assert bsc.poll is None and bsc.individual == {}
    statuses = {a.id: a.status for a in new.actions}
    assert statuses["V-BSC-01"] == "gereed" and statuses["V-5B-1.01"] == "vervallen"
    assert new.action("V-ANT-PK-1").owner == "KCC-manager"
    assert result.copied_actions == [a.id for a in previous.actions]
    assert not result.notes
    assert new.key_figures == {}


def test_previous_scan_is_not_changed(checklists, previous):
    before = previous.model_dump()
    result = next_cycle(checklists, previous, peildatum=NEXT)
    result.assessment.answers["BSC-01"].barriers.append("nieuw")
    result.assessment.actions[0].status = "gepland"
    assert previous.model_dump() == before


def test_key_figures_only_on_request(checklists, previous):
    previous.key_figures["kf-weg"] = KeyFigureValue(value=1)
    result = next_cycle(checklists, previous, peildatum=NEXT, copy_key_figures=True)
    assert result.assessment.key_figures["kf-cijfer"].value == 7.2
    assert "kf-weg" not in result.assessment.key_figures
    assert result.dropped_key_figures == ["kf-weg"]
    assert any("kf-weg" in n for n in result.notes)


def test_unknown_item_and_option_reported_not_silently_dropped(checklists, previous):
    previous.answers["BSC-99"] = Answer(option="toegepast", explanation="oude norm")
    previous.answers["5B-1.03"] = Answer(option="half", explanation="wachttijd soms lang", barriers=["drukte"])
    result = next_cycle(checklists, previous, peildatum=NEXT)
    new = result.assessment
    assert "BSC-99" not in new.answers
    assert [(d.item_id, d.option, d.explanation) for d in result.dropped_answers] == [
        ("BSC-99", "toegepast", "oude norm")]
    kept = new.answers["5B-1.03"]
    assert kept.option is None and kept.explanation == "wachttijd soms lang" and kept.barriers == ["drukte"]
    assert [(r.item_id, r.option) for r in result.reset_options] == [("5B-1.03", "half")]
    text = result.describe()
    assert "BSC-99" in text and "oude norm" in text
    assert "'half'" in text and "kies het antwoord opnieuw" in text


def test_unknown_framework_and_scope_reported(checklists, previous):
    previous.frameworks.append("OUD")
    previous.out_of_scope["OUD-1"] = ScopeExclusion(justification="vervallen onderdeel")
    result = next_cycle(checklists, previous, peildatum=NEXT)
    assert "OUD" not in result.assessment.frameworks
    assert result.dropped_frameworks == ["OUD"] and result.dropped_scopes == ["OUD-1"]
    assert len(result.notes) == 2


def test_plan_follows_answers_that_are_no_longer_gaps(checklists, previous):
    previous.answers["5B-1.03"] = Answer(option="weg")  # unknown option: copied without it
    previous.actions.append(previous.actions[0].model_copy(update={"id": "V-5B-1.03", "item_id": "5B-1.03"}))
    result = next_cycle(checklists, previous, peildatum=NEXT)
    assert result.assessment.action("V-5B-1.03").gap_closed
    assert result.plan_changes.closed == ["V-5B-1.03"]


def test_peildatum_before_previous_is_refused(checklists, previous):
    with pytest.raises(CycleError, match="vóór die van de vorige scan"):
        next_cycle(checklists, previous, peildatum=dt.date(2010, 1, 1))


def test_confirm_answers(checklists, previous):
    new = next_cycle(checklists, previous, peildatum=NEXT).assessment
    assert sorted(unconfirmed(new)) == sorted(previous.answers)
    assert confirm_answers(new, ["BSC-01", "NIET-DAAR"]) == ["BSC-01"]
    assert "BSC-01" not in unconfirmed(new)
    assert len(confirm_answers(new)) == len(previous.answers) - 1
    assert unconfirmed(new) == []


def test_next_cycle_offers_the_2026_checklist_and_adds_it_only_when_asked(tmp_path):
    """A scan answered against the 2011 content moves on with its answers; the fourth checklist is
    offered, and added empty on request, never changing an old answer."""
    from dienstscan.checklists import load_checklists
    from dienstscan.cli import main
    from dienstscan.storage import load_scan
    from dienstscan.resources import example_scan_path

    shipped = load_checklists()
    previous = load_scan(example_scan_path())
    assert "DO26" not in previous.frameworks
    plain = next_cycle(shipped, previous, peildatum=previous.peildatum.replace(year=2026))
    assert plain.offered_frameworks == ["DO26"] and "DO26" not in plain.assessment.frameworks
    added = next_cycle(shipped, previous, peildatum=previous.peildatum.replace(year=2026), add_frameworks=["DO26"])
    assert added.added_frameworks == ["DO26"] and added.assessment.frameworks[-1] == "DO26"
    assert added.assessment.checklist_versions["DO26"] == shipped.framework("DO26").version
    assert not any(k.startswith("DO26") for k in added.assessment.answers)
    for item_id, answer in previous.answers.items():
        copy = added.assessment.answers[item_id]
        assert (copy.option, copy.explanation) == (answer.option, answer.explanation)
    with pytest.raises(CycleError, match="onbekend kader 'XX'"):
        next_cycle(shipped, previous, peildatum=previous.peildatum, add_frameworks=["XX"])

    out = tmp_path / "volgende.dienstscan"
    assert main(["next-cycle", str(example_scan_path()), "-o", str(out), "--peildatum", "2026-11-01",
                 "--kader", "DO26"]) == 0
    assert "DO26" in load_scan(out).frameworks
