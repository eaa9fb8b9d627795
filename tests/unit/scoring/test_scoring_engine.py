"""Scoring rules on a small checklist set: counts, scope, comply-or-explain, benchmarks, states."""

from __future__ import annotations

import pytest
from scan_factory import make_assessment

from dienstscan.model import Answer, KeyFigureValue, ScopeExclusion
from dienstscan.scoring import item_state, node_counts, report_from_json, report_json, score


def fw(report, fw_id):
    return next(f for f in report.frameworks if f.id == fw_id)


def test_share_full_counts_and_partial_beside(checklists):
    scan = make_assessment({
        "5B-1.01": "ingevoerd", "5B-1.02": "gedeeltelijk", "5B-1.03": "niet_ingevoerd",
        "5B-2.01": "niet_van_toepassing", "5B-2.02": "ingevoerd", "5B-2.03": "onbekend",
    })
    five = fw(score(checklists, scan), "5B")
    t = five.tally
    assert (t.items, t.applicable, t.full, t.partial, t.not_applicable, t.unanswered) == (6, 5, 2, 1, 1, 0)
    assert t.percentage == pytest.approx(40.0)  # 2 of 5: partial is not mixed in
    assert t.partial_percentage == pytest.approx(20.0)
    s1, s2 = five.sections
    assert s1.tally.percentage == pytest.approx(100 / 3) and s2.tally.percentage == pytest.approx(50.0)
    assert "1 niet van toepassing" in five.denominator_note
    assert "Score berekend over 5 van 6 instrumenten" in five.denominator_note


def test_unanswered_counts_in_denominator_and_completeness(checklists):
    scan = make_assessment({"5B-1.01": "ingevoerd"})
    t = fw(score(checklists, scan), "5B").tally
    assert t.applicable == 6 and t.unanswered == 5 and t.answered == 1
    assert t.percentage == pytest.approx(100 / 6)
    assert t.completeness == pytest.approx(100 / 6)


def test_mean_weight_and_phase_reported_separately(checklists):
    scan = make_assessment({"ANT-FASE": "fase_2", "ANT-PK-1": "niveau_4", "ANT-PK-2": "niveau_2", "ANT-SI-1": "niveau_0"})
    ant = fw(score(checklists, scan), "ANT")
    assert ant.tally.items == 3  # the phase item is not scored
    assert ant.tally.percentage == pytest.approx(100 * (1 + 0.5 + 0) / 3)
    assert ant.tally.all_items == 4 and ant.tally.all_answered == 4
    (phase,) = ant.separate_items
    assert (phase.item_id, phase.option, phase.level) == ("ANT-FASE", "fase_2", 2)
    assert phase.comparison.sentence == "Met Fase 2: lager dan het doel voor 2015 van Antwoord© (Fase 4)."
    assert phase.comparison.benchmarks[0].met is None  # a past goal is never "gehaald"
    assert phase.comparison.benchmarks[0].verdict == "lager, dus slechter"


def test_section_out_of_scope_changes_denominator(checklists):
    scan = make_assessment({"5B-1.01": "ingevoerd", "5B-2.01": "niet_ingevoerd"})
    scan.out_of_scope["5B-2"] = ScopeExclusion(justification="geen eigen loket")
    five = fw(score(checklists, scan), "5B")
    assert [s.id for s in five.sections] == ["5B-1"]
    assert five.tally.applicable == 3
    assert five.scope_note == "3 van 6 instrumenten buiten scope: Belofte 2: Snel en zeker (geen eigen loket)."
    assert five.excluded_sections[0].justification == "geen eigen loket"
    assert "5B-2.01" not in five.unanswered


def test_framework_out_of_scope_is_listed_with_justification(checklists):
    scan = make_assessment({"BSC-01": "toegepast"})
    scan.out_of_scope["BSC"] = ScopeExclusion(justification="besluit van de directie")
    report = score(checklists, scan)
    assert [f.id for f in report.frameworks] == ["5B", "ANT"]
    (excl,) = report.excluded_frameworks
    assert (excl.id, excl.kind, excl.justification, excl.items) == ("BSC", "kader", "besluit van de directie", 3)


def test_comply_or_explain(checklists):
    scan = make_assessment({"BSC-01": "toegepast", "BSC-02": "deels", "BSC-03": "niet_toegepast"})
    scan.answers["BSC-03"].explanation = "Geen budget in 2011."
    report = score(checklists, scan)
    status = fw(report, "BSC").explanation_status
    assert (status.required, status.given, status.missing) == (2, 1, ["BSC-02"])
    assert report.completeness.explanations_missing == ["BSC-02"]
    scan.answers["BSC-02"].explanation = "   "  # whitespace is no explanation
    assert fw(score(checklists, scan), "BSC").explanation_status.missing == ["BSC-02"]


def test_benchmarks_for_framework_and_key_figures(checklists):
    answers = {f"5B-1.0{n}": "ingevoerd" for n in (1, 2, 3)} | {f"5B-2.0{n}": "niet_ingevoerd" for n in (1, 2, 3)}
    scan = make_assessment(answers)
    scan.key_figures["kf-wachttijd"] = KeyFigureValue(value=3 + 14 / 60)
    report = score(checklists, scan)
    assert fw(report, "5B").comparison.sentence == (
        "Met 50% (3 van 6 toepasselijke instrumenten ingevoerd): gelijk aan Bergen op 5 juli 2011 (50%); "
        "lager dan de top-10 gemeenten op 15 maart 2010 (85%)."
    )
    assert fw(report, "BSC").comparison is None  # no benchmark, no verdict
    wait, rating = report.key_figures
    assert wait.value_text == "3,2 minuten" and wait.comparison.benchmarks[0].met is True
    assert rating.value is None and rating.comparison.sentence.startswith("Nog niet te vergelijken")
    assert report.completeness.key_figures_missing == ["kf-cijfer"]


