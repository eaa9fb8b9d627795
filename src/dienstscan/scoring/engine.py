"""Scoring: pure functions from (checklists, scan) to a ``ScoreReport``. No I/O, no Qt.

Decisions:

- **Denominator.** An item counts when its framework and section are in scope and the item is
  ``scored``. It is *applicable* unless its answer's option has weight null (*niet van
  toepassing*). An **unanswered item is applicable** and counts as not achieved (weight 0):
  otherwise a scan could raise its score by leaving the hard items open. Completeness (share
  answered) is reported beside every score, so an incomplete scan is visible at once.
- ``share_full``: share of applicable items whose option has weight 1 (5 beloften: *Ingevoerd*;
  BSC: *Toegepast*). Options with 0 < weight < 1 are counted as *partial* and shown beside the
  score (``partial_percentage``), never mixed into it.
- ``mean_weight``: mean weight of the applicable items x 100 (Antwoord: level / 4).
- An answer whose option is not on the item's scale (e.g. a changed checklist) is treated as
  unanswered and listed in ``completeness.unknown_options``; answers to unknown items are kept
  and listed in ``completeness.unknown_items``.
- Items with ``scored: false`` (the Antwoord phase) are reported in ``separate_items``, with
  their level against the benchmarks for the item id.
- **What is missing withholds the comparison** (``NOT_APPLICABLE_THRESHOLD``, 20%; issue 24):
  when a fifth or more of the scored items of a framework or section is missing from its score
  (sections put out of scope, *niet van toepassing*, unanswered, or answered "Onbekend"), the score
  is not set against benchmarks (``MetricComparison.comparable`` is False and the sentence names
  exactly what is missing). The benchmarks were measured over the whole list; k of n items left
  out moves a share by up to k/n, and a fifth is one whole promise of the 5 beloften (8 of 40).
  Every comparison says its denominator ("20 van 32 toepasselijke instrumenten ingevoerd").
- **Unknown is no answer** (``ScaleOption.unknown``: "Onbekend", "Nog niet beoordeeld"): it counts
  as not achieved in the score and is not counted as answered in the completeness.
- **A mean level is a level** (``Tally.level``, ``level_top``): Antwoord's score reads "gemiddeld
  niveau 1,6 van 4" everywhere (``scoring.display``), never a percentage.
- **Counts per inhabitant**: a key figure with ``per_inhabitants`` (justified complaints) is
  compared per 10,000 inhabitants, only when the scan has the number of inhabitants and the
  benchmark that of the organisation it measured; otherwise the sentence says why not.

The per-checklist lookups (scales per item, options per id, benchmarks per metric) are built
once per ``ChecklistSet`` and cached, so rescoring after every edit stays well under a
millisecond for a full scan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model.assessment import Answer, Assessment
from ..model.checklist import Benchmark, ChecklistSet, Framework, Item, KeyFigure, ScaleOption, Section
from . import display, dutch
from .report import (
    BenchmarkComparison,
    Completeness,
    ExcludedPart,
    ExplanationStatus,
    FrameworkScore,
    ItemState,
    KeyFigureResult,
    MetricComparison,
    NodeCounts,
    ScoreReport,
    SectionScore,
    SeparateItem,
    Tally,
)
from .sentences import compare

__all__ = ["NOT_APPLICABLE_THRESHOLD", "BenchmarkComparison", "item_state", "node_counts", "score"]

#: Above this share (%) of *niet van toepassing* a score is not compared with benchmarks.
NOT_APPLICABLE_THRESHOLD = 20.0


# --------------------------------------------------------------------------- index (cached)


class _ItemIx(NamedTuple):
    item: Item
    options: dict[str, ScaleOption]
    levels: dict[int, ScaleOption]


class _SectionIx(NamedTuple):
    section: Section
    items: tuple[_ItemIx, ...]


class _FrameworkIx(NamedTuple):
    framework: Framework
    items: tuple[_ItemIx, ...]
    sections: tuple[_SectionIx, ...]
    total_items: int
    #: The top of the growth scale when the score is a mean level (Antwoord: 4), else None.
    level_top: int | None


@dataclass(frozen=True, slots=True)
class _Index:
    frameworks: dict[str, _FrameworkIx]
    items: dict[str, tuple[_FrameworkIx, _SectionIx | None, _ItemIx]]
    benchmarks: dict[str, tuple[Benchmark, ...]]
    key_figures: tuple[KeyFigure, ...]
    #: Comparisons and key-figure results already worked out for these checklists (``_memo``):
    #: they depend only on the value compared, and after an edit most values are the same.
    memo: dict[tuple, object] = field(default_factory=dict)


_CACHE: dict[int, tuple[ChecklistSet, _Index]] = {}
_CACHE_SIZE = 8


def _index(checklists: ChecklistSet) -> _Index:
    hit = _CACHE.get(id(checklists))
    if hit is not None and hit[0] is checklists:
        return hit[1]
    by_metric: dict[str, list[Benchmark]] = {}
    for b in checklists.benchmarks:
        by_metric.setdefault(b.metric, []).append(b)
    frameworks: dict[str, _FrameworkIx] = {}
    items: dict[str, tuple[_FrameworkIx, _SectionIx | None, _ItemIx]] = {}

    def item_ix(item: Item) -> _ItemIx:
        scale = checklists.scale_for(item.id)
        options = {o.id: o for o in scale.options}
        levels = {o.level: o for o in scale.options if o.level is not None}
        return _ItemIx(item, options, levels)

    for fw in checklists.frameworks:
        fw_items = tuple(item_ix(i) for i in fw.items)
        sections = tuple(_SectionIx(s, tuple(item_ix(i) for i in s.items)) for s in fw.sections)
        total = len(fw_items) + sum(len(s.items) for s in sections)
        fix = _FrameworkIx(fw, fw_items, sections, total, _level_top(fw, fw_items, sections))
        frameworks[fw.id] = fix
        for ix in fw_items:
            items[ix.item.id] = (fix, None, ix)
        for six in sections:
            for ix in six.items:
                items[ix.item.id] = (fix, six, ix)
    index = _Index(
        frameworks=frameworks,
        items=items,
        benchmarks={k: tuple(v) for k, v in by_metric.items()},
        key_figures=tuple(checklists.key_figures.values()),
    )
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[id(checklists)] = (checklists, index)
    return index


def _level_top(fw: Framework, items: tuple[_ItemIx, ...], sections: tuple[_SectionIx, ...]) -> int | None:
    """The highest level of a mean-level framework's scale when every weight is level / highest
    (Antwoord: niveau 0..4, weight 0..1): its score is then a level on that scale, never a
    percentage. None otherwise (the score stays a share)."""
    if fw.score_method != "mean_weight":
        return None
    scored = [ix for ix in items + tuple(i for s in sections for i in s.items) if ix.item.scored]
    scales = {tuple(sorted(ix.options)) for ix in scored}
    if not scored or len(scales) != 1:
        return None
    options = [o for o in scored[0].options.values() if o.level is not None and o.weight is not None]
    top = max((o.level for o in options), default=0)
    if top <= 0 or any(abs(o.weight - o.level / top) > 1e-9 for o in options):
        return None
    return top


# --------------------------------------------------------------------------- helpers


def _option(ix: _ItemIx, answer: Answer | None) -> ScaleOption | None:
    if answer is None or answer.option is None:
        return None
    return ix.options.get(answer.option)


def _needs_explanation(option: ScaleOption, answer: Answer) -> bool:
    return option.requires_explanation and not answer.explanation.strip()


class _Acc:
    """Mutable counters while walking the items; turned into a ``Tally`` at the end."""

    __slots__ = ("items", "applicable", "full", "partial", "na", "unanswered", "unknown", "weight", "all",
                 "all_answered")

    def __init__(self) -> None:
        self.items = self.applicable = self.full = self.partial = self.na = self.unanswered = self.unknown = 0
        self.weight = 0.0
        # all items including scored: false, for completeness
        self.all = self.all_answered = 0

    def add(self, other: _Acc) -> None:
        self.items += other.items
        self.applicable += other.applicable
        self.full += other.full
        self.partial += other.partial
        self.na += other.na
        self.unanswered += other.unanswered
        self.unknown += other.unknown
        self.weight += other.weight
        self.all += other.all
        self.all_answered += other.all_answered

    def key(self) -> tuple:
        """Everything ``tally`` depends on (besides the method), for the memo."""
        return (self.items, self.applicable, self.full, self.partial, self.na, self.unanswered, self.unknown,
                self.weight, self.all, self.all_answered)

    def tally(self, method: str | None, level_top: int | None = None) -> Tally:
        pct = partial = None
        if self.applicable:
            if method == "share_full":
                pct = 100.0 * self.full / self.applicable
            elif method == "mean_weight":
                pct = 100.0 * self.weight / self.applicable
            partial = 100.0 * self.partial / self.applicable
        return Tally(
            not_applicable_share=(100.0 * self.na / self.items) if self.items else None,
            items=self.items,
            applicable=self.applicable,
            full=self.full,
            partial=self.partial,
            not_applicable=self.na,
            unanswered=self.unanswered,
            unknown=self.unknown,
            answered=self.items - self.unanswered - self.unknown,
            weight_sum=self.weight,
            percentage=pct,
            partial_percentage=partial,
            all_items=self.all,
            all_answered=self.all_answered,
            completeness=(100.0 * self.all_answered / self.all) if self.all else None,
            level=self.weight * level_top / self.applicable if level_top and pct is not None else None,
            level_top=level_top,
        )


@dataclass(slots=True)
class _Walk:
    """Per-run state shared by the framework walks."""

    answers: dict[str, Answer]
    unknown_options: list[str]
    explanations_missing: list[str]
    #: Items answered "Onbekend" / "Nog niet beoordeeld": answered, but not known.
    unknown_answers: list[str] = field(default_factory=list)


def _walk_items(items: tuple[_ItemIx, ...], walk: _Walk, acc: _Acc, unanswered: list[str],
                missing: list[str], expl: list[int], separate: list[tuple[_ItemIx, ScaleOption | None]]) -> None:
    # the hot loop of every rescoring: counters in locals, written back once at the end
    answers = walk.answers
    n_all = n_answered = n_items = n_unanswered = n_unknown = n_applicable = n_na = n_full = n_partial = 0
    weight_sum = 0.0
    for ix in items:
        item = ix.item
        answer = answers.get(item.id)
        chosen = answer.option if answer is not None else None
        option = ix.options.get(chosen) if chosen is not None else None
        if chosen is not None and option is None:
            walk.unknown_options.append(f"{item.id}: {chosen}")
        n_all += 1
        if option is None:
            unanswered.append(item.id)
        else:
            if option.unknown:  # an answer that says it is not known: not counted as answered
                walk.unknown_answers.append(item.id)
                if item.scored:
                    n_unknown += 1
            else:
                n_answered += 1
            if option.requires_explanation:
                expl[0] += 1
                if not answer.explanation.strip():
                    missing.append(item.id)
                else:
                    expl[1] += 1
        if not item.scored:
            separate.append((ix, option))
            continue
        n_items += 1
        if option is None:
            n_unanswered += 1
            n_applicable += 1
            continue
        weight = option.weight
        if weight is None:
            n_na += 1
            continue
        n_applicable += 1
        weight_sum += weight
        if weight >= 1.0:
            n_full += 1
        elif weight > 0.0:
            n_partial += 1
    acc.all += n_all
    acc.all_answered += n_answered
    acc.items += n_items
    acc.unanswered += n_unanswered
    acc.unknown += n_unknown
    acc.applicable += n_applicable
    acc.na += n_na
    acc.full += n_full
    acc.partial += n_partial
    acc.weight += weight_sum


_MEMO_SIZE = 4096


def _memo(index: _Index, key: tuple, make):
    """``make()``, or what it gave before for the same ``key`` with the same checklists.

    Safe because a comparison or key-figure result is a pure function of the checklists (fixed
    for the index) and the values in ``key``; the report parts are never changed after scoring.
    """
    hit = index.memo.get(key)
    if hit is None:
        if len(index.memo) >= _MEMO_SIZE:
            index.memo.clear()
        hit = index.memo[key] = make()
    return hit


def _compare(index: _Index, metric: str, actual: float | None, actual_text: str,
             benchmarks: tuple[Benchmark, ...], fmt, **options) -> MetricComparison:
    key = ("compare", metric, actual, actual_text, tuple(b.id for b in benchmarks), tuple(sorted(options.items())))
    return _memo(index, key, lambda: compare(metric, actual, actual_text, benchmarks, fmt, **options))


def _full_label(fix: _FrameworkIx) -> str:
    """How the full option reads in a denominator: "ingevoerd", "toegepast"."""
    for ix in fix.items + tuple(i for s in fix.sections for i in s.items):
        for option in ix.options.values():
            if option.weight == 1.0:
                return option.label.lower()
    return "volledig"


def denominator_text(fix_method: str | None, tally: Tally, noun: str, full_label: str) -> str:
    """ "20 van 32 toepasselijke instrumenten ingevoerd" / "gemiddeld over 25 toepasselijke stellingen"."""
    if fix_method == "mean_weight":
        return f"gemiddeld over {tally.applicable} toepasselijke {noun}"
    return f"{tally.full} van {tally.applicable} toepasselijke {noun} {full_label}"


def withheld_reason(tally: Tally, noun: str, out_of_scope: int = 0) -> str | None:
    """Why a score is not compared with benchmarks, or None when it may be.

    The benchmarks were measured over the whole list. A score is compared only while less than a
    fifth of that list is missing from it: items put out of scope (``out_of_scope``: the scored
    items of excluded sections), *niet van toepassing*, not answered or answered "Onbekend"
    together. Exactly a fifth is withheld too (8 of 40 is one whole promise of the 5 beloften). A
    score over unknown answers is no score to compare; the reason names what is missing.
    """
    total = tally.items + out_of_scope
    parts = [(out_of_scope, "buiten scope"), (tally.not_applicable, "niet van toepassing"),
             (tally.unanswered, "nog niet beantwoord"), (tally.unknown, "beantwoord met 'Onbekend'")]
    missing = sum(n for n, _ in parts)
    if not total or missing * 100 < NOT_APPLICABLE_THRESHOLD * total:
        return None
    named = dutch.join_and([f"{n} {what}" for n, what in parts if n])
    return (f"{missing} van de {total} {noun} ({display.share_text(100.0 * missing / total)}) tellen niet mee of "
            f"zonder bekend antwoord ({named}); bij {display.share_text(NOT_APPLICABLE_THRESHOLD)} of meer is de "
            "score niet te vergelijken met benchmarks die over de hele lijst zijn gemeten")


def _pct_compare(index: _Index, fix: _FrameworkIx, metric: str, tally: Tally,
                 benchmarks: tuple[Benchmark, ...], as_of: int | None = None,
                 out_of_scope: int = 0) -> MetricComparison | None:
    """A framework's or section's score against its benchmarks: a share as a whole percentage, a
    mean level on its own scale (the benchmarks, percentages of the top, converted to levels)."""
    if not benchmarks:
        return None
    noun = dutch.plural(fix.framework.item_label)
    top = fix.level_top
    options = {"judge": False, "missing": "er zijn geen toepasselijke items beantwoord",
               "withheld": withheld_reason(tally, noun, out_of_scope), "as_of": as_of}
    if top:
        level = tally.level
        text = (display.NO_SCORE if level is None else
                f"{display.mean_level_text(level, top)} (over {tally.applicable} toepasselijke {noun})")
        on_levels = tuple(b.model_copy(update={"value": b.value / 100.0 * top}) for b in benchmarks)
        return _compare(index, metric, level, text, on_levels, lambda v: display.level_text(v, top), levels=True,
                        decimals=display.LEVEL_DECIMALS, **options)
    pct = tally.percentage
    if pct is None:
        text = display.NO_SCORE
    else:
        text = f"{display.share_text(pct)} ({denominator_text(fix.framework.score_method, tally, noun, _full_label(fix))})"
    return _compare(index, metric, pct, text, benchmarks, display.share_text, decimals=display.SHARE_DECIMALS,
                    **options)


def _option_in_sentence(label: str) -> str:
    """An option label inside a sentence: "Fase 2: Kanaal geeft Antwoord" -> "Fase 2 (Kanaal geeft Antwoord)"."""
    head, sep, tail = label.partition(": ")
    return f"{head} ({tail})" if sep else label


def _level_text(ix: _ItemIx) -> Callable[[float], str]:
    def fmt(value: float) -> str:
        option = ix.levels.get(int(value)) if value == int(value) else None
        # inside the brackets of a reference: the short name ("Fase 4"), so no brackets nest
        return option.label.partition(": ")[0] if option is not None else f"niveau {dutch.number(value)}"

    return fmt



def _item_compare(index: _Index, ix: _ItemIx, option: ScaleOption | None,
                  benchmarks: tuple[Benchmark, ...], as_of: int | None = None) -> MetricComparison:
    """An item's answer against benchmarks for that item: its level, or else its weight in %."""
    missing = (f"het antwoord is '{option.label}', dus nog niet bekend" if option is not None and option.unknown
               else "het item is nog niet beantwoord")
    if option is not None and option.unknown:
        option = None  # an unknown answer has no level and no weight to compare
    if ix.levels:
        fmt = _level_text(ix)
        actual = float(option.level) if option is not None and option.level is not None else None
        text = _option_in_sentence(option.label) if option is not None else "geen antwoord"
        return _compare(index, ix.item.id, actual, text, benchmarks, fmt, levels=True, unit="niveau", judge=False,
                        missing=missing, as_of=as_of)
    actual = option.weight * 100.0 if option is not None and option.weight is not None else None
    text = display.share_text(actual) if actual is not None else "geen antwoord"
    return _compare(index, ix.item.id, actual, text, benchmarks, display.share_text,
                    missing=missing, as_of=as_of, decimals=display.SHARE_DECIMALS)


