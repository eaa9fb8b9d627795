"""Properties across the cycle functions, on the small set and on the shipped checklists."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scan_factory import ALL_ITEMS, make_assessment, make_checklists

from dienstscan.checklists import load_checklists
from dienstscan.cycle import benchmarks_yaml, build_benchmarks, compare_scans, metric_statistics, next_cycle
from dienstscan.plan import propose_actions

CHECKLISTS = make_checklists()
OPTIONS = {item: [o.id for o in CHECKLISTS.scale_for(item).options] for item in ALL_ITEMS}


@st.composite
def scans(draw):
    answers = {}
    for item in ALL_ITEMS:
        choice = draw(st.sampled_from([None, *OPTIONS[item]]))
        if choice is not None or draw(st.booleans()):
            answers[item] = choice
    return make_assessment(answers)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(scans())
def test_next_cycle_compares_as_unchanged(scan):
    propose_actions(CHECKLISTS, scan)
    new = next_cycle(CHECKLISTS, scan, peildatum=dt.date(2012, 1, 1)).assessment
    comparison = compare_scans(CHECKLISTS, scan, new)
    assert comparison.not_comparable == []
    assert comparison.completed_actions == [] and comparison.new_actions == []
    for fw in comparison.frameworks:
        assert fw.score.change in ("same", None)
        assert all(item.change == "same" for item in fw.items)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(scans(), min_size=1, max_size=12))
def test_benchmark_values_lie_between_lowest_and_highest(scan_list):
    for n, scan in enumerate(scan_list):
        scan.organisation.name = f"Gemeente {n}"
    benchmarks = build_benchmarks(CHECKLISTS, scan_list, label="Test", date="2026")
    from dienstscan.scoring import score

    reports = [score(CHECKLISTS, s) for s in scan_list]
    for b in benchmarks:
        values = [f.tally.percentage for r in reports for f in r.frameworks if f.id == b.metric]
        values += [s.tally.percentage for r in reports for f in r.frameworks for s in f.sections if s.id == b.metric]
        values = [v for v in values if v is not None]
        assert min(values) - 1e-9 <= b.value <= max(values) + 1e-9


@pytest.fixture(scope="module")
def shipped():
    return load_checklists()


def test_shipped_checklists_round_trip(shipped, tmp_path):
    from dienstscan.model import Answer, Assessment, Organisation

    scans_ = []
    for n in range(12):
        scan = Assessment(organisation=Organisation(name=f"Gemeente {n}"), peildatum=dt.date(2026, 1, 1),
                          frameworks=[fw.id for fw in shipped.frameworks])
        for k, fw in enumerate(shipped.frameworks):
            for i, item in enumerate(fw.all_items()):
                options = shipped.scale_for(item.id).options
                scan.answers[item.id] = Answer(option=options[(n + i + k) % len(options)].id, explanation="x")
        propose_actions(shipped, scan)
        scans_.append(scan)
    new = next_cycle(shipped, scans_[0], peildatum=dt.date(2027, 1, 1))
    assert new.notes == []
    assert all(f.score.change in ("same", None) for f in compare_scans(shipped, scans_[0], new.assessment).frameworks)
    benchmarks = build_benchmarks(shipped, scans_, label="Regio Noord-Holland 2026", date="2026")
    # a part whose every score misses a fifth or more of its list (n.v.t., 'Onbekend') makes none
    stats = {m.metric: m for m in metric_statistics(shipped, scans_)}
    made = {fw.id for fw in shipped.frameworks if stats[fw.id].count}
    assert made and {b.metric for b in benchmarks} >= made
    assert all(stats[fw.id].left_out == len(scans_) for fw in shipped.frameworks if fw.id not in made)
    path = tmp_path / "regio.yaml"
    path.write_text(benchmarks_yaml(benchmarks, title="Regio"), encoding="utf-8")
    loaded = load_checklists(extra_benchmarks=[path])
    assert len(loaded.benchmarks) == len(shipped.benchmarks) + len(benchmarks)
