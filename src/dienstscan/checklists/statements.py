"""Every legal statement in the content, with its source, for ``docs/stand-2026.md``.

A *legal statement* is a "stand van nu" note, an item with a legal status in a framework about
today's law (one with ``checked``), and an item of a historical framework whose legal status of
then still sets a priority because no note says otherwise. The table in the docs is generated from
the checklists (``tools/gen_stand_doc.py``) and a test fails when it no longer matches them, so
the list cannot drift from what the app shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.checklist import LEGAL_STATUS_LABELS, ChecklistSet, SourceRef, partial_date_text

#: Where the generated table starts and ends in the docs page.
BEGIN_MARK = "<!-- begin: gegenereerd door tools/gen_stand_doc.py; niet met de hand wijzigen -->"
END_MARK = "<!-- end: gegenereerd -->"

#: A detail in an item's explanation that is marked as not checked against a stored source.
_UNCHECKED_DETAIL = re.compile(r"\(([^()]*niet in een opgeslagen bron nagelezen[^()]*)\)")


@dataclass(frozen=True)
class LegalStatement:
    """One row: the item, what is said, its source and whether it is verified."""

    item_id: str
    kind: str          # "stand van nu", "item 2026", "status van toen"
    claim: str
    source: SourceRef
    status: str        # "geverifieerd", "niet geverifieerd: ...", "geverifieerd; niet geverifieerd: ..."


def _claim(status: str | None, since: str | None, text: str, lapsed: bool = False) -> str:
    if lapsed:
        head = "verplichting van toen vervallen"
    elif status is None:
        head = "toelichting, zonder eigen status"
    else:
        head = LEGAL_STATUS_LABELS[status].split(":")[0]
        head = f"{head} sinds {partial_date_text(since)}" if since else head
    return f"{head}: {text}"


def _status(verified: bool, unverified: list[str]) -> str:
    parts = [u.strip().rstrip(".") for u in unverified if u.strip()]
    if not verified:
        return "niet geverifieerd" + (": " + "; ".join(parts) if parts else "")
    return "geverifieerd" + ("; niet geverifieerd: " + "; ".join(parts) if parts else "")


def legal_statements(checklists: ChecklistSet) -> list[LegalStatement]:
    """All legal statements in checklist order: per item its note, or its own status."""
    rows = []
    for fw, _section, item in checklists.walk():
        note = checklists.current_note(item.id)
        if note is not None:
            rows.append(LegalStatement(
                item.id, "stand van nu", _claim(note.legal_status, note.since, note.text, note.lapsed),
                note.source, _status(note.verified, [note.not_verified])))
        if fw.checked is not None and item.legal_status in ("wettelijk", "bestuurlijk"):
            details = _UNCHECKED_DETAIL.findall(item.explanation)
            rows.append(LegalStatement(
                item.id, "item 2026", _claim(item.legal_status, item.since, item.text), item.source,
                _status(not item.not_verified, [item.not_verified, *details])))
        elif fw.checked is None and note is None and item.legal_status == "wettelijk":
            rows.append(LegalStatement(
                item.id, "status van toen", _claim(item.legal_status, None, item.text), item.source,
                "status van toen (bron: de wet zelf); vandaag niet tegen een opgeslagen bron nagelezen"))
    return rows


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|") or "—"


def statements_markdown(checklists: ChecklistSet) -> str:
    """The generated table, between the marks, as it stands in the docs page."""
    lines = [BEGIN_MARK, "",
             "| item | soort | uitspraak | bron | datum van de bron | vindplaats | status |",
             "|---|---|---|---|---|---|---|"]
    for row in legal_statements(checklists):
        date = partial_date_text(row.source.date) if row.source.date else ""
        lines.append("| " + " | ".join(_cell(c) for c in (
            row.item_id, row.kind, row.claim, row.source.title or row.source.document, date, row.source.place,
            row.status)) + " |")
    lines += ["", END_MARK]
    return "\n".join(lines) + "\n"