def _scope_notes(fix: _FrameworkIx, excluded: list[ExcludedPart], tally: Tally) -> tuple[str | None, str]:
    fw = fix.framework
    noun = dutch.plural(fw.item_label)
    total_scored = sum(1 for ix in fix.items if ix.item.scored) + sum(
        1 for s in fix.sections for ix in s.items if ix.item.scored
    )
    scope_note = None
    reasons: list[str] = []
    if excluded:
        n_out = sum(e.items for e in excluded)
        parts = [f"{e.title} ({e.justification})" for e in excluded]
        scope_note = f"{n_out} van {total_scored} {noun} buiten scope: {'; '.join(parts)}."
        reasons.append(f"{n_out} buiten scope")
    if tally.not_applicable:
        reasons.append(f"{tally.not_applicable} niet van toepassing")
    if reasons:
        note = (f"Score berekend over {tally.applicable} van {total_scored} {noun}: "
                f"{dutch.join_and(reasons)}.")
    else:
        note = f"Score berekend over alle {tally.applicable} {noun}."
    if tally.unanswered:
        note += f" Nog niet beantwoord: {tally.unanswered} (tellen als niet gerealiseerd)."
    if tally.unknown:
        note += f" 'Onbekend': {tally.unknown} (telt als niet gerealiseerd)."
    return scope_note, note


