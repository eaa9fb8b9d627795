"""The user's document: a scan (``Assessment``) with its answers, key figures and plan actions.

A scan belongs to one organisation at one moment (the peildatum). It records which checklist
versions it was answered against, so a later checklist can be compared item by item. Models
here are mutable (the UI edits them in place) and forbid unknown keys, so a damaged or foreign
file is refused instead of half-read. Storage (``dienstscan.storage``) adds the file envelope.
"""

from __future__ import annotations

import uuid
import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, field_serializer,
                      field_validator,
                      model_serializer)
from pydantic_core import PydanticCustomError

from .checklist import (
    FIRST_YEAR,
    KEY_FIGURE_LIMIT,
    LAST_YEAR,
    ChecklistSet,
    Framework,
    Item,
    OrganisationKind,
    Scale,
    Section,
)

ShortText = Annotated[str, StringConstraints(max_length=20_000)]


def _plausible(value: dt.date) -> dt.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PydanticCustomError("dienstscan_year", "het jaar {year} ligt buiten {first}-{last}",
                                  {"year": value.year, "first": FIRST_YEAR, "last": LAST_YEAR})
    return value


#: A date in a scan (peildatum, evidence, plan dates, key figures).
Date = Annotated[dt.date, AfterValidator(_plausible)]
#: A moment in a scan (created, modified, answered).
Moment = Annotated[dt.datetime, AfterValidator(_plausible)]
#: A key figure's value: a finite number of sensible size (the unit's own range needs the checklists).
KeyFigureNumber = Annotated[float, Field(allow_inf_nan=False, ge=-KEY_FIGURE_LIMIT, le=KEY_FIGURE_LIMIT)]
#: A count a person enters (inhabitants, poll votes); bounded so sums and charts stay sane.
Count = Annotated[int, Field(ge=0, le=1_000_000_000)]

EvidenceBasis = Literal["document", "interview", "meting", "waarneming"]
EVIDENCE_BASIS_LABELS: dict[str, str] = {
    "document": "Document",
    "interview": "Interview",
    "meting": "Meting",
    "waarneming": "Waarneming",
}

Priority = Literal["hoog", "midden", "laag"]
PRIORITY_LABELS: dict[str, str] = {"hoog": "Hoog", "midden": "Midden", "laag": "Laag"}

ActionStatus = Literal["gepland", "in_uitvoering", "gereed", "uitgesteld", "vervallen"]
ACTION_STATUS_LABELS: dict[str, str] = {
    "gepland": "Gepland",
    "in_uitvoering": "In uitvoering",
    "gereed": "Gereed",
    "uitgesteld": "Uitgesteld",
    "vervallen": "Vervallen",
}

#: Act: what happens after the check (borgen, bijstellen, stoppen).
ActChoice = Literal["borgen", "bijstellen", "stoppen"]
ACT_CHOICE_LABELS: dict[str, str] = {"borgen": "Borgen", "bijstellen": "Bijstellen", "stoppen": "Stoppen"}

#: What the user decided about a proposed action (in words: ``dienstscan.plan.DECISION_LABELS``).
Decision = Literal["voorgesteld", "geaccepteerd", "afgewezen"]

#: The Dutch name of every action field, written as a column header or form label. The plan page,
#: the Excel plan (whose read-back finds its columns by these words), the undo menu and the file
#: error messages all use these; ``docs/glossary.md`` lists them beside the field names.
ACTION_FIELD_LABELS: dict[str, str] = {
    "id": "ID",
    "origin": "Herkomst",
    "item_id": "Item",
    "decision": "Besluit",
    "decided_by": "Besloten door",
    "decided_on": "Besluitdatum",
    "title": "Actie",
    "description": "Toelichting",
    "reason": "Waarom",
    "theme": "Thema",
    "priority": "Prioriteit",
    "owner": "Probleemeigenaar",
    "start": "Start",
    "end": "Einde",
    "indicator": "Indicator",
    "target": "Streefwaarde",
    "status": "Status",
    "progress": "Voortgang",
    "measured_value": "Gemeten waarde",
    "measured_on": "Datum meting",
    "conclusion": "Conclusie",
    "act": "PDCA-keuze",
    "act_note": "Bijsturing / vervolg",
    "gap_closed": "Tekort opgeheven",
    "merged_into": "Samengevoegd in",
    "edited": "Met de hand gewijzigde velden",
}


