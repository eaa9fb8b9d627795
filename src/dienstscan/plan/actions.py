"""Gaps to proposed actions, and the edits a user makes to the plan.

Rules (product decisions):

- A **gap** is an item in scope (its framework is in the scan and neither the framework nor its
  section is out of scope) whose answer's option has ``gap: true``. An unanswered item is no gap:
  nothing is known yet (completeness reports it).
- Every gap proposes one action with the stable id ``V-<item id>``; **the action follows the
  answer** (the option's ``proposes`` in scales.yaml): *Niet ingevoerd* (``implement``) proposes
  the item's ``suggested_action``; *Gedeeltelijk* (``complete``) proposes completing what exists
  ("Maak af wat er al is: <the item's action>"); *Onbekend* (``find_out``)
  proposes finding out first ("Zoek uit of ..."). Reason = the answer and the item's source,
  theme = the item's theme.
- **Priority** follows the item's legal status: *hoog* for ``wettelijk`` (legally required),
  *midden* for ``bestuurlijk`` (agreed between governments) and for items without a legal status
  (the BSC norms and Antwoord statements), *laag* for ``overig``. A *find out* action has its own
  priority, *midden* whatever the status: finding out is small work that comes before building,
  but a known gap in a legal duty still goes first. The user can change it, and an edited
  priority is kept.
- **Re-proposing** (after answers change) adds actions for new gaps and refreshes title, reason,
  theme and priority of existing proposals unless the user edited that field (``Action.edited``).
  It never touches the decision, owner, dates, status or any PDCA field. A gap that is no longer
  a gap (answered otherwise, unanswered again or put out of scope) sets ``gap_closed``; nothing is
  deleted. A gap that reopens clears ``gap_closed``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model.assessment import Action, Assessment, in_sentence, items_in_scope
from ..model.checklist import (
    LEGAL_STATUS_LABELS,
    ChecklistSet,
    CurrentNote,
    Framework,
    Item,
    ScaleOption,
    partial_date_text,
)
from .words import DECISION_RECORD, decision_record_problem

#: Fields that propose_actions keeps in step with the checklist and answers (unless edited).
PROPOSAL_FIELDS = ("title", "reason", "theme", "priority")
#: Bookkeeping fields the user does not edit through ``edit_action``.
_NOT_EDITABLE = frozenset({"id", "origin", "item_id", "gap_closed", "merged_into", "edited"})
_OWN_ID = re.compile(r"^E-(\d+)$")


@dataclass(kw_only=True)
class PlanChanges:
    """What a run of ``propose_actions`` changed, as action ids (a dataclass: made by this
    module only, never read from a file, so there is nothing to validate)."""

    added: list[str] = field(default_factory=list)
    reopened: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    #: Existing proposals whose title, reason, theme or priority followed the content/answers.
    updated: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.reopened or self.closed or self.updated)

    def summary(self) -> str:
        """One Dutch line for a status bar: "3 nieuw, 1 heropend, 2 gesloten"."""
        parts = [f"{len(self.added)} nieuw", f"{len(self.reopened)} heropend", f"{len(self.closed)} gesloten"]
        if self.updated:
            parts.append(f"{len(self.updated)} bijgewerkt")
        return "Voorgestelde acties: " + ", ".join(parts) + "."


def priority_status(item: Item, note: CurrentNote | None = None, checked: str | None = None) -> str | None:
    """The legal status that sets a gap's priority: today's, and only from a statement that is
    verified and was in force on the day it was checked.

    - a note that counts (``CurrentNote.counts_for_priority``: verified, in force): ``overig`` for an
      obligation that lapsed, else its status today when it gives one;
    - a note that does not count (not verified, or about an obligation still to come) says today's
      law may differ from the source's: the item keeps its status of then, except that a legal
      obligation of then is no longer taken as one (``None``, *midden*): nothing unverified raises
      a priority, and nothing unverified keeps one that the note puts in doubt;
    - otherwise the item's own status, unless the item says it is not verified (``not_verified``)
      or it applies only from a date after ``checked`` (the framework's check date, ``Item.since``):
      then ``None``.
    """
    if note is not None:
        if note.counts_for_priority:
            if note.lapsed:
                return "overig"
            if note.legal_status is not None:
                return note.legal_status
        elif item.legal_status == "wettelijk":
            return None
    if item.not_verified or not item.in_force_on(checked):
        return None
    return item.legal_status


def priority_for(item: Item, note: CurrentNote | None = None, checked: str | None = None) -> str:
    """hoog for legally required, midden for administratively agreed, laag for "overig", from the
    status ``priority_status`` gives (today's where known).

    Items without a (verified) legal status (the BSC norms, the Antwoord statements) are the
    framework's own core, not an optional extra: midden, so a BSC gap does not sink below a 5B
    "overig" one.
    """
    status = priority_status(item, note, checked)
    if status == "wettelijk":
        return "hoog"
    if status == "overig":
        return "laag"
    return "midden"


#: The priority of every "Zoek uit of ..." action (see the module docstring).
FIND_OUT_PRIORITY = "midden"


def proposal_title(checklists: ChecklistSet, item: Item, option: ScaleOption) -> str:
    """The action's title, following the answer (implement / complete / find out)."""
    if option.proposes == "implement":
        return item.suggested_action
    full = next((o.label.lower() for o in checklists.scale_for(item.id).options if o.weight == 1.0), "ingevoerd")
    if option.proposes == "find_out":
        return (f"Zoek uit of „{item.text}” {full} is en in welke mate, leg de uitkomst met bewijs vast "
                "in de scan en pas het antwoord aan.")
    return f"Maak af wat er al is: {in_sentence(item.suggested_action)}"


def proposal_priority(item: Item, option: ScaleOption, note: CurrentNote | None = None,
                      checked: str | None = None) -> str:
    """The proposal's priority: the item's (``priority_for``), or ``FIND_OUT_PRIORITY`` for find-out."""
    return FIND_OUT_PRIORITY if option.proposes == "find_out" else priority_for(item, note, checked)


def status_sentence(item: Item, note: CurrentNote | None = None, checked: str | None = None) -> str:
    """' Status: wettelijk verplicht.' or, where today differs, ' Status toen: bestuurlijk afgesproken;
    vandaag wettelijk verplicht sinds 1 juli 2018.' ('' without any status). An item whose status
    applies only after ``checked`` says so ("vanaf ..., nog niet in werking")."""
    then = LEGAL_STATUS_LABELS[item.legal_status] if item.legal_status else ""
    now = note.status_text() if note is not None else ""
    if then and item.since is not None:
        if item.in_force_on(checked):
            then += f" sinds {partial_date_text(item.since)}"
        else:
            then += f" vanaf {partial_date_text(item.since)}, nog niet in werking"
    if item.not_verified and then:
        then += " (niet geverifieerd)"
    if not now:
        return f" Status: {then}." if then else ""
    if not then:
        return f" Stand 2026: {now}."
    return f" Status toen: {then}; stand 2026: {now}."


def status_label(item: Item, checked: str | None = None) -> str:
    """The item's own legal status in a few words, as every output shows it: 'wettelijk verplicht',
    'wettelijk verplicht sinds 1 juli 2018', 'wettelijk verplicht vanaf 2 december 2027, nog niet in
    werking (niet geverifieerd)'; '' without a status. ``checked``: the framework's check date."""
    return status_sentence(item, None, checked).strip().removeprefix("Status: ").rstrip(".")


def proposal_id(item_id: str) -> str:
    return f"V-{item_id}"


def gaps(checklists: ChecklistSet, assessment: Assessment) -> list[tuple[Framework, Item, ScaleOption]]:
    """Every gap in scope, in checklist order: (framework, item, chosen option)."""
    result = []
    for fw, _section, item in items_in_scope(checklists, assessment):
        answer = assessment.answers.get(item.id)
        if answer is None or answer.option is None:
            continue
        option = checklists.scale_for(item.id).option(answer.option)
        if option is not None and option.gap:
            result.append((fw, item, option))
    return result


def _reason(fw: Framework, item: Item, option: ScaleOption, note: CurrentNote | None) -> str:
    return (f"{fw.short_title}, {item.id} „{item.text}”: het antwoord is ‘{option.label}’."
            f"{status_sentence(item, note, fw.checked)} Bron: {item.source.cite()}.")


def _proposal(checklists: ChecklistSet, fw: Framework, item: Item, option: ScaleOption,
              note: CurrentNote | None = None) -> dict[str, Any]:
    return {
        "title": proposal_title(checklists, item, option),
        "reason": _reason(fw, item, option, note),
        "theme": item.theme,
        "priority": proposal_priority(item, option, note, fw.checked),
    }


def propose_actions(checklists: ChecklistSet, assessment: Assessment) -> PlanChanges:
    """Bring ``assessment.actions`` in step with the gaps; returns what changed.

    Idempotent: a second run without answer changes changes nothing. Keeps everything the user
    decided or edited (see the module docstring).
    """
    changes = PlanChanges()
    existing = {a.id: a for a in assessment.actions}
    open_ids: set[str] = set()
    for fw, item, option in gaps(checklists, assessment):
        action_id = proposal_id(item.id)
        open_ids.add(action_id)
        fields = _proposal(checklists, fw, item, option, checklists.current_note(item.id))
        action = existing.get(action_id)
        if action is None:
            action = Action(id=action_id, origin="voorgesteld", item_id=item.id, decision="voorgesteld", **fields)
            assessment.actions.append(action)
            existing[action_id] = action
            changes.added.append(action_id)
            continue
        if action.gap_closed:
            action.gap_closed = False
            changes.reopened.append(action_id)
        refreshed = False
        for name, value in fields.items():
            if name not in action.edited and getattr(action, name) != value:
                setattr(action, name, value)
                refreshed = True
        if refreshed:
            changes.updated.append(action_id)
    for action in assessment.actions:
        if action.origin != "voorgesteld" or action.gap_closed or action.id in open_ids:
            continue
        item_id = action.item_id
        if item_id is None or action.id != proposal_id(item_id) or not checklists.has_item(item_id):
            continue  # solution actions and items the checklists no longer know stay as they are
        action.gap_closed = True
        changes.closed.append(action.id)
    return changes


def _next_own_id(assessment: Assessment) -> str:
    numbers = [int(m.group(1)) for a in assessment.actions if (m := _OWN_ID.match(a.id))]
    taken = {a.id for a in assessment.actions}
    n = max(numbers, default=0) + 1
    while f"E-{n}" in taken:
        n += 1
    return f"E-{n}"


def _check_fields(fields: dict[str, Any], *, allowed_extra: Iterable[str] = ()) -> None:
    unknown = [n for n in fields if n not in Action.model_fields]
    if unknown:
        raise TypeError(f"Onbekend(e) veld(en) voor een actie: {', '.join(sorted(unknown))}")
    fixed = [n for n in fields if n in _NOT_EDITABLE and n not in allowed_extra]
    if fixed:
        raise TypeError(f"Deze velden worden door Dienstscan bijgehouden: {', '.join(sorted(fixed))}")


def add_own_action(assessment: Assessment, title: str, **fields: Any) -> Action:
    """Add an action of the user's own (id ``E-<n>``, unique in the scan) and return it."""
    _check_fields(fields)
    fields.setdefault("decision", "geaccepteerd")
    action = Action(id=_next_own_id(assessment), origin="eigen", title=title, **fields)
    assessment.actions.append(action)
    return action


def edit_action(action: Action, **fields: Any) -> Action:
    """Change fields of an action by hand and record their names in ``action.edited``.

    All values are validated before any is assigned, so a bad value changes nothing.
    """
    _check_fields(fields)
    Action.model_validate({**action.model_dump(), **fields})  # raises before anything changes
    after = {name: fields.get(name, getattr(action, name)) for name in ("decision", *DECISION_RECORD)}
    problem = decision_record_problem(after["decision"], after["decided_by"], after["decided_on"])
    if problem:
        raise ValueError(f"{action.id}: {problem}.")
    for name, value in fields.items():
        if getattr(action, name) == value:
            continue
        setattr(action, name, value)
        if name not in action.edited:
            action.edited = [*action.edited, name]
    return action


def merge_actions(assessment: Assessment, ids: Iterable[str], into_id: str) -> Action:
    """Merge actions into one: each gets ``merged_into``; the target's description lists them.

    Nothing is deleted, so a merge can be undone by clearing ``merged_into``. Actions that were
    merged into one of ``ids`` earlier now point to ``into_id``.
    """
    target = assessment.action(into_id)
    if target is None:
        raise ValueError(f"Actie '{into_id}' bestaat niet in deze scan.")
    if target.merged_into is not None:
        raise ValueError(f"Actie '{into_id}' is zelf al samengevoegd met '{target.merged_into}'.")
    sources = []
    for action_id in dict.fromkeys(ids):
        if action_id == into_id:
            continue
        action = assessment.action(action_id)
        if action is None:
            raise ValueError(f"Actie '{action_id}' bestaat niet in deze scan.")
        sources.append(action)
    lines = []
    for action in sources:
        if action.merged_into == into_id:
            continue
        for other in assessment.actions:
            if other.merged_into == action.id:
                other.merged_into = into_id
        action.merged_into = into_id
        lines.append(f"Samengevoegd: {action.id} – {action.title}")
    if lines:
        description = "\n".join([target.description, *lines]) if target.description else "\n".join(lines)
        target.description = description
        if "description" not in target.edited:
            target.edited = [*target.edited, "description"]
    return target


def action_from_solution(checklists: ChecklistSet, assessment: Assessment, item_id: str, index: int) -> Action:
    """Take over a recorded solution (BSC analysis: oplossingen) of an item as a plan action.

    The action gets id ``V-<item id>-O<n>``, the solution as its title and is accepted at once
    (the user chose it). Taking the same solution over twice returns the existing action.
    """
    if not checklists.has_item(item_id):
        raise ValueError(f"Item '{item_id}' staat niet in de checklists.")
    answer = assessment.answers.get(item_id)
    solutions = answer.solutions if answer is not None else []
    if not 0 <= index < len(solutions) or not solutions[index].strip():
        raise ValueError(f"Item '{item_id}' heeft geen oplossing nummer {index + 1}.")
    text = solutions[index].strip()
    for action in assessment.actions:
        if action.item_id == item_id and action.id.startswith(f"{proposal_id(item_id)}-O") and action.title == text[:2000]:
            return action
    fw, _, item = checklists.locate(item_id)
    taken = {a.id for a in assessment.actions}
    n = 1
    while f"{proposal_id(item_id)}-O{n}" in taken:
        n += 1
    action = Action(
        id=f"{proposal_id(item_id)}-O{n}",
        origin="voorgesteld",
        item_id=item_id,
        decision="geaccepteerd",
        title=text[:2000],
        reason=(f"Oplossing uit de analyse van {fw.short_title}, {item.id} „{item.text}”. "
                f"Bron: {item.source.cite()}."),
        theme=item.theme,
        priority=priority_for(item, checklists.current_note(item.id), fw.checked),
    )
    assessment.actions.append(action)
    return action

