"""How current the content is: "stand 2026" notes and legal claims that are not verified or old.

``dienstscan validate`` prints these as warnings, never as errors: an unverified statement is
allowed in the checklists as long as it says so (``verified: false`` on a note, ``not_verified``
on an item), and then it does not set a priority (``dienstscan.plan.priority_for``). A note whose
``checked`` date is older than ``MAX_NOTE_AGE_DAYS`` is due for a new check: laws change.

A *legal statement* is every "stand van nu" note and every item that is ``wettelijk`` or
``bestuurlijk`` in a framework about today's law (one with ``checked``). Each must let a reader find its source: a legal
statement whose source has no date (``source.date``) or no place (``source.place``: Staatsblad,
Kamerstuk, CELEX or web address), or that claims a legal obligation without saying since when
(``since``), gets a warning. So does one that is not yet in force on its check date: it sets no
priority until it is, and must be checked again then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.checklist import ChecklistSet, SourceRef, partial_date_text

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


def _source_gaps(source: SourceRef) -> list[str]:
    gaps = []
    if not source.date:
        gaps.append("de datum van de bron ('source.date')")
    if not source.place:
        gaps.append("de vindplaats ('source.place': Staatsblad, Kamerstuk, CELEX of webadres)")
    return gaps


def _legal_statement_warnings(subject: str, source: SourceRef, claims_duty: bool, since: str | None) -> list[str]:
    """What a legal statement lacks for a reader to check it (Dutch phrases, '' when nothing)."""
    gaps = _source_gaps(source)
    if claims_duty and since is None:
        gaps.append("sinds wanneer het geldt ('since')")
    return [f"{subject} zonder " + " en ".join(gaps) + "; een lezer kan de uitspraak zo niet nagaan"] if gaps else []


def content_warnings(checklists: ChecklistSet, today: dt.date | None = None) -> list[ContentWarning]:
    """Every unverified statement about current law, every legal statement without source date or
    place (or without its date of entry into force), every one not yet in force, and every note
    checked too long ago."""
    today = today or dt.date.today()
    warnings: list[ContentWarning] = []
    for fw in checklists.frameworks:
        for item in fw.all_items():
            if item.not_verified:
                warnings.append(ContentWarning(item.id, f"juridische status niet geverifieerd: {item.not_verified}"))
            if fw.checked is None or item.legal_status not in ("wettelijk", "bestuurlijk"):
                continue
            for message in _legal_statement_warnings(
                    "juridische status", item.source, item.legal_status == "wettelijk", item.since):
                warnings.append(ContentWarning(item.id, message))
            if not item.in_force_on(fw.checked):
                warnings.append(ContentWarning(
                    item.id, f"juridische status geldt pas vanaf {partial_date_text(item.since)}, na de controle op "
                             f"{fw.checked}; telt niet mee voor de prioriteit tot hij opnieuw is gecontroleerd"))
    for note in checklists.current_notes.values():
        if not note.verified:
            warnings.append(ContentWarning(
                note.item, "stand van nu niet geverifieerd; telt niet mee voor de prioriteit"))
        for message in _legal_statement_warnings(
                "stand van nu", note.source, note.legal_status == "wettelijk" or note.lapsed, note.since):
            warnings.append(ContentWarning(note.item, message))
        if not note.in_force:
            warnings.append(ContentWarning(
                note.item, f"stand van nu geldt pas vanaf {partial_date_text(note.since)}, na de controle op "
                           f"{note.checked}; telt niet mee voor de prioriteit tot hij opnieuw is gecontroleerd"))
        age = (today - _date(note.checked)).days
        if age > MAX_NOTE_AGE_DAYS:
            warnings.append(ContentWarning(
                note.item,
                f"stand van nu is op {note.checked} gecontroleerd, {age} dagen geleden; controleer hem opnieuw "
                f"(na {MAX_NOTE_AGE_DAYS} dagen)",
            ))
    return warnings