def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: ``Probleemeigenaar`` -> ``probleemeigenaar``, while an
    abbreviation keeps its capitals (``ID``, ``PDCA-keuze``)."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


class _Doc(BaseModel):
    # defer_build: a class's validator is built when it is first used (opening a scan builds the
    # Assessment's, which includes its parts; an edit builds that part's own for the assignment),
    # so a start does not pay for validators it does not use (see model/checklist.py, _Strict).
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Organisation(_Doc):
    name: Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
    kind: OrganisationKind = "gemeente"
    inhabitants: Count | None = None


class Participant(_Doc):
    name: Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
    role: str = ""


class Evidence(_Doc):
    """What an answer rests on, so stale evidence can be flagged in the next cycle."""

    basis: EvidenceBasis | None = None
    reference: ShortText = ""
    date: Date | None = None


class Poll(_Doc):
    """Draagvlak: anonymous Ja / Twijfel / Nee counts, like the thesis's table 2.1."""

    ja: Count = 0
    twijfel: Count = 0
    nee: Count = 0

    @property
    def total(self) -> int:
        return self.ja + self.twijfel + self.nee


#: The round an individual answer was given in (issue 25): before the workshop on a form, in the
#: room with number keys (snelle ronde), on a phone at one's own pace (voorronde) or with the
#: projector (live). ``onbekend``: given before Dienstscan kept rounds (a scan of format 2), so it
#: is not known which; such answers are shown as their own round, never guessed into another.
IndividualRound = Literal["onbekend", "formulier", "snelle_ronde", "voorronde", "live"]
#: The rounds in the order they are shown and written (roughly the order of a workshop).
INDIVIDUAL_ROUNDS: tuple[IndividualRound, ...] = ("onbekend", "formulier", "snelle_ronde", "voorronde", "live")
INDIVIDUAL_ROUND_LABELS: dict[str, str] = {
    "onbekend": "Ronde onbekend",
    "formulier": "Formulier",
    "snelle_ronde": "Snelle ronde",
    "voorronde": "Voorronde",
    "live": "Live",
}


