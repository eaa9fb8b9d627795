"""Benchmark sentences: every verdict names its benchmark and its source, and says no more than
the benchmark's kind and the figure's direction allow (issue 15)."""

from __future__ import annotations

import pytest
from scan_factory import BENCHMARKS, SRC

from dienstscan.model import Benchmark
from dienstscan.scoring import dutch
from dienstscan.scoring.sentences import compare, judgement

FIVE_B = [b for b in BENCHMARKS if b.metric == "5B"]
MINUTES = lambda v: dutch.with_unit(v, "minuten")  # noqa: E731


def _bm(kind: str, value: float, comparison: str = "at_most", **extra) -> Benchmark:
    return Benchmark(id=f"b-{kind}-{value}", metric="kf", value=value, comparison=comparison, kind=kind,
                     label=extra.pop("label", "Bergen in 2010"), source=SRC, date=extra.pop("date", "2010"), **extra)


def test_sentence_between_bergen_and_top10():
    c = compare("5B", 62.5, "62,5%", FIVE_B, dutch.percent)
    assert c.sentence == (
        "Met 62,5%: hoger en dus beter dan Bergen op 5 juli 2011 (50%); "
        "lager en dus slechter dan de top-10 gemeenten op 15 maart 2010 (85%)."
    )
    bergen, top10 = c.benchmarks  # sorted by value
    # a reference level is never "gehaald": met stays None, the position is said
    assert (bergen.benchmark_id, bergen.position, bergen.met, bergen.verdict) == ("bergen", "boven", None, "hoger, dus beter")
    assert (top10.benchmark_id, top10.position, top10.met) == ("top10", "onder", None)
    assert bergen.source_sentence == "Bron: 002_df95863a505375c9.txt, 4.5 (Bergen, 5 juli 2011; referentieniveau)."
    assert "((" not in c.sentence and ") (" not in c.sentence  # no double brackets


def test_equal_and_above_all():
    c = compare("5B", 50.0, "50%", FIVE_B, dutch.percent)
    assert c.sentence.startswith("Met 50%: gelijk aan Bergen op 5 juli 2011 (50%); lager")
    c = compare("5B", 85.0, "85%", FIVE_B, dutch.percent)
    assert "gelijk aan de top-10 gemeenten op 15 maart 2010 (85%)" in c.sentence
    assert "gehaald" not in c.sentence and "haalt" not in c.sentence


def test_position_uses_displayed_value():
    # 50.04 reads as 50%: the sentence must not say "hoger" than 50%
    c = compare("5B", 50.04, dutch.percent(50.04), FIVE_B, dutch.percent)
    assert c.benchmarks[0].position == "gelijk"


def test_only_a_norm_is_met_or_not():
    norm = _bm("norm", 15, label="de VNG-norm", date="2011-03")
    c = compare("kf", 3.2333, MINUTES(3.2333), [norm], MINUTES, unit="minuten", direction="lower_is_better")
    assert c.sentence == "Met 3,2 minuten: u haalt de VNG-norm (hoogstens 15 minuten)."
    assert c.benchmarks[0].met is True and c.benchmarks[0].verdict == "norm gehaald"
    c = compare("kf", 20, MINUTES(20), [norm], MINUTES, unit="minuten", direction="lower_is_better")
    assert c.sentence == "Met 20 minuten: u haalt de VNG-norm (hoogstens 15 minuten) niet."
    assert c.benchmarks[0].met is False


def test_lower_is_better_reads_as_lower_is_better():
    # issue 15: "Met 10 minuten zit u boven het niveau van Bergen" sounded like praise
    c = compare("kf", 10, MINUTES(10), [_bm("referentie", 3.23)], MINUTES, unit="minuten",
                direction="lower_is_better")
    assert c.sentence == "Met 10 minuten: langer en dus slechter dan Bergen in 2010 (3,2 minuten)."
    c = compare("kf", 2, MINUTES(2), [_bm("referentie", 3.23)], MINUTES, unit="minuten", direction="lower_is_better")
    assert c.sentence == "Met 2 minuten: korter en dus beter dan Bergen in 2010 (3,2 minuten)."


