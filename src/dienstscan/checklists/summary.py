"""The Dutch summary ``dienstscan validate`` prints for checklists that loaded without problems."""

from __future__ import annotations

from pathlib import Path

from ..model.checklist import DIRECTION_LABELS, Benchmark, ChecklistSet, Framework
from .loader import checklist_files

#: Plurals of the words frameworks use for their items and sections (``item_label``...).
_PLURALS = {
    "norm": "normen",
    "instrument": "instrumenten",
    "stelling": "stellingen",
    "belofte": "beloften",
    "bouwsteen": "bouwstenen",
    "item": "items",
    "onderdeel": "onderdelen",
    "vraag": "vragen",
    "sectie": "secties",
    "thema": "thema's",
    "criterium": "criteria",
    "indicator": "indicatoren",
    "maatregel": "maatregelen",
    "eis": "eisen",
    "bestand": "bestanden",
}


def plural(word: str) -> str:
    """Dutch plural of a label such as ``Norm`` or ``Bouwsteen``, lower case."""
    lower = word.strip().lower()
    if lower in _PLURALS:
        return _PLURALS[lower]
    if lower.endswith("e"):
        return lower + "n"
    if lower.endswith(("a", "i", "o", "u", "y")):
        return lower + "'s"
    if lower.endswith(("el", "em", "en", "er", "je")):
        return lower + "s"
    return lower + "en"


def count(n: int, word: str) -> str:
    """``1 norm``, ``10 normen``."""
    return f"{n} {word.strip().lower() if n == 1 else plural(word)}"


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def framework_line(fw: Framework) -> str:
    """``BurgerServiceCode (BSC, versie 2.2): 10 normen``."""
    if fw.short_title != fw.title:
        name = f"{fw.title} ({fw.short_title}, versie {fw.version})"
    else:
        name = f"{fw.title} (versie {fw.version})"
    parts: list[str] = []
    if fw.items:
        if fw.sections:
            if len(fw.items) == 1:
                parts.append(f'1 organisatiebreed item ("{fw.items[0].text}")')
            else:
                parts.append(f"{len(fw.items)} organisatiebrede items")
        else:
            parts.append(count(len(fw.items), fw.item_label))
    if fw.sections:
        in_sections = sum(len(s.items) for s in fw.sections)
        parts.append(f"{count(len(fw.sections), fw.section_label)} met {count(in_sections, fw.item_label)}")
    return f"{name}: {' en '.join(parts)}"


def _metric_name(checklists: ChecklistSet, metric: str) -> str:
    for fw in checklists.frameworks:
        if fw.id == metric:
            return fw.short_title
        for section in fw.sections:
            if section.id == metric:
                return f"{fw.short_title}, {section.title}"
    if checklists.has_item(metric):
        return f"{metric} {checklists.item(metric).text}"
    if metric in checklists.key_figures:
        return checklists.key_figures[metric].label
    return metric


def benchmark_value(checklists: ChecklistSet, benchmark: Benchmark) -> str:
    """The value with its unit: ``85%``, ``15 seconden``, ``7,6``, or a level's label ("Fase 4: ...")."""
    figure = checklists.key_figures.get(benchmark.metric)
    value = benchmark.value
    if figure is None and checklists.has_item(benchmark.metric):  # an item's level: its label
        for option in checklists.scale_for(benchmark.metric).options:
            if option.level is not None and option.level == value:
                return option.label
    if figure is None:  # a framework, section or item score: a percentage (0-100)
        return f"{_number(value)}%"
    if figure.unit == "%":
        return f"{_number(value)}%"
    if figure.unit == "ja/nee":
        return "ja" if value >= 1 else "nee"
    if figure.unit in ("cijfer", "aantal"):
        return _number(value)
    return f"{_number(value)} {figure.unit}"


def describe(checklists: ChecklistSet, folder: Path) -> str:
    """A Dutch summary: frameworks with their counts, scales, themes, key figures, benchmarks."""
    try:
        files = len(checklist_files(folder))
    except OSError:
        files = 0
    lines = [f"Checklists in {folder}: {count(files, 'bestand')}, geen fouten gevonden.", ""]
    lines.append(f"Kaders ({len(checklists.frameworks)}):")
    lines += [f"  {framework_line(fw)}" for fw in checklists.frameworks]
    lines.append("")
    lines.append(f"Antwoordschalen ({len(checklists.scales)}): {', '.join(checklists.scales) or '-'}")
    lines.append(f"Thema's ({len(checklists.themes)}): {', '.join(t.label for t in checklists.themes.values()) or '-'}")
    lines.append("")
    lines.append(f"Kengetallen ({len(checklists.key_figures)}):")
    lines += [f"  {k.id}: {k.label} ({k.unit}; {DIRECTION_LABELS[k.direction]})" for k in checklists.key_figures.values()]
    lines.append("")
    lines.append(f"Benchmarks ({len(checklists.benchmarks)}):")
    for b in checklists.benchmarks:
        sign = "≥" if b.comparison == "at_least" else "≤"
        lines.append(
            f"  {_metric_name(checklists, b.metric)} {sign} {benchmark_value(checklists, b)}: "
            f"{b.label}, {b.kind_label}{f' voor {b.goal_year}' if b.goal_year else ''} "
            f"({b.source.cite()}; {b.date})"
        )
    notes = checklists.current_notes.values()
    unverified = sum(1 for n in notes if not n.verified)
    lines.append("")
    lines.append(
        f"Stand van nu ({len(notes)} {'notitie' if len(notes) == 1 else 'notities'}"
        + (f", waarvan {unverified} niet geverifieerd" if unverified else "") + "):"
    )
    for n in notes:
        status = n.status_text()
        lines.append(f"  {n.item}{' (' + status + ')' if status else ''}: {n.source.cite()}")
    return "\n".join(lines)
