"""Search through a whole scan: the items in scope with what was answered on them, the plan's
actions and the key figures' notes (Bewerken > Zoeken in de scan, Ctrl+F).

``search_scan(checklists, assessment, text)`` returns ``SearchHit``s in the order a reader meets
them: items in checklist order, then the actions, then the key figures. The match ignores case
and accents ("beeindigen" finds "beëindigen"); every word typed must occur in the same field.
Each hit names where it was found in Dutch (the field's label) and a short piece of text around
the first word. No Qt: the dialog in ``ui/search_dialog.py`` shows the hits.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from .assessment import ACTION_FIELD_LABELS, Assessment, items_in_scope
from .checklist import ChecklistSet

#: Characters shown around the match in a hit.
SNIPPET = 70
#: More hits than this are not listed (the dialog says so): type more words.
MAX_HITS = 300

_ACTION_FIELDS = ("id", "title", "description", "reason", "owner", "indicator", "target", "progress",
                  "measured_value", "conclusion", "act_note")


class SearchHit(NamedTuple):
    """One place the text was found."""

    #: "item", "action" or "keyfigure"
    kind: str
    #: the item, action or key figure id
    target: str
    #: what it is, for the list: "BSC-01 Keuzevrijheid contactkanaal"
    title: str
    #: where in it, in Dutch: "Uitleg", "Probleemeigenaar"
    where: str
    #: the text around the match
    snippet: str


def fold(text: str) -> str:
    """Lower case without accents: how texts are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _snippet(text: str, word: str) -> str:
    flat = " ".join(text.split())
    at = fold(flat).find(word)  # folding keeps the length of Dutch text, so the position holds
    if at < 0:
        return flat[:SNIPPET] + ("…" if len(flat) > SNIPPET else "")
    start = max(0, at - SNIPPET // 3)
    end = min(len(flat), start + SNIPPET)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def _fields(checklists: ChecklistSet, assessment: Assessment) -> Iterator[tuple[str, str, str, str, str]]:
    """(kind, target, title, where, text) for every searchable text of the scan."""
    for _fw, _section, item in items_in_scope(checklists, assessment):
        item_id = item.id
        title = f"{item.id} {item.text}"
        yield "item", item.id, title, "Itemtekst", f"{item.id} {item.text}"
        for where, text in (("Recht van de burger", item.right), ("Plicht van de overheid", item.duty),
                            ("Toelichting", item.explanation)):
            yield "item", item.id, title, where, text
        answer = assessment.answers.get(item_id)
        if answer is None:
            continue
        for where, text in (("Uitleg", answer.explanation), ("Notities", answer.notes),
                            ("Vindplaats", answer.evidence.reference)):
            yield "item", item.id, title, where, text
        for where, values in (("Belemmeringen", answer.barriers), ("Oorzaken", answer.causes),
                              ("Oplossingen", answer.solutions)):
            for value in values:
                yield "item", item.id, title, where, value
    for action in assessment.actions:
        title = f"{action.id} {action.title}"
        for name in _ACTION_FIELDS:
            yield "action", action.id, title, ACTION_FIELD_LABELS[name], getattr(action, name)
    for figure_id, value in assessment.key_figures.items():
        figure = checklists.key_figures.get(figure_id)
        label = figure.label if figure is not None else figure_id
        yield "keyfigure", figure_id, f"Kengetal: {label}", "Toelichting", value.note


def search_scan(checklists: ChecklistSet, assessment: Assessment, text: str) -> list[SearchHit]:
    """Every place where all words of ``text`` occur in one field (at most ``MAX_HITS`` + 1)."""
    words = fold(text).split()
    if not words:
        return []
    hits: list[SearchHit] = []
    for kind, target, title, where, field in _fields(checklists, assessment):
        if not field:
            continue
        folded = fold(field)
        if all(word in folded for word in words):
            hits.append(SearchHit(kind, target, title, where, _snippet(field, words[0])))
            if len(hits) > MAX_HITS:
                break
    return hits
