"""What the phones may see of a scan, and how a participant's answer goes into it.

``SessionContent.build(checklists, assessment)`` takes a read-only snapshot of the items in scope:
per item only its text (for BSC norms with the right and the duty), its explanation (toelichting)
and its scale's options. Nothing else of the scan (agreed answers, notes, other participants'
answers, the plan, names) is in it, so the server cannot hand it out by mistake.

``apply_change(answer, change)`` is the one rule for putting a live answer into the scan. Live
answers are anonymous individual answers (``Answer.individual``, never in the score), like the
forms and the quick round of number keys, kept under the round they were given in (voorronde or
live); a participant who changes their mind *replaces* their earlier answer in that round (one
current answer per participant per item per round, the last counts). The scan holds no device
ids: the change carries the participant's previous option in that round, and one occurrence of
that option in that round is replaced. Comments go into the item's notes as a line ``Deelnemer: ...``; support
votes into the Ja/Twijfel/Nee poll. Pure functions, no Qt, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..export.forms.workbook import items_in_scope
from ..model import Answer, Assessment, ChecklistSet, Poll

#: The longest comment a participant can send (characters).
MAX_COMMENT = 1_000
#: How a participant's comment is marked in the item's notes.
COMMENT_PREFIX = "Deelnemer: "
VOTES: tuple[str, ...] = ("ja", "twijfel", "nee")
VOTE_LABELS = {"ja": "Ja", "twijfel": "Twijfel", "nee": "Nee"}

Mode = Literal["voorronde", "live"]
MODE_LABELS = {"voorronde": "Voorronde", "live": "Live"}


@dataclass(frozen=True)
class PhoneItem:
    """One item as a phone shows it."""

    id: str
    text: str
    #: BSC norms: the right of the citizen and the duty of the government, one per line.
    detail: str
    explanation: str
    #: (option id, label) in scale order.
    options: tuple[tuple[str, str], ...]
    #: Where the item is ("5 beloften · Belofte 2"), for orientation only.
    context: str

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "detail": self.detail,
            "explanation": self.explanation,
            "context": self.context,
            "options": [{"id": oid, "label": label} for oid, label in self.options],
        }

    def has_option(self, option_id: str) -> bool:
        return any(oid == option_id for oid, _ in self.options)


@dataclass(frozen=True)
class SessionContent:
    """A read-only snapshot of the items in scope, in checklist order (safe to share with a thread)."""

    title: str
    items: tuple[PhoneItem, ...]
    _by_id: dict[str, PhoneItem] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({item.id: item for item in self.items})

    @classmethod
    def build(cls, checklists: ChecklistSet, assessment: Assessment) -> SessionContent:
        items = []
        for fw, section, item in items_in_scope(checklists, assessment):
            scale = checklists.scale_for(item.id)
            where = fw.title if section is None else f"{fw.title} · {section.title}"
            detail = "\n".join(t for t in (item.right, item.duty) if t)
            items.append(PhoneItem(item.id, item.text, detail, item.explanation, tuple((o.id, o.label) for o in scale.options),
                                   where))
        return cls(f"Dienstscan {assessment.organisation.name}", tuple(items))

    def item(self, item_id: str) -> PhoneItem | None:
        return self._by_id.get(item_id)

    def ids(self) -> list[str]:
        return [item.id for item in self.items]


@dataclass(frozen=True)
class Change:
    """A participant's value before and after (``previous`` None: their first answer)."""

    previous: str | None
    new: str | None


@dataclass(frozen=True)
class AnswerChange:
    """What one accepted submission changes in one item (fields that did not change are None)."""

    item_id: str
    option: Change | None = None
    comment: Change | None = None
    vote: Change | None = None
    #: The phone's keyed hash (``identity.phone_key``) and the round it answered in.
    phone: str = ""
    round: Mode = "voorronde"
    #: The phone's whole current answer to the item in that round after this change
    #: (``{"option", "comment", "vote"}``), kept in the scan's live identity.
    current: dict[str, str | None] | None = None

    def is_empty(self) -> bool:
        return self.option is None and self.comment is None and self.vote is None

    def describe(self) -> str:
        """The Dutch text of the undo step."""
        parts = [name for name, value in (("antwoord", self.option), ("opmerking", self.comment),
                                          ("stem", self.vote)) if value is not None]
        return f"Deelnemer ({', '.join(parts) or 'niets'}) bij {self.item_id}"


def clean_comment(text: str) -> str:
    """One line, no control characters, at most ``MAX_COMMENT`` characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_COMMENT]


def replace_one(values: list[str], previous: str | None, new: str | None) -> list[str]:
    """``values`` with one ``previous`` replaced by ``new`` (or removed when ``new`` is None).

    A ``previous`` that is not there (undone meanwhile, or cleared) is not searched further:
    ``new`` is added, so the participant still counts exactly once from now on.
    """
    result = list(values)
    if previous is not None and previous in result:
        at = len(result) - 1 - result[::-1].index(previous)  # the latest one: earlier ones came from forms
        if new is None:
            del result[at]
        else:
            result[at] = new
        return result
    if new is not None:
        result.append(new)
    return result


def _apply_comment(notes: str, change: Change) -> str:
    lines = notes.split("\n") if notes else []
    old = COMMENT_PREFIX + change.previous if change.previous else None
    new = COMMENT_PREFIX + change.new if change.new else None
    if old is not None and old in lines:
        at = len(lines) - 1 - lines[::-1].index(old)
        if new is None:
            del lines[at]
        else:
            lines[at] = new
    elif new is not None:
        lines.append(new)
    return "\n".join(lines)


def _apply_vote(poll: Poll | None, change: Change) -> Poll | None:
    result = poll.model_copy() if poll is not None else Poll()
    if change.previous in VOTES and getattr(result, change.previous) > 0:
        setattr(result, change.previous, getattr(result, change.previous) - 1)
    if change.new in VOTES:
        setattr(result, change.new, getattr(result, change.new) + 1)
    return result if result.total else None


def apply_change(answer: Answer | None, change: AnswerChange) -> Answer:
    """The item's answer after a participant's change (a new object; ``answer`` is untouched).

    Never touches the agreed option, the score or the facilitator's own fields.
    """
    result = answer.model_copy(deep=True) if answer is not None else Answer()
    if change.option is not None:
        result.individual = {**result.individual,
                             change.round: replace_one(result.individual_in(change.round), change.option.previous,
                                                       change.option.new)}
    if change.comment is not None:
        result.notes = _apply_comment(result.notes, change.comment)
    if change.vote is not None:
        result.poll = _apply_vote(result.poll, change.vote)
    return result