def _excluded_part_items(items: tuple[_ItemIx, ...]) -> int:
    return sum(1 for ix in items if ix.item.scored)


# --------------------------------------------------------------------------- score


def _section_score(index: _Index, fix: _FrameworkIx, section: Section, stally: Tally, unanswered: list[str],
                   missing: list[str], as_of: int | None = None) -> SectionScore:
    return SectionScore(
        id=section.id, title=section.title, number=section.number, tally=stally,
        unanswered=unanswered, explanations_missing=missing,
        comparison=_pct_compare(index, fix, section.id, stally, index.benchmarks.get(section.id, ()), as_of),
    )


def _score_framework(fix: _FrameworkIx, index: _Index, walk: _Walk, assessment: Assessment,
                     overall: _Acc, completeness: Completeness) -> FrameworkScore:
    fw = fix.framework
    method = fw.score_method
    as_of = assessment.peildatum.year
    acc = _Acc()
    unanswered: list[str] = []
    missing: list[str] = []
    expl = [0, 0]
    separate: list[tuple[_ItemIx, ScaleOption | None]] = []
    _walk_items(fix.items, walk, acc, unanswered, missing, expl, separate)
    sections: list[SectionScore] = []
    excluded: list[ExcludedPart] = []
    benchmarks = index.benchmarks
    for six in fix.sections:
        section = six.section
        exclusion = assessment.out_of_scope.get(section.id)
        if exclusion is not None:
            excluded.append(ExcludedPart(
                id=section.id, title=section.heading(fw.section_label), kind="sectie",
                justification=exclusion.justification, items=_excluded_part_items(six.items),
            ))
            continue
        sacc = _Acc()
        s_unanswered: list[str] = []
        s_missing: list[str] = []
        _walk_items(six.items, walk, sacc, s_unanswered, s_missing, expl, separate)
        acc.add(sacc)
        unanswered.extend(s_unanswered)
        missing.extend(s_missing)
        sections.append(_memo(index, ("section", section.id, method, fix.level_top, as_of, sacc.key(),
                                      tuple(s_unanswered), tuple(s_missing)),
                              lambda: _section_score(index, fix, section, sacc.tally(method, fix.level_top), s_unanswered,
                                                     s_missing, as_of)))
    overall.add(acc)
    tally = _memo(index, ("tally", method, fix.level_top, acc.key()), lambda: acc.tally(method, fix.level_top))
    scope_note, denominator_note = _scope_notes(fix, excluded, tally)

    separate_items: list[SeparateItem] = []
    for ix, option in separate:
        bms = benchmarks.get(ix.item.id, ())
        separate_items.append(SeparateItem(
            item_id=ix.item.id, text=ix.item.text,
            option=option.id if option is not None else None,
            option_label=option.label if option is not None else None,
            level=option.level if option is not None else None,
            comparison=_item_compare(index, ix, option, bms, as_of) if bms else None,
        ))
    item_comparisons: list[MetricComparison] = []
    for item_id, bms in benchmarks.items():
        located = index.items.get(item_id)
        if located is None or located[0] is not fix or not located[2].item.scored:
            continue
        if located[1] is not None and not assessment.in_scope(fw.id, located[1].section.id):
            continue
        ix = located[2]
        item_comparisons.append(_item_compare(index, ix, _option(ix, walk.answers.get(item_id)), bms, as_of))

    completeness.unanswered[fw.id] = unanswered
    completeness.explanations_missing.extend(missing)
    return FrameworkScore(
        id=fw.id, title=fw.title, short_title=fw.short_title, version=fw.version,
        score_method=method, item_label=fw.item_label, section_label=fw.section_label,
        tally=tally, sections=sections, excluded_sections=excluded,
        scope_note=scope_note, denominator_note=denominator_note,
        separate_items=separate_items,
        explanation_status=ExplanationStatus(required=expl[0], given=expl[1], missing=missing),
        unanswered=unanswered,
        comparison=_pct_compare(index, fix, fw.id, tally, benchmarks.get(fw.id, ()), as_of,
                                sum(e.items for e in excluded)),
        item_comparisons=item_comparisons,
    )