def test_no_judgement_without_a_direction():
    c = compare("kf", 10, MINUTES(10), [_bm("referentie", 5.72)], MINUTES, unit="minuten", direction="neither")
    assert c.sentence == "Met 10 minuten: langer dan Bergen in 2010 (5,7 minuten)."
    assert judgement("boven", "neither") is None


def test_counts_read_more_or_less():
    count = lambda v: dutch.with_unit(v, "aantal")  # noqa: E731
    c = compare("kf", 30, "30", [_bm("referentie", 45)], count, unit="aantal", direction="lower_is_better")
    assert c.sentence == "Met 30: minder en dus beter dan Bergen in 2010 (45)."


def test_a_promise_is_the_organisations_own():
    bussum = _bm("belofte", 15, label="Bussum", date="2005")
    sec = lambda v: dutch.with_unit(v, "seconden")  # noqa: E731
    c = compare("kf", 20, sec(20), [bussum], sec, unit="seconden", direction="lower_is_better")
    assert c.sentence == "Met 20 seconden: langer en dus slechter dan de eigen belofte van Bussum (15 seconden)."
    assert c.benchmarks[0].met is None and c.benchmarks[0].kind_label == "eigen belofte"


def test_a_past_goal_is_named_with_its_year():
    goal = _bm("doel", 65, "at_least", label="het kabinet-Balkenende II", goal_year=2007, date="2007")
    c = compare("kf", 70, "70%", [goal], dutch.percent)
    assert c.sentence == "Met 70%: hoger en dus beter dan het doel voor 2007 van het kabinet-Balkenende II (65%)."
    assert c.benchmarks[0].met is None and c.benchmarks[0].goal_year == 2007


def test_a_goal_needs_its_year():
    with pytest.raises(ValueError, match="goal_year"):
        _bm("doel", 65, "at_least")


def test_withheld_comparison_claims_no_position():
    c = compare("5B", 100.0, "100%", FIVE_B, dutch.percent, withheld="38 van 40 instrumenten zijn niet van toepassing")
    assert c.sentence.startswith("Niet vergelijkbaar met Bergen op 5 juli 2011 (50%) en de top-10")
    assert c.sentence.endswith("38 van 40 instrumenten zijn niet van toepassing.")
    assert not c.comparable
    assert all(b.position is None and b.met is None and b.verdict is None for b in c.benchmarks)


def test_a_caveat_is_said_once():
    bms = [_bm("referentie", v, "at_least", caveat="De lijst is een reconstructie.") for v in (50, 85)]
    c = compare("5B", 62, "62%", bms, dutch.percent)
    assert c.sentence.count("De lijst is een reconstructie.") == 1 and c.caveats == ["De lijst is een reconstructie."]


def test_year_in_label_is_not_repeated():
    bm = _bm("referentie", 7.6, "at_least", label="het gemiddelde in 2010")
    c = compare("m", 7.5, "7,5", [bm], dutch.number)
    assert c.sentence == "Met 7,5: lager en dus slechter dan het gemiddelde in 2010 (7,6)."
    assert c.benchmarks[0].source_sentence == (
        "Bron: 002_df95863a505375c9.txt, 4.5 (het gemiddelde in 2010; referentieniveau).")


def test_no_value_yet_still_names_benchmarks():
    c = compare("5B", None, "geen score", FIVE_B, dutch.percent, missing="er is nog niets beantwoord")
    assert c.sentence.startswith("Nog niet te vergelijken met Bergen op 5 juli 2011 (50%)")
    assert c.sentence.endswith("er is nog niets beantwoord.")
    assert all(b.position is None and b.met is None and b.source_sentence for b in c.benchmarks)