def test_unknown_items_options_and_frameworks_are_reported(checklists):
    scan = make_assessment({"5B-1.01": "bestaat_niet", "OUD-1": "ingevoerd"}, frameworks=["5B", "XYZ"])
    report = score(checklists, scan)
    assert report.completeness.unknown_items == ["OUD-1"]
    assert report.completeness.unknown_options == ["5B-1.01: bestaat_niet"]
    assert fw(report, "5B").tally.unanswered == 6
    assert "XYZ" in report.warnings[0]


def test_nothing_applicable_gives_no_percentage(checklists):
    scan = make_assessment({i: "niet_van_toepassing" for i in
                            ("5B-1.01", "5B-1.02", "5B-1.03", "5B-2.01", "5B-2.02", "5B-2.03")}, frameworks=["5B"])
    five = fw(score(checklists, scan), "5B")
    assert five.tally.percentage is None and five.tally.applicable == 0
    # all not applicable: far above the threshold, so not comparable, and it says so
    assert five.comparison.actual is None and five.comparison.sentence.startswith("Niet vergelijkbaar met")
    assert ("6 van de 6 instrumenten (100%) tellen niet mee of zonder bekend antwoord (6 niet van toepassing)"
            in five.comparison.sentence)


def test_overall_has_counts_but_no_mixed_percentage(checklists):
    scan = make_assessment({"BSC-01": "toegepast", "5B-1.01": "ingevoerd"})
    report = score(checklists, scan)
    assert report.overall.percentage is None
    assert report.overall.items == 3 + 6 + 3
    assert report.completeness.items == 3 + 6 + 4 and report.completeness.answered == 2


def test_score_does_not_change_its_inputs(checklists):
    scan = make_assessment({"BSC-01": "deels"})
    before = scan.model_dump()
    score(checklists, scan)
    assert scan.model_dump() == before


def test_json_carries_the_numbers(checklists):
    scan = make_assessment({"5B-1.01": "ingevoerd"})
    report = score(checklists, scan)
    again = report_from_json(type(report), report_json(report))
    assert again == report


def test_item_state(checklists):
    scan = make_assessment({"BSC-01": "toegepast", "BSC-02": "deels", "5B-1.01": "ingevoerd"}, frameworks=["BSC", "5B"])
    assert item_state(checklists, scan, "BSC-01") == "answered"
    assert item_state(checklists, scan, "BSC-02") == "explanation_missing"
    assert item_state(checklists, scan, "BSC-03") == "unanswered"
    assert item_state(checklists, scan, "ANT-PK-1") == "out_of_scope"  # framework not chosen
    scan.answers["BSC-02"].explanation = "Uitgelegd."
    assert item_state(checklists, scan, "BSC-02") == "answered"
    scan.out_of_scope["5B-1"] = ScopeExclusion(justification="x")
    assert item_state(checklists, scan, "5B-1.01") == "out_of_scope"
    with pytest.raises(KeyError):
        item_state(checklists, scan, "GEEN")


def test_node_counts(checklists):
    scan = make_assessment({"BSC-02": "deels", "5B-1.01": "ingevoerd", "5B-2.01": "ingevoerd"})
    scan.out_of_scope["5B-2"] = ScopeExclusion(justification="x")
    counts = node_counts(checklists, scan)
    assert (counts["BSC"].total, counts["BSC"].answered, counts["BSC"].explanation_missing) == (3, 1, 1)
    assert counts["5B-2"].out_of_scope and counts["5B-2"].answered == 1
    assert (counts["5B"].total, counts["5B"].answered) == (3, 1)  # the excluded section is left out
    assert not counts["5B"].out_of_scope
    scan.frameworks.remove("ANT")
    assert node_counts(checklists, scan)["ANT-PK"].out_of_scope


def test_answer_without_option_is_unanswered(checklists):
    scan = make_assessment()
    scan.answers["BSC-01"] = Answer(notes="nog bespreken")
    assert item_state(checklists, scan, "BSC-01") == "unanswered"
    assert "BSC-01" in fw(score(checklists, scan), "BSC").unanswered


def test_an_unknown_answer_is_not_counted_as_answered_in_the_tree_either(checklists):
    """The tree, the overview and the status bar count what the dashboard and the report count
    (issue 24 point 4): 'Onbekend' is an answer that is not known, not a known answer."""
    [option] = [o for o in checklists.scales["invoering"].options if o.id == "onbekend"]
    object.__setattr__(option, "unknown", True)  # as the shipped scales mark it
    scan = make_assessment({"5B-1.01": "ingevoerd", "5B-1.02": "ingevoerd", "5B-1.03": "ingevoerd",
                            "5B-2.01": "ingevoerd", "5B-2.02": "ingevoerd", "5B-2.03": "onbekend"})
    assert item_state(checklists, scan, "5B-2.03") == "unknown"
    counts = node_counts(checklists, scan)
    five, second = counts["5B"], counts["5B-2"]
    assert (five.total, five.answered, five.unknown, five.unanswered) == (6, 5, 1, 0)
    assert five.state == "unknown" and second.state == "unknown" and counts["5B-1"].state == "answered"
    assert five.answered == fw(score(checklists, scan), "5B").tally.answered  # one count, everywhere
    scan.answers["5B-2.03"].option = "ingevoerd"
    assert node_counts(checklists, scan)["5B"].state == "answered"
    del scan.answers["5B-2.03"]
    assert node_counts(checklists, scan)["5B"].state == "unanswered"