def _per_inhabitants(kf: KeyFigure, value: float | None, value_text: str, bms: tuple[Benchmark, ...],
                     inhabitants: int | None, as_of: int | None = None) -> MetricComparison:
    """A count compared per ``kf.per_inhabitants`` inhabitants, or withheld with the reason."""
    per = kf.per_inhabitants or 10_000
    per_text = dutch.number(per, 0)

    def fmt(v: float) -> str:
        return f"{dutch.number(v)} per {per_text} inwoners"

    if value is not None and not inhabitants:
        return compare(kf.id, value, value_text, bms, lambda v: dutch.with_unit(v, kf.unit), unit=kf.unit,
                       direction=kf.direction, as_of=as_of,
                       withheld=("een aantal zegt pas iets naast de omvang van de organisatie, en de scan "
                                 f"heeft geen aantal inwoners; vul het in om per {per_text} inwoners te vergelijken"))
    usable = [b.model_copy(update={"value": b.value * per / b.inhabitants}) for b in bms if b.inhabitants]
    left_out = [b for b in bms if not b.inhabitants]
    notes = []
    why = f"de bron noemt het aantal inwoners niet, dus is het cijfer niet om te rekenen naar een aantal per {per_text} inwoners"
    if left_out:
        names = dutch.join_and([f"{b.label} ({dutch.with_unit(b.value, kf.unit)})" for b in left_out])
        notes.append(f"Niet vergeleken met {names}: {why}")
    if value is None:
        return compare(kf.id, None, value_text, usable or bms, fmt if usable else (lambda v: dutch.with_unit(v, kf.unit)),
                       unit=kf.unit, direction=kf.direction, missing="het kengetal is niet ingevuld", as_of=as_of)
    rate = value * per / inhabitants
    text = f"{value_text} ({fmt(rate)})"
    if not usable:
        return compare(kf.id, rate, text, bms, lambda v: dutch.with_unit(v, kf.unit), unit=kf.unit,
                       direction=kf.direction, withheld=f"uw aantal is {fmt(rate)}, maar {why}", as_of=as_of)
    return compare(kf.id, rate, text, usable, fmt, unit=kf.unit, direction=kf.direction, notes=notes, as_of=as_of)


