"""The next PDCA cycle: a new scan built from the last one.

``next_cycle`` copies what still holds a year later and marks what has to be looked at again:

- organisation, participants, frameworks in scope and scope exclusions (with their
  justification) are copied; frameworks and sections the checklists no longer know are left out
  and listed in the report;
- every answer is copied with its explanation, notes, evidence and the BSC analysis
  (belemmeringen, oorzaken, oplossingen) and marked ``from_previous_cycle`` until the user
  confirms it (``confirm_answers``). The workshop votes (``individual``) and the draagvlak poll
  belong to the meeting where they were cast and start empty;
- an answer to an item the checklists no longer have is not copied (it would never be scored or
  shown) but listed in the report with its option and explanation; an answer whose option is no
  longer on the item's scale is copied without the option (explanation and analysis kept) and
  listed, so the user chooses again;
- key figures only on request (``copy_key_figures``): last year's numbers are rarely this year's;
- the plan is copied whole with its latest statuses, completed and cancelled actions included
  (they are the history the comparison shows), then brought in step with the copied answers by
  ``dienstscan.plan.propose_actions``;
- a new id, ``previous_scan_id`` pointing at the previous scan, the new peildatum and the
  versions of the checklists loaded now;
- frameworks the checklists have now but the previous scan did not use (such as the 2026
  checklist) are offered (``NextCycle.offered_frameworks``) and added only when asked
  (``add_frameworks``), empty: the old answers are never changed by an addition.

Nothing is silently dropped: every answer, framework, section or key figure that was not copied
as it was appears in ``NextCycle.notes`` (Dutch) and in the structured lists beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model.assessment import Answer, Assessment, KeyFigureValue
from ..model.checklist import ChecklistSet
from ..plan import PlanChanges, propose_actions


class CycleError(ValueError):
    """The next cycle cannot be started as asked; the message is Dutch."""


@dataclass(frozen=True)
class DroppedAnswer:
    """An answer of the previous scan to an item the checklists no longer have."""

    item_id: str
    option: str | None
    explanation: str


@dataclass(frozen=True)
class ResetOption:
    """An answer whose option is no longer on the item's scale: copied without the option."""

    item_id: str
    option: str
    scale: str


@dataclass
class NextCycle:
    """The new scan and what was not copied as it was."""

    assessment: Assessment
    copied_answers: list[str] = field(default_factory=list)
    #: Ids of the actions copied from the previous plan (before new gaps were proposed).
    copied_actions: list[str] = field(default_factory=list)
    dropped_answers: list[DroppedAnswer] = field(default_factory=list)
    reset_options: list[ResetOption] = field(default_factory=list)
    dropped_frameworks: list[str] = field(default_factory=list)
    dropped_scopes: list[str] = field(default_factory=list)
    dropped_key_figures: list[str] = field(default_factory=list)
    plan_changes: PlanChanges = field(default_factory=PlanChanges)
    notes: list[str] = field(default_factory=list)
    #: Frameworks added on request (empty, to be answered in this cycle).
    added_frameworks: list[str] = field(default_factory=list)
    #: Frameworks the checklists offer that the scan does not use, not added.
    offered_frameworks: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """A Dutch summary for the CLI and a GUI message box."""
        scan = self.assessment
        lines = [
            f"Nieuwe scan voor {scan.organisation.name}, peildatum {scan.peildatum.isoformat()}.",
            f"{len(self.copied_answers)} antwoorden overgenomen uit de vorige scan; ze zijn gemarkeerd "
            "als 'uit de vorige cyclus' tot u ze bevestigt.",
            f"{len(self.copied_actions)} acties uit het vorige plan overgenomen, met hun laatste status.",
        ]
        if self.plan_changes.changed:
            lines.append(self.plan_changes.summary())
        if self.added_frameworks:
            lines.append("Toegevoegd, nog in te vullen: " + ", ".join(self.added_frameworks) + ".")
        if self.offered_frameworks:
            lines.append("Ook beschikbaar, niet toegevoegd: " + ", ".join(self.offered_frameworks) + ".")
        if self.notes:
            lines.append("Niet alles kon ongewijzigd worden overgenomen:")
            lines.extend(f"  - {note}" for note in self.notes)
        return "\n".join(lines)


def _fresh_answer(answer: Answer) -> Answer:
    copy = answer.model_copy(deep=True)
    copy.individual = {}
    copy.poll = None
    copy.from_previous_cycle = True
    return copy


