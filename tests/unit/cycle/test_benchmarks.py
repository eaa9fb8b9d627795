"""Benchmarks from many scans: statistics, the top-10 threshold, YAML the loader accepts, ranking."""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scan_factory import make_assessment

from dienstscan.checklists import ChecklistError, load_checklists
from dienstscan.cli_tables import format_ranking
from dienstscan.cycle import (
    benchmarks_yaml,
    build_benchmarks,
    metric_statistics,
    rank_scans,
    top_threshold,
)
from dienstscan.model import Organisation, ScopeExclusion
from dienstscan.scoring import score

VALID = Path(__file__).resolve().parents[2] / "fixtures" / "checklists" / "valid"
FIVE_B_ITEMS = ["5B-1.01", "5B-1.02", "5B-1.03", "5B-2.01", "5B-2.02", "5B-2.03"]


def scan_with(name: str, implemented: int, **kwargs):
    """A scan of which the first ``implemented`` 5B instruments are ingevoerd, the rest not."""
    answers = {item: ("ingevoerd" if n < implemented else "niet_ingevoerd") for n, item in enumerate(FIVE_B_ITEMS)}
    scan = make_assessment(answers, **kwargs)
    scan.organisation = Organisation(name=name)
    return scan


@given(st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), max_size=40))
def test_top_threshold_is_the_score_of_the_tenth_best(values):
    result = top_threshold(values)
    if len(values) < 10:
        assert result is None
        return
    assert sum(1 for v in values if v > result) < 10  # fewer than 10 are strictly better
    assert sum(1 for v in values if v >= result) >= 10  # and at least 10 reach it
    assert result in values


def test_statistics_per_framework_and_section(checklists):
    scans = [scan_with(f"Gemeente {n}", n % 7) for n in range(12)]
    stats = {s.metric: s for s in metric_statistics(checklists, scans)}
    expected = [score(checklists, s).frameworks[1].tally.percentage for s in scans]
    five_b = stats["5B"]
    assert five_b.count == 12
    assert five_b.mean == pytest.approx(statistics.fmean(expected))
    assert five_b.median == pytest.approx(statistics.median(expected))
    assert five_b.top10 == sorted(expected, reverse=True)[9]
    assert five_b.top10_note is None
    assert stats["5B-1"].count == 12 and stats["5B-2"].count == 12
    assert [v for _, v in five_b.scores] == sorted(expected, reverse=True)


def test_scans_without_the_part_in_scope_do_not_count(checklists):
    scans = [scan_with("A", 6), scan_with("B", 3), scan_with("C", 0, frameworks=["BSC"])]
    scans[1].out_of_scope["5B-2"] = ScopeExclusion(justification="geen loket")
    stats = {s.metric: s for s in metric_statistics(checklists, scans)}
    assert stats["5B-2"].count == 1
    # B's 5 beloften score is over half the list (5B-2 out of scope): no benchmark for the whole list
    assert (stats["5B"].count, stats["5B"].left_out) == (1, 1)
    assert "1 score voor 5 beloften telt niet mee: 20% of meer van de lijst ontbreekt" in stats["5B"].left_out_note
    assert "maar 1 score" in stats["5B"].top10_note


def test_build_benchmarks_anonymous_and_with_names(checklists):
    scans = [scan_with(f"Gemeente {n}", n % 7) for n in range(11)]
    anonymous = build_benchmarks(checklists, scans, label="Regio Noord-Holland 2026", date="2026")
    five_b = [b for b in anonymous if b.metric == "5B"]
    assert [b.label for b in five_b] == ["het gemiddelde van Regio Noord-Holland 2026",
                                         "de mediaan van Regio Noord-Holland 2026",
                                         "de top-10 van Regio Noord-Holland 2026"]
    assert five_b[2].kind == "referentie" and five_b[2].comparison == "at_least"
    assert all(len(b.id) <= 40 for b in anonymous)
    assert len({b.id for b in anonymous}) == len(anonymous)
    assert not any("Gemeente" in b.model_dump_json() for b in anonymous)
    named = build_benchmarks(checklists, scans, label="Regio Noord-Holland 2026", date="2026", with_names=True)
    assert "Gemeente 6 (100%)" in next(b for b in named if b.metric == "5B").description


def test_fewer_than_ten_scans_has_no_top10(checklists):
    scans = [scan_with(f"Gemeente {n}", n) for n in range(4)]
    result = build_benchmarks(checklists, scans, label="Klein", date="2026-01")
    assert not any(b.id.endswith("top10") for b in result)
    assert {b.id.rsplit("-", 1)[1] for b in result} == {"gem", "med"}


def test_yaml_is_accepted_by_the_loader_as_extra_benchmarks(tmp_path):
    checklists = load_checklists(VALID)
    from dienstscan.model import Answer, Assessment

    scans = []
    for n in range(10):
        scan = Assessment(organisation=Organisation(name=f"Waterschap \u201c{n}\u201d"),
                          peildatum="2026-01-01", frameworks=["KA", "KB"])
        # every scored item answered: a score with a fifth or more open makes no benchmark
        for item in ("KA-01", "KA-02"):
            scan.answers[item] = Answer(option="toegepast" if n % 2 else "niet", explanation="x")
        for item in ("KB-PK-01", "KB-LM-01", "KB-LM-02"):
            scan.answers[item] = Answer(option="2" if n % 3 else "0")
        scans.append(scan)
    bms = build_benchmarks(checklists, scans, label="Regio: \"test\" #1", date="2026-03-01", with_names=True)
    path = tmp_path / "regio.yaml"
    path.write_text(benchmarks_yaml(bms, title="Regio test", notes=["een opmerking"]), encoding="utf-8")
    loaded = load_checklists(VALID, extra_benchmarks=[path])
    extra = [b for b in loaded.benchmarks if b not in checklists.benchmarks]
    assert len(extra) == len(bms)
    for written, read in zip(bms, extra, strict=True):
        assert read.model_dump(exclude={"value"}) == written.model_dump(exclude={"value"})
        assert read.value == pytest.approx(written.value, abs=1e-4)
    assert len(loaded.benchmarks) == len(checklists.benchmarks) + len(bms)
    # and scoring compares a scan with them
    report = score(loaded, scans[0])
    labels = [b.label for b in report.frameworks[0].comparison.benchmarks]
    assert 'het gemiddelde van Regio: "test" #1' in labels


