"""Property tests (hypothesis) for honest verdicts (issue 15), over generated scans of the shipped
checklists with benchmarks of every kind and key figures of every direction:

- no sentence claims a position against a benchmark when the share *niet van toepassing* of that
  framework or section is above the threshold;
- no "boven/onder" for a key figure, and no "beter/slechter" for one without a direction;
- no norm verdict ("u haalt", "gehaald", ``met``) for a benchmark that is not a norm.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dienstscan.checklists import load_checklists
from dienstscan.model import Answer, Assessment, KeyFigureValue, Organisation
from dienstscan.scoring import score
from dienstscan.scoring.engine import NOT_APPLICABLE_THRESHOLD

SHIPPED = load_checklists()
KINDS = ["norm", "referentie", "belofte", "doel"]
DIRECTIONS = ["higher_is_better", "lower_is_better", "neither"]
POSITION_WORDS = re.compile(r"\b(hoger|lager|langer|korter|meer|minder|anders|gelijk aan|zoals|haalt|beter|slechter)\b")
ITEMS = [(fw.id, i.id) for fw in SHIPPED.frameworks for i in fw.all_items()]


def _options(item_id: str) -> list[str]:
    return [o.id for o in SHIPPED.scale_for(item_id).options]


@st.composite
def checklist_sets(draw):
    """The shipped content with every benchmark's kind and every key figure's direction redrawn."""
    benchmarks = []
    for b in SHIPPED.benchmarks:
        kind = draw(st.sampled_from(KINDS))
        benchmarks.append(b.model_copy(update={"kind": kind, "goal_year": 2015 if kind == "doel" else None}))
    figures = {k: f.model_copy(update={"direction": draw(st.sampled_from(DIRECTIONS))})
               for k, f in SHIPPED.key_figures.items()}
    return SHIPPED.model_copy(update={"benchmarks": benchmarks, "key_figures": figures})


@st.composite
def scans(draw):
    na_bias = draw(st.floats(0.0, 1.0))  # some scans mostly n.v.t., some hardly
    scan = Assessment(
        organisation=Organisation(name="Gemeente Proef",
                                  inhabitants=draw(st.one_of(st.none(), st.integers(1, 900_000)))),
        peildatum="2026-01-01", frameworks=["BSC", "5B", "ANT"],
    )
    for _, item_id in ITEMS:
        options = _options(item_id)
        if "nvt" in options and draw(st.floats(0.0, 1.0)) < na_bias:
            option = "nvt"
        else:
            option = draw(st.one_of(st.none(), st.sampled_from(options)))
        if option is not None:
            scan.answers[item_id] = Answer(option=option, explanation="uitleg")
    for kf_id, kf in SHIPPED.key_figures.items():
        if draw(st.booleans()):
            lo = kf.minimum if kf.minimum is not None else 0.0
            hi = kf.maximum if kf.maximum is not None else 500.0
            scan.key_figures[kf_id] = KeyFigureValue(value=draw(st.floats(lo, hi, allow_nan=False)))
    return scan


def _comparisons(report):
    """(tally, comparison, scored items out of scope) of every framework and section score."""
    for fw in report.frameworks:
        if fw.comparison:
            yield fw.tally, fw.comparison, sum(e.items for e in fw.excluded_sections)
        for section in fw.sections:
            if section.comparison:
                yield section.tally, section.comparison, 0


def _all_comparisons(report):
    yield from (c for _, c, _ in _comparisons(report))
    for fw in report.frameworks:
        yield from (s.comparison for s in fw.separate_items if s.comparison)
        yield from fw.item_comparisons
    yield from (k.comparison for k in report.key_figures if k.comparison)


@settings(max_examples=40, deadline=None)
@given(checklist_sets(), scans())
def test_no_position_when_too_much_is_not_applicable(checklists, scan):
    """Out of scope, not applicable, unanswered and "Onbekend" together: 20% or more of the list
    (exactly 20% too) is no score to compare (issue 24)."""
    report = score(checklists, scan)
    for tally, comparison, out in _comparisons(report):
        total = tally.items + out
        missing = out + tally.not_applicable + tally.unanswered + tally.unknown
        if total and missing * 100 >= NOT_APPLICABLE_THRESHOLD * total:
            assert not comparison.comparable
            assert comparison.sentence.startswith("Niet vergelijkbaar met")
            claims = comparison.sentence.split(":", 1)[0]  # the benchmarks are named, no position claimed
            claims = claims.replace(" of meer)", ")")  # a group's lower bound names its value "85% of meer"
            assert not POSITION_WORDS.search(claims.replace("Niet vergelijkbaar met", ""))
            assert all(b.position is None and b.met is None and b.verdict is None for b in comparison.benchmarks)
            assert comparison.drawn == []
            assert f"{missing} van de {total}" in comparison.sentence  # what is missing, of what, is said
        elif tally.percentage is not None:
            assert comparison.comparable
            assert f"van {tally.applicable} toepasselijke" in comparison.actual_text or "over" in comparison.actual_text


@settings(max_examples=40, deadline=None)
@given(checklist_sets(), scans())
def test_key_figures_say_which_way_is_better(checklists, scan):
    report = score(checklists, scan)
    for result in report.key_figures:
        if result.comparison is None:
            continue
        sentence = result.comparison.sentence
        assert not re.search(r"\b(boven|onder)\b", sentence), sentence
        if result.direction == "neither":
            assert not re.search(r"\b(beter|slechter)\b", sentence), sentence
            assert all(b.verdict is None or "beter" not in b.verdict and "slechter" not in b.verdict
                       for b in result.comparison.benchmarks)


@settings(max_examples=40, deadline=None)
@given(checklist_sets(), scans())
def test_no_norm_verdict_for_a_non_norm(checklists, scan):
    report = score(checklists, scan)
    for comparison in _all_comparisons(report):
        norms = sum(1 for b in comparison.benchmarks if b.kind == "norm" and b.met is not None)
        assert comparison.sentence.count("u haalt") == norms, comparison.sentence
        for b in comparison.benchmarks:
            if b.kind != "norm":
                assert b.met is None
                assert b.verdict is None or "gehaald" not in b.verdict
        if any(b.kind == "doel" for b in comparison.benchmarks) and comparison.comparable and comparison.actual is not None:
            assert "het doel voor 2015" in comparison.sentence


def test_count_without_inhabitants_is_not_compared():
    scan = Assessment(organisation=Organisation(name="Gemeente Proef"), peildatum="2026-01-01", frameworks=["BSC"])
    scan.key_figures["kg-klachten-gegrond"] = KeyFigureValue(value=30)
    result = next(k for k in score(SHIPPED, scan).key_figures if k.id == "kg-klachten-gegrond")
    assert not result.comparison.comparable
    assert "geen aantal inwoners" in result.comparison.sentence
    scan.organisation.inhabitants = 30_000
    result = next(k for k in score(SHIPPED, scan).key_figures if k.id == "kg-klachten-gegrond")
    # the shipped Bergen counts have no inhabitants in their source: still not compared, and it says why
    assert not result.comparison.comparable
    assert "10 per 10.000 inwoners" in result.comparison.actual_text
    assert "de bron noemt het aantal inwoners niet" in result.comparison.sentence


def test_count_per_inhabitants_when_both_are_known():
    bergen = next(b for b in SHIPPED.benchmarks if b.id == "bm-klachten-bergen-2010")
    checklists = SHIPPED.model_copy(update={"benchmarks": [
        *(b for b in SHIPPED.benchmarks if b.metric != "kg-klachten-gegrond"),
        bergen.model_copy(update={"inhabitants": 30_000}),
    ]})
    scan = Assessment(organisation=Organisation(name="Gemeente Proef", inhabitants=60_000),
                      peildatum="2026-01-01", frameworks=["BSC"])
    scan.key_figures["kg-klachten-gegrond"] = KeyFigureValue(value=60)  # 10 per 10.000, Bergen 15
    result = next(k for k in score(checklists, scan).key_figures if k.id == "kg-klachten-gegrond")
    assert result.comparison.sentence == (
        "Met 60 (10 per 10.000 inwoners): minder en dus beter dan Bergen in 2010 (15 per 10.000 inwoners). "
        "Let op: de vergelijking is met cijfers uit 2010, 16 jaar voor de peildatum van deze scan (2026): ze laten "
        "zien hoe het toen was, niet wat nu gangbaar is.")


def test_reconstruction_caveat_once_with_the_5b_benchmarks():
    scan = Assessment(organisation=Organisation(name="Gemeente Proef"), peildatum="2026-01-01", frameworks=["5B"])
    for fw in SHIPPED.frameworks:
        if fw.id == "5B":
            for item in fw.all_items():
                scan.answers[item.id] = Answer(option="ingevoerd")
    comparison = next(f for f in score(SHIPPED, scan).frameworks if f.id == "5B").comparison
    assert comparison.sentence.count("reconstructie") == 1
    assert "(40 van 40 toepasselijke instrumenten ingevoerd)" in comparison.sentence


def test_38_not_applicable_is_not_above_the_top10():
    """The issue's example: 38 n.v.t. and 2 Ingevoerd scored 100% and read "boven de top-10"."""
    scan = Assessment(organisation=Organisation(name="Gemeente Proef"), peildatum="2026-01-01", frameworks=["5B"])
    items = [i.id for fw in SHIPPED.frameworks if fw.id == "5B" for i in fw.all_items()]
    for n, item_id in enumerate(items):
        scan.answers[item_id] = Answer(option="ingevoerd" if n < 2 else "nvt", explanation="past niet")
    five = next(f for f in score(SHIPPED, scan).frameworks if f.id == "5B")
    assert five.tally.percentage == 100.0
    assert five.comparison.sentence.startswith("Niet vergelijkbaar met")
    assert ("38 van de 40 instrumenten (95%) tellen niet mee of zonder bekend antwoord (38 niet van toepassing)"
            in five.comparison.sentence)
    assert "top-10" in five.comparison.sentence and "hoger" not in five.comparison.sentence
    assert five.comparison.drawn == []  # no benchmark lines beside the bar either (app, Excel, report)


def test_one_numbering_scheme_for_statements():
    """"Stelling 1 van 27" beside "gemiddeld niveau over 27 toepasselijke stellingen": the phase is no statement."""
    ant = SHIPPED.framework("ANT")
    assert ant.item_position("ANT-PK-01") == "Stelling 1 van 27"
    assert ant.item_position("ANT-LP-05") == "Stelling 27 van 27"
    assert ant.item_position("ANT-FASE") == "apart vergeleken, telt niet mee in de score"
    in_scope = {i.id for s in ant.sections if s.id != "ANT-PK" for i in s.items}
    assert ant.item_position("ANT-PB-01", in_scope) == "Stelling 1 van 22"
    scan = Assessment(organisation=Organisation(name="Gemeente Proef"), peildatum="2026-01-01", frameworks=["ANT"])
    for item in ant.all_items():
        scan.answers[item.id] = Answer(option="fase-2" if item.id == "ANT-FASE" else "2")
    antwoord = next(f for f in score(SHIPPED, scan).frameworks if f.id == "ANT")
    assert antwoord.tally.applicable == 27
