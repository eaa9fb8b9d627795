"""Checklist content: frameworks, sections, items, answer scales, themes, benchmarks, key figures.

This is read-only content, written by people in YAML (``checklists/*.yaml``) and validated here.
Every model forbids unknown keys so a typo in a YAML key is an error, not silently ignored.
Cross-references (scale ids, theme ids, benchmark metrics) are checked by
``dienstscan.checklists``, which knows all files at once.
"""

from __future__ import annotations

import datetime as dt
import math

import re
from collections.abc import Collection, Iterator
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, field_validator, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", min_length=1, max_length=40)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

#: Legal status of an instrument (5 beloften) or norm, with the label a person reads.
LegalStatus = Literal["wettelijk", "bestuurlijk", "overig"]
LEGAL_STATUS_LABELS: dict[str, str] = {
    "wettelijk": "wettelijk verplicht",
    "bestuurlijk": "bestuurlijk afgesproken",
    "overig": "overig: om een andere reden van belang",
}

#: How a framework's headline score is computed.
#: ``share_full``: share of applicable items whose option has weight 1 (5 beloften, BSC);
#: ``mean_weight``: mean weight of the applicable answers (Antwoord growth levels).
ScoreMethod = Literal["share_full", "mean_weight"]

OrganisationKind = Literal["gemeente", "provincie", "waterschap", "ministerie", "uitvoeringsorganisatie"]
ORGANISATION_KIND_LABELS: dict[str, str] = {
    "gemeente": "Gemeente",
    "provincie": "Provincie",
    "waterschap": "Waterschap",
    "ministerie": "Ministerie",
    "uitvoeringsorganisatie": "Uitvoeringsorganisatie",
}

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

#: The years Dienstscan accepts in any date (scans, plans, benchmarks): Excel knows no date before
#: 1900, and a year past 2199 is a typing error.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def partial_date_problem(text: str) -> str | None:
    """Why ``text`` is no date written as JJJJ, JJJJ-MM or JJJJ-MM-DD (in Dutch); None when it is one."""
    if not _DATE_RE.match(text):
        return f"'{text[:40]}' is geen datum in de vorm JJJJ, JJJJ-MM of JJJJ-MM-DD"
    parts = [int(p) for p in text.split("-")]
    if not FIRST_YEAR <= parts[0] <= LAST_YEAR:
        return f"het jaar {parts[0]} ligt buiten {FIRST_YEAR}-{LAST_YEAR}"
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return f"'{text}' heeft geen geldige maand ({parts[1]})"
    if len(parts) == 3:
        try:
            dt.date(*parts)
        except ValueError:
            return f"'{text}' bestaat niet als datum (de maand heeft geen dag {parts[2]})"
    return None


def partial_date_start(text: str) -> dt.date:
    """'2026', '2026-11' or '2026-11-29' as a date: the first day of that year or month."""
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _partial_date(value: str) -> str:
    problem = partial_date_problem(value)
    if problem:
        raise ValueError(problem)
    return value


#: A date as the content writes it: JJJJ, JJJJ-MM or JJJJ-MM-DD (checked to exist).
PartialDate = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_partial_date)]


class _Strict(BaseModel):
    # defer_build: pydantic builds a class's validator when it first validates, not when the class
    # is defined; a start that takes the checklists from the cache (checklists/cache.py) never
    # validates them again, and building the validators of all these classes is about 40 ms.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False,
                              defer_build=True)


