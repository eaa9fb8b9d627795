"""Small checklist sets and scans built in Python, shaped like the shipped frameworks.

Scoring and plan tests use these instead of ``checklists/*.yaml`` so they test the rules, not
the current content: BSC-like (organisation-wide norms, comply or explain), 5B-like (sections,
*niet van toepassing*, benchmarks top-10 and Bergen) and ANT-like (a phase item that is not
scored, building blocks on growth levels, ``mean_weight``).
"""

from __future__ import annotations

import datetime as dt

from dienstscan.model import (
    Answer,
    Assessment,
    Benchmark,
    ChecklistSet,
    Framework,
    Item,
    KeyFigure,
    Organisation,
    Scale,
    ScaleOption,
    Section,
    SourceRef,
    Theme,
)

SRC = SourceRef(document="002_df95863a505375c9.txt", section="4.5")


def _item(item_id: str, text: str, legal: str | None = None, theme: str = "visie", scored: bool = True) -> Item:
    return Item(
        id=item_id,
        text=text,
        source=SourceRef(document="bron.txt", section=item_id),
        legal_status=legal,
        theme=theme,
        suggested_action=f"Voer {text.lower()} in.",
        scored=scored,
    )


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
    items=[_item(f"BSC-0{n}", f"Norm {n}") for n in range(1, 4)],
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
    Benchmark(id="cijfer-2010", metric="kf-cijfer", value=7.6, comparison="at_least", kind="referentie",
              label="het gemiddelde in 2010", source=SRC, date="2010"),
]

KEY_FIGURES = [
    KeyFigure(id="kf-wachttijd", label="Gemiddelde wachttijd aan de balie", unit="minuten",
              direction="lower_is_better", source=SRC),
    KeyFigure(id="kf-cijfer", label="Rapportcijfer burger als klant", unit="cijfer", direction="higher_is_better", source=SRC),
]


def make_checklists(frameworks: list[Framework] | None = None, benchmarks: list[Benchmark] | None = None) -> ChecklistSet:
    return ChecklistSet(
        frameworks=frameworks if frameworks is not None else [BSC, FIVE_B, ANT],
        scales={s.id: s for s in SCALES},
        themes={t.id: t for t in THEMES},
        benchmarks=benchmarks if benchmarks is not None else BENCHMARKS,
        key_figures={k.id: k for k in KEY_FIGURES},
    )


def make_assessment(answers: dict[str, str | None] | None = None, frameworks: list[str] | None = None,
                    **kwargs) -> Assessment:
    scan = Assessment(
        organisation=Organisation(name="Gemeente Proef"),
        peildatum=dt.date(2011, 7, 5),
        frameworks=frameworks if frameworks is not None else ["BSC", "5B", "ANT"],
        **kwargs,
    )
    for item_id, option in (answers or {}).items():
        scan.answers[item_id] = Answer(option=option)
    return scan


ALL_ITEMS = [i.id for fw in (BSC, FIVE_B, ANT) for i in fw.all_items()]
