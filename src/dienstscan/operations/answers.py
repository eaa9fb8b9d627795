"""Setting an answer: the option chosen for an item, and the plan that follows from it."""

from __future__ import annotations

import datetime as dt

from ..model import Answer, Assessment, ChecklistSet
from .changes import Changed, follow_answers


def answer_with_option(checklists: ChecklistSet, current: Answer | None, item_id: str,
                       option_id: str | None, *, now: dt.datetime | None = None) -> Answer:
    """A copy of ``current`` (or a new answer) with ``option_id`` chosen (None clears the choice).

    Raises ``ValueError`` (Dutch) for an item the checklists do not know or an option that is not
    on the item's scale. Choosing an option stamps ``answered_at`` and marks the answer as given in
    this cycle (no longer ``from_previous_cycle``); the rest of the answer stays as it was. An
    explanation written for an option that asked for one stays when an option follows that asks
    none, marked as written for the earlier option (``Answer.explanation_written_for``).
    """
    if not checklists.has_item(item_id):
        raise ValueError(f"Item '{item_id}' staat niet in de checklists.")
    if option_id is not None and checklists.scale_for(item_id).option(option_id) is None:
        raise ValueError(f"{option_id!r} is geen antwoord op de schaal van {item_id}")
    answer = current.model_copy(deep=True) if current is not None else Answer()
    if answer.option == option_id:
        return answer
    scale = checklists.scale_for(item_id)
    before = scale.option(answer.option) if answer.option else None
    after = scale.option(option_id) if option_id is not None else None
    answer.option = option_id
    answer.answered_at = (now or dt.datetime.now()) if option_id is not None else None
    answer.from_previous_cycle = False
    if after is not None and after.requires_explanation:
        answer.explanation_written_for = None  # the text is this answer's explanation (again)
    elif (before is not None and before.requires_explanation and answer.explanation.strip()
          and not answer.explanation_written_for):
        # kept, but marked: it was written for the earlier answer (issue 28)
        answer.explanation_written_for = before.id
    return answer


def answer_with_explanation(current: Answer | None, text: str) -> Answer:
    """A copy of ``current`` (or a new answer) with ``text`` as its explanation: the user's own for
    the present answer, so no longer marked as written for an earlier one."""
    answer = current.model_copy(deep=True) if current is not None else Answer()
    answer.explanation = text
    answer.explanation_written_for = None
    return answer


def put_answer(checklists: ChecklistSet, assessment: Assessment, item_id: str,
               answer: Answer | None) -> Changed:
    """Replace the whole answer of an item (None removes it) and propose the plan.

    The application's undo commands keep the answer before and after and call this both ways.
    """
    before = assessment.answers.get(item_id)
    if answer is None:
        assessment.answers.pop(item_id, None)
    else:
        assessment.answers[item_id] = answer
    same = (before.model_dump() if before is not None else None) == (answer.model_dump() if answer is not None else None)
    return Changed(items=[] if same else [item_id], plan=follow_answers(checklists, assessment))


def set_answer(checklists: ChecklistSet, assessment: Assessment, item_id: str, option_id: str | None, *,
               now: dt.datetime | None = None) -> Changed:
    """Choose ``option_id`` as the answer to ``item_id`` (None clears it) and propose the plan."""
    current = assessment.answers.get(item_id)
    answer = answer_with_option(checklists, current, item_id, option_id, now=now)
    if current is not None and current.option == answer.option:
        return Changed(plan=follow_answers(checklists, assessment))
    return put_answer(checklists, assessment, item_id, answer)