class SourceRef(_Strict):
    """Where a piece of content comes from: a seed document (file name) and a section in it."""

    document: Text = Field(description="Bestandsnaam van het brondocument (seeds/) of een externe bron")
    section: str = Field(default="", description="Hoofdstuk, paragraaf of tabel in de bron")
    note: str = Field(default="", description="Toelichting op de bron, bijvoorbeeld wat niet te achterhalen was")
    title: str = Field(
        default="",
        description="Leesbare naam van het document; vult de lader zelf in uit 'documents' (bronnen.yaml)",
    )
    date: str = Field(
        default="",
        description=(
            "Datum van de bron (JJJJ, JJJJ-MM of JJJJ-MM-DD): van uitgifte of vaststelling, of bij een "
            "webpagina zonder datum de dag waarop zij is nagelezen"
        ),
    )
    place: str = Field(
        default="",
        description="Vindplaats: Staatsblad- of Staatscourantnummer, Kamerstuk, CELEX-nummer of webadres",
    )

    @field_validator("date")
    @classmethod
    def _real_date(cls, v: str) -> str:
        return _partial_date(v) if v else v

    def cite(self) -> str:
        """A one-line Dutch citation: the document's readable title (else its file name) and section,
        e.g. ``Rapport dienstverlening Bergen (2011), 4.2``, with the place a reader finds it when
        the source gives one: ``Wmebv (Stb. 2023, 183)``."""
        parts = [self.title or self.document]
        if self.section:
            parts.append(self.section)
        text = ", ".join(parts)
        return f"{text} ({self.place})" if self.place else text


class SourceDocument(_Strict):
    """A source document cited by file name in ``source.document``, with the title a reader sees."""

    id: Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)] = Field(
        description="Precies zoals in 'source.document' geschreven, bijvoorbeeld de bestandsnaam"
    )
    title: Text = Field(description="Leesbare naam in rapporten, Excel en de app")
    description: str = ""


#: ``herkomst``: three levels, from strongest to weakest (issue 15, docs/verdicts.md):
#: *genoemd als instrument* -- a source names it as an instrument of this checklist;
#: *afgeleid uit bron* -- a source describes the practice, but not as an instrument of the checklist;
#: *reconstructie* -- no source names or describes it; added by Dienstscan, with the reason.
ProvenanceKind = Literal["genoemd als instrument", "afgeleid uit bron", "reconstructie"]
PROVENANCE_LABELS: dict[str, str] = {
    "genoemd als instrument": "Genoemd als instrument van de checklist",
    "afgeleid uit bron": "Afgeleid uit een bron",
    "reconstructie": "Reconstructie",
}


class Provenance(_Strict):
    """``herkomst``: how sure it is that an item belongs to the framework, and on what ground.

    ``explanation`` is what a reader sees (with the source by its title, never a file name).
    """

    kind: ProvenanceKind = Field(
        description="genoemd als instrument (met bron), afgeleid uit bron (met bron) of reconstructie (met reden)"
    )
    explanation: Text

    @property
    def label(self) -> str:
        return PROVENANCE_LABELS[self.kind]

    def text(self) -> str:
        """One Dutch line for the item page and the report: "Afgeleid uit een bron: ..."."""
        return f"{self.label}: {self.explanation}"

    def short_text(self) -> str:
        """For a table that names the sources elsewhere (the Excel framework sheets' Bron column,
        the report's Bronnen chapter): the level, and for a reconstruction also its reason."""
        return self.text() if self.kind == "reconstructie" else self.label


#: What a gap answered with an option proposes (plan/actions.py words it):
#: ``implement`` the item's own action (*Niet ingevoerd*), ``complete`` what exists (*Gedeeltelijk*),
#: ``find_out`` whether it is there at all (*Onbekend*, *Nog niet beoordeeld*).
GapAction = Literal["implement", "complete", "find_out"]


class ScaleOption(_Strict):
    """One answer on a scale."""

    id: Id
    label: Text
    weight: float | None = Field(
        default=0.0,
        ge=0.0,
        le=1.0,
        description="Gewicht in de score (0..1); leeg (null) = telt niet mee (niet van toepassing)",
    )
    level: int | None = Field(default=None, description="Rangnummer voor fasen en groeiniveaus")
    requires_explanation: bool = Field(default=False, description="Vereist een uitleg ('leg uit')")
    unknown: bool = Field(
        default=False,
        description=("Dit antwoord zegt dat het nog niet bekend is ('Onbekend', 'Nog niet beoordeeld'): het telt "
                     "niet als beantwoord in de volledigheid, en een score daarover wordt niet vergeleken"),
    )
    gap: bool = Field(default=False, description="Dit antwoord is een tekortkoming die een actie oplevert")
    proposes: GapAction = Field(
        default="implement",
        description=(
            "Welke actie een tekortkoming met dit antwoord oplevert: implement (de actie van het item), "
            "complete (maak af wat er is) of find_out (zoek uit hoe het ervoor staat)"
        ),
    )
    description: str = ""

    @property
    def applicable(self) -> bool:
        return self.weight is not None

    @property
    def value(self) -> float | None:
        """What the answer is worth when two scans are compared: its level on a scale of phases or
        growth levels (where "higher" means a later phase), else its weight; None for *niet van
        toepassing*."""
        if self.level is not None:
            return float(self.level)
        return self.weight


