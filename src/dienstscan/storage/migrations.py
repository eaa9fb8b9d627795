"""Upgrades of older ``.dienstscan`` layouts to the current one, one format version at a time.

Each step is a pure function on the JSON ``scan`` object of one version that returns the next
version's object. A step never drops user content: whatever it does not understand it passes on,
so the validation afterwards reports it instead of losing it.

Format 1 (Dienstscan 0.0.x, the first pilot) differed from format 2 in four ways:

- ``organisation`` was just the name, with ``organisation_kind`` and ``inhabitants`` beside it;
- ``answers`` was a list of objects each carrying its ``item_id``;
- the evidence was flat on the answer: ``basis``, ``reference``, ``evidence_date``;
- ``key_figures`` mapped a key figure id to a bare number;
- there was no ``out_of_scope`` (everything was in scope).

Format 2 differed from format 3 in one way: an answer's ``individual`` answers were one list of
option ids for all rounds together (forms, the quick round, the phones' voorronde and live), so a
person who answered in two rounds counted twice. Format 3 keeps them per round
(``{"voorronde": [...], "live": [...]}``). Which round an older answer came from is not recorded,
so the upgrade puts them under ``onbekend`` instead of guessing; they are shown as a round of their
own (issue 25).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: The format version this program writes and reads natively.
CURRENT_FORMAT_VERSION = 3
OLDEST_FORMAT_VERSION = 1


class MigrationError(Exception):
    """An older file is damaged in a way the upgrade cannot repair. Message is Dutch."""


def _migrate_1_to_2(scan: dict[str, Any]) -> dict[str, Any]:
    result = dict(scan)

    name = result.pop("organisation", None)
    kind = result.pop("organisation_kind", None)
    inhabitants = result.pop("inhabitants", None)
    if isinstance(name, dict):  # already nested (a hand-edited file); keep it as it is
        organisation: Any = name
    else:
        organisation = {"name": name}
        if kind is not None:
            organisation["kind"] = kind
        if inhabitants is not None:
            organisation["inhabitants"] = inhabitants
    result["organisation"] = organisation

    answers_v1 = result.get("answers", [])
    if not isinstance(answers_v1, list):
        raise MigrationError("het veld 'antwoorden' moet in formaat 1 een lijst zijn")
    answers: dict[str, Any] = {}
    for number, entry in enumerate(answers_v1, start=1):
        if not isinstance(entry, dict):
            raise MigrationError(f"antwoord nr. {number} is geen JSON-object")
        entry = dict(entry)
        item_id = entry.pop("item_id", None)
        if not isinstance(item_id, str) or not item_id:
            raise MigrationError(f"antwoord nr. {number} heeft geen item (veld 'item_id')")
        if item_id in answers:
            raise MigrationError(
                f"het item '{item_id}' is twee keer beantwoord (antwoord nr. {number}); "
                "welk antwoord geldt is niet te bepalen"
            )
        evidence = {
            key: entry.pop(old)
            for old, key in (("basis", "basis"), ("reference", "reference"), ("evidence_date", "date"))
            if old in entry
        }
        if evidence:
            entry["evidence"] = evidence
        answers[item_id] = entry
    result["answers"] = answers

    figures_v1 = result.get("key_figures", {})
    if not isinstance(figures_v1, dict):
        raise MigrationError("het veld 'kengetallen' moet in formaat 1 een JSON-object zijn")
    result["key_figures"] = {
        key: (value if isinstance(value, dict) else {"value": value}) for key, value in figures_v1.items()
    }

    result.setdefault("out_of_scope", {})
    return result


def _migrate_2_to_3(scan: dict[str, Any]) -> dict[str, Any]:
    result = dict(scan)
    answers = result.get("answers")
    if not isinstance(answers, dict):
        return result  # the validation afterwards says what is wrong
    upgraded: dict[str, Any] = {}
    for item_id, entry in answers.items():
        if isinstance(entry, dict) and isinstance(entry.get("individual"), list):
            entry = {key: ({"onbekend": value} if value else {}) if key == "individual" else value
                     for key, value in entry.items()}  # the same place in the answer
        upgraded[item_id] = entry
    result["answers"] = upgraded
    return result


#: ``MIGRATIONS[n]`` turns a format-n scan object into a format-(n+1) one.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}


def upgrade(scan: dict[str, Any], from_version: int) -> dict[str, Any]:
    """Run every step from ``from_version`` up to ``CURRENT_FORMAT_VERSION``."""
    version = from_version
    while version < CURRENT_FORMAT_VERSION:
        scan = MIGRATIONS[version](scan)
        version += 1
    return scan
