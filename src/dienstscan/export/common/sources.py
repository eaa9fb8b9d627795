"""What the Excel plan and the report both say about sources and themes: one wording for both.

``cited_sources`` gathers every source the checklists cite, per document and section;
``action_source_text`` names the item an action came from; ``theme_label`` the theme's label.
"""

from __future__ import annotations

from collections.abc import Iterable

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


def cited_sources(checklists: ChecklistSet, frameworks: Iterable[Framework]) -> dict[str, dict[str, list[str]]]:
    """source name -> {section or '' -> [where used]} for every source cited (the Excel *Bronnen*
    sheet and the report's sources list). A source reads by its title (bronnen.yaml), never by
    the seed's file name; a source without a title (an external one) by what the checklist wrote."""
    cited: dict[str, dict[str, list[str]]] = {}

    def add(ref: SourceRef, used_by: str) -> None:
        cited.setdefault(ref.title or ref.document, {}).setdefault(ref.section, []).append(used_by)

    for fw in frameworks:
        add(fw.source, fw.short_title)
        for item in fw.all_items():
            add(item.source, item.id)
    for kf in checklists.key_figures.values():
        add(kf.source, f"kengetal {kf.label}")
    for b in checklists.benchmarks:
        add(b.source, f"benchmark {b.label}")
    return cited
