"""Undoable edits of workshop mode: support-poll votes and individual answers.

They reuse the document's ``AnswerEdit`` (the whole answer is kept before and after, so undo
restores exactly what was there) with a Dutch text of their own, and go through
``ScanDocument.push`` so undo, the unsaved mark and the recovery copy cover them.
"""

from __future__ import annotations

from ...model import INDIVIDUAL_ROUNDS, Answer, Poll
from ...operations import form_answer_updates
from ...operations.forms import FORMS_ROUND
from ..document import AnswerEdit, ScanDocument

VOTE_LABELS = {"ja": "Ja", "twijfel": "Twijfel", "nee": "Nee"}


def _edited(doc: ScanDocument, item_id: str) -> Answer:
    current = doc.answer(item_id)
    return current.model_copy(deep=True) if current is not None else Answer()


def add_vote(doc: ScanDocument, item_id: str, kind: str, delta: int = 1) -> bool:
    """Add (delta 1) or take back (delta -1) one Ja/Twijfel/Nee vote. False if nothing changed."""
    if kind not in VOTE_LABELS:
        raise ValueError(kind)
    answer = _edited(doc, item_id)
    poll = answer.poll.model_copy() if answer.poll is not None else Poll()
    new = getattr(poll, kind) + delta
    if new < 0:
        return False
    setattr(poll, kind, new)
    answer.poll = poll if poll.total else None
    command = AnswerEdit(doc, item_id, answer, "poll", mergeable=False)
    what = "erbij" if delta > 0 else "teruggenomen"
    command.setText(f"Stem {VOTE_LABELS[kind]} bij {item_id} {what}")
    doc.push(command)
    return True


#: The round of the number keys in the room (``RoundOverlay``).
QUICK_ROUND = "snelle_ronde"


def set_individual(doc: ScanDocument, item_id: str, options: list[str], text: str | None = None, *,
                   round_: str = QUICK_ROUND) -> bool:
    """Replace the anonymous individual answers of one round of an item (the other rounds stay).
    False if nothing changed; undo puts back only that round."""
    if round_ not in INDIVIDUAL_ROUNDS:
        raise ValueError(f"{round_!r} is geen ronde van individuele antwoorden")
    scale = doc.checklists.scale_for(item_id)
    for option_id in options:
        if scale.option(option_id) is None:
            raise ValueError(f"{option_id!r} is geen antwoord op de schaal van {item_id}")
    answer = _edited(doc, item_id)
    if answer.individual_in(round_) == list(options):
        return False
    answer.individual = {**answer.individual, round_: list(options)}
    command = AnswerEdit(doc, item_id, answer, f"individual:{round_}", mergeable=False)
    command.setText(text or f"Individuele antwoorden bij {item_id}")
    doc.push(command)
    return True


def add_individual(doc: ScanDocument, item_id: str, option_id: str, *, round_: str = QUICK_ROUND) -> bool:
    """One more anonymous individual answer (a participant's number key in a quick round)."""
    current = doc.answer(item_id)
    before = current.individual_in(round_) if current else []
    label = doc.checklists.scale_for(item_id).option(option_id)
    return set_individual(doc, item_id, [*before, option_id],
                          f"Individueel antwoord '{label.label if label else option_id}' bij {item_id}", round_=round_)


def apply_forms(doc: ScanDocument, answers: dict[str, list[str]]) -> int:
    """Put the answers read from participant forms into the scan as one undo step; returns items changed.

    The policy is ``operations.form_answer_updates`` (the command line's too); this only makes it
    undoable. Raises ``ValueError`` (Dutch) before anything changes when the answers do not fit.
    """
    updates = form_answer_updates(doc.checklists, doc.assessment, answers)
    if not updates:
        return 0
    doc.undo_stack.beginMacro(f"Deelnemersformulieren inlezen ({len(updates)} items)")
    try:
        for item_id, answer in updates.items():
            doc.push(AnswerEdit(doc, item_id, answer, f"individual:{FORMS_ROUND}", mergeable=False))
    finally:
        doc.undo_stack.endMacro()
    return len(updates)
