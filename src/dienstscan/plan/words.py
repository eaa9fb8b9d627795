"""The plan's words and order, once, for the plan page, the workshop, the Excel plan and the report.

- ``DECISION_LABELS``: what a decision about an action reads as, everywhere (the page's column,
  filter and form, the Excel plan's *Besluit*, the report); an accepted action of the user's own
  reads as ``OWN_ACTION`` (``decision_key``/``decision_label`` say which applies to an action;
  ``DECISION_CHOICES`` lists all four).
- ``is_undecided``/``status_text``: a proposal nobody has decided on has no status (never
  "Gepland"): the plan page and the Excel plan show none until the decision.
- ``DECISION_RECORD``: the fields that say who decided and when (``Besloten door``,
  ``Besluitdatum``, labelled by ``ACTION_FIELD_LABELS`` as in the Excel plan); only a decided action
  carries them (``decision_record_problem``); nor a status (``undecided_status_problem``).
- ``PRIORITY_RANK``/``priority_rank``: hoog before midden before laag (anything else last).
- ``id_key``: action ids in their natural order: V-5B-1.02 before V-5B-1.10, E-2 before E-10.
- ``plan_order``: the order of a plan's rows: priority, then the end date (none last), then the id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..model.assessment import ACTION_FIELD_LABELS, ACTION_STATUS_LABELS, Action

#: What a decision about an action reads as.
UNDECIDED = "Nog niet besloten"
ACCEPTED = "Voorstel aangenomen"
REJECTED = "Voorstel afgewezen"
#: The decision column of an action the user added (and did not reject): decided by adding it.
OWN_ACTION = "Eigen actie"
#: ``Action.decision`` in words.
DECISION_LABELS: dict[str, str] = {"voorgesteld": UNDECIDED, "geaccepteerd": ACCEPTED, "afgewezen": REJECTED}
#: Every value ``decision_key`` gives, in the order a list sorted on the decision shows them.
DECISION_KEYS: tuple[str, ...] = (*DECISION_LABELS, "eigen")
#: The words ``decision_label`` gives, in that order (a dropdown of the decision offers these).
DECISION_CHOICES: tuple[str, ...] = (UNDECIDED, ACCEPTED, REJECTED, OWN_ACTION)

#: Who decided and when: fields of a decided action (its record), never of an undecided proposal.
DECISION_RECORD: tuple[str, ...] = ("decided_by", "decided_on")

#: hoog before midden before laag.
PRIORITY_RANK: dict[str, int] = {"hoog": 0, "midden": 1, "laag": 2}


def decision_key(action: Action) -> str:
    """The action's decision (``voorgesteld``, ``geaccepteerd``, ``afgewezen``), or ``eigen`` for
    an action of the user's own that is decided and not rejected."""
    if action.origin == "eigen" and action.decision == "geaccepteerd":
        return "eigen"
    return action.decision


def decision_label(action: Action) -> str:
    """'Nog niet besloten', 'Voorstel aangenomen', 'Voorstel afgewezen' or 'Eigen actie'."""
    return DECISION_CHOICES[decision_rank(action)]


def decision_rank(action: Action) -> int:
    """The place of the action's decision in ``DECISION_KEYS``."""
    return DECISION_KEYS.index(decision_key(action))


def is_undecided(action: Action) -> bool:
    """A proposal nobody has accepted or rejected yet: not part of the decided plan, no status."""
    return action.decision == "voorgesteld"


def status_text(action: Action) -> str:
    """The action's status in words ('Gepland', 'In uitvoering', ...), or '' for an undecided
    proposal: a proposal has no status until it is decided."""
    return "" if is_undecided(action) else ACTION_STATUS_LABELS.get(action.status, action.status)


def decision_record_problem(decision: str, decided_by: str, decided_on: object) -> str | None:
    """Why who decided / when cannot go with this decision, or None: an undecided proposal has no
    record (the Excel read-back refuses the same)."""
    if decision == "voorgesteld" and ((decided_by or "").strip() or decided_on):
        by, on = (ACTION_FIELD_LABELS[f].lower() for f in DECISION_RECORD)
        return (f"een voorstel waarover nog niet is besloten heeft geen {by} en geen {on}; "
                f"kies eerst '{ACCEPTED}' of '{REJECTED}'")
    return None


def undecided_status_problem(decision: str, status: str | None) -> str | None:
    """Why a status cannot go with this decision, or None: a proposal nobody has decided on has no
    status (``status_text``), so a status typed beside it (the Excel read-back) is refused, never
    kept out of sight."""
    if decision == "voorgesteld" and status:
        return (f"een voorstel waarover nog niet is besloten heeft geen status; kies bij Besluit eerst "
                f"'{ACCEPTED}' of '{REJECTED}', of maak de status leeg")
    return None


def priority_rank(priority: str) -> int:
    """0 for hoog, 1 for midden, 2 for laag, 3 for anything else."""
    return PRIORITY_RANK.get(priority, len(PRIORITY_RANK))


def id_key(action_id: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key for action ids in their natural order: the numbers in them compared as numbers
    (V-5B-1.02 before V-5B-1.10, E-2 before E-10). Every part is (0, number) or (1, text), so two
    keys always compare, whatever the ids look like."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in action_id.replace(".", "-").split("-"))


def plan_order(actions: Iterable[Action]) -> list[Action]:
    """Priority first (hoog before laag), then the end date (none last), then the id (``id_key``)."""
    return sorted(actions, key=lambda a: (priority_rank(a.priority), a.end or dt.date.max, id_key(a.id)))
