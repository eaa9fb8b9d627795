"""Spread of individual answers and the order "meeste verschil eerst" (dienstscan.scoring.spread)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dienstscan.checklists import load_checklists
from dienstscan.scoring.spread import disagreement, item_spread, most_different_first, spread
from dienstscan.storage import load_scan
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
OPTIONS = ["ingevoerd", "gedeeltelijk", "niet", "nvt", "onbekend"]


@pytest.fixture(scope="module")
def shipped():
    return load_checklists()


@pytest.fixture
def example():
    return load_scan(ROOT / "examples" / "gemeente-voorbeeld.dienstscan")


def test_disagreement_values():
    assert disagreement([]) == 0
    assert disagreement(["ja"]) == 0
    assert disagreement(["a", "a", "a"]) == 0
    assert disagreement(["a", "b"]) == 1
    # 2 a, 1 b: pairs ab, ab, aa -> 2 of 3 differ
    assert disagreement(["a", "a", "b"]) == pytest.approx(2 / 3)


@given(st.lists(st.sampled_from(OPTIONS), max_size=30))
def test_disagreement_bounds_and_zero_only_when_unanimous(values):
    d = disagreement(values)
    assert 0.0 <= d <= 1.0
    assert (d == 0.0) == (len(set(values)) <= 1)


@given(st.lists(st.sampled_from(OPTIONS), max_size=12), st.randoms())
def test_disagreement_ignores_order(values, rnd):
    shuffled = list(values)
    rnd.shuffle(shuffled)
    assert disagreement(shuffled) == pytest.approx(disagreement(values))


def test_counts_in_scale_order_with_zeros_and_unknown(shipped):
    s = item_spread(shipped, "5B-1.01", ["niet", "ingevoerd", "niet", "weetniet"])
    assert [oid for oid, _, _ in s.counts] == OPTIONS
    assert s.count("niet") == 2 and s.count("ingevoerd") == 1 and s.count("nvt") == 0
    assert s.unknown == 1 and s.total == 3
    assert s.most_chosen() == ["niet"]
    assert s.text() == "Ingevoerd 1 · Niet ingevoerd 2 (3 antwoorden)"


def test_most_different_first_on_the_example(shipped, example):
    example.answer("5B-1.01").individual = {"formulier": ["ingevoerd"] * 5}                       # all agree
    example.answer("5B-1.02").individual = {"formulier": ["ingevoerd", "niet", "gedeeltelijk", "nvt"]}  # all differ
    example.answer("5B-1.03").individual = {"formulier": ["ingevoerd", "ingevoerd", "niet", "niet"]}
    example.answer("5B-1.04").individual = {"formulier": ["ingevoerd", "ingevoerd", "gedeeltelijk", "gedeeltelijk"]}
    ordered = most_different_first(spread(shipped, example), only_answered=True)
    assert [s.item_id for s in ordered] == ["5B-1.02", "5B-1.03", "5B-1.04", "5B-1.01"]
    # 1.03 and 1.04 disagree equally; 1.03's answers lie further apart on the scale
    assert ordered[1].disagreement == ordered[2].disagreement
    assert ordered[1].distance > ordered[2].distance
    every = spread(shipped, example)
    assert len(every) == sum(len(fw.all_items()) for fw in shipped.frameworks if fw.id in example.frameworks)
    assert len(most_different_first(every)) == len(every)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(OPTIONS), max_size=8), min_size=1, max_size=8))
def test_order_is_a_sorted_permutation(shipped, answers_per_item):
    ids = [item.id for item in shipped.framework("5B").sections[0].items][: len(answers_per_item)]
    spreads = [item_spread(shipped, i, a, n) for n, (i, a) in enumerate(zip(ids, answers_per_item))]
    ordered = most_different_first(spreads)
    assert sorted(s.item_id for s in ordered) == sorted(ids)
    for a, b in itertools.pairwise(ordered):
        assert a.disagreement >= b.disagreement
        if a.disagreement == b.disagreement and a.distance == b.distance and a.total == b.total:
            assert a.order < b.order
