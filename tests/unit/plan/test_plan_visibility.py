"""Which actions the plan shows (``is_visible``, one rule for every view) and its counts."""

from __future__ import annotations

import datetime as dt

import pytest

from dienstscan.model import Action, Assessment, Organisation
from dienstscan.plan import is_visible, plan_statistics, visible_actions


def _action(action_id: str, **fields) -> Action:
    return Action(id=action_id, title=f"Actie {action_id}", **fields)


CASES = [
    ("own, accepted", {"origin": "eigen"}, True),
    ("proposal, undecided", {"origin": "voorgesteld", "decision": "voorgesteld"}, True),
    ("proposal, accepted", {"origin": "voorgesteld", "decision": "geaccepteerd"}, True),
    ("proposal, rejected", {"origin": "voorgesteld", "decision": "afgewezen"}, False),
    ("merged", {"origin": "eigen", "merged_into": "E-9"}, False),
    ("undecided, gap closed", {"origin": "voorgesteld", "decision": "voorgesteld", "gap_closed": True}, False),
    # somebody took it on: it stays in the plan until they set it to Gereed or Vervallen
    ("accepted, gap closed", {"origin": "voorgesteld", "decision": "geaccepteerd", "gap_closed": True}, True),
]


@pytest.mark.parametrize(("fields", "shown"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_is_visible(fields, shown):
    assert is_visible(_action("X-1", **fields)) is shown


def _scan() -> Assessment:
    actions = [_action(f"A-{n}", **fields) for n, (_, fields, _) in enumerate(CASES)]
    return Assessment(organisation=Organisation(name="Gemeente Test"), peildatum=dt.date(2026, 1, 1),
                      actions=actions)


def test_visible_actions_keeps_the_scan_order():
    scan = _scan()
    assert [a.id for a in visible_actions(scan)] == [f"A-{n}" for n, c in enumerate(CASES) if c[2]]


def test_plan_statistics():
    stats = plan_statistics(_scan())
    assert (stats.total, stats.undecided, stats.accepted, stats.rejected, stats.own, stats.merged,
            stats.gap_closed) == (7, 2, 2, 1, 2, 1, 2)
    assert stats.text() == ("7 acties: 2 nog niet besloten, 2 aangenomen, 1 afgewezen, 2 eigen, "
                            "1 samengevoegd, 2 met een opgeheven tekort.")
