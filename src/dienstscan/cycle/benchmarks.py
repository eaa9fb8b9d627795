"""Benchmarks from many scans, and the ranking the 5 beloften site once published.

``metric_statistics`` scores every scan (``dienstscan.scoring.score``) and gathers, per framework
and per section (belofte, bouwsteen), the mean, the median, the top-10 threshold (the score of the
10th best; None with fewer than 10 scans) and the count. ``build_benchmarks`` turns those into
``Benchmark`` entries, anonymised unless ``with_names``; ``benchmarks_yaml`` writes them in the
format of ``checklists/benchmarks.yaml``, so ``load_checklists(extra_benchmarks=[...])`` reads
them back as an extra benchmark set ("Regio Noord-Holland 2026").

Decisions: a scan counts for a framework or section when that part is in its scope and has a
score (something applicable); unanswered items count as not achieved, as in every score. A score
that may not be compared with benchmarks measured over the whole list (a fifth or more out of
scope, *niet van toepassing*, open or 'Onbekend': ``scoring.withheld_reason``) makes none either:
it is left out and counted in ``left_out`` (the CLI and the YAML say so). With
fewer than 10 scores no top-10 benchmark is written (a "top-10" of 7 would mislead); the
statistics say so in ``top10_note`` and the YAML in a comment.
"""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import __version__
from ..gcpause import paused_collection
from ..model.assessment import Assessment
from ..model.checklist import Benchmark, ChecklistSet, SourceRef
from ..scoring import display, dutch, score, withheld_reason

TOP_N = 10


@dataclass
class MetricStatistics:
    """The scores of many scans for one framework or section."""

    metric: str
    title: str
    kind: str  # "kader" or "sectie"
    #: (organisation, score) from the highest score down.
    scores: list[tuple[str, float]] = field(default_factory=list)
    #: Scores left out: too much of the list missing to compare (``scoring.withheld_reason``).
    left_out: int = 0
    #: A mean growth level's top (Antwoord: 4): the scores are percentages of it, shown as levels.
    level_top: int | None = None

    def value_text(self, value: float | None) -> str:
        """A statistic as every output shows such a score: "66%", or for a level "niveau 1,6"."""
        return display.percentage_score_text(value, self.level_top)

    @property
    def left_out_note(self) -> str | None:
        if not self.left_out:
            return None
        n = self.left_out
        return (f"{n} {'score' if n == 1 else 'scores'} voor {self.title} {'telt' if n == 1 else 'tellen'} niet mee: "
                "20% of meer van de lijst ontbreekt (buiten scope, niet van toepassing, open of 'Onbekend'), "
                "dus niet te vergelijken met een score over de hele lijst")

    @property
    def count(self) -> int:
        return len(self.scores)

    @property
    def mean(self) -> float | None:
        return statistics.fmean(v for _, v in self.scores) if self.scores else None

    @property
    def median(self) -> float | None:
        return statistics.median(v for _, v in self.scores) if self.scores else None

    @property
    def top10(self) -> float | None:
        return top_threshold([v for _, v in self.scores])

    @property
    def top10_note(self) -> str | None:
        if self.count >= TOP_N:
            return None
        return (f"geen top-10-drempel voor {self.title}: er {'is' if self.count == 1 else 'zijn'} maar "
                f"{self.count} {'score' if self.count == 1 else 'scores'} (minstens {TOP_N} nodig)")


def top_threshold(values: Sequence[float], n: int = TOP_N) -> float | None:
    """The score of the n-th best (ties count as separate places); None with fewer than n values."""
    if len(values) < n:
        return None
    return sorted(values, reverse=True)[n - 1]


