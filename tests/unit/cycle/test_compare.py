"""compare_scans: changes per framework, section and item; actions; what cannot be compared."""

from __future__ import annotations

import datetime as dt

import pytest
from scan_factory import make_assessment

from dienstscan.cli_tables import format_comparison
from dienstscan.cycle import compare_scans, next_cycle
from dienstscan.model import Answer, ScopeExclusion
from dienstscan.plan import propose_actions


@pytest.fixture
def pair(checklists):
    baseline = make_assessment({
        "5B-1.01": "niet_ingevoerd", "5B-1.02": "ingevoerd", "5B-1.03": "ingevoerd",
        "5B-2.01": "niet_van_toepassing", "ANT-PK-1": "niveau_1", "ANT-FASE": "fase_2",
        "BSC-01": "toegepast",
    })
    propose_actions(checklists, baseline)
    current = next_cycle(checklists, baseline, peildatum=dt.date(2012, 7, 5)).assessment
    current.answers["5B-1.01"].option = "ingevoerd"  # better
    current.answers["5B-1.02"].option = "gedeeltelijk"  # worse
    current.answers["5B-2.01"].option = "ingevoerd"  # n.v.t. -> applicable: new
    current.answers["5B-2.02"] = Answer(option="niet_ingevoerd")  # unanswered -> answered: new
    del current.answers["BSC-01"]  # answered -> unanswered: gone
    current.answers["ANT-FASE"].option = "fase_3"  # level up
    propose_actions(checklists, current)
    current.action("V-5B-1.01").status = "gereed"
    return baseline, current


def _items(comparison, fw_id):
    fw = next(f for f in comparison.frameworks if f.id == fw_id)
    return {i.item_id: i.change for i in fw.items}


def test_item_changes(checklists, pair):
    c = compare_scans(checklists, *pair)
    assert _items(c, "5B") == {"5B-1.01": "better", "5B-1.02": "worse", "5B-1.03": "same",
                               "5B-2.01": "new", "5B-2.02": "new"}
    assert _items(c, "BSC") == {"BSC-01": "gone"}
    assert _items(c, "ANT") == {"ANT-FASE": "better", "ANT-PK-1": "same"}
    five_b = next(f for f in c.frameworks if f.id == "5B")
    assert five_b.counts == {"better": 1, "worse": 1, "same": 1, "new": 2, "gone": 0}


def test_scores_per_framework_and_section(checklists, pair):
    c = compare_scans(checklists, *pair)
    five_b = next(f for f in c.frameworks if f.id == "5B")
    # baseline 2 of 5 applicable ingevoerd (n.v.t. left out); now 3 of 6
    assert five_b.score.baseline == pytest.approx(40.0)
    assert five_b.score.current == pytest.approx(50.0)
    assert five_b.score.delta == pytest.approx(10.0) and five_b.score.change == "better"
    sections = {s.id: s for s in five_b.sections}
    assert sections["5B-1"].change == "same"  # 2 of 3 both times
    assert sections["5B-2"].baseline == 0.0 and sections["5B-2"].change == "better"
    bsc = next(f for f in c.frameworks if f.id == "BSC")
    assert bsc.score.change == "worse"


def test_actions_and_dates(checklists, pair):
    baseline, current = pair
    c = compare_scans(checklists, baseline, current)
    assert [(a.id, a.baseline_status, a.current_status) for a in c.completed_actions] == [
        ("V-5B-1.01", "gepland", "gereed")]
    assert c.baseline_date == "2011-07-05" and c.current_date == "2012-07-05"
    assert "V-5B-1.02" in c.new_actions
    assert c.removed_actions == []
    text = format_comparison(c)
    assert "5 juli 2011 (basis) met 5 juli 2012" in text
    assert "Acties afgerond tussen beide scans (1):" in text and "V-5B-1.01" in text
    assert "5B-1.02 Klanttevredenheid: Ingevoerd → Gedeeltelijk ingevoerd" in text
    assert "+10 punten (beter)" in text


def test_section_out_of_scope_now_is_gone(checklists, pair):
    baseline, current = pair
    baseline.answers["5B-2.03"] = Answer(option="ingevoerd")
    current.answers["5B-2.03"] = Answer(option="ingevoerd")
    current.out_of_scope["5B-2"] = ScopeExclusion(justification="geen loket meer")
    c = compare_scans(checklists, baseline, current)
    five_b = next(f for f in c.frameworks if f.id == "5B")
    assert {s.id: s.change for s in five_b.sections}["5B-2"] == "gone"
    items = {i.item_id: i for i in five_b.items}
    assert (items["5B-2.03"].change, items["5B-2.03"].current_text) == ("gone", "buiten scope")
    assert "5B-2.02" not in items  # no value in either scan: nothing to compare


def test_other_checklist_version_compared_by_id_and_rest_listed(checklists, pair):
    baseline, current = pair
    baseline.checklist_versions["5B"] = "2009"
    baseline.answers["5B-OUD"] = Answer(option="ingevoerd")  # item of the old version
    baseline.answers["5B-1.03"] = Answer(option="helemaal")  # option of the old scale
    current.answers["5B-1.03"] = Answer(option="ingevoerd")
    c = compare_scans(checklists, baseline, current)
    listed = {n.item_id: n for n in c.not_comparable}
    assert listed["5B-OUD"].scan == "basis" and "niet in de huidige checklists" in listed["5B-OUD"].reason
    assert listed["5B-1.03"].scan == "basis" and "'helemaal'" in listed["5B-1.03"].reason
    assert "5B-1.03" not in _items(c, "5B")
    assert _items(c, "5B")["5B-1.01"] == "better"  # matched by id despite the version
    assert any("versie 2009" in n for n in c.notes)
    text = format_comparison(c)
    assert "Niet te vergelijken (2):" in text


def test_swapped_dates_and_other_organisation_noted(checklists, pair):
    baseline, current = pair
    current.organisation.name = "Gemeente Anders"
    c = compare_scans(checklists, current, baseline)
    assert any("verwisseld" in n for n in c.notes)
    assert any("verschillende organisaties" in n for n in c.notes)


def test_identical_scans_are_all_same(checklists, pair):
    baseline, _ = pair
    c = compare_scans(checklists, baseline, baseline)
    for fw in c.frameworks:
        assert fw.score.change in ("same", None)
        assert all(i.change == "same" for i in fw.items)
    assert c.completed_actions == [] and c.not_comparable == []
    assert "Tussen beide scans is geen actie afgerond." in format_comparison(c)


def test_comparison_json_round_trip(checklists, pair):
    from dienstscan.cycle import Comparison

    c = compare_scans(checklists, *pair)
    assert Comparison.model_validate_json(c.model_dump_json()) == c
