"""An item's herkomst and 2026 note in a table: a few words in the row, the full text under it.

The reason of a reconstruction and the 2026 notes run to 200-600 characters each. In a table
column they made every such row ten lines high (the 5 beloften printed on 8 Excel pages, the
report's item tables on 6), so every format shows the same: in the row the kind of herkomst and
the item's status today, and under the table one note per item with the full text and its source.
The Excel framework sheets and the report (PDF, Word, HTML) use these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...model.checklist import ChecklistSet, Item

#: What a row says when its full text is under the table.
NOTE_BELOW = "zie onder de tabel"


@dataclass(frozen=True)
class ItemNote:
    """One note under an item table: the item's id and the full text (with its source)."""

    item_id: str
    #: "Herkomst" or "Stand 2026" (the year the note was checked)
    about: str
    text: str


def origin_short(item: Item) -> str:
    """'Afgeleid uit een bron'; a reconstruction points to its reason under the table."""
    if item.provenance is None:
        return ""
    label = item.provenance.label
    return f"{label} ({NOTE_BELOW})" if item.provenance.kind == "reconstructie" else label


def current_short(checklists: ChecklistSet, item: Item) -> str:
    """'vandaag wettelijk verplicht sinds 1 juli 2018 (zie onder de tabel)', or only the pointer
    when the note changes no status."""
    note = checklists.current_note(item.id)
    if note is None:
        return ""
    status = note.status_text()
    return f"{status} ({NOTE_BELOW})" if status else NOTE_BELOW.capitalize()


def item_notes(checklists: ChecklistSet, items: Iterable[Item]) -> list[ItemNote]:
    """The notes under a table of ``items``, in their order: a reconstruction's reason, then the
    2026 note (heading, text and source)."""
    notes = []
    for item in items:
        if item.provenance is not None and item.provenance.kind == "reconstructie":
            notes.append(ItemNote(item.id, "Herkomst", f"Herkomst: {item.provenance.text()}"))
        note = checklists.current_note(item.id)
        if note is not None:
            notes.append(ItemNote(item.id, f"Stand {note.checked[:4]}", note.full_text()))
    return notes


def notes_heading(notes: list[ItemNote]) -> str:
    """'Toelichting bij Herkomst en Stand 2026' (only what there is)."""
    about = list(dict.fromkeys(n.about for n in notes))
    return "Toelichting bij " + " en ".join(about)