def test_extra_benchmark_file_problems_are_reported(tmp_path):
    folder = tmp_path / "checklists"
    shutil.copytree(VALID, folder)
    bad = tmp_path / "extra.yaml"
    bad.write_text('benchmarks:\n  - id: "x-1"\n    metric: "BESTAAT-NIET"\n    value: 1\n'
                   '    comparison: "at_least"\n    label: "x"\n    source: {document: "d"}\n    date: "2026"\n'
                   'themes: []\n', encoding="utf-8")
    dup = tmp_path / "dup.yaml"
    dup.write_text('benchmarks:\n  - id: "bm-top10"\n    metric: "KA"\n    value: 1\n'
                   '    comparison: "at_least"\n    label: "x"\n    source: {document: "d"}\n    date: "2026"\n',
                   encoding="utf-8")
    with pytest.raises(ChecklistError) as info:
        load_checklists(folder, extra_benchmarks=[bad, dup, tmp_path / "weg.yaml"])
    messages = [str(p) for p in info.value.problems]
    assert any("weg.yaml" in m and "bestaat niet" in m for m in messages)
    assert any("extra.yaml" in m and "alleen 'benchmarks:'" in m and "'themes:'" in m for m in messages)
    assert any("extra.yaml" in m and "BESTAAT-NIET" in m for m in messages)
    assert any("dup.yaml" in m and "'bm-top10'" in m and "bestaat al" in m for m in messages)


def test_loader_without_extras_unchanged():
    assert load_checklists(VALID) == load_checklists(VALID, extra_benchmarks=[])


def test_ranking_positions_ties_and_unscored(checklists):
    scans = [scan_with("Bergen", 3), scan_with("Capelle aan den IJssel", 6), scan_with("Alkmaar", 3),
             scan_with("Zandvoort", 0), scan_with("Buiten", 0, frameworks=["BSC"])]
    ranking = rank_scans(checklists, scans, framework_id="5B")
    rows = [(r.position, r.organisation, r.scores["5B"]) for r in ranking.rows]
    assert rows == [(1, "Capelle aan den IJssel", 100.0), (2, "Alkmaar", 50.0), (2, "Bergen", 50.0),
                    (4, "Zandvoort", 0.0), (None, "Buiten", None)]
    assert [c for c, _ in ranking.columns] == ["5B", "BSC", "ANT"]
    text = format_ranking(ranking)
    lines = text.splitlines()
    assert lines[0].split() == ["Positie", "Organisatie", "Peildatum", "5", "beloften", "BSC", "Antwoord"]
    assert lines[1].split()[:5] == ["1", "Capelle", "aan", "den", "IJssel"]
    assert lines[-1].split()[0] == "–"
    with pytest.raises(KeyError):
        rank_scans(checklists, scans, framework_id="XX")


def test_rank_and_statistics_show_each_score_as_every_output_does():
    """Issue 24 point 2 for ``rank`` and ``benchmark``: Antwoord is a level ("niveau 1,6"), never a
    percentage ("39%"); a share is a whole percentage ("66%", as the benchmark's sentence shows
    it, not "66,3%"); ties are decided on the value as shown (82,5% and 83% share a place)."""
    from dienstscan.cli_tables import format_benchmark_statistics, format_ranking
    from dienstscan.model import Answer
    from dienstscan.storage import load_scan

    shipped = load_checklists()
    examples = Path(__file__).resolve().parents[3] / "examples"
    old, new = (load_scan(examples / name) for name in ("gemeente-voorbeeld.dienstscan", "gemeente-2026.dienstscan"))
    table = format_ranking(rank_scans(shipped, [old, new], framework_id="5B"))
    assert "niveau 1,6" in table and "39%" not in table and "83%" in table
    stats = metric_statistics(shipped, [old, new])
    text = format_benchmark_statistics(stats)
    assert "66,3%" not in text and "66%" in text  # mean of 50 and 82,5
    assert "38,9%" not in text and "niveau 1,6" in text
    # 33 of 40 (82,5%) and 29 of 35 (5 n.v.t.: 82,86%) both read "83%": the same place
    twin = new.model_copy(deep=True)
    twin.organisation = twin.organisation.model_copy(update={"name": "Gemeente Tweeling"})
    items = shipped.framework("5B").all_items()
    for item in items:
        twin.answers[item.id] = Answer(option="ingevoerd")
    for item in items[:5]:
        twin.answers[item.id] = Answer(option="nvt", explanation="past niet")
    for item in items[5:11]:
        twin.answers[item.id] = Answer(option="niet")
    rows = rank_scans(shipped, [new, twin], framework_id="5B").rows
    assert [r.texts["5B"] for r in rows] == ["83%", "83%"]
    assert [r.position for r in rows] == [1, 1]