def _key_figure(kf: KeyFigure, assessment: Assessment, index: _Index) -> KeyFigureResult:
    entered = assessment.key_figures.get(kf.id)
    value = entered.value if entered is not None else None
    note = entered.note if entered is not None else ""
    inhabitants = assessment.organisation.inhabitants
    as_of = assessment.peildatum.year
    return _memo(index, ("key_figure", kf.id, value, note, inhabitants, as_of),
                 lambda: _key_figure_result(kf, value, note, inhabitants, index, as_of))


def _key_figure_result(kf: KeyFigure, value: float | None, note: str, inhabitants: int | None,
                       index: _Index, as_of: int | None = None) -> KeyFigureResult:
    value_text = dutch.with_unit(value, kf.unit) if value is not None else "niet ingevuld"
    bms = index.benchmarks.get(kf.id, ())
    comparison = None
    if bms and kf.per_inhabitants:
        comparison = _per_inhabitants(kf, value, value_text, bms, inhabitants, as_of)
    elif bms:
        comparison = compare(kf.id, value, value_text, bms, lambda v: dutch.with_unit(v, kf.unit),
                             unit=kf.unit, direction=kf.direction, missing="het kengetal is niet ingevuld",
                             as_of=as_of)
    return KeyFigureResult(
        id=kf.id, label=kf.label, unit=kf.unit, direction=kf.direction,
        value=value, value_text=value_text, note=note, comparison=comparison,
    )


