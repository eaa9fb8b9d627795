"""Benchmark comparisons in words: "Met 62% zit u boven het niveau van Bergen (5 juli 2011) (50%)".

Every comparison names its benchmark and carries a "Bron: ..." line, so no verdict is shown
without its source. Wording (a product decision):

- a *referentie* (another organisation's measured level) reads "het niveau van <label> (<date>)
  (<value>)"; the date is left out when the label already holds its year;
- a *norm* (a threshold to reach) reads "<label> (<value> of meer)" for ``at_least`` and
  "(<value> of minder)" for ``at_most``; levels read "of hoger" / "of lager";
- the position (boven / op / onder) is neutral: a waiting time *onder* a norm of at most 15
  minutes is good. ``met`` says whether the benchmark is satisfied.

Positions are decided on the values as displayed (one decimal), so the text never says "boven"
between two numbers that read the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model.checklist import Benchmark
from . import dutch
from .report import BenchmarkComparison, MetricComparison

#: Formats a value of this metric for reading (percent, unit, phase label ...).
Formatter = Callable[[float], str]


def _position(actual: float, value: float) -> str:
    a, v = dutch.display_round(actual), dutch.display_round(value)
    if a > v:
        return "boven"
    if a < v:
        return "onder"
    return "gelijk"


def _reference(b: Benchmark, value_text: str, levels: bool) -> str:
    """How the benchmark is named inside the sentence."""
    if b.kind == "norm":
        if value_text in ("ja", "nee"):  # a yes/no key figure: "(ja)", not "(ja of meer)"
            return f"{b.label} ({value_text})"
        if levels:
            suffix = "of hoger" if b.comparison == "at_least" else "of lager"
        else:
            suffix = "of meer" if b.comparison == "at_least" else "of minder"
        return f"{b.label} ({value_text} {suffix})"
    year = b.date[:4]
    dated = b.label if year in b.label else f"{b.label} ({dutch.date_text(b.date)})"
    return f"het niveau van {dated} ({value_text})"


def _phrase(position: str | None, reference: str, kind: str) -> str:
    if position == "boven":
        return f"boven {reference}"
    if position == "onder":
        return f"onder {reference}"
    if kind == "norm":
        return f"precies op de grens van {reference}"
    return f"op {reference}"


def source_sentence(b: Benchmark) -> str:
    when = dutch.date_text(b.date)
    named = b.label if when in b.label else f"{b.label}, {when}"
    return f"Bron: {b.source.cite()} ({named})."


def compare(
    metric: str,
    actual: float | None,
    actual_text: str,
    benchmarks: Sequence[Benchmark],
    fmt: Formatter,
    *,
    levels: bool = False,
    missing: str = "er is nog geen waarde",
) -> MetricComparison:
    """Compare one value with all benchmarks of its metric and say it in one Dutch sentence.

    ``missing`` explains why there is no value yet (used when ``actual`` is None).
    """
    ordered = sorted(benchmarks, key=lambda b: (b.value, b.id))
    results: list[BenchmarkComparison] = []
    phrases: list[str] = []
    references: list[str] = []
    for b in ordered:
        value_text = fmt(b.value)
        reference = _reference(b, value_text, levels)
        references.append(reference)
        position = met = None
        if actual is not None:
            position = _position(actual, b.value)
            a, v = dutch.display_round(actual), dutch.display_round(b.value)
            met = a >= v if b.comparison == "at_least" else a <= v
            phrases.append(_phrase(position, reference, b.kind))
        results.append(
            BenchmarkComparison(
                benchmark_id=b.id,
                metric=b.metric,
                label=b.label,
                kind=b.kind,
                comparison=b.comparison,
                value=b.value,
                value_text=value_text,
                position=position,
                met=met,
                source=b.source.cite(),
                date=b.date,
                date_text=dutch.date_text(b.date),
                source_sentence=source_sentence(b),
            )
        )
    if actual is None:
        sentence = f"Nog niet te vergelijken met {dutch.join_and(references)}: {missing}."
    else:
        sentence = f"Met {actual_text} zit u {dutch.join_and(phrases)}."
    return MetricComparison(
        metric=metric, actual=actual, actual_text=actual_text, sentence=sentence, benchmarks=results
    )
