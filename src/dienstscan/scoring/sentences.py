"""Benchmark comparisons in words, honest about what each benchmark is (docs/verdicts.md).

Every comparison names its benchmark and carries a "Bron: ..." line, so no verdict is shown
without its source. The wording follows the benchmark's *kind* and the figure's *direction*
(product decisions, issue 15):

- only a **norm** is "gehaald" / "niet gehaald" ("u haalt de VNG-branchenorm van maart 2011
  (hoogstens 15 minuten) niet");
- a **referentie** (a level others reached), a **belofte** (one organisation's own promise) and a
  **doel** (a goal for a year now past, read as "het doel voor 2015 van ...") are compared, never
  "gehaald": "langer en dus slechter dan Bergen in 2010 (3,2 minuten)";
- a **lower bound** of a group (``lower_bound``: "the top-10 had 85% or more", "the best 5% answered
  three quarters or more") is never "hoger dan": a value that reaches it is "binnen het niveau van de
  top-10 gemeenten (85% of meer)", one below it "lager dan de ondergrens van ...";
- a benchmark ``OLD_REFERENCE_YEARS`` or more before the scan's peildatum gets a note that says
  so ("Let op: de vergelijking is met cijfers uit 2011, 15 jaar voor de peildatum ...");
- the comparative follows the unit: *langer/korter* for times, *meer/minder* for counts,
  *hoger/lager* for percentages, marks and levels; "dus beter/slechter" is added only when the
  figure has a known direction (``higher_is_better`` / ``lower_is_better``), and not for a score or
  a phase, where higher is better by definition (``judge=False``). A figure with
  direction ``neither`` (channel use, handling time) gets the comparative and no judgement. The
  words "boven" and "onder" are not used: they hide which way is better;
- a comparison that is **withheld** (too many items *niet van toepassing*, a count without the
  number of inhabitants) names the benchmarks and says why, and claims no position;
- a benchmark's ``caveat`` (the 5 beloften list is a reconstruction; the seeds do not name the
  Antwoord phases) is said once per sentence, however many benchmarks carry it.

Positions are decided on the values as displayed (one decimal), so the text never says "hoger"
between two numbers that read the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model.checklist import BENCHMARK_KIND_LABELS, Benchmark
from . import dutch
from .report import BenchmarkComparison, MetricComparison

#: Formats a value of this metric for reading (percent, unit, phase label ...).
Formatter = Callable[[float], str]

#: (higher, lower) comparatives per unit; anything else reads "hoger" / "lager".
_COMPARATIVES = {
    "seconden": ("langer", "korter"),
    "minuten": ("langer", "korter"),
    "werkdagen": ("langer", "korter"),
    "aantal": ("meer", "minder"),
}

#: What a page says when a score has no benchmark at all, in plain Dutch.
NO_BENCHMARKS = ("Er zijn geen normen of cijfers van andere organisaties om deze score mee te vergelijken. "
                 "Wilt u vergelijken, voeg dan een eigen benchmarkbestand toe (bijvoorbeeld van uw regio).")

#: A benchmark this many years or more before the scan's peildatum is said to be old, in the
#: sentence and on the Samenvatting (a product decision, not from a source: five years is about
#: one council term plus a year, and the shipped references of 2010-2011 are 15 years old in 2026).
OLD_REFERENCE_YEARS = 5

#: The words a sentence may use for a position; tests check them against kind and direction.
NORM_WORDS = ("u haalt",)
JUDGEMENT_WORDS = ("beter", "slechter")


def _position(actual: float, value: float, decimals: int = 1) -> str:
    a, v = dutch.display_round(actual, decimals), dutch.display_round(value, decimals)
    if a > v:
        return "boven"
    if a < v:
        return "onder"
    return "gelijk"


def _met(actual: float, b: Benchmark, decimals: int = 1) -> bool:
    a, v = dutch.display_round(actual, decimals), dutch.display_round(b.value, decimals)
    return a >= v if b.comparison == "at_least" else a <= v


def _reference(b: Benchmark, value_text: str, levels: bool, yes_no: bool) -> str:
    """How the benchmark is named inside the sentence, by its kind."""
    if b.kind == "norm":
        if yes_no:
            return f"{b.label} ({value_text})"
        if levels:
            bound = "of hoger" if b.comparison == "at_least" else "of lager"
            return f"{b.label} ({value_text} {bound})"
        bound = "minstens" if b.comparison == "at_least" else "hoogstens"
        return f"{b.label} ({bound} {value_text})"
    if b.lower_bound:  # the bound of a group, in the sentence: "de top-10 gemeenten ... (85% of meer)"
        value_text += " of meer" if b.comparison == "at_least" else " of minder"
    if b.kind == "doel":
        return f"het doel voor {b.goal_year} van {b.label} ({value_text})"
    if b.kind == "belofte":
        return f"de eigen belofte van {b.label} ({value_text})"
    # referentie: name its moment unless the label already holds the year
    year = b.date[:4]
    if year in b.label:
        return f"{b.label} ({value_text})"
    when = dutch.date_text(b.date)
    joiner = "op" if len(b.date) == 10 else "in"
    return f"{b.label} {joiner} {when} ({value_text})"


def judgement(position: str, direction: str) -> str | None:
    """"beter" / "slechter" for a position against a benchmark, None when it cannot be said."""
    if position == "gelijk" or direction == "neither":
        return None
    higher = position == "boven"
    return "beter" if higher == (direction == "higher_is_better") else "slechter"


def _phrase(b: Benchmark, position: str, met: bool, reference: str, unit: str, direction: str,
            yes_no: bool) -> tuple[str, str]:
    """The phrase for one benchmark and the short verdict for tables ("norm gehaald", "korter")."""
    if b.kind == "norm":
        if met:
            return f"u haalt {reference}", "norm gehaald"
        return f"u haalt {reference} niet", "norm niet gehaald"
    judged = judgement(position, direction)
    if b.lower_bound:
        # a group's bound ("the top-10 had 85% or more"): reaching it puts a score within the
        # group's level, never "higher than" the group
        if met:
            return f"binnen het niveau van {reference}", "binnen het niveau"
        side = "ondergrens" if b.comparison == "at_least" else "bovengrens"
        word = "lager" if b.comparison == "at_least" else "hoger"
        return f"{word} dan de {side} van {reference}", f"{word} dan de {side}"
    if position == "gelijk":
        return f"gelijk aan {reference}", "gelijk"
    if yes_no:  # ja/nee: "slechter dan het doel ... (ja)", or without a direction "anders dan"
        return (f"{judged} dan {reference}", judged) if judged else (f"anders dan {reference}", "anders")
    higher, lower = _COMPARATIVES.get(unit, ("hoger", "lager"))
    word = higher if position == "boven" else lower
    if judged:
        return f"{word} en dus {judged} dan {reference}", f"{word}, dus {judged}"
    return f"{word} dan {reference}", word


def reference_year(b: Benchmark) -> int:
    """The year a benchmark speaks of: a goal's year, else the year it was measured or set."""
    return b.goal_year if b.goal_year is not None else int(b.date[:4])


