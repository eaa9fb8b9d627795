"""The improvement plan: gaps become proposed PDCA actions; bookkeeping of the user's plan. No Qt.

``propose_actions`` turns every gap (an answer whose option has ``gap: true``) into an action
``V-<item id>`` and keeps the plan in step with the answers without ever losing what the user
decided or wrote. ``add_own_action``, ``edit_action``, ``merge_actions`` and
``action_from_solution`` are the edits the GUI offers.
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
    propose_actions,
    visible_actions,
)

__all__ = [
    "PlanChanges",
    "action_from_solution",
    "add_own_action",
    "edit_action",
    "gaps",
    "merge_actions",
    "priority_for",
    "proposal_priority",
    "proposal_title",
    "propose_actions",
    "visible_actions",
]
