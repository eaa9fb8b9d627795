"""What the Excel plan and the report both show a director about the plan: one wording for both.

- ``split_plan(actions)``: what was decided (accepted proposals and own actions) apart from the
  proposals nobody has decided on yet; those are never shown as *Gepland*;
- ``decision_text(action)``: the decision behind a plan row, in one phrase (``plan.decision_label``);
- ``plan_order(actions)``: priority first, then the end date, then the id (``plan.plan_order``);
- ``top_gaps(...)``: the most important gaps for the first page, with the action that answers them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model.assessment import ACTION_STATUS_LABELS, PRIORITY_LABELS, Action, Assessment
from ...model.checklist import LEGAL_STATUS_LABELS, ChecklistSet
from ...plan import decision_label, gaps, is_undecided, priority_rank, priority_status, proposal_priority, proposal_title
# the plan's words and order (dienstscan.plan.words); the Excel plan, its read-back and the report
# take them from here
from ...plan import ACCEPTED, DECISION_CHOICES, OWN_ACTION, REJECTED, UNDECIDED, plan_order  # noqa: F401

#: How many gaps the first page lists.
TOP_GAPS = 5


def is_proposal(action: Action) -> bool:
    """A proposal nobody has accepted (or rejected) yet: not part of the decided plan
    (``plan.is_undecided``, the rule the plan page follows too)."""
    return is_undecided(action)


def split_plan(actions: list[Action]) -> tuple[list[Action], list[Action]]:
    """(decided, proposals): the plan a director owns, and what still awaits a decision."""
    decided = [a for a in actions if not is_proposal(a)]
    return decided, [a for a in actions if is_proposal(a)]


def decision_text(action: Action) -> str:
    """'Voorstel aangenomen', 'Voorstel afgewezen', 'Eigen actie' or 'Nog niet besloten': one
    decision per plan row, the words of the working sheet's Besluit dropdown and of the plan page
    (``plan.decision_label``)."""
    return decision_label(action)


def decision_record(action: Action) -> str:
    """Who decided and when, when the plan records it: 'MT, 12-03-2027', 'MT', '12-03-2027' or ''."""
    parts = [action.decided_by.strip(), f"{action.decided_on:%d-%m-%Y}" if action.decided_on else ""]
    return ", ".join(p for p in parts if p)


#: What a rejected proposal's decision says when nobody recorded who decided or when.
NO_RECORD = "niet vastgelegd door wie en wanneer"


def rejection_record(action: Action) -> str:
    """Who decided against a proposal and when ('MT, 12-07-2011'), or that it was not recorded:
    the Excel plan's and the report's lists of rejected proposals say it the same way."""
    return decision_record(action) or NO_RECORD


def rejection_note(action: Action) -> str:
    """What was noted about a rejected proposal (its progress and follow-up notes), or ''."""
    return "; ".join(p.strip() for p in (action.progress, action.act_note) if p.strip())


def decision_line(action: Action) -> str:
    """'Voorstel aangenomen; A. de Vries; einde 31-12-2014; gepland': what was decided about a gap's
    action, who owns it, when it ends and where it stands (a proposal: 'Nog niet besloten'). The
    first page of the Excel plan and of the report say it the same way."""
    if is_proposal(action):
        return decision_text(action)
    return "; ".join([decision_text(action), action.owner or "nog geen eigenaar",
                      f"einde {action.end:%d-%m-%Y}" if action.end else "geen einddatum",
                      ACTION_STATUS_LABELS.get(action.status, action.status).lower()])


def gaps_heading(shown: int, total: int) -> str:
    """'De 5 belangrijkste tekortkomingen (van 53) en wat we eraan doen'."""
    return (f"De {shown} belangrijkste tekortkomingen" + (f" (van {total})" if total > shown else "")
            + " en wat we eraan doen")


def decided_heading(any_shown_with_gaps: bool) -> str:
    """The heading above the decided actions not already shown beside a gap."""
    return ("Verder besloten: wie is eigenaar, wanneer" if any_shown_with_gaps
            else "Wat hebben we besloten, wie is eigenaar, wanneer")


@dataclass(frozen=True)
class Gap:
    """One of the most important gaps, with the action that answers it (if any)."""

    item_id: str
    framework: str
    text: str
    answer: str
    priority: str
    legal: str
    action_id: str
    action_title: str
    #: The decision about that action (``decision_text``), or '' without an action.
    decision: str
    owner: str


def top_gaps(checklists: ChecklistSet, assessment: Assessment, actions: list[Action], limit: int = TOP_GAPS) -> tuple[list[Gap], int]:
    """The ``limit`` most important gaps and the number of gaps in all.

    Ordered by the priority of their action (else the item's), then the worst answer, then
    checklist order.
    """
    by_item = {a.item_id: a for a in actions if a.item_id}
    found = []
    all_gaps = gaps(checklists, assessment)
    for order, (fw, item, option) in enumerate(all_gaps):
        action = by_item.get(item.id)
        priority = action.priority if action else proposal_priority(item, option, checklists.current_note(item.id), fw.checked)
        found.append(((priority_rank(priority), option.weight or 0.0, order), Gap(
            item_id=item.id,
            framework=fw.short_title,
            text=item.text,
            answer=option.label,
            priority=PRIORITY_LABELS.get(priority, priority),
            # only a legal duty that sets the priority today (verified, in force) is called one
            legal=(LEGAL_STATUS_LABELS["wettelijk"]
                   if priority_status(item, checklists.current_note(item.id), fw.checked) == "wettelijk" else ""),
            action_id=action.id if action else "",
            action_title=action.title if action else proposal_title(checklists, item, option),
            decision=decision_text(action) if action else "",
            owner=action.owner if action else "",
        )))
    found.sort(key=lambda pair: pair[0])
    return [gap for _, gap in found[:limit]], len(all_gaps)
