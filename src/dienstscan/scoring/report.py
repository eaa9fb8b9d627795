"""The score report: what ``dienstscan.scoring.score`` returns, as plain dataclasses.

The GUI, the exports and ``dienstscan score --json`` (``report_json``) all read these, so
every number a person sees is computed once, here. They are dataclasses, not pydantic models:
the engine makes them from checked data and nothing parses them from a file, so validating each
one would only cost time; building pydantic's validators for them was a tenth of a cold start's
own work. ``report_json`` (and ``report_from_json`` for tests) go through pydantic's
``TypeAdapter``, built on first use, so the JSON is as pydantic writes any model. Percentages are raw floats (0..100); the
Dutch texts (``sentence``, ``*_text``) are the same numbers formatted for reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

ItemState = Literal["unanswered", "unknown", "answered", "explanation_missing", "out_of_scope"]


class _Report:
    """One ``__eq__`` and ``__repr__`` for every report class, where ``dataclass`` would compile
    both anew for each of them at import (a start imports these twelve classes; their generated
    methods were about 3% of it). Equal = the same class with the same field values."""

    __hash__ = None  # type: ignore[assignment]  # mutable, like a dataclass with eq

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({fields})"


_report = dataclass(kw_only=True, repr=False, eq=False)
R = TypeVar("R")


def report_json(report: Any, *, indent: int | None = None) -> str:
    """``report`` (any class of this module, or a list of them) as JSON, as pydantic writes it."""
    from pydantic import TypeAdapter

    return TypeAdapter(type(report)).dump_json(report, indent=indent).decode()


def report_dict(report: Any) -> dict[str, Any]:
    """``report`` as plain JSON data (numbers, strings, lists, dicts)."""
    from pydantic import TypeAdapter

    return TypeAdapter(type(report)).dump_python(report, mode="json")


def report_from_json(cls: type[R], text: str | bytes) -> R:
    """The report ``report_json`` wrote, checked against ``cls`` (tests: nothing is lost)."""
    from pydantic import TypeAdapter

    return TypeAdapter(cls).validate_json(text, strict=False)


@_report
class Tally(_Report):
    """Counts of the scored items of a framework, a section or the whole scan.

    ``applicable`` = items in scope that are not *niet van toepassing*; unanswered items are
    applicable (nobody said they are not) and count as not achieved, so leaving items open
    never raises a score. ``completeness`` says how much of it was answered.
    """

    items: int = 0
    applicable: int = 0
    full: int = 0
    partial: int = 0
    not_applicable: int = 0
    unanswered: int = 0
    #: Answered "Onbekend" / "Nog niet beoordeeld" (``ScaleOption.unknown``): not a known answer.
    unknown: int = 0
    #: Scored items with a known answer (not unanswered, not unknown).
    answered: int = 0
    #: Share of the scored items in scope that is *niet van toepassing* (0..100); None when empty.
    not_applicable_share: float | None = None
    #: Sum of the weights of the applicable answers (unanswered = 0).
    weight_sum: float = 0.0
    #: Headline score per the framework's score method; None when nothing is applicable.
    percentage: float | None = None
    #: Share of applicable items answered with a partial option (shown beside, never mixed in).
    partial_percentage: float | None = None
    #: All items in scope, including those compared on their own (``scored: false``), and how
    #: many of them have a known answer ("Onbekend" is no known answer): the basis of ``completeness``.
    all_items: int = 0
    all_answered: int = 0
    #: Share of all items in scope (applicable or not, scored or not) that has an answer.
    completeness: float | None = None
    #: A mean-level score (Antwoord) as a level on its scale: ``percentage`` / 100 x ``level_top``.
    #: Shown as a level everywhere, never as a percentage (``scoring.display``).
    level: float | None = None
    level_top: int | None = None


@_report
class BenchmarkComparison(_Report):
    """One benchmark against one value, always with its source."""

    benchmark_id: str
    metric: str
    label: str
    #: norm / referentie / belofte / doel (see ``model.checklist.BenchmarkKind``).
    kind: Literal["norm", "referentie", "belofte", "doel"]
    #: "norm", "referentieniveau", "eigen belofte", "historisch doel voor 2015".
    kind_label: str
    #: For a ``doel``: the year the goal was set for.
    goal_year: int | None = None
    comparison: Literal["at_least", "at_most"]
    value: float
    value_text: str
    #: Position of the compared value relative to the benchmark; None when there is no value yet.
    position: Literal["boven", "gelijk", "onder"] | None = None
    #: Only for a norm: whether the value satisfies it (at least / at most). None for every other
    #: kind: a reference, a promise or a past goal is never "gehaald".
    met: bool | None = None
    #: Short Dutch verdict for tables: "norm gehaald", "korter, dus beter", "hoger"; None when
    #: there is nothing to compare (no value, or the comparison is withheld).
    verdict: str | None = None
    source: str
    date: str
    date_text: str
    #: "Bron: <document, section> (<label>, <date>)."
    source_sentence: str

    @property
    def listed(self) -> str:
        """The benchmark in a list beside its sentence (the Samenvatting, the Scores and Kengetallen
        sheets, the report, the dashboard): "de top-10 gemeenten: 85% (ondergrens)"."""
        return f"{self.label}: {self.value_text} ({self.kind_label})"


@_report
class MetricComparison(_Report):
    """A value (score, level, key figure) against every benchmark for its metric."""

    metric: str
    actual: float | None
    actual_text: str
    #: "Met 62% (20 van 32 toepasselijke instrumenten ingevoerd): hoger en dus beter dan Bergen
    #: op 5 juli 2011 (50%); ..." (scoring/sentences.py has the wording rules).
    sentence: str
    benchmarks: list[BenchmarkComparison]
    #: False when the comparison is withheld (see ``withheld_reason``): no position is claimed.
    comparable: bool = True
    #: Why it is withheld: too many items not applicable, a count without inhabitants ...
    withheld_reason: str | None = None
    #: Caveats of the benchmarks (said once in ``sentence``), e.g. the 5 beloften reconstruction.
    caveats: list[str] = field(default_factory=list)
    #: Other notes said after the comparison (benchmarks left out, and why).
    notes: list[str] = field(default_factory=list)

    @property
    def drawn(self) -> list[BenchmarkComparison]:
        """The benchmarks a chart may draw beside the value: none when the comparison is withheld,
        since a line next to a bar claims a position as much as a sentence does."""
        return self.benchmarks if self.comparable else []


@_report
class ExcludedPart(_Report):
    """A framework or section put out of scope, with the user's justification."""

    id: str
    title: str
    kind: Literal["kader", "sectie"]
    justification: str
    items: int