def old_reference_note(benchmarks: Sequence[Benchmark], as_of: int | None) -> str | None:
    """'Let op: de vergelijking is met cijfers uit 2011, 15 jaar voor de peildatum (2026) ...' when a
    benchmark is ``OLD_REFERENCE_YEARS`` or more older than the scan; None otherwise."""
    if as_of is None:
        return None
    years = sorted({reference_year(b) for b in benchmarks if as_of - reference_year(b) >= OLD_REFERENCE_YEARS})
    if not years:
        return None
    ages = sorted({as_of - y for y in years})
    age = f"{ages[0]} jaar" if len(ages) == 1 else f"{ages[0]} tot {ages[-1]} jaar"
    return (f"Let op: de vergelijking is met cijfers uit {dutch.join_and([str(y) for y in years])}, {age} voor de "
            f"peildatum van deze scan ({as_of}): ze laten zien hoe het toen was, niet wat nu gangbaar is")


def kind_label(b: Benchmark) -> str:
    """"norm", "referentieniveau", "eigen belofte", "historisch doel voor 2015"; a group's bound
    ("the top-10 had 85% or more") is no level: "ondergrens" (or "bovengrens"), so that a list
    ("de top-10 gemeenten: 85% (ondergrens)") says what the sentence says with "(85% of meer)"."""
    label = BENCHMARK_KIND_LABELS[b.kind]
    if b.lower_bound and b.kind != "norm":
        label = "ondergrens" if b.comparison == "at_least" else "bovengrens"
    return f"{label} voor {b.goal_year}" if b.goal_year is not None else label