#: The id of the *Niet van toepassing* option on a scale (weight null).
NOT_APPLICABLE_OPTION = "nvt"


class Scale(_Strict):
    """A reusable answer scale, e.g. ``toepassing`` (BSC) or ``invoering`` (5 beloften)."""

    id: Id
    label: Text
    description: str = ""
    options: list[ScaleOption] = Field(min_length=1)

    def option(self, option_id: str) -> ScaleOption | None:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        return None

    def not_applicable_option(self) -> ScaleOption | None:
        """The scale's *Niet van toepassing* (id ``nvt``, counting in no score), if it has one."""
        opt = self.option(NOT_APPLICABLE_OPTION)
        return opt if opt is not None and not opt.applicable else None


class Theme(_Strict):
    """A theme of the improvement agenda (Bergen's agenda: visie, digitaal, KCC, HRM, ...)."""

    id: Id
    label: Text
    description: str = ""


class Item(_Strict):
    """Something assessed: a BSC norm, a 5 beloften instrument, an Antwoord statement."""

    id: Id
    text: Text = Field(description="De norm, het instrument of de stelling")
    right: str = Field(default="", description="BSC: het recht van de burger ('Als burger ...')")
    duty: str = Field(default="", description="BSC: de plicht van de overheid ('De overheid ...')")
    explanation: str = Field(default="", description="Toelichting voor wie de scan invult")
    source: SourceRef
    legal_status: LegalStatus | None = None
    not_verified: str = Field(
        default="",
        description=(
            "Wat aan de juridische status niet tegen een bron is gecontroleerd, en waarom; niet leeg = "
            "'niet geverifieerd': de status telt dan niet mee voor de prioriteit"
        ),
    )
    since: PartialDate | None = Field(
        default=None,
        description=(
            "Sinds wanneer de juridische status geldt (JJJJ[-MM[-DD]]); een status die pas na de controledatum "
            "van het kader ('checked') ingaat, telt niet mee voor de prioriteit"
        ),
    )
    applies_to: list[OrganisationKind] = Field(
        default_factory=list,
        description="Soorten organisaties waarvoor het item geldt; leeg = alle soorten",
    )
    not_applicable_reason: str = Field(
        default="",
        description="Bij applies_to: waarom het item voor de andere soorten niet van toepassing is (de wizard toont het)",
    )
    provenance: Provenance | None = Field(default=None, description="herkomst: genoemd als instrument, afgeleid uit bron of reconstructie")
    theme: Id = Field(description="Thema in het verbeterplan (id uit themes)")
    scale: Id | None = Field(default=None, description="Antwoordschaal; standaard die van de sectie of het kader")
    suggested_action: Text = Field(description="Voorgestelde actie bij een tekortkoming")
    key_figures: list[Id] = Field(default_factory=list, description="Kengetallen die bij dit item horen")
    scored: bool = Field(
        default=True,
        description="Telt mee in de score van het kader; false voor een item dat apart wordt vergeleken (de Antwoord-fase)",
    )

    @model_validator(mode="after")
    def _reason_goes_with_kinds(self) -> Item:
        if self.applies_to and not self.not_applicable_reason.strip():
            raise ValueError("een item met 'applies_to' heeft een 'not_applicable_reason' nodig: waarom het voor "
                             "de andere soorten organisaties niet van toepassing is")
        if self.not_applicable_reason.strip() and not self.applies_to:
            raise ValueError("'not_applicable_reason' hoort alleen bij een item met 'applies_to'")
        return self

    def applies_to_kind(self, kind: str) -> bool:
        """Whether the item applies to an organisation of ``kind`` (every kind when ``applies_to`` is empty)."""
        return not self.applies_to or kind in self.applies_to

    def in_force_on(self, checked: str | None) -> bool:
        """Whether the item's legal status was in force on ``checked`` (its framework's check date);
        a status without ``since`` is; one with ``since`` but no check date is not known to be."""
        if self.since is None:
            return True
        return checked is not None and partial_date_start(self.since) <= partial_date_start(checked)


