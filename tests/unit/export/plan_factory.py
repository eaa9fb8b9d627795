"""A small checklist set and a filled-in scan with a plan, built in Python for the export tests.

Shaped like the shipped frameworks (BSC norms with right/duty, 5 beloften sections with legal
status and benchmarks, Antwoord with a phase item and growth levels), so the tests check the
workbook's rules, not the current checklist content.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dienstscan.model import (
    Answer,
    Assessment,
    Benchmark,
    ChecklistSet,
    Framework,
    Item,
    KeyFigure,
    KeyFigureValue,
    Organisation,
    Participant,
    Poll,
    Scale,
    ScaleOption,
    Section,
    SourceRef,
    Theme,
)
from dienstscan.plan import add_own_action, edit_action, propose_actions

#: The YAML fixture checklists, loaded like the shipped ones (the CLI tests use them).
VALID_CHECKLISTS = Path(__file__).resolve().parents[2] / "fixtures" / "checklists" / "valid"
SRC = SourceRef(document="002_df95863a505375c9.txt", section="4.5")


def accepted_gap_scan(checklists: ChecklistSet, name: str) -> Assessment:
    """Every item of ``checklists`` answered with its first gap option (with an explanation), every
    proposal accepted, plus one own action: a plan with a row per item (the CLI and read-back tests)."""
    scan = Assessment(organisation=Organisation(name=name), peildatum=dt.date(2026, 6, 1),
                      frameworks=[fw.id for fw in checklists.frameworks],
                      checklist_versions={fw.id: fw.version for fw in checklists.frameworks})
    for fw in checklists.frameworks:
        for item in fw.all_items():
            gap = next((o for o in checklists.scale_for(item.id).options if o.gap), None)
            if gap:
                scan.answer(item.id).option = gap.id
                scan.answer(item.id).explanation = "Nog niet"
    propose_actions(checklists, scan)
    for action in scan.actions:
        action.decision = "geaccepteerd"
    add_own_action(scan, "Eigen actie", owner="Teamleider")
    return scan


def _item(item_id: str, text: str, legal: str | None = None, theme: str = "visie", scored: bool = True,
          **extra) -> Item:
    return Item(id=item_id, text=text, source=SourceRef(document="bron.txt", section=item_id), legal_status=legal,
                theme=theme, suggested_action=f"Voer {text.lower()} in.", scored=scored, **extra)


SCALES = [
    Scale(id="toepassing", label="Toepassing", options=[
        ScaleOption(id="toegepast", label="Toegepast", weight=1.0),
        ScaleOption(id="deels", label="Deels toegepast", weight=0.5, requires_explanation=True, gap=True),
        ScaleOption(id="niet_toegepast", label="Niet toegepast", weight=0.0, requires_explanation=True, gap=True),
        ScaleOption(id="niet_beoordeeld", label="Nog niet beoordeeld", weight=0.0, requires_explanation=True),
    ]),
    Scale(id="invoering", label="Invoering", options=[
        ScaleOption(id="ingevoerd", label="Ingevoerd", weight=1.0),
        ScaleOption(id="gedeeltelijk", label="Gedeeltelijk ingevoerd", weight=0.5, gap=True),
        ScaleOption(id="niet_ingevoerd", label="Niet ingevoerd", weight=0.0, gap=True),
        ScaleOption(id="niet_van_toepassing", label="Niet van toepassing", weight=None, requires_explanation=True),
        ScaleOption(id="onbekend", label="Onbekend", weight=0.0),
    ]),
    Scale(id="fase", label="Fase", options=[
        *[ScaleOption(id=f"fase_{n}", label=f"Fase {n}", level=n, weight=None, gap=n < 4) for n in range(1, 6)],
        ScaleOption(id="onbekend", label="Onbekend", weight=None),
    ]),
    Scale(id="groeifase", label="Groeifase", options=[
        ScaleOption(id=f"niveau_{n}", label=f"Niveau {n}", level=n, weight=n / 4, gap=n < 3) for n in range(5)
    ]),
]

THEMES = [Theme(id="visie", label="Visie op dienstverlening"), Theme(id="overig", label="Overig"),
          Theme(id="kcc", label="Klantcontactcentrum")]

BSC = Framework(
    id="BSC", title="BurgerServiceCode", short_title="BSC", version="2.2", description="Tien normen.",
    source=SRC, scale="toepassing", item_label="Norm",
    items=[_item(f"BSC-0{n}", f"Norm {n}", right=f"Als burger ... {n}", duty=f"De overheid ... {n}")
           for n in range(1, 4)],
)

FIVE_B = Framework(
    id="5B", title="5 beloften", short_title="5 beloften", version="2010", description="Instrumenten.",
    source=SRC, scale="invoering", item_label="Instrument", section_label="Belofte",
    sections=[
        Section(id="5B-1", title="Mensgericht", number=1, items=[
            _item("5B-1.01", "Kwaliteitshandvest", "bestuurlijk"),
            _item("5B-1.02", "Klanttevredenheid", "overig"),
            _item("5B-1.03", "Wachttijdnorm", None),
        ]),
        Section(id="5B-2", title="Snel en zeker", number=2, items=[
            _item("5B-2.01", "Klachtbehandeling", "wettelijk"),
            _item("5B-2.02", "Verhuizing online", "bestuurlijk", theme="overig"),
            _item("5B-2.03", "MijnOverheid", "bestuurlijk"),
        ]),
    ],
)

ANT = Framework(
    id="ANT", title="Gemeente heeft Antwoord", short_title="Antwoord", version="2007", description="KCC.",
    source=SRC, scale="groeifase", score_method="mean_weight", item_label="Stelling", section_label="Bouwsteen",
    items=[_item("ANT-FASE", "In welke fase zit uw dienstverlening?", theme="kcc", scored=False).model_copy(
        update={"scale": "fase"})],
    sections=[
        Section(id="ANT-PK", title="Producten en kanalen", items=[_item("ANT-PK-1", "Eén ingang"),
                                                                   _item("ANT-PK-2", "Kanaalkeuze")]),
        Section(id="ANT-SI", title="Systemen en informatie", items=[_item("ANT-SI-1", "Kennisbank")]),
    ],
)

BENCHMARKS = [
    Benchmark(id="top10", metric="5B", value=85, comparison="at_least", kind="referentie",
              label="de top-10 gemeenten", source=SRC, date="2010-03-15"),
    Benchmark(id="bergen", metric="5B", value=50, comparison="at_least", kind="referentie",
              label="Bergen", source=SourceRef(document="002_df95863a505375c9.txt", section="4.5"),
              date="2011-07-05"),
    Benchmark(id="fase-2015", metric="ANT-FASE", value=4, comparison="at_least", kind="doel", goal_year=2015,
              label="Antwoord©", source=SRC, date="2007-01-15"),
    Benchmark(id="wacht-vng", metric="kf-wachttijd", value=15, comparison="at_most", kind="norm",
              label="de VNG-norm", source=SRC, date="2011-03"),
]

KEY_FIGURES = [
    KeyFigure(id="kf-wachttijd", label="Gemiddelde wachttijd aan de balie", unit="minuten",
              direction="lower_is_better", source=SRC),
    KeyFigure(id="kf-cijfer", label="Rapportcijfer burger als klant", unit="cijfer", direction="higher_is_better", source=SRC),
]


def make_checklists() -> ChecklistSet:
    return ChecklistSet(
        frameworks=[BSC, FIVE_B, ANT],
        scales={s.id: s for s in SCALES},
        themes={t.id: t for t in THEMES},
        benchmarks=BENCHMARKS,
        key_figures={k.id: k for k in KEY_FIGURES},
    )


ANSWERS = {
    "BSC-01": "toegepast", "BSC-02": "deels", "BSC-03": "niet_toegepast",
    "5B-1.01": "ingevoerd", "5B-1.02": "niet_ingevoerd", "5B-1.03": "gedeeltelijk",
    "5B-2.01": "niet_ingevoerd", "5B-2.02": "ingevoerd", "5B-2.03": "niet_van_toepassing",
    "ANT-FASE": "fase_2", "ANT-PK-1": "niveau_3", "ANT-PK-2": "niveau_1", "ANT-SI-1": "niveau_2",
}


def make_assessment(checklists: ChecklistSet | None = None) -> Assessment:
    """A scan with answers, BSC analysis, a poll, key figures and a plan of proposals and own actions."""
    checklists = checklists or make_checklists()
    scan = Assessment(
        organisation=Organisation(name="Gemeente Proef", inhabitants=25_000),
        peildatum=dt.date(2026, 3, 1),
        participants=[Participant(name="A. de Vries", role="teamleider KCC"), Participant(name="B. Jansen")],
        frameworks=["BSC", "5B", "ANT"],
        checklist_versions={"BSC": "2.2", "5B": "2010", "ANT": "2007"},
    )
    for item_id, option in ANSWERS.items():
        scan.answers[item_id] = Answer(option=option)
    scan.answers["BSC-02"].explanation = "Alleen balie en telefoon."
    scan.answers["BSC-03"].explanation = "Nog geen overzicht van rechten en plichten."
    scan.answers["BSC-03"].barriers = ["Geen tijd", "Geen eigenaar"]
    scan.answers["BSC-03"].causes = ["Geen prioriteit bij het management"]
    scan.answers["BSC-03"].solutions = ["Wijs een probleemeigenaar aan"]
    scan.answers["BSC-01"].poll = Poll(ja=13, twijfel=2, nee=3)
    scan.answers["5B-2.03"].explanation = "Geen eigen taak."
    scan.key_figures["kf-wachttijd"] = KeyFigureValue(value=12.5, date=dt.date(2026, 1, 31), note="Gemeten in januari")
    propose_actions(checklists, scan)
    for action in scan.actions:
        action.decision = "geaccepteerd"
    first = scan.actions[0]
    edit_action(first, owner="Teamleider KCC", start=dt.date(2026, 4, 1), end=dt.date(2026, 12, 31),
                indicator="Aantal kanalen", target="5", status="in_uitvoering", progress="Telefoon gereed")
    add_own_action(scan, "Klantreis verhuizen in kaart brengen", description="Met burgers samen",
                   theme="kcc", priority="hoog", owner="Projectleider", end=dt.date(2025, 1, 31))
    return scan
