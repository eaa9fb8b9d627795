"""The plan's words and order, once in ``dienstscan.plan.words``: the page, the workshop, the
Excel plan and the report say a decision the same way and sort the same way."""

from __future__ import annotations

import datetime as dt

from dienstscan.export.common.plan_view import decision_text
from dienstscan.export.common.plan_view import plan_order as export_order
from dienstscan.model import Action
from dienstscan.plan import (
    DECISION_CHOICES,
    DECISION_KEYS,
    DECISION_LABELS,
    OWN_ACTION,
    decision_key,
    decision_label,
    decision_rank,
    id_key,
    plan_order,
    priority_rank,
)


def action(action_id: str, *, priority: str = "midden", end: dt.date | None = None, origin: str = "voorgesteld",
           decision: str = "voorgesteld") -> Action:
    return Action(id=action_id, origin=origin, decision=decision, title="t", priority=priority, end=end)


def test_decision_words_are_one_set():
    assert DECISION_LABELS == {"voorgesteld": "Nog niet besloten", "geaccepteerd": "Voorstel aangenomen",
                               "afgewezen": "Voorstel afgewezen"}
    assert [decision_label(action("V-1", decision=d)) for d in DECISION_LABELS] == list(DECISION_LABELS.values())
    own = action("E-1", origin="eigen", decision="geaccepteerd")
    assert decision_label(own) == OWN_ACTION == "Eigen actie" and decision_key(own) == "eigen"
    # the Excel plan and the report use the same words as the page
    for a in (own, *(action("V-1", decision=d) for d in DECISION_LABELS)):
        assert decision_text(a) == decision_label(a)
    assert [decision_rank(action("V-1", decision=d)) for d in DECISION_LABELS] == [0, 1, 2]
    assert decision_rank(own) == 3 and DECISION_KEYS[-1] == "eigen"
    assert DECISION_CHOICES == (*DECISION_LABELS.values(), OWN_ACTION)
    # an own action nobody decided on, or one rejected, says so like a proposal does
    assert decision_label(action("E-2", origin="eigen", decision="afgewezen")) == "Voorstel afgewezen"
    assert decision_label(action("E-3", origin="eigen", decision="voorgesteld")) == "Nog niet besloten"


def test_ids_sort_by_their_numbers():
    ids = ["V-5B-1.10", "E-10", "V-5B-1.02", "E-2", "V-BSC-03", "V-5B-2.01", "V-5B-1.02-O1", "V-5B-1.09"]
    assert sorted(ids, key=id_key) == ["E-2", "E-10", "V-5B-1.02", "V-5B-1.02-O1", "V-5B-1.09", "V-5B-1.10",
                                       "V-5B-2.01", "V-BSC-03"]
    assert sorted(ids) != sorted(ids, key=id_key)  # not the order of the strings
    assert sorted(["X-a", "X-1"], key=id_key) == ["X-1", "X-a"]  # numbers and words always compare


def test_plan_order_priority_then_end_then_id():
    rows = [action("V-5B-1.10", priority="hoog"), action("V-5B-1.02", priority="hoog"),
            action("E-1", priority="laag", origin="eigen", decision="geaccepteerd"),
            action("V-BSC-01", priority="midden", end=dt.date(2027, 1, 1)),
            action("V-BSC-02", priority="midden", end=dt.date(2026, 6, 1)),
            action("V-ANT-1", priority="hoog", end=dt.date(2030, 1, 1))]
    expected = ["V-ANT-1", "V-5B-1.02", "V-5B-1.10", "V-BSC-02", "V-BSC-01", "E-1"]
    assert [a.id for a in plan_order(rows)] == expected
    assert [a.id for a in export_order(rows)] == expected  # the Excel plan's and the report's order
    assert [priority_rank(p) for p in ("hoog", "midden", "laag", "onbekend")] == [0, 1, 2, 3]