def score(checklists: ChecklistSet, assessment: Assessment) -> ScoreReport:
    """Score a scan against the checklists: per framework in scope, per section and overall.

    Pure: reads both arguments, changes neither. See the module docstring for the decisions.
    """
    index = _index(checklists)
    out_of_scope = assessment.out_of_scope
    walk = _Walk(answers=assessment.answers, unknown_options=[], explanations_missing=[])
    completeness = Completeness()
    overall = _Acc()
    frameworks: list[FrameworkScore] = []
    excluded: list[ExcludedPart] = []
    warnings: list[str] = []

    for fw_id in assessment.frameworks:
        fix = index.frameworks.get(fw_id)
        if fix is None:
            warnings.append(f"Kader '{fw_id}' staat in de scan, maar niet in de checklists; het telt niet mee.")
            continue
        exclusion = out_of_scope.get(fw_id)
        if exclusion is not None:
            excluded.append(ExcludedPart(
                id=fw_id, title=fix.framework.title, kind="kader", justification=exclusion.justification,
                items=fix.total_items,
            ))
            continue
        frameworks.append(_score_framework(fix, index, walk, assessment, overall, completeness))
    for scope_id, exclusion in out_of_scope.items():
        fix = index.frameworks.get(scope_id)
        if fix is not None and scope_id not in assessment.frameworks:
            excluded.append(ExcludedPart(
                id=scope_id, title=fix.framework.title, kind="kader", justification=exclusion.justification,
                items=fix.total_items,
            ))

    items = index.items
    completeness.unknown_items = [item_id for item_id in assessment.answers if item_id not in items]
    completeness.unknown_options = walk.unknown_options
    completeness.unknown_answers = walk.unknown_answers
    completeness.items = overall.all
    completeness.answered = overall.all_answered
    completeness.percentage = 100.0 * overall.all_answered / overall.all if overall.all else None

    key_figures = [_key_figure(kf, assessment, index) for kf in index.key_figures]
    completeness.key_figures_missing = [k.id for k in key_figures if k.value is None]

    return ScoreReport(
        organisation=assessment.organisation.name,
        peildatum=assessment.peildatum.isoformat(),
        frameworks=frameworks,
        excluded_frameworks=excluded,
        overall=overall.tally(None),
        key_figures=key_figures,
        completeness=completeness,
        warnings=warnings,
    )


