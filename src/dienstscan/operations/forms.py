"""Participant forms read back: the one policy by which their answers enter the scan.

The policy (for the application and ``dienstscan formulieren-inlezen`` alike):

- The forms read together are one round, ``formulier``. For every item they answered, the item's
  anonymous ``individual`` answers of that round become exactly the forms' answers, in the order
  read: reading the same forms twice gives the same scan, never doubled counts.
- Items the forms did not answer keep the individual answers they had, and the other rounds
  (snelle ronde, voorronde, live, onbekend) of every item stay as they are.
- The agreed answer (``option``), the explanation and everything else stay as they are:
  individual answers never count in the score, so the plan does not change either.
- Everything is checked before anything changes: an item the checklists do not know, or an
  option that is not on the item's scale, refuses the whole round with a Dutch ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import Answer, Assessment, ChecklistSet
from .changes import Changed, follow_answers

#: The round of the answers read from participant forms.
FORMS_ROUND = "formulier"


def form_answer_updates(checklists: ChecklistSet, assessment: Assessment,
                        answers: Mapping[str, Sequence[str]]) -> dict[str, Answer]:
    """The new answer of every item whose individual answers the forms change (see the module
    docstring); the assessment itself is not changed. Raises ``ValueError`` (Dutch) first."""
    problems = []
    for item_id, options in answers.items():
        if not checklists.has_item(item_id):
            problems.append(f"'{item_id}' is geen item van de checklists")
            continue
        scale = checklists.scale_for(item_id)
        problems += [f"'{o}' is geen antwoord op de schaal van {item_id}" for o in options if scale.option(o) is None]
    if problems:
        raise ValueError("De formulieren zijn niet ingelezen: " + "; ".join(problems) + ".")
    updates = {}
    for item_id, options in answers.items():
        current = assessment.answers.get(item_id)
        if current is not None and current.individual_in(FORMS_ROUND) == list(options):
            continue
        answer = current.model_copy(deep=True) if current is not None else Answer()
        answer.individual = {**answer.individual, FORMS_ROUND: list(options)}
        updates[item_id] = answer
    return updates


def apply_form_answers(checklists: ChecklistSet, assessment: Assessment,
                       answers: Mapping[str, Sequence[str]]) -> Changed:
    """Put the answers read from participant forms into the scan under the module's policy."""
    updates = form_answer_updates(checklists, assessment, answers)
    assessment.answers.update(updates)
    return Changed(items=list(updates), plan=follow_answers(checklists, assessment))