def source_sentence(b: Benchmark) -> str:
    when = dutch.date_text(b.date)
    named = b.label if when in b.label else f"{b.label}, {when}"
    return f"Bron: {b.source.cite()} ({named}; {kind_label(b)})."


def caveats_of(benchmarks: Sequence[Benchmark]) -> list[str]:
    """The benchmarks' caveats, each once, in order."""
    return list(dict.fromkeys(b.caveat.strip() for b in benchmarks if b.caveat.strip()))


def _ordered(benchmarks: Sequence[Benchmark]) -> list[Benchmark]:
    """Norms first (the verdict that counts), then the others by value."""
    return sorted(benchmarks, key=lambda b: (b.kind != "norm", b.value, b.id))


def compare(
    metric: str,
    actual: float | None,
    actual_text: str,
    benchmarks: Sequence[Benchmark],
    fmt: Formatter,
    *,
    levels: bool = False,
    unit: str = "%",
    direction: str = "higher_is_better",
    judge: bool = True,
    missing: str = "er is nog geen waarde",
    withheld: str | None = None,
    notes: Sequence[str] = (),
    decimals: int = 1,
    as_of: int | None = None,
) -> MetricComparison:
    """Compare one value with all benchmarks of its metric and say it in one Dutch sentence.

    ``missing`` explains why there is no value yet (used when ``actual`` is None). ``withheld``
    (a reason) means the value exists but must not be set against these benchmarks: the sentence
    says so and no benchmark gets a position. ``notes`` are said after the comparison (e.g. which
    benchmarks were left out and why). ``judge=False`` leaves out "en dus beter/slechter" where the
    direction goes without saying (a score or a phase: higher is always better); the table verdict
    keeps it. ``decimals``: the precision the values are shown with (a share: 0, ``scoring.display``);
    positions are decided on the values as shown. ``as_of`` (the year of the scan's peildatum):
    a comparison with benchmarks ``OLD_REFERENCE_YEARS`` or more older says so (``old_reference_note``).
    """
    yes_no = unit == "ja/nee"
    results: list[BenchmarkComparison] = []
    phrases: list[str] = []
    references: list[str] = []
    for b in _ordered(benchmarks):
        value_text = fmt(b.value)
        reference = _reference(b, value_text, levels, yes_no)
        references.append(reference)
        position = met = verdict = None
        if actual is not None and withheld is None:
            position = _position(actual, b.value, decimals)
            met_it = _met(actual, b, decimals)
            phrase, verdict = _phrase(b, position, met_it, reference, unit, direction, yes_no)
            if not judge:
                phrase = phrase.replace(" en dus beter dan ", " dan ").replace(" en dus slechter dan ", " dan ")
            if b.kind == "norm":
                met = met_it
            phrases.append(phrase)
        results.append(
            BenchmarkComparison(
                benchmark_id=b.id,
                metric=b.metric,
                label=b.label,
                kind=b.kind,
                kind_label=kind_label(b),
                goal_year=b.goal_year,
                comparison=b.comparison,
                value=b.value,
                value_text=value_text,
                position=position,
                met=met,
                verdict=verdict,
                source=b.source.cite(),
                date=b.date,
                date_text=dutch.date_text(b.date),
                source_sentence=source_sentence(b),
            )
        )
    caveats = caveats_of(benchmarks)
    old = old_reference_note(benchmarks, as_of) if actual is not None and withheld is None else None
    if old:
        notes = [*notes, old]
    if withheld is not None:
        sentence = f"Niet vergelijkbaar met {dutch.join_and(references)}: {withheld}."
        caveats = []  # nothing is compared, so nothing needs qualifying
    elif actual is None:
        sentence = f"Nog niet te vergelijken met {dutch.join_and(references)}: {missing}."
    elif phrases:
        sentence = f"Met {actual_text}: {'; '.join(phrases)}."
    else:
        sentence = f"Met {actual_text}."
    extra = [*notes, *caveats]
    if extra:
        sentence = " ".join([sentence, *(n if n.endswith(".") else n + "." for n in extra)])
    return MetricComparison(
        metric=metric, actual=actual, actual_text=actual_text, sentence=sentence, benchmarks=results,
        comparable=withheld is None, withheld_reason=withheld, caveats=caveats, notes=list(notes),
    )