def section_heading(number: int | None, title: str, section_label: str | None = None) -> str:
    """How a reader sees a section named: ``Belofte 2: Regie`` with the framework's section label,
    ``2. Regie`` without it (where the framework around it already says what a section is: the
    tree, the Excel sheet, the report's chart); an unnumbered section is its bare title.

    Takes the parts rather than a ``Section`` so the score report's sections use it too.
    """
    if number is None:
        return title
    if section_label:
        return f"{section_label} {number}: {title}"
    return f"{number}. {title}"


class Section(_Strict):
    """A group of items: a belofte, a bouwsteen."""

    id: Id
    title: Text
    number: int | None = None
    description: str = ""
    scale: Id | None = None
    key_figures: list[Id] = Field(default_factory=list)
    items: list[Item] = Field(min_length=1)

    def heading(self, section_label: str | None = None) -> str:
        """``Belofte 2: Regie`` (with a label) or ``2. Regie``: see ``section_heading``."""
        return section_heading(self.number, self.title, section_label)


class ItemChange(_Strict):
    """An item that changed in a checklist version, so a scan answered against an older version
    opens and says what changed (``storage.check_against_checklists``).

    ``gesplitst``: the old item is replaced by the items in ``into``; the old answer stays in the
    scan but no longer counts, and the parts must be answered again. ``herschreven``: same id,
    new wording; the answer is kept and should be checked.
    """

    item: Id = Field(description="Id van het item in de oude versie")
    version: Text = Field(description="De versie van het kader waarin de wijziging is gedaan")
    change: Literal["gesplitst", "herschreven"]
    into: list[Id] = Field(default_factory=list, description="Bij gesplitst: de ids van de nieuwe items")
    note: Text = Field(description="Wat er veranderde en waarom, voor de gebruiker")


class Framework(_Strict):
    """One of the three frameworks (BSC, 5 beloften, Antwoord) or an organisation's own."""

    id: Id
    title: Text
    short_title: Text
    version: Text
    description: Text
    source: SourceRef
    applies_to: list[OrganisationKind] = Field(
        default_factory=list, description="Soorten organisaties waarvoor het kader standaard aan staat"
    )
    order: int | None = Field(
        default=None, description="Volgorde in de app en de rapporten (kleinste eerst); zonder volgorde achteraan"
    )
    preselect: bool = Field(
        default=True,
        description="Staat bij een nieuwe scan al aangevinkt (voor de soorten in applies_to); false = aanbieden, niet aanvinken",
    )
    checked: PartialDate | None = Field(
        default=None,
        description=(
            "Datum waarop de juridische statussen van de items tegen hun bronnen zijn gecontroleerd; nodig "
            "zodra een item 'since' heeft"
        ),
    )
    scale: Id
    score_method: ScoreMethod = "share_full"
    item_label: Text = Field(default="Item", description="Hoe een item heet: Norm, Instrument, Stelling")
    section_label: Text = Field(default="Onderdeel", description="Hoe een sectie heet: Belofte, Bouwsteen")
    items: list[Item] = Field(default_factory=list, description="Organisatiebrede items buiten de secties")
    sections: list[Section] = Field(default_factory=list)
    changes: list[ItemChange] = Field(
        default_factory=list, description="Gewijzigde items per versie, zodat oudere scans zeggen wat er veranderde"
    )

    @model_validator(mode="after")
    def _has_content(self) -> Framework:
        if not self.items and not self.sections:
            raise ValueError("een kader heeft minstens één item of sectie nodig")
        dated = [item.id for item in self.all_items() if item.since is not None]
        if dated and self.checked is None:
            raise ValueError(f"items met 'since' ({', '.join(dated[:3])}) vragen om 'checked' op het kader: de datum "
                             "waarop de juridische statussen zijn gecontroleerd")
        ids = {item.id for item in self.all_items()}
        for change in self.changes:
            if change.change == "gesplitst":
                missing = [i for i in change.into if i not in ids]
                if not change.into or missing:
                    raise ValueError(f"wijziging van '{change.item}': gesplitst in onbekende items {missing or '(geen)'}")
            elif change.item not in ids:
                raise ValueError(f"wijziging van '{change.item}': dat item bestaat niet in dit kader")
        return self

    def all_items(self) -> list[Item]:
        return [*self.items, *(item for section in self.sections for item in section.items)]

    def item_position(self, item_id: str, in_scope: Collection[str] | None = None) -> str:
        """Where an item stands, numbered as the score counts: "Stelling 3 van 27".

        One numbering scheme everywhere (issue 15): only scored items are numbered, so the count
        matches "gemiddelde over 27 stellingen"; an item compared on its own (``scored: false``,
        the Antwoord phase) is not a numbered statement. ``in_scope``: count only these items (a
        section out of scope is not counted, as in the score).
        """
        scored = [item.id for item in self.all_items() if item.scored and (in_scope is None or item.id in in_scope)]
        if item_id not in scored:
            return "apart vergeleken, telt niet mee in de score"
        return f"{self.item_label} {scored.index(item_id) + 1} van {len(scored)}"


