"""The improvement plan: gaps become proposed PDCA actions; bookkeeping of the user's plan. No Qt.

``propose_actions`` turns every gap (an answer whose option has ``gap: true``) into an action
``V-<item id>`` and keeps the plan in step with the answers without ever losing what the user
decided or wrote. ``add_own_action``, ``edit_action``, ``merge_actions`` and
``action_from_solution`` are the edits the GUI offers. ``visible_actions`` says which actions
the plan shows, for every view of it.
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
from .visibility import PlanStatistics, is_visible, plan_statistics, visible_actions

__all__ = [
    "PlanChanges",
    "PlanStatistics",
    "action_from_solution",
    "add_own_action",
    "edit_action",
    "gaps",
    "is_visible",
    "merge_actions",
    "plan_statistics",
    "priority_for",
    "proposal_priority",
    "proposal_title",
    "priority_status",
    "propose_actions",
    "status_label",
    "status_sentence",
    "visible_actions",
]
