"""The improvement plan: gaps become proposed PDCA actions; bookkeeping of the user's plan. No Qt.

``propose_actions`` turns every gap (an answer whose option has ``gap: true``) into an action
``V-<item id>`` and keeps the plan in step with the answers without ever losing what the user
decided or wrote. ``add_own_action``, ``edit_action``, ``merge_actions`` and
``action_from_solution`` are the edits the GUI offers. ``visible_actions`` says which actions
the plan shows, for every view of it; ``words`` holds the plan's words and order (decisions,
priority order, id order) for every view of it.
"""

from .actions import (
    PlanChanges,
    action_from_solution,
    add_own_action,
    edit_action,
    gaps,
    merge_actions,
    priority_for,
    proposal_priority,
    proposal_title,
    priority_status,
    propose_actions,
    status_label,
    status_sentence,
)
from .visibility import PlanStatistics, is_visible, plan_statistics, rejected_actions, visible_actions
from .words import (
    ACCEPTED,
    DECISION_CHOICES,
    DECISION_KEYS,
    DECISION_LABELS,
    DECISION_RECORD,
    OWN_ACTION,
    PRIORITY_RANK,
    REJECTED,
    UNDECIDED,
    decision_key,
    decision_label,
    decision_rank,
    decision_record_problem,
    id_key,
    is_undecided,
    plan_order,
    priority_rank,
    status_text,
    undecided_status_problem,
)

__all__ = [
    "ACCEPTED",
    "DECISION_CHOICES",
    "DECISION_KEYS",
    "DECISION_LABELS",
    "DECISION_RECORD",
    "OWN_ACTION",
    "PRIORITY_RANK",
    "PlanChanges",
    "REJECTED",
    "UNDECIDED",
    "PlanStatistics",
    "action_from_solution",
    "add_own_action",
    "decision_key",
    "decision_label",
    "decision_rank",
    "decision_record_problem",
    "edit_action",
    "gaps",
    "id_key",
    "is_undecided",
    "is_visible",
    "merge_actions",
    "plan_order",
    "plan_statistics",
    "priority_for",
    "priority_rank",
    "status_text",
    "undecided_status_problem",
    "proposal_priority",
    "proposal_title",
    "priority_status",
    "propose_actions",
    "status_label",
    "status_sentence",
    "rejected_actions",
    "visible_actions",
]