# --------------------------------------------------------------------------- GUI helpers


def item_state(checklists: ChecklistSet, assessment: Assessment, item_id: str) -> ItemState:
    """The state of one item for the GUI tree: out of scope, unanswered, unknown (answered with an
    option that says it is not known, e.g. "Onbekend"), explanation missing, answered.

    Raises ``KeyError`` for an item id the checklists do not have.
    """
    fix, six, ix = _index(checklists).items[item_id]
    if not assessment.in_scope(fix.framework.id, six.section.id if six else None):
        return "out_of_scope"
    answer = assessment.answers.get(item_id)
    option = _option(ix, answer)
    if option is None:
        return "unanswered"
    if answer is not None and _needs_explanation(option, answer):
        return "explanation_missing"
    return "unknown" if option.unknown else "answered"


def _count(items: tuple[_ItemIx, ...], answers: dict[str, Answer], counts: NodeCounts) -> None:
    for ix in items:
        answer = answers.get(ix.item.id)
        option = _option(ix, answer)
        counts.total += 1
        if option is None:
            counts.unanswered += 1
            continue
        if option.unknown:
            counts.unknown += 1
        else:
            counts.answered += 1
        if answer is not None and _needs_explanation(option, answer):
            counts.explanation_missing += 1


def node_counts(checklists: ChecklistSet, assessment: Assessment) -> dict[str, NodeCounts]:
    """Counts per framework id and per section id, for every framework in the checklists.

    A framework's counts include its organisation-wide items and its in-scope sections; parts
    out of scope are flagged and their items still counted, so the tree can show them greyed.
    """
    index = _index(checklists)
    answers = assessment.answers
    result: dict[str, NodeCounts] = {}
    for fw_id, fix in index.frameworks.items():
        fw_in = assessment.in_scope(fw_id)
        fw_counts = NodeCounts(out_of_scope=not fw_in)
        _count(fix.items, answers, fw_counts)
        for six in fix.sections:
            s_counts = NodeCounts(out_of_scope=not assessment.in_scope(fw_id, six.section.id))
            _count(six.items, answers, s_counts)
            result[six.section.id] = s_counts
            if not s_counts.out_of_scope or not fw_in:
                fw_counts.total += s_counts.total
                fw_counts.answered += s_counts.answered
                fw_counts.unanswered += s_counts.unanswered
                fw_counts.unknown += s_counts.unknown
                fw_counts.explanation_missing += s_counts.explanation_missing
        result[fw_id] = fw_counts
    return result