class Answer(_Doc):
    """The answer to one item, with the 'leg uit', notes, evidence and (BSC) the analysis."""

    option: str | None = Field(default=None, description="Id of the chosen scale option; None = unanswered")
    explanation: ShortText = ""
    notes: ShortText = ""
    evidence: Evidence = Field(default_factory=Evidence)
    barriers: list[ShortText] = Field(default_factory=list, description="belemmeringen")
    causes: list[ShortText] = Field(default_factory=list, description="oorzaken")
    solutions: list[ShortText] = Field(default_factory=list, description="oplossingen")
    poll: Poll | None = None
    #: Individual answers given before the team agreed (anonymous option ids), per round: one
    #: answer per person per round (a re-answer in the same round replaces), never in the score.
    individual: dict[IndividualRound, list[str]] = Field(default_factory=dict)
    #: Copied from the previous cycle and not yet confirmed in this one.
    from_previous_cycle: bool = False
    answered_at: Moment | None = None
    #: The earlier option (its id) for which ``explanation`` was written, when that option asked for
    #: an explanation and the one chosen after it does not ("Toegepast" after "Deels toegepast"):
    #: the text is kept but is no longer this answer's explanation (issue 28). Set and cleared by
    #: ``operations.answer_with_option`` and ``operations.answer_with_explanation``; None: the
    #: explanation, if any, belongs to the present answer. Older scans have none; written only
    #: when set, so a scan without marks is the same file as before (and older versions read it).
    explanation_written_for: str | None = Field(default=None, exclude_if=lambda value: value is None)

    @field_validator("individual")
    @classmethod
    def _no_empty_round(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        return {round_: answers for round_, answers in value.items() if answers}

    @field_serializer("individual")
    def _rounds_in_order(self, value: dict[str, list[str]]) -> dict[str, list[str]]:
        """Rounds written in workshop order, an empty round left out (the file does not depend on
        the order in which rounds were answered)."""
        return {round_: list(value[round_]) for round_ in INDIVIDUAL_ROUNDS if value.get(round_)}

    def individual_in(self, round_: str) -> list[str]:
        """The individual answers of one round (a copy; empty when none)."""
        return list(self.individual.get(round_, []))  # type: ignore[call-overload]

    def individual_rounds(self) -> list[tuple[str, list[str]]]:
        """(round, answers) of every round with answers, in workshop order."""
        return [(r, list(self.individual[r])) for r in INDIVIDUAL_ROUNDS if self.individual.get(r)]

    def has_individual(self) -> bool:
        return any(self.individual.values())


def stale_explanation_label(answer: Answer | None, scale: Scale | None) -> str | None:
    """The earlier answer (its label) the explanation was written for, when it is kept but no
    longer applies; None when the explanation is the present answer's own (or there is none)."""
    if answer is None or not answer.explanation_written_for or not answer.explanation.strip():
        return None
    present = scale.option(answer.option) if scale is not None and answer.option else None
    if present is not None and present.requires_explanation:
        return None  # an answer that asks for one again: the text is its explanation
    earlier = scale.option(answer.explanation_written_for) if scale is not None else None
    return earlier.label if earlier is not None else answer.explanation_written_for


def explanation_shown(answer: Answer | None, scale: Scale | None) -> str:
    """The explanation as every output shows it: as written, or, when it was written for an earlier
    answer, saying so before it (never as the present answer's explanation)."""
    text = answer.explanation.strip() if answer is not None else ""
    earlier = stale_explanation_label(answer, scale)
    if earlier is None:
        return text
    return f"Niet meer van toepassing (geschreven bij het eerdere antwoord ‘{earlier}’): {text}"


class KeyFigureValue(_Doc):
    """An entered key figure. The range of its unit is checked where the checklists are known
    (``KeyFigure.out_of_range``): on entry and when a scan file is loaded."""

    value: KeyFigureNumber | None = None
    note: ShortText = ""
    date: Date | None = None


class ScopeExclusion(_Doc):
    """A framework or section put out of scope, with the justification."""

    justification: Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Action(_Doc):
    """One action of the improvement plan, in plan-do-check-act form.

    Proposed actions get the id ``V-<item id>`` (stable: re-proposing finds them again); own
    actions get ``E-<n>``. ``edited`` lists the fields the user changed by hand, which
    re-proposing never overwrites.
    """

    id: Annotated[str, StringConstraints(min_length=1, max_length=60, strip_whitespace=True)]
    origin: Literal["voorgesteld", "eigen"] = "eigen"
    item_id: str | None = None
    decision: Decision = "geaccepteerd"
    #: Who took the decision (the MT, the college, a director) and when: the PDCA step management takes.
    decided_by: ShortText = Field(default="", description="besloten door")
    decided_on: Date | None = None
    # Plan
    title: Annotated[str, StringConstraints(min_length=1, max_length=2_000, strip_whitespace=True)]
    description: ShortText = ""
    reason: ShortText = Field(default="", description="waarom: the gap and its source")
    theme: str = "overig"
    priority: Priority = "midden"
    owner: ShortText = Field(default="", description="probleemeigenaar")
    start: Date | None = None
    end: Date | None = None
    indicator: ShortText = ""
    target: ShortText = Field(default="", description="streefwaarde")
    # Do
    status: ActionStatus = "gepland"
    progress: ShortText = Field(default="", description="voortgang")
    # Check
    measured_value: ShortText = ""
    measured_on: Date | None = None
    conclusion: ShortText = ""
    # Act
    act: ActChoice | None = None
    act_note: ShortText = Field(default="", description="bijsturing / vervolg")
    # Bookkeeping
    gap_closed: bool = Field(default=False, description="The gap behind this proposal was closed by a later answer")
    merged_into: str | None = None
    edited: list[str] = Field(default_factory=list)

    @model_serializer(mode="wrap")
    def _without_an_empty_record(self, handler):
        """Who decided and when are written only when recorded: a scan without them is written as
        before (an older Dienstscan still reads it, and a format guard stays byte-identical)."""
        data = handler(self)
        if isinstance(data, dict):
            if not self.decided_by:
                data.pop("decided_by", None)
            if self.decided_on is None:
                data.pop("decided_on", None)
        return data


def _new_id() -> str:
    return str(uuid.uuid4())


#: The rounds a participant's phone answers in: the voorronde (own pace) and live (with the projector).
LiveRound = Literal["voorronde", "live"]


class PhoneAnswer(_Doc):
    """One phone's current answer to one item in one round (who the phone is, nobody knows)."""

    option: str | None = None
    comment: Annotated[str, StringConstraints(max_length=1_000)] | None = None
    vote: Literal["ja", "twijfel", "nee"] | None = None


class LiveIdentity(_Doc):
    """A live session's identity, kept in the scan so a restart after a crash resumes it (issue 25).

    The same secret and short code give the same QR code and address, so phones reconnect; each
    phone's answers are kept under a keyed hash of its device id (``key`` is the hash's key, never
    sent to a phone), so a returning phone's re-answer replaces its earlier one instead of counting
    twice. No device id, address or name is kept.
    """

    secret: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{22,64}$")]
    code: Annotated[str, StringConstraints(pattern=r"^[A-Z2-9]{6}$")]
    key: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    #: The port the session listened on (a restart tries it first: the QR code holds it).
    port: int | None = Field(default=None, ge=1, le=65_535)
    #: keyed hash of a phone's device id -> round -> item id -> that phone's current answer.
    phones: dict[str, dict[LiveRound, dict[str, PhoneAnswer]]] = Field(default_factory=dict)


class Assessment(_Doc):
    """A scan: one organisation, one peildatum, the answers, key figures and the plan."""

    id: str = Field(default_factory=_new_id)
    organisation: Organisation
    peildatum: Date
    participants: list[Participant] = Field(default_factory=list)
    frameworks: list[str] = Field(default_factory=list, description="Framework ids in scope")
    checklist_versions: dict[str, str] = Field(default_factory=dict, description="framework id -> version")
    out_of_scope: dict[str, ScopeExclusion] = Field(
        default_factory=dict, description="framework or section id -> justification"
    )
    answers: dict[str, Answer] = Field(default_factory=dict)
    key_figures: dict[str, KeyFigureValue] = Field(default_factory=dict)
    actions: list[Action] = Field(default_factory=list)
    #: Id of the scan this one continues (next cycle), if any.
    previous_scan_id: str | None = None
    #: The live session of this scan (phones), kept for a restart; not written while there is none.
    live_session: LiveIdentity | None = Field(default=None, exclude_if=lambda value: value is None)
    created: Moment = Field(default_factory=dt.datetime.now)
    modified: Moment = Field(default_factory=dt.datetime.now)
    #: Top-level keys of the file this version does not know (a newer version's data), kept as
    #: read so that a save writes them back unchanged (``storage.scanfile``); never shown or used.
    _unknown_envelope: dict[str, Any] = PrivateAttr(default_factory=dict)

    def answer(self, item_id: str) -> Answer:
        """The answer for an item, created empty when the item has none yet."""
        if item_id not in self.answers:
            self.answers[item_id] = Answer()
        return self.answers[item_id]

    def in_scope(self, framework_id: str, section_id: str | None = None) -> bool:
        """Whether a framework (or a section of it) counts in this scan: the framework was chosen
        for the scan, and neither it nor the section was put out of scope with a justification."""
        if framework_id not in self.frameworks or framework_id in self.out_of_scope:
            return False
        return section_id is None or section_id not in self.out_of_scope

    def action(self, action_id: str) -> Action | None:
        for action in self.actions:
            if action.id == action_id:
                return action
        return None


def items_in_scope(checklists: ChecklistSet, assessment: Assessment) -> Iterator[tuple[Framework, Section | None, Item]]:
    """Every item of the scan that counts (``Assessment.in_scope``) with its framework and section
    (None for organisation-wide items), in checklist order."""
    for fw, section, item in checklists.walk():
        if assessment.in_scope(fw.id, section.id if section else None):
            yield fw, section, item


def answer_not_applicable(checklists: ChecklistSet, assessment: Assessment) -> list[str]:
    """Answer *Niet van toepassing* for every unanswered item of the scan's frameworks that does not
    apply to the organisation's kind (``Item.applies_to``), with the checklist's reason as the
    explanation ("leg uit"). Returns the ids answered; an item already answered is left alone, and
    one whose scale has no *Niet van toepassing* is skipped (the integrity check forbids that)."""
    done = []
    for item, reason in checklists.not_applicable_items(assessment.organisation.kind, assessment.frameworks):
        current = assessment.answers.get(item.id)
        if current is not None and current.option is not None:
            continue
        option = checklists.scale_for(item.id).not_applicable_option()
        if option is None:
            continue
        assessment.answers[item.id] = Answer(option=option.id, explanation=reason)
        done.append(item.id)
    return done