Comparison = Literal["at_least", "at_most"]

#: What a benchmark is, which decides how a sentence may speak of it (docs/verdicts.md):
#: ``norm`` -- a threshold that applies to the organisation: the only kind that is "gehaald" or not;
#: ``referentie`` -- a level others reached (the top-10's 85%, Bergen's 50%): higher or lower than;
#: ``belofte`` -- one organisation's own promise (Bussum's 15 seconds): not a norm for anyone else;
#: ``doel`` -- a goal set for a year now past (65% electronic in 2007, the 2011 and 2015 goals):
#: read as "het doel voor <jaar>", never as today's norm. Required: no default, so a file without it
#: is refused by ``dienstscan validate`` with file and line.
BenchmarkKind = Literal["norm", "referentie", "belofte", "doel"]
BENCHMARK_KIND_LABELS: dict[str, str] = {
    "norm": "norm",
    "referentie": "referentieniveau",
    "belofte": "eigen belofte",
    "doel": "historisch doel",
}


class Benchmark(_Strict):
    """A reference value a score or key figure is compared with, always with its source."""

    id: Id
    metric: Id = Field(description="Id van het kader, de sectie, het item of het kengetal waarop dit slaat")
    value: float
    comparison: Comparison = Field(description="at_least: de norm is minstens deze waarde; at_most: hoogstens")
    kind: BenchmarkKind = Field(
        description=(
            "norm (te halen grens), referentie (niveau dat anderen haalden), belofte (eigen belofte van "
            "één organisatie) of doel (doel voor een jaar, met goal_year)"
        )
    )
    goal_year: int | None = Field(
        default=None, ge=1990, le=2100, description="Bij kind 'doel': het jaar waarvoor het doel gold"
    )
    label: Text = Field(description="Korte naam in een zin: 'de top-10 gemeenten', 'Bergen in 2011'")
    description: str = ""
    caveat: str = Field(
        default="",
        description="Kanttekening die bij elke vergelijking met deze benchmark staat (bijv. 'de bron noemt de fasen niet')",
    )
    lower_bound: bool = Field(
        default=False,
        description=("De waarde is de ondergrens van een groep ('de top-10 had 85% of meer'), geen niveau van één "
                     "organisatie: een zin zegt dan 'op of boven de ondergrens van', nooit 'hoger dan'"),
    )
    inhabitants: int | None = Field(
        default=None, ge=1,
        description="Bij een aantal (eenheid 'aantal'): inwoners van de gemeten organisatie, om per 10.000 inwoners te vergelijken",
    )
    source: SourceRef
    date: Annotated[str, StringConstraints(pattern=_DATE_RE.pattern)] = Field(
        description="Peildatum van de benchmark: JJJJ, JJJJ-MM of JJJJ-MM-DD"
    )

    @field_validator("date")
    @classmethod
    def _real_date(cls, v: str) -> str:
        problem = partial_date_problem(v)
        if problem:
            raise ValueError(problem)
        return v

    @model_validator(mode="after")
    def _goal_has_year(self) -> Benchmark:
        if self.kind == "doel" and self.goal_year is None:
            raise ValueError("een benchmark van soort 'doel' heeft een 'goal_year' nodig (het jaar van het doel)")
        if self.kind != "doel" and self.goal_year is not None:
            raise ValueError("'goal_year' hoort alleen bij een benchmark van soort 'doel'")
        return self

    @property
    def kind_label(self) -> str:
        return BENCHMARK_KIND_LABELS[self.kind]


