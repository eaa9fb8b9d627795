"""Property tests: re-proposing is idempotent and never loses what the user decided or edited."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from scan_factory import ALL_ITEMS, make_assessment, make_checklists

from dienstscan.model import Answer
from dienstscan.plan import edit_action, propose_actions

CHECKLISTS = make_checklists()


def _options(item_id):
    return [None, *(o.id for o in CHECKLISTS.scale_for(item_id).options)]


answers = st.fixed_dictionaries({i: st.sampled_from(_options(i)) for i in ALL_ITEMS})
edits = st.fixed_dictionaries({}, optional={
    "title": st.text(alphabet="abcdé ", min_size=1, max_size=20).filter(str.strip).map(str.strip),
    "owner": st.sampled_from(["Jan", "Publiekszaken", ""]),
    "decision": st.sampled_from(["geaccepteerd", "afgewezen"]),
    "status": st.sampled_from(["gepland", "in_uitvoering", "gereed"]),
    "priority": st.sampled_from(["hoog", "laag"]),
    "end": st.dates(dt.date(2011, 1, 1), dt.date(2014, 12, 31)),
    "reason": st.just("Eigen reden"),
})


def _scan(values):
    scan = make_assessment()
    for item_id, option in values.items():
        scan.answers[item_id] = Answer(option=option)
    return scan


@settings(max_examples=150, deadline=None)
@given(answers, answers, st.lists(edits, max_size=8))
def test_reproposing_keeps_edits_and_is_idempotent(first, second, user_edits):
    scan = _scan(first)
    propose_actions(CHECKLISTS, scan)
    for action, fields in zip(scan.actions, user_edits, strict=False):
        edit_action(action, **fields)
    kept = {a.id: {n: getattr(a, n) for n in (*a.edited, "decision", "owner", "status", "end")} for a in scan.actions}
    for item_id, option in second.items():  # the answers change
        scan.answers[item_id].option = option
    propose_actions(CHECKLISTS, scan)
    for action_id, fields in kept.items():
        action = scan.action(action_id)
        assert action is not None, "an action was lost"
        for name, value in fields.items():
            assert getattr(action, name) == value, name
    snapshot = scan.model_dump()
    assert not propose_actions(CHECKLISTS, scan).changed
    assert scan.model_dump() == snapshot
    # gap_closed reflects the answers exactly
    for action in scan.actions:
        option = CHECKLISTS.scale_for(action.item_id).option(second[action.item_id] or "")
        assert action.gap_closed == (option is None or not option.gap)
