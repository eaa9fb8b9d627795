"""Which actions the improvement plan shows, and the plan's counts.

One rule for the plan page, the Excel plan, the report and the workshop's closing screen: an
action is in the plan unless it was rejected, merged into another action, or it is a proposal
nobody decided on whose gap a later answer has closed (accepted work stays, even when its gap
closed, so nobody's plan loses an action they took on). The others are kept in the scan, not
deleted: the page can still show them on request.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.assessment import Action, Assessment


def is_visible(action: Action) -> bool:
    """Whether the action belongs in the plan (see the module docstring)."""
    if action.decision == "afgewezen" or action.merged_into:
        return False
    return not (action.gap_closed and action.decision == "voorgesteld")


def visible_actions(assessment: Assessment) -> list[Action]:
    """The actions that belong in the plan, in the scan's order."""
    return [a for a in assessment.actions if is_visible(a)]


def rejected_actions(assessment: Assessment) -> list[Action]:
    """The actions decided against (not merged into another), in the scan's order: not in the plan,
    but the report and the Excel plan list them apart with who decided and when, so a rejection
    management made is handed over as plainly as an acceptance."""
    return [a for a in assessment.actions if a.decision == "afgewezen" and not a.merged_into]


@dataclass(frozen=True)
class PlanStatistics:
    """How many actions the scan holds, by what happened to them."""

    total: int
    #: Proposals still waiting for a decision.
    undecided: int
    accepted: int
    rejected: int
    own: int
    merged: int
    gap_closed: int

    def text(self) -> str:
        """One Dutch sentence: "7 acties: 2 nog niet besloten, 3 aangenomen, 1 afgewezen, 1 eigen"
        (the words of ``words.DECISION_LABELS``)."""
        parts = [f"{self.total} acties: {self.undecided} nog niet besloten, {self.accepted} aangenomen, "
                 f"{self.rejected} afgewezen, {self.own} eigen"]
        if self.merged:
            parts.append(f"{self.merged} samengevoegd")
        if self.gap_closed:
            parts.append(f"{self.gap_closed} met een opgeheven tekort")
        return ", ".join(parts) + "."


def plan_statistics(assessment: Assessment) -> PlanStatistics:
    """The counts behind the plan page's summary line."""
    actions = assessment.actions
    proposals = [a for a in actions if a.origin == "voorgesteld"]
    return PlanStatistics(
        total=len(actions),
        undecided=sum(1 for a in proposals if a.decision == "voorgesteld"),
        accepted=sum(1 for a in proposals if a.decision == "geaccepteerd"),
        rejected=sum(1 for a in actions if a.decision == "afgewezen"),
        own=sum(1 for a in actions if a.origin == "eigen"),
        merged=sum(1 for a in actions if a.merged_into),
        gap_closed=sum(1 for a in actions if a.gap_closed),
    )
