"""``Changed``: what an operation changed; ``follow_answers``: bring the plan in step (once, here)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Assessment, ChecklistSet
from ..plan import PlanChanges
from ..plan.actions import propose_actions


@dataclass(kw_only=True)
class Changed:
    """What one operation changed in the assessment (a dataclass: made here, never read from a file).

    ``items``: the items whose answer changed; ``actions``: the actions the operation itself
    changed or added (a plan import); ``plan``: what following the answers then did to the
    proposals (``dienstscan.plan.PlanChanges``).
    """

    items: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    plan: PlanChanges = field(default_factory=PlanChanges)

    @property
    def changed(self) -> bool:
        return bool(self.items or self.actions or self.plan.changed)


def follow_answers(checklists: ChecklistSet, assessment: Assessment) -> PlanChanges:
    """Bring the proposed actions in step with the answers (``plan.propose_actions``): the one call
    every operation ends with, and the one the application runs after an edit of its own kind
    (scope, plan edits, undo). Idempotent; never loses what the user decided or wrote."""
    return propose_actions(checklists, assessment)