def metric_statistics(checklists: ChecklistSet, scans: Sequence[Assessment]) -> list[MetricStatistics]:
    """Per framework, then its sections, in checklist order: the scores of every scan that has one."""
    stats: dict[str, MetricStatistics] = {}
    order: list[str] = []
    for fw in checklists.frameworks:
        stats[fw.id] = MetricStatistics(fw.id, fw.short_title, "kader")
        order.append(fw.id)
        for section in fw.sections:
            title = (f"{fw.short_title}, {fw.section_label.lower()} {section.number}" if section.number is not None
                     else f"{fw.short_title}, {section.title}")
            stats[section.id] = MetricStatistics(section.id, title, "sectie")
            order.append(section.id)
    # Only the framework and section percentages are needed: scoring without benchmarks and key
    # figures gives the same percentages in half the time (no sentences for 26 key figures per scan).
    bare = ChecklistSet(frameworks=checklists.frameworks, scales=checklists.scales, themes=checklists.themes,
                        benchmarks=[], key_figures={})
    with paused_collection():  # many scans alive at once: see dienstscan.cycle.batch.load_scans
        for scan in scans:
            name = scan.organisation.name
            for fw_score in score(bare, scan).frameworks:
                noun = dutch.plural(fw_score.item_label)
                out_of_scope = sum(e.items for e in fw_score.excluded_sections)
                parts = [(fw_score.id, fw_score.tally, out_of_scope)] + [(s.id, s.tally, 0) for s in fw_score.sections]
                for metric, tally, excluded in parts:
                    if tally.percentage is None:
                        continue
                    st = stats[metric]
                    st.level_top = tally.level_top
                    if withheld_reason(tally, noun, excluded) is not None:
                        st.left_out += 1  # the 20% rule holds for what makes a benchmark too
                        continue
                    st.scores.append((name, tally.percentage))
    for st in stats.values():
        st.scores.sort(key=lambda pair: (-pair[1], pair[0].casefold()))
    return [stats[m] for m in order if stats[m].count or stats[m].left_out]


_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.casefold()).strip("-") or "benchmark"


