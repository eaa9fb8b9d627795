"""Benchmark sentences: every verdict names its benchmark and its source."""

from __future__ import annotations

from scan_factory import BENCHMARKS, SRC

from dienstscan.model import Benchmark
from dienstscan.scoring import dutch
from dienstscan.scoring.sentences import compare

FIVE_B = [b for b in BENCHMARKS if b.metric == "5B"]


def test_sentence_between_bergen_and_top10():
    c = compare("5B", 62.5, "62,5%", FIVE_B, dutch.percent)
    assert c.sentence == (
        "Met 62,5% zit u boven het niveau van Bergen (5 juli 2011) (50%) "
        "en onder de top-10 gemeenten (85% of meer)."
    )
    bergen, top10 = c.benchmarks  # sorted by value
    assert (bergen.benchmark_id, bergen.position, bergen.met) == ("bergen", "boven", True)
    assert (top10.benchmark_id, top10.position, top10.met) == ("top10", "onder", False)
    assert bergen.source_sentence == "Bron: 002_df95863a505375c9.txt, 4.5 (Bergen, 5 juli 2011)."
    assert top10.source_sentence.startswith("Bron: 002_df95863a505375c9.txt, 4.5 (de top-10 gemeenten")


def test_equal_and_above_all():
    c = compare("5B", 50.0, "50%", FIVE_B, dutch.percent)
    assert c.sentence.startswith("Met 50% zit u op het niveau van Bergen (5 juli 2011) (50%) en onder")
    assert c.benchmarks[0].met is True
    c = compare("5B", 85.0, "85%", FIVE_B, dutch.percent)
    assert "precies op de grens van de top-10 gemeenten (85% of meer)" in c.sentence
    assert all(b.met for b in c.benchmarks)


def test_position_uses_displayed_value():
    # 50.04 reads as 50%: the sentence must not say "boven" 50%
    c = compare("5B", 50.04, dutch.percent(50.04), FIVE_B, dutch.percent)
    assert c.benchmarks[0].position == "gelijk"


def test_at_most_norm_met_below():
    bm = Benchmark(id="wacht", metric="kf", value=15, comparison="at_most", kind="norm",
                   label="de VNG-norm", source=SRC, date="2011-03")
    fmt = lambda v: dutch.with_unit(v, "minuten")  # noqa: E731
    c = compare("kf", 3.2333, fmt(3.2333), [bm], fmt)
    assert c.sentence == "Met 3,2 minuten zit u onder de VNG-norm (15 minuten of minder)."
    assert c.benchmarks[0].met is True
    c = compare("kf", 20, fmt(20), [bm], fmt)
    assert c.benchmarks[0].met is False and "boven de VNG-norm" in c.sentence


def test_year_in_label_is_not_repeated():
    bm = Benchmark(id="b", metric="m", value=7.6, comparison="at_least", label="het gemiddelde in 2010",
                   source=SRC, date="2010")
    c = compare("m", 7.5, "7,5", [bm], dutch.number)
    assert c.sentence == "Met 7,5 zit u onder het niveau van het gemiddelde in 2010 (7,6)."
    assert c.benchmarks[0].source_sentence == "Bron: 002_df95863a505375c9.txt, 4.5 (het gemiddelde in 2010)."


def test_no_value_yet_still_names_benchmarks():
    c = compare("5B", None, "geen score", FIVE_B, dutch.percent, missing="er is nog niets beantwoord")
    assert c.sentence.startswith("Nog niet te vergelijken met het niveau van Bergen")
    assert c.sentence.endswith("er is nog niets beantwoord.")
    assert all(b.position is None and b.met is None and b.source_sentence for b in c.benchmarks)