def next_cycle(
    checklists: ChecklistSet,
    previous: Assessment,
    *,
    peildatum: dt.date,
    copy_key_figures: bool = False,
    add_frameworks: Iterable[str] = (),
) -> NextCycle:
    """A new scan for the next cycle, built from ``previous`` (which is not changed).

    ``add_frameworks``: ids of frameworks to add to the scope (e.g. ``DO26``), empty.

    Raises ``CycleError`` when ``peildatum`` lies before the previous scan's peildatum, or when a
    framework to add is unknown.
    """
    if peildatum < previous.peildatum:
        raise CycleError(
            f"de peildatum {peildatum.isoformat()} ligt vóór die van de vorige scan "
            f"({previous.peildatum.isoformat()}); een volgende cyclus komt later"
        )
    known_frameworks = {fw.id: fw for fw in checklists.frameworks}
    known_sections = {s.id for fw in checklists.frameworks for s in fw.sections}
    result_notes: list[str] = []
    to_add = list(dict.fromkeys(add_frameworks))
    unknown = [fw_id for fw_id in to_add if fw_id not in known_frameworks]
    if unknown:
        raise CycleError(
            f"onbekend kader {', '.join(repr(u) for u in unknown)}; beschikbaar: {', '.join(known_frameworks)}"
        )

    frameworks: list[str] = []
    dropped_frameworks: list[str] = []
    for fw_id in previous.frameworks:
        if fw_id in known_frameworks:
            frameworks.append(fw_id)
        else:
            dropped_frameworks.append(fw_id)
            result_notes.append(
                f"Het kader '{fw_id}' stond in de scope van de vorige scan, maar staat niet in de huidige "
                "checklists; het is niet overgenomen."
            )

    out_of_scope = {}
    dropped_scopes: list[str] = []
    for scope_id, exclusion in previous.out_of_scope.items():
        if scope_id in known_frameworks or scope_id in known_sections:
            out_of_scope[scope_id] = exclusion.model_copy(deep=True)
        else:
            dropped_scopes.append(scope_id)
            result_notes.append(
                f"'{scope_id}' stond buiten scope ({exclusion.justification}), maar bestaat niet meer als "
                "kader of onderdeel; die keuze is niet overgenomen."
            )

    answers: dict[str, Answer] = {}
    copied: list[str] = []
    dropped_answers: list[DroppedAnswer] = []
    reset: list[ResetOption] = []
    for item_id, answer in previous.answers.items():
        if not checklists.has_item(item_id):
            dropped_answers.append(DroppedAnswer(item_id, answer.option, answer.explanation))
            given = f"'{answer.option}'" if answer.option else "geen keuze"
            expl = f"; uitleg: \u201c{answer.explanation}\u201d" if answer.explanation.strip() else ""
            result_notes.append(
                f"Item '{item_id}' bestaat niet meer in de checklists; het antwoord ({given}{expl}) is niet "
                "overgenomen en staat nog in de vorige scan."
            )
            continue
        fresh = _fresh_answer(answer)
        if answer.option is not None:
            scale = checklists.scale_for(item_id)
            if scale.option(answer.option) is None:
                reset.append(ResetOption(item_id, answer.option, scale.id))
                fresh.option = None
                result_notes.append(
                    f"Bij item '{item_id}' was '{answer.option}' gekozen; de schaal '{scale.label}' kent dat "
                    "antwoord niet meer. Uitleg en analyse zijn overgenomen, kies het antwoord opnieuw."
                )
        answers[item_id] = fresh
        copied.append(item_id)

    key_figures: dict[str, KeyFigureValue] = {}
    dropped_figures: list[str] = []
    if copy_key_figures:
        for figure_id, value in previous.key_figures.items():
            if figure_id in checklists.key_figures:
                key_figures[figure_id] = value.model_copy(deep=True)
            else:
                dropped_figures.append(figure_id)
                result_notes.append(
                    f"Het kengetal '{figure_id}' staat niet meer in de checklists; de waarde is niet overgenomen."
                )

    added = [fw_id for fw_id in to_add if fw_id not in frameworks]
    frameworks = frameworks + added
    offered = [fw.id for fw in checklists.frameworks if fw.id not in frameworks]
    now = dt.datetime.now()
    scan = Assessment(
        organisation=previous.organisation.model_copy(deep=True),
        peildatum=peildatum,
        participants=[p.model_copy(deep=True) for p in previous.participants],
        frameworks=frameworks,
        checklist_versions={fw_id: known_frameworks[fw_id].version for fw_id in frameworks},
        out_of_scope=out_of_scope,
        answers=answers,
        key_figures=key_figures,
        actions=[a.model_copy(deep=True) for a in previous.actions],
        previous_scan_id=previous.id,
        created=now,
        modified=now,
    )
    changes = propose_actions(checklists, scan)
    for action in scan.actions:
        if action.item_id is not None and not checklists.has_item(action.item_id):
            result_notes.append(
                f"Actie {action.id} ('{action.title}') hoort bij item '{action.item_id}', dat niet meer in de "
                "checklists staat; de actie is wel overgenomen."
            )
    return NextCycle(
        assessment=scan,
        copied_answers=copied,
        copied_actions=[a.id for a in previous.actions],
        dropped_answers=dropped_answers,
        reset_options=reset,
        dropped_frameworks=dropped_frameworks,
        dropped_scopes=dropped_scopes,
        dropped_key_figures=dropped_figures,
        plan_changes=changes,
        notes=result_notes,
        added_frameworks=added,
        offered_frameworks=offered,
    )


def unconfirmed(assessment: Assessment) -> list[str]:
    """Item ids whose answer is still the copy from the previous cycle."""
    return [item_id for item_id, answer in assessment.answers.items() if answer.from_previous_cycle]


def confirm_answers(assessment: Assessment, item_ids: Iterable[str] | None = None) -> list[str]:
    """Mark answers as confirmed in this cycle (all when ``item_ids`` is None); returns those changed.

    The GUI calls this when the user confirms an answer as it is; changing the answer should
    confirm it too (the GUI sets ``from_previous_cycle = False`` when it edits an answer).
    """
    wanted = None if item_ids is None else set(item_ids)
    changed: list[str] = []
    for item_id, answer in assessment.answers.items():
        if answer.from_previous_cycle and (wanted is None or item_id in wanted):
            answer.from_previous_cycle = False
            changed.append(item_id)
    return changed