def _bench_id(prefix: str, metric: str, stat: str, taken: set[str]) -> str:
    tail = f"-{metric}-{stat}"
    room = 40 - len(tail)
    head = prefix[:room].rstrip("-.") if room > 0 else ""
    base = f"{head}{tail}" if head else f"{metric}-{stat}"
    base = base[:40]
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate = base[: 40 - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


def build_benchmarks(
    checklists: ChecklistSet,
    scans: Sequence[Assessment],
    *,
    label: str,
    date: str,
    with_names: bool = False,
    statistics_: list[MetricStatistics] | None = None,
) -> list[Benchmark]:
    """Mean, median and (from 10 scans) top-10 threshold per framework and section, as benchmarks.

    ``label`` names the set in sentences ("Regio Noord-Holland 2026"); ``date`` is its peildatum
    (JJJJ, JJJJ-MM or JJJJ-MM-DD). Anonymised: no organisation names unless ``with_names``.
    ``statistics_`` lets a caller that already computed ``metric_statistics`` skip the scoring.
    """
    label = label.strip()
    if not label:
        raise ValueError("geef de benchmark een naam (label), bijvoorbeeld 'Regio Noord-Holland 2026'")
    stats = statistics_ if statistics_ is not None else metric_statistics(checklists, scans)
    prefix = "bm-" + _slug(label)
    taken: set[str] = {b.id for b in checklists.benchmarks}
    dates = sorted(s.peildatum.isoformat() for s in scans)
    period = (f"peildata {dates[0]} t/m {dates[-1]}" if dates and dates[0] != dates[-1]
              else f"peildatum {dates[0]}" if dates else "geen scans")
    result: list[Benchmark] = []
    for st in stats:
        if not st.count:
            continue  # every score of this part was left out (``left_out_note`` says why)
        names = ""
        if with_names:
            names = " Deelnemers (hoogste score eerst): " + ", ".join(
                f"{org} ({st.value_text(v)})" for org, v in st.scores) + "."
        anonymity = "" if with_names else " Zonder namen van organisaties."
        scans_text = f"{st.count} {'scan' if st.count == 1 else 'scans'}"
        source = SourceRef(
            document=f"Dienstscan-benchmark {label}",
            section=st.title,
            note=f"Berekend met Dienstscan {__version__} uit {scans_text} ({period}).",
        )
        entries: list[tuple[str, float, str, str, str]] = [
            ("gem", st.mean, "referentie", f"het gemiddelde van {label}",
             f"Gemiddelde score van {st.title} over {scans_text}."),
            ("med", st.median, "referentie", f"de mediaan van {label}",
             f"Mediaan van de score van {st.title} over {scans_text}."),
        ]
        if st.top10 is not None:
            entries.append(("top10", st.top10, "referentie", f"de top-10 van {label}",
                            f"Score van de nummer {TOP_N} van {scans_text}: wie deze score haalt, hoort bij de "
                            f"top-{TOP_N} van {st.title}."))
        for stat, value, kind, bm_label, description in entries:
            result.append(Benchmark(
                id=_bench_id(prefix, st.metric, stat, taken),
                metric=st.metric,
                value=value,
                comparison="at_least",
                kind=kind,
                label=bm_label,
                # the top-10's threshold is the bound of a group, not one organisation's level
                lower_bound=stat == "top10",
                description=description + anonymity + names,
                source=source,
                date=date,
            ))
    return result


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _number(value: float) -> str:
    rounded = round(value, 4)
    return str(int(rounded)) if rounded == int(rounded) else repr(rounded)


def benchmarks_yaml(benchmarks: Sequence[Benchmark], *, title: str, notes: Sequence[str] = ()) -> str:
    """The benchmarks as a YAML file in the format of ``checklists/benchmarks.yaml``."""
    lines = [f"# {title}", "# Gemaakt met 'dienstscan benchmark'; lees in als extra benchmarkset."]
    lines += [f"# {note}" for note in notes]
    lines.append("benchmarks:")
    for b in benchmarks:
        src = [f"document: {_q(b.source.document)}"]
        if b.source.section:
            src.append(f"section: {_q(b.source.section)}")
        if b.source.note:
            src.append(f"note: {_q(b.source.note)}")
        lines += [
            f"  - id: {_q(b.id)}",
            f"    metric: {_q(b.metric)}",
            f"    value: {_number(b.value)}",
            f"    comparison: {_q(b.comparison)}",
            f"    kind: {_q(b.kind)}",
        ]
        if b.goal_year is not None:
            lines.append(f"    goal_year: {b.goal_year}")
        lines.append(f"    label: {_q(b.label)}")
        if b.lower_bound:
            lines.append("    lower_bound: true")
        if b.description:
            lines.append(f"    description: {_q(b.description)}")
        if b.caveat:
            lines.append(f"    caveat: {_q(b.caveat)}")
        if b.inhabitants is not None:
            lines.append(f"    inhabitants: {b.inhabitants}")
        lines += [f"    source: {{{', '.join(src)}}}", f"    date: {_q(b.date)}"]
    if not benchmarks:
        lines[-1] = "benchmarks: []"
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------- ranking


@dataclass
class RankRow:
    position: int | None
    organisation: str
    kind: str
    peildatum: str
    #: framework id -> headline score (None: not in scope or nothing applicable)
    scores: dict[str, float | None]
    #: framework id -> the score as every output shows it ("83%", "gemiddeld niveau 1,6 van 4", "–")
    texts: dict[str, str] = field(default_factory=dict)


@dataclass
class Ranking:
    framework_id: str
    #: (framework id, short title) of the columns, the ranked framework first.
    columns: list[tuple[str, str]]
    rows: list[RankRow]


def rank_scans(checklists: ChecklistSet, scans: Sequence[Assessment], *, framework_id: str) -> Ranking:
    """Scans ordered by the score of ``framework_id``, highest first.

    Equal scores (as shown: ``scoring.display``, a whole percentage or a level to one decimal) share
    a position (1, 2, 2, 4); scans without a score for that framework come last, without a
    position. Raises ``KeyError`` for an unknown framework.
    """
    main = checklists.framework(framework_id)
    columns = [(main.id, main.short_title)] + [(fw.id, fw.short_title) for fw in checklists.frameworks
                                               if fw.id != main.id]
    rows = []
    shown: dict[int, float] = {}  # the ranked score as shown, per row: what ties are decided on
    for scan in scans:
        report = score(checklists, scan)
        tallies = {f.id: f.tally for f in report.frameworks}
        row = RankRow(None, scan.organisation.name, scan.organisation.kind, scan.peildatum.isoformat(),
                      {fw_id: tallies[fw_id].percentage if fw_id in tallies else None for fw_id, _ in columns},
                      {fw_id: display.percentage_score_text(tallies[fw_id].percentage, tallies[fw_id].level_top)
                       if fw_id in tallies else "–" for fw_id, _ in columns})
        main_tally = tallies.get(main.id)
        if main_tally is not None and main_tally.percentage is not None:
            shown[id(row)] = (display.level_value(main_tally.level) if main_tally.level_top is not None
                              else display.share_value(main_tally.percentage))
        rows.append(row)
    scored = [r for r in rows if r.scores[main.id] is not None]
    unscored = [r for r in rows if r.scores[main.id] is None]
    scored.sort(key=lambda r: (-shown[id(r)], r.organisation.casefold()))
    previous: float | None = None
    for index, row in enumerate(scored, start=1):
        row.position = index if shown[id(row)] != previous else scored[index - 2].position
        previous = shown[id(row)]
    unscored.sort(key=lambda r: r.organisation.casefold())
    return Ranking(main.id, columns, scored + unscored)
