"""The spread of individual answers per item, and the discussion order "meeste verschil eerst".

In a workshop each participant may first answer on their own (a form before the session, a
quick round of number keys in the room, a phone in the voorronde or live). Those answers are kept
anonymous beside the agreed answer, per round (``Answer.individual``: round -> option ids, one
answer per person per round) and are reported as a spread per round: counts per option. Rounds are
never added together (a person who answered in the voorronde and live would count twice), and
never averaged into the score. Pure functions, no Qt, no I/O.

An item's place in "meeste verschil eerst" is that of its round with the most disagreement
(``leading_spread``): one round where the room was split is reason enough to discuss it.

How disagreement is measured: the share of pairs of participants who gave a different answer
(0 = everybody agrees, near 1 = everybody differs). Two items with the same share are ordered by
how far apart the answers lie on the scale (the range of the options' positions), then by the
number of answers, then in checklist order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model.assessment import INDIVIDUAL_ROUND_LABELS, Answer, Assessment, items_in_scope
from ..model.checklist import ChecklistSet, Scale


@dataclass(frozen=True)
class ItemSpread:
    """Anonymous counts of the individual answers to one item."""

    item_id: str
    #: (option id, option label, count) in scale order, every option of the scale (zeros too).
    counts: tuple[tuple[str, str, int], ...]
    #: Individual answers whose option the scale does not know (kept, reported, not counted).
    unknown: int
    #: Share of pairs of participants who answered differently (0..1).
    disagreement: float
    #: Range of the chosen options' positions on the scale, as a share of the scale (0..1).
    distance: float
    #: Position of the item in the checklists (tie-breaker: checklist order).
    order: int
    #: The round these answers were given in (``model.INDIVIDUAL_ROUNDS``); "" for a list of answers
    #: without a round.
    round: str = ""

    @property
    def round_label(self) -> str:
        return INDIVIDUAL_ROUND_LABELS.get(self.round, self.round)

    @property
    def total(self) -> int:
        return sum(c for _, _, c in self.counts)

    def count(self, option_id: str) -> int:
        for oid, _, c in self.counts:
            if oid == option_id:
                return c
        return 0

    def most_chosen(self) -> list[str]:
        """The option ids chosen most often (several when tied; empty without answers)."""
        top = max((c for _, _, c in self.counts), default=0)
        return [oid for oid, _, c in self.counts if top and c == top]

    def text(self) -> str:
        """'Ingevoerd 3 · Gedeeltelijk ingevoerd 2 · Niet ingevoerd 1 (6 antwoorden)'."""
        parts = [f"{label} {c}" for _, label, c in self.counts if c]
        if not parts:
            return "Nog geen individuele antwoorden"
        total = self.total
        return " · ".join(parts) + f" ({total} {'antwoord' if total == 1 else 'antwoorden'})"


def disagreement(values: Iterable[str]) -> float:
    """Share of pairs that differ: 1 - sum(n_i (n_i - 1)) / (n (n - 1)); 0 for fewer than two."""
    counts = Counter(values)
    n = sum(counts.values())
    if n < 2:
        return 0.0
    same = sum(c * (c - 1) for c in counts.values())
    return 1.0 - same / (n * (n - 1))


def _distance(scale: Scale, values: Sequence[str]) -> float:
    positions = [i for i, opt in enumerate(scale.options) if opt.id in set(values)]
    if len(positions) < 2 or len(scale.options) < 2:
        return 0.0
    return (max(positions) - min(positions)) / (len(scale.options) - 1)


def item_spread(checklists: ChecklistSet, item_id: str, individual: Sequence[str], order: int = 0,
                round_: str = "") -> ItemSpread:
    """The spread of the individual answers ``individual`` (option ids, one round) to ``item_id``."""
    scale = checklists.scale_for(item_id)
    known = [v for v in individual if scale.option(v) is not None]
    counter = Counter(known)
    counts = tuple((opt.id, opt.label, counter.get(opt.id, 0)) for opt in scale.options)
    return ItemSpread(item_id=item_id, counts=counts, unknown=len(individual) - len(known),
                      disagreement=disagreement(known), distance=_distance(scale, known), order=order, round=round_)


def round_spreads(checklists: ChecklistSet, item_id: str, answer: Answer | None, order: int = 0) -> list[ItemSpread]:
    """The spread of each round of the item's individual answers, in workshop order (none: [])."""
    if answer is None:
        return []
    return [item_spread(checklists, item_id, values, order, round_) for round_, values in answer.individual_rounds()]


def leading_spread(checklists: ChecklistSet, item_id: str, answer: Answer | None, order: int = 0) -> ItemSpread:
    """The item's round with the most disagreement (by ``sort_key``): its place in "meeste verschil
    eerst". Without individual answers an empty spread."""
    rounds = round_spreads(checklists, item_id, answer, order)
    return min(rounds, key=sort_key) if rounds else item_spread(checklists, item_id, [], order)


def rounds_text(spreads: Sequence[ItemSpread], *, disagreement_word: bool = False) -> str:
    """'Voorronde: Ja 3 · Nee 1 (4 antwoorden) | Live: Ja 4 (4 antwoorden)': each round on its own,
    one answer per person per round. With ``disagreement_word``, ', verschil: groot' per round."""
    parts = []
    for s in spreads:
        text = s.text()
        if s.unknown:
            text += f"; {s.unknown} onbekend"
        if disagreement_word:
            text += f", verschil: {disagreement_text(s.disagreement)}"
        parts.append(f"{s.round_label}: {text}" if s.round else text)
    return " | ".join(parts) if parts else "Nog geen individuele antwoorden"


def spread(checklists: ChecklistSet, assessment: Assessment, item_ids: Iterable[str] | None = None,
           round_: str | None = None) -> list[ItemSpread]:
    """One spread per item (default: every item in scope), in checklist order: of round ``round_``,
    or without one the item's leading round (``leading_spread``)."""
    ids = list(item_ids) if item_ids is not None else [item.id for _, _, item in items_in_scope(checklists, assessment)]
    result = []
    for n, item_id in enumerate(ids):
        answer = assessment.answers.get(item_id)
        if round_ is not None:
            result.append(item_spread(checklists, item_id, answer.individual_in(round_) if answer else [], n, round_))
        else:
            result.append(leading_spread(checklists, item_id, answer, n))
    return result


def sort_key(s: ItemSpread) -> tuple[float, float, int, int]:
    return (-s.disagreement, -s.distance, -s.total, s.order)


def most_different_first(spreads: Iterable[ItemSpread], *, only_answered: bool = False) -> list[ItemSpread]:
    """"Meeste verschil eerst": most disagreement first; ties by distance, answers, checklist order.

    With ``only_answered`` the items nobody answered individually are left out.
    """
    items = [s for s in spreads if s.total or not only_answered]
    return sorted(items, key=sort_key)


def disagreement_text(value: float) -> str:
    """How far participants differed, in a word: 'geen', 'klein', 'middel' or 'groot'.

    ``value`` is the share of pairs of participants that answered differently
    (``dienstscan.scoring.spread.disagreement``): 2 against 2 is 0.67 (groot), 4 against 1 is
    0.4 (middel), 5 against 1 is 0.33 (klein).
    """
    if value <= 0:
        return "geen"
    if value < 0.4:
        return "klein"
    if value < 0.6:
        return "middel"
    return "groot"