#: Which way is better for a key figure (required on every key figure).
Direction = Literal["higher_is_better", "lower_is_better", "neither"]
DIRECTION_LABELS: dict[str, str] = {
    "higher_is_better": "hoger is beter",
    "lower_is_better": "lager is beter",
    "neither": "geen richting: hoger of lager is niet beter of slechter",
}

KeyFigureUnit = Literal["%", "seconden", "minuten", "werkdagen", "cijfer", "aantal", "ja/nee"]

#: Ranges that follow from a key figure's unit when the checklist gives none (a negative waiting
#: time or a percentage of 140 means nothing).
UNIT_BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "%": (0.0, 100.0),
    "cijfer": (1.0, 10.0),
    "seconden": (0.0, None),
    "minuten": (0.0, None),
    "werkdagen": (0.0, None),
    "aantal": (0.0, None),
    "ja/nee": (0.0, 1.0),
}
#: No key figure is this large: beyond it a value is a typing or file error (1e308 overflows sums).
KEY_FIGURE_LIMIT = 1e12


class KeyFigure(_Strict):
    """A kengetal the organisation enters (first-contact resolution, waiting times, ratings...)."""

    id: Id
    label: Text
    unit: KeyFigureUnit
    description: str = ""
    minimum: float | None = None
    maximum: float | None = None
    direction: Direction = Field(
        description=(
            "higher_is_better, lower_is_better of neither (geen oordeel beter/slechter, bijv. kanaalgebruik); "
            "verplicht, zodat een zin nooit 'beter' zegt zonder te weten wat beter is"
        )
    )
    per_inhabitants: int | None = Field(
        default=None, ge=1,
        description="Bij een aantal: vergelijk per zoveel inwoners (10000), alleen als de scan het aantal inwoners heeft",
    )
    source: SourceRef

    @property
    def higher_is_better(self) -> bool | None:
        """True / False for a known direction, None for ``neither``."""
        return {"higher_is_better": True, "lower_is_better": False}.get(self.direction)

    @field_validator("maximum")
    @classmethod
    def _max_above_min(cls, v: float | None, info) -> float | None:
        lo = info.data.get("minimum")
        if v is not None and lo is not None and v < lo:
            raise ValueError("maximum ligt onder minimum")
        return v

    def bounds(self) -> tuple[float | None, float | None]:
        """The allowed range: the checklist's minimum/maximum, else what the unit allows."""
        lo, hi = UNIT_BOUNDS.get(self.unit, (None, None))
        return (self.minimum if self.minimum is not None else lo, self.maximum if self.maximum is not None else hi)

    def out_of_range(self, value: float) -> tuple[str, float] | None:
        """Where ``value`` breaks the rule for this key figure: ``("geen getal", value)`` for NaN and
        infinity, ``("minimum", lo)`` or ``("maximum", hi)``; None when it is allowed.

        The one rule for key figure values: entry (the key figures page), the scan file's load
        and the model use it; each says it in its own words."""
        if not math.isfinite(value):
            return ("geen getal", value)
        lo, hi = self.bounds()
        if lo is None or lo < -KEY_FIGURE_LIMIT:
            lo = -KEY_FIGURE_LIMIT
        if hi is None or hi > KEY_FIGURE_LIMIT:
            hi = KEY_FIGURE_LIMIT
        if value < lo:
            return ("minimum", lo)
        if value > hi:
            return ("maximum", hi)
        return None


_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")