@_report
class ExplanationStatus(_Report):
    """Comply or explain: answers whose option requires an explanation ("leg uit")."""

    required: int = 0
    given: int = 0
    missing: list[str] = field(default_factory=list)


@_report
class SectionScore(_Report):
    id: str
    title: str
    number: int | None
    tally: Tally
    unanswered: list[str]
    explanations_missing: list[str]
    comparison: MetricComparison | None = None


@_report
class SeparateItem(_Report):
    """An item with ``scored: false`` (the Antwoord phase): reported on its own, not in the score."""

    item_id: str
    text: str
    option: str | None
    option_label: str | None
    level: int | None
    comparison: MetricComparison | None = None


@_report
class FrameworkScore(_Report):
    id: str
    title: str
    short_title: str
    version: str
    score_method: Literal["share_full", "mean_weight"]
    item_label: str
    section_label: str
    tally: Tally
    sections: list[SectionScore]
    excluded_sections: list[ExcludedPart]
    #: "3 van 40 instrumenten buiten scope: ..." when sections are out of scope.
    scope_note: str | None = None
    #: Over how many items the score was computed and why that differs from the full list.
    denominator_note: str
    separate_items: list[SeparateItem]
    explanation_status: ExplanationStatus
    unanswered: list[str]
    comparison: MetricComparison | None = None
    #: Item-level benchmarks of scored items (rare; the phase item is in ``separate_items``).
    item_comparisons: list[MetricComparison] = field(default_factory=list)


@_report
class KeyFigureResult(_Report):
    id: str
    label: str
    unit: str
    #: higher_is_better / lower_is_better / neither (required in the checklist).
    direction: Literal["higher_is_better", "lower_is_better", "neither"]
    value: float | None
    value_text: str
    note: str = ""
    comparison: MetricComparison | None = None


@_report
class Completeness(_Report):
    """What is still open: unanswered items, missing explanations, answers that do not fit."""

    items: int = 0
    answered: int = 0
    percentage: float | None = None
    #: framework id -> unanswered item ids (organisation-wide items and every in-scope section).
    unanswered: dict[str, list[str]] = field(default_factory=dict)
    explanations_missing: list[str] = field(default_factory=list)
    #: Answers to item ids the checklists do not have (kept in the scan, not scored).
    unknown_items: list[str] = field(default_factory=list)
    #: "item: option" for answers whose option is not on the item's scale (treated as unanswered).
    unknown_options: list[str] = field(default_factory=list)
    #: Items answered "Onbekend" / "Nog niet beoordeeld": not counted in ``answered``.
    unknown_answers: list[str] = field(default_factory=list)
    key_figures_missing: list[str] = field(default_factory=list)


@_report
class ScoreReport(_Report):
    organisation: str
    peildatum: str
    frameworks: list[FrameworkScore]
    excluded_frameworks: list[ExcludedPart]
    #: Counts over all frameworks in scope. ``percentage`` stays None on purpose: frameworks use
    #: different score methods, and one figure over all of them would mix them.
    overall: Tally
    key_figures: list[KeyFigureResult]
    completeness: Completeness
    #: Dutch notes about the scan itself (e.g. a framework the checklists do not know).
    warnings: list[str] = field(default_factory=list)


@_report
class NodeCounts(_Report):
    """Counts for one framework or section in the GUI tree (all items, scored or not)."""

    total: int = 0
    answered: int = 0
    """Items with a known answer: an answer that says it is not known ("Onbekend") is not counted
    here but in ``unknown``, as in the dashboard's and the report's completeness."""
    unanswered: int = 0
    unknown: int = 0
    explanation_missing: int = 0
    out_of_scope: bool = False

    @property
    def state(self) -> str:
        """The node's state, as ``item_state`` gives one for an item: ``out_of_scope``,
        ``explanation_missing``, ``answered`` (every item), ``unknown`` (every item has an answer,
        some of them "Onbekend") or ``unanswered``."""
        if self.out_of_scope:
            return "out_of_scope"
        if self.explanation_missing:
            return "explanation_missing"
        if self.total and self.answered == self.total:
            return "answered"
        if self.total and self.answered + self.unknown == self.total:
            return "unknown"
        return "unanswered"
