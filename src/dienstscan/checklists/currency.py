"""How current the content is: "stand 2026" notes and legal claims that are not verified or old.

``dienstscan validate`` prints these as warnings, never as errors: an unverified statement is
allowed in the checklists as long as it says so (``verified: false`` on a note, ``not_verified``
on an item), and then it does not set a priority (``dienstscan.plan.priority_for``). A note whose
``checked`` date is older than ``MAX_NOTE_AGE_DAYS`` is due for a new check: laws change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.checklist import ChecklistSet

#: A "stand van nu" note older than this (by its ``checked`` date) gets a warning.
MAX_NOTE_AGE_DAYS = 365


@dataclass(frozen=True)
class ContentWarning:
    """One warning about the currency of the content, for one item."""

    item_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.item_id}: {self.message}"


def _date(text: str) -> dt.date:
    """'2026', '2026-11' or '2026-11-29' as a date (the first day of a year or month)."""
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def content_warnings(checklists: ChecklistSet, today: dt.date | None = None) -> list[ContentWarning]:
    """Every unverified statement about current law, and every note checked too long ago."""
    today = today or dt.date.today()
    warnings: list[ContentWarning] = []
    for fw in checklists.frameworks:
        for item in fw.all_items():
            if item.not_verified:
                warnings.append(ContentWarning(item.id, f"juridische status niet geverifieerd: {item.not_verified}"))
    for note in checklists.current_notes.values():
        if not note.verified:
            warnings.append(ContentWarning(
                note.item, "stand van nu niet geverifieerd; telt niet mee voor de prioriteit"))
        age = (today - _date(note.checked)).days
        if age > MAX_NOTE_AGE_DAYS:
            warnings.append(ContentWarning(
                note.item,
                f"stand van nu is op {note.checked} gecontroleerd, {age} dagen geleden; controleer hem opnieuw "
                f"(na {MAX_NOTE_AGE_DAYS} dagen)",
            ))
    return warnings
