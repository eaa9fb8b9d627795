"""What the Excel plan and the report both say about sources and themes: one wording for both.

``cited_sources`` gathers every source the checklists cite, per document and section;
``source_rows`` turns that into one row per source (its title, every place once, where used:
consecutive items as 'BSC-01 t/m BSC-10');
``action_source_text`` names the item an action came from; ``theme_label`` the theme's label.
A source is always named by its title (``SourceRef.title``, filled in by the loader from
``bronnen.yaml``), never by the file name the checklists cite it with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ...model.assessment import Action
from ...model.checklist import ChecklistSet, Framework, SourceRef


def action_source_text(checklists: ChecklistSet, action: Action) -> str:
    """'BSC-03 Begrijpelijke voorzieningen (BurgerServiceCode)' for a proposal; '' for own ones."""
    if not action.item_id or not checklists.has_item(action.item_id):
        return action.reason or ("Eigen actie" if action.origin == "eigen" else "")
    fw, section, item = checklists.locate(action.item_id)
    where = fw.short_title if section is None else f"{fw.short_title}, {section.title}"
    text = f"{item.id} {item.text} ({where})"
    return text


def theme_label(checklists: ChecklistSet, theme_id: str) -> str:
    theme = checklists.themes.get(theme_id)
    return theme.label if theme else theme_id


def source_title(ref: SourceRef) -> str:
    """The name a reader sees: the document's title, else what the checklist wrote (an external
    source cited by its name)."""
    return ref.title or ref.document


def cited_sources(checklists: ChecklistSet, frameworks: Iterable[Framework]) -> dict[str, dict[str, list[str]]]:
    """title -> {section or '' -> [where used]} for every source cited (the Excel *Bronnen*
    sheet and the report's sources list)."""
    cited: dict[str, dict[str, list[str]]] = {}

    def add(ref: SourceRef, used_by: str) -> None:
        cited.setdefault(source_title(ref), {}).setdefault(ref.section.strip(), []).append(used_by)

    for fw in frameworks:
        add(fw.source, fw.short_title)
        for item in fw.all_items():
            add(item.source, item.id)
    for kf in checklists.key_figures.values():
        add(kf.source, f"kengetal {kf.label}")
    for b in checklists.benchmarks:
        add(b.source, f"benchmark {b.label}")
    return cited


@dataclass(frozen=True)
class SourceRow:
    """One cited source: its title, every place in it once, and where it is used."""

    title: str
    places: str
    used_by: str


_PLACE_SPLIT = re.compile(r"\s*[,;]\s*")


def _place_key(place: str) -> tuple:
    """Natural order: '3.2' before '3.10', numbers before words."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in re.split(r"[.\s]+", place) if p)


def source_rows(checklists: ChecklistSet, frameworks: Iterable[Framework]) -> list[SourceRow]:
    """One row per source, by title: places such as '3.2' and '3.2, 3.5' are listed once each."""
    frameworks = list(frameworks)
    cited = cited_sources(checklists, frameworks)
    # (framework and section, position): a run of items never crosses into another section
    groups = [group for fw in frameworks for group in [fw.items, *(section.items for section in fw.sections)]]
    order = {item.id: (g, n) for g, group in enumerate(groups) for n, item in enumerate(group)}
    rows = []
    for title in sorted(cited, key=str.casefold):
        places: dict[str, None] = {}
        for section in cited[title]:
            for place in _PLACE_SPLIT.split(section):
                if place:
                    places.setdefault(place)
        used = list(dict.fromkeys(u for section in cited[title].values() for u in section))
        rows.append(SourceRow(title, ", ".join(sorted(places, key=_place_key)) or "hele document",
                              _used_by_text(used, order)))
    return rows


#: A run of at least this many items in checklist order is written as 'first t/m last'.
RUN = 3


def _used_by_text(used: list[str], order: dict[str, tuple[int, int]]) -> str:
    """'5 beloften, BSC-01 t/m BSC-10, 5B-2.04; kengetallen: ...; benchmarks: ...': the frameworks,
    the items in checklist order with runs of consecutive items of one section shortened, then the
    key figures and the benchmarks, each kind named once."""
    items = sorted((u for u in used if u in order), key=order.__getitem__)
    figures = [u.removeprefix("kengetal ") for u in used if u.startswith("kengetal ")]
    marks = [u.removeprefix("benchmark ") for u in used if u.startswith("benchmark ")]
    frameworks = [u for u in used if u not in order and not u.startswith(("kengetal ", "benchmark "))]
    runs: list[list[str]] = []
    for item in items:
        if runs and order[item] == (order[runs[-1][-1]][0], order[runs[-1][-1]][1] + 1):
            runs[-1].append(item)
        else:
            runs.append([item])
    named = [*frameworks, *(f"{r[0]} t/m {r[-1]}" if len(r) >= RUN else ", ".join(r) for r in runs)]
    parts = [", ".join(named)] if named else []
    if figures:
        parts.append(("kengetal: " if len(figures) == 1 else "kengetallen: ") + ", ".join(figures))
    if marks:
        parts.append(("benchmark: " if len(marks) == 1 else "benchmarks: ") + ", ".join(marks))
    return "; ".join(parts)