def partial_date_text(value: str) -> str:
    """'2018-07-01' -> '1 juli 2018', '2018-07' -> 'juli 2018', '2014' -> '2014' (the content's
    JJJJ[-MM[-DD]] dates as a reader writes them)."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


class CurrentNote(_Strict):
    """"Stand 2026": what applies today to an item whose law, name or practice changed since its
    source. Shown beside the historical text, never instead of it (``current_notes:`` in
    ``checklists/stand-2026.yaml``).

    ``legal_status`` is the item's status *today* (the item's own ``legal_status`` stays what it was
    then); it sets the priority of a gap only when ``verified`` is true. ``lapsed``: the historical
    obligation no longer exists. ``checked``: the day someone last checked the note against its
    source; ``dienstscan validate`` warns when that is long ago.
    """

    item: Id = Field(description="Id van het item waar deze stand bij hoort")
    text: Text = Field(description="Wat nu geldt, in gewone taal")
    since: Annotated[str, StringConstraints(pattern=_DATE_RE.pattern)] | None = Field(
        default=None, description="Sinds wanneer het nu zo geldt: JJJJ, JJJJ-MM of JJJJ-MM-DD"
    )
    legal_status: LegalStatus | None = Field(
        default=None, description="Juridische status vandaag; leeg = niet vastgesteld"
    )
    lapsed: bool = Field(default=False, description="De verplichting van toen is vervallen")
    source: SourceRef
    verified: bool = Field(
        default=True, description="false = niet geverifieerd: telt niet mee voor de prioriteit"
    )
    not_verified: str = Field(
        default="",
        description=(
            "Wat in deze notitie niet tegen een bron is gecontroleerd; elke uitvoer toont het als "
            "'Niet geverifieerd: ...'. Verplicht bij verified: false"
        ),
    )
    checked: Annotated[str, StringConstraints(pattern=_DATE_RE.pattern)] = Field(
        description="Datum waarop deze stand tegen de bron is gecontroleerd (JJJJ-MM-DD)"
    )

    @model_validator(mode="after")
    def _lapsed_is_not_required(self) -> CurrentNote:
        if self.lapsed and self.legal_status == "wettelijk":
            raise ValueError("een vervallen verplichting kan niet tegelijk vandaag wettelijk verplicht zijn")
        if not self.verified and not self.not_verified.strip():
            raise ValueError("een notitie met verified: false zegt in 'not_verified' wat niet is geverifieerd")
        return self

    @property
    def in_force(self) -> bool:
        """Whether what the note says was in force on the day it was checked (``since`` not later
        than ``checked``): a note about an obligation still to come never sets a priority."""
        return self.since is None or partial_date_start(self.since) <= partial_date_start(self.checked)

    @property
    def counts_for_priority(self) -> bool:
        """Verified and in force: only such a note says what applies today."""
        return self.verified and self.in_force

    def heading(self) -> str:
        """'Stand 2026 (vandaag wettelijk verplicht sinds 1 juli 2018)': the label every output uses."""
        status = self.status_text()
        return f"Stand {self.checked[:4]}" + (f" ({status})" if status else "")

    def full_text(self) -> str:
        """Heading, note, what is not verified and source in one paragraph, for the item page, the
        Excel and the report."""
        unverified = f" Niet geverifieerd: {self.not_verified.rstrip('.')}." if self.not_verified else ""
        return f"{self.heading()}: {self.text}{unverified} Bron: {self.source.cite()}."

    def status_text(self) -> str:
        """'vandaag wettelijk verplicht sinds 2015', 'verplichting van toen vervallen', or ''."""
        if not self.verified:
            return "niet geverifieerd"
        if not self.in_force:
            label = LEGAL_STATUS_LABELS[self.legal_status].split(" (")[0] if self.legal_status else "van kracht"
            return f"vanaf {partial_date_text(self.since)} {label}, nog niet in werking"
        if self.lapsed:
            return "verplichting van toen vervallen"
        if self.legal_status is None:
            return ""
        text = f"vandaag {LEGAL_STATUS_LABELS[self.legal_status].split(' (')[0]}"
        return f"{text} sinds {partial_date_text(self.since)}" if self.since else text


class ChecklistFile(_Strict):
    """The shape of one YAML file in ``checklists/``: any combination of these blocks."""

    framework: Framework | None = None
    scales: list[Scale] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    benchmarks: list[Benchmark] = Field(default_factory=list)
    key_figures: list[KeyFigure] = Field(default_factory=list)
    documents: list[SourceDocument] = Field(
        default_factory=list, description="Brondocumenten met hun leesbare titel (bronnen.yaml)"
    )
    current_notes: list[CurrentNote] = Field(
        default_factory=list, description="Stand 2026: wat nu geldt per item (stand-2026.yaml)"
    )


class ChecklistSet(BaseModel):
    """All content loaded together: what scoring, the plan, the exports and the UI work from.

    Built by ``dienstscan.checklists.load_checklists`` after the integrity checks passed, so every
    reference here resolves. Lookups are by id.
    """

    model_config = ConfigDict(frozen=True, defer_build=True)  # see _Strict

    frameworks: list[Framework]
    scales: dict[str, Scale]
    themes: dict[str, Theme]
    benchmarks: list[Benchmark]
    key_figures: dict[str, KeyFigure]
    #: Source documents by the id used in ``source.document`` (file name), with readable titles.
    documents: dict[str, SourceDocument] = {}
    #: "Stand 2026" per item id.
    current_notes: dict[str, CurrentNote] = {}

    _items: dict[str, tuple[Framework, Section | None, Item]] = PrivateAttr(default_factory=dict)

    def model_post_init(self, __context: object) -> None:
        self._items = {located[2].id: located for located in self.walk()}

    def walk(self) -> Iterator[tuple[Framework, Section | None, Item]]:
        """Every item with its framework and section (None for organisation-wide items), in
        checklist order: per framework its organisation-wide items first, then its sections."""
        for fw in self.frameworks:
            for item in fw.items:
                yield fw, None, item
            for section in fw.sections:
                for item in section.items:
                    yield fw, section, item

    def framework(self, framework_id: str) -> Framework:
        for fw in self.frameworks:
            if fw.id == framework_id:
                return fw
        raise KeyError(framework_id)

    def _index(self) -> dict[str, tuple[Framework, Section | None, Item]]:
        # straight from pydantic's private store: ``self._items`` goes through pydantic's
        # ``__getattr__`` and costs about 10 µs, and scoring looks items up hundreds of times
        return self.__pydantic_private__["_items"]  # type: ignore[index]

    def item(self, item_id: str) -> Item:
        return self._index()[item_id][2]

    def has_item(self, item_id: str) -> bool:
        return item_id in self._index()

    def locate(self, item_id: str) -> tuple[Framework, Section | None, Item]:
        """The framework and section (None for organisation-wide items) an item belongs to."""
        return self._index()[item_id]

    def scale_for(self, item_id: str) -> Scale:
        fw, section, item = self.locate(item_id)
        scale_id = item.scale or (section.scale if section else None) or fw.scale
        return self.scales[scale_id]

    def preselected_frameworks(self, kind: str) -> list[str]:
        """Framework ids checked in advance for a new scan of an organisation of ``kind``: those
        whose ``applies_to`` names the kind (empty means every kind), unless the framework is only
        offered (``preselect: false``, such as the 2026 checklist)."""
        return [fw.id for fw in self.frameworks
                if fw.preselect and (not fw.applies_to or kind in fw.applies_to)]

    def not_applicable_items(self, kind: str, framework_ids: Collection[str]) -> list[tuple[Item, str]]:
        """The items of these frameworks that do not apply to an organisation of ``kind``
        (``applies_to``), each with the reason a person reads, in checklist order."""
        return [(item, item.not_applicable_reason) for fw, _section, item in self.walk()
                if fw.id in framework_ids and not item.applies_to_kind(kind)]

    def current_note(self, item_id: str) -> CurrentNote | None:
        """What applies today to the item ("stand 2026"), if anything changed since its source."""
        return self.current_notes.get(item_id)

    def benchmarks_for(self, metric: str) -> list[Benchmark]:
        return [b for b in self.benchmarks if b.metric == metric]

    def section(self, section_id: str) -> Section:
        for fw in self.frameworks:
            for section in fw.sections:
                if section.id == section_id:
                    return section
        raise KeyError(section_id)
