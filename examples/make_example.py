"""Build ``examples/gemeente-voorbeeld.dienstscan``: the example scan the demo, tests and benchmarks use.

"Gemeente Voorbeeld" is modelled on the Bergen (NH) report of 5 July 2011
(seeds/002_df95863a505375c9.txt): half of the 5 beloften instruments implemented, the phone,
website, e-mail and desk findings of section 2.2 as answers and notes, the key figures of
sections 2.2–2.4, BSC answers with explanations and the thesis's kind of analysis (barriers,
causes, solutions), the Antwoord phase "Kanaal geeft Antwoord" and a plan in progress.

Run from the repository root:  .venv/bin/python examples/make_example.py [OUTPUT]

Answers are chosen by meaning (full / partial / none on the item's scale, growth level n), not
by option id, so the script survives a renamed option; an item id that the checklists do not
have stops the script with a clear message.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from dienstscan.checklists import load_checklists
from dienstscan.model import (
    Answer,
    Assessment,
    ChecklistSet,
    Evidence,
    KeyFigureValue,
    Organisation,
    Participant,
    Poll,
    ScaleOption,
)
from dienstscan.plan import action_from_solution, add_own_action, edit_action, propose_actions
from dienstscan.scoring import score
from dienstscan.scoring.display import score_text
from dienstscan.storage import save_scan

OUTPUT = Path(__file__).resolve().parent / "gemeente-voorbeeld.dienstscan"
BERGEN = "Rapport dienstverlening Bergen, 5 juli 2011"
PEILDATUM = dt.date(2011, 7, 5)

# --------------------------------------------------------------------------- 5 beloften
# I = ingevoerd, G = gedeeltelijk, N = niet ingevoerd, O = onbekend. 20 of 40 implemented (50%),
# Bergen's level of 5 July 2011. Notes quote or paraphrase Bergen's findings.
FIVE_B: dict[str, tuple[str, str]] = {
    "5B-1.01": ("N", "Er is geen kwaliteitshandvest; servicenormen zijn niet vastgesteld."),
    "5B-1.02": ("I", "Deelname aan waarstaatjegemeente.nl; burger als klant 7,5 (gemiddeld 7,6)."),
    "5B-1.03": ("G", "Wachttijd aan de balie wordt gemeten (gemiddeld 3:14 minuut), maar er is geen norm."),
    "5B-1.04": ("I", "Afspraak maken voor reisdocumenten kan via de website."),
    "5B-1.05": ("I", "Avondopenstelling op donderdag en werken op afspraak."),
    "5B-1.06": ("N", "Brieven zijn te ambtelijk en te weinig concreet; bron van veel onvrede (Bergen 3.2)."),
    "5B-1.07": ("G", "Medewerkers verdiepen zich te weinig in de vraag achter de vraag (Bergen 3.2)."),
    "5B-1.08": ("G", "Werkprocessen en regelgeving worden nog niet stelselmatig op klantvriendelijkheid gescreend."),
    "5B-2.01": ("N", "Telefoonprotocol bestaat, maar doorverbonden gesprekken worden niet altijd "
                     "opgenomen en klanten niet teruggebeld (Bergen 2.2.1)."),
    "5B-2.02": ("N", "Ca. 18.000 mails per jaar op info@; niet ingericht op digitale afhandeling (Bergen 2.2.3)."),
    "5B-2.03": ("I", ""),
    "5B-2.04": ("I", "37 van de 320 producten digitaal aan te vragen; in 2010 175 keer gebruikt (Bergen 2.2.2)."),
    "5B-2.05": ("N", "Persoonlijke internetpagina technisch mogelijk, maar nog niet ontwikkeld (Bergen 2.2.2)."),
    "5B-2.06": ("G", "Visie op zaakgericht werken ligt er; de implementatie is net gestart (Bergen 3.4)."),
    "5B-2.07": ("I", "1.604 meldingen in 2010; de melder krijgt bericht van afhandeling (Bergen 2.2.2)."),
    "5B-2.08": ("G", "Termijnen staan in de regelgeving, maar worden niet bewaakt."),
    "5B-3.01": ("N", "Informatiecentrum handelt ruim 25% van de telefoontjes eerstelijns af; nog geen KCC."),
    "5B-3.02": ("N", ""),
    "5B-3.03": ("I", "Centraal telefoonnummer (bijna 44.000 gesprekken in 2010) en één website."),
    "5B-3.04": ("I", "Productencatalogus met 320 producten en diensten."),
    "5B-3.05": ("G", "Voor de Wmo wordt direct een medewerker van de vakafdeling opgeroepen (Bergen 2.2.4)."),
    "5B-3.06": ("N", "De KCC-applicatie is aanwezig maar wordt niet gebruikt (Bergen 3.5)."),
    "5B-3.07": ("I", ""),
    "5B-3.08": ("O", "Niet onderzocht; ondernemers vragen wel om meer contact (Bergen 3.2)."),
    "5B-4.01": ("I", ""),
    "5B-4.02": ("I", ""),
    "5B-4.03": ("I", ""),
    "5B-4.04": ("G", "Terugmelden gebeurt voor de GBA, nog niet voor de BAG."),
    "5B-4.05": ("N", "Formulieren stellen te veel vragen; melding openbare ruimte vraagt om het BSN (Bergen 2.2.2)."),
    "5B-4.06": ("I", ""),
    "5B-4.07": ("N", ""),
    "5B-4.08": ("N", ""),
    "5B-5.01": ("I", ""),
    "5B-5.02": ("I", "Jaarverslag klachten: 60 gegronde klachten in 2009, 45 in 2010 (Bergen 2.3)."),
    "5B-5.03": ("I", ""),
    "5B-5.04": ("I", ""),
    "5B-5.05": ("I", "Regelgeving op de eigen website en op overheid.nl (Bergen 2.2.2)."),
    "5B-5.06": ("I", "Content Management Systeem is webrichtlijnenproof gemaakt (Bergen 2.2.2)."),
    "5B-5.07": ("I", "Raadsinformatiesysteem met de bestuurlijke stukken (Bergen 2.2.2)."),
    "5B-5.08": ("G", "Incidenteel klantenpanels; geen vaste vorm van participatie."),
}

# --------------------------------------------------------------------------- BurgerServiceCode
# T = toegepast, D = deels, N = niet toegepast. BSC-10 deliberately lacks its explanation, so
# the example shows what an incomplete "pas toe of leg uit" looks like.
BSC: dict[str, dict] = {
    "BSC-01": {"a": "T", "notes": "Balie, brief, telefoon, e-mail en website zijn alle beschikbaar."},
    "BSC-02": {
        "a": "D",
        "explanation": "Eén telefoonnummer en één website, maar burgers worden na doorverbinden nog te "
                       "vaak van het kastje naar de muur gestuurd.",
        "barriers": ["Doorverbonden gesprekken worden niet opgenomen",
                     "Vindbaarheid van producten op de website is matig"],
        "causes": ["Niet iedereen houdt zich aan het telefoonprotocol",
                   "Geen redactiestatuut: rollen en verantwoordelijkheden voor de website onduidelijk"],
        "solutions": ["Telefonische bereikbaarheid per afdeling meten en maandelijks bespreken in het MT",
                      "Redactiestatuut voor de website vaststellen"],
        "poll": Poll(ja=13, twijfel=2, nee=3),
        "evidence": Evidence(basis="interview", reference="Interviews medewerkers Informatiecentrum",
                             date=dt.date(2011, 5, 17)),
    },
    "BSC-03": {
        "a": "D",
        "explanation": "Rechten en plichten staan in de productencatalogus, maar brieven en formulieren "
                       "zijn te ambtelijk.",
        "barriers": ["Brieven te ambtelijk en te weinig concreet"],
        "causes": ["Geen schrijfwijzer; teksten worden per afdeling gemaakt"],
        "solutions": ["Training helder schrijven voor alle afdelingen met veel klantcontact"],
    },
    "BSC-04": {
        "a": "N",
        "explanation": "Informatie wordt niet actief en op maat geleverd; een persoonlijke internetpagina "
                       "ontbreekt nog.",
        "evidence": Evidence(basis="waarneming", reference="Vergelijking websites andere gemeenten",
                             date=dt.date(2011, 4, 1)),
    },
    "BSC-05": {"a": "D", "explanation": "GBA en BSN worden gebruikt; formulieren zijn nog niet vooringevuld."},
    "BSC-06": {
        "a": "N",
        "explanation": "De stand van zaken van een aanvraag is niet te volgen; zaakgericht werken is net "
                       "gestart.",
        "barriers": ["Antwoorden op brieven, mails en telefoontjes laten lang op zich wachten"],
        "causes": ["Geen zaaksysteem; termijnen worden niet bewaakt"],
        "solutions": ["Zaakgericht werken eerst invoeren voor de tien meest gevraagde producten"],
    },
    "BSC-07": {"a": "T", "notes": "Post en mail worden centraal geregistreerd en gescand (Bergen 2.2.5)."},
    "BSC-08": {"a": "T", "notes": "Klachtenregeling volgens de Awb; jaarverslag klachten."},
    "BSC-09": {"a": "T", "notes": "Resultaten op waarstaatjegemeente.nl en in het burgerjaarverslag."},
    "BSC-10": {"a": "D"},
}

#: Antwoord growth levels per building block, cycled over the block's statements.
ANT_LEVELS: dict[str, list[int]] = {
    "ANT-PK": [2, 1, 2, 3],
    "ANT-PB": [1, 2, 1],
    "ANT-SI": [1, 2, 0],
    "ANT-LM": [2, 2, 1],
    "ANT-LP": [1, 2],
}


def _pick(checklists: ChecklistSet, item_id: str, code: str) -> ScaleOption:
    """The option on the item's scale that means ``code`` (full, partial, none, unknown)."""
    if not checklists.has_item(item_id):
        sys.exit(f"Item '{item_id}' staat niet in de checklists; pas examples/make_example.py aan.")
    options = checklists.scale_for(item_id).options
    tests = {
        "I": lambda o: o.weight == 1.0, "T": lambda o: o.weight == 1.0,
        "G": lambda o: o.weight is not None and 0 < o.weight < 1, "D": lambda o: o.weight is not None and 0 < o.weight < 1,
        "N": lambda o: o.weight == 0 and o.gap,
        "O": lambda o: o.weight == 0 and "onbekend" in o.id,
    }
    found = [o for o in options if tests[code](o)]
    if code == "N":  # "niet", not "onbekend", when both are a gap with weight 0
        found.sort(key=lambda o: "onbekend" in o.id)
    if not found:
        sys.exit(f"Geen antwoord van soort '{code}' op de schaal van '{item_id}'.")
    return found[0]


def _level(checklists: ChecklistSet, item_id: str, level: int) -> ScaleOption:
    for option in checklists.scale_for(item_id).options:
        if option.level == level:
            return option
    sys.exit(f"Geen niveau {level} op de schaal van '{item_id}'.")


def build(checklists: ChecklistSet) -> Assessment:
    answered_at = dt.datetime(2011, 6, 30, 16, 0)
    scan = Assessment(
        id="5f0c3c1e-9b7a-4d51-8c55-0e3d2a1b2011",
        organisation=Organisation(name="Gemeente Voorbeeld", kind="gemeente", inhabitants=30_000),
        peildatum=PEILDATUM,
        participants=[
            Participant(name="A. de Vries", role="Gemeentesecretaris, opdrachtgever"),
            Participant(name="M. Jansen", role="Hoofd Publieksdiensten"),
            Participant(name="K. Bakker", role="Coördinator Informatiecentrum"),
            Participant(name="R. Visser", role="Adviseur dienstverlening, projectleider"),
        ],
        frameworks=["BSC", "5B", "ANT"],
        checklist_versions={fw.id: fw.version for fw in checklists.frameworks if fw.id in ("BSC", "5B", "ANT")},
        created=dt.datetime(2011, 5, 2, 9, 0),
        modified=dt.datetime(2011, 7, 5, 12, 0),
    )
    bergen = Evidence(basis="document", reference=BERGEN, date=PEILDATUM)
    for item_id, (code, note) in FIVE_B.items():
        scan.answers[item_id] = Answer(option=_pick(checklists, item_id, code).id, notes=note,
                                       evidence=bergen, answered_at=answered_at)
    for item_id, spec in BSC.items():
        option = _pick(checklists, item_id, spec["a"])
        scan.answers[item_id] = Answer(
            option=option.id, explanation=spec.get("explanation", ""), notes=spec.get("notes", ""),
            barriers=spec.get("barriers", []), causes=spec.get("causes", []),
            solutions=spec.get("solutions", []), poll=spec.get("poll"),
            evidence=spec.get("evidence", Evidence()), answered_at=answered_at,
        )
    ant = checklists.framework("ANT")
    scan.answers["ANT-FASE"] = Answer(
        option=_level(checklists, "ANT-FASE", 2).id,
        notes="Eén telefoonnummer, één website en één publiekshal: per kanaal één ingang (Bergen 4.2).",
        evidence=bergen, answered_at=answered_at,
    )
    for section in ant.sections:
        levels = ANT_LEVELS.get(section.id, [1])
        for n, item in enumerate(section.items):
            scan.answers[item.id] = Answer(option=_level(checklists, item.id, levels[n % len(levels)]).id,
                                           evidence=bergen, answered_at=answered_at)

    figures = {
        "kg-eerstelijns": (25, "Ruim 25% van bijna 44.000 gesprekken in 2010 (Bergen 2.2.1)."),
        "kg-wachttijd-balie": (round(3 + 14 / 60, 2), "Gemiddeld 3:14 minuut in 2010 (Bergen 2.2.4)."),
        "kg-behandeltijd-balie": (round(5 + 43 / 60, 2), "Gemiddeld 5:43 minuut in 2010 (Bergen 2.2.4)."),
        "kg-oordeel-klant": (7.5, "waarstaatjegemeente.nl 2010, burger als klant (Bergen 2.4)."),
        "kg-oordeel-kiezer": (5.7, "waarstaatjegemeente.nl 2010, burger als kiezer (Bergen 2.4)."),
        "kg-klachten-gegrond": (45, "Gegronde klachten in 2010; 60 in 2009 (Bergen 2.3)."),
        "kg-kwaliteitshandvest": (0, "Er is nog geen kwaliteitshandvest."),
    }
    for figure_id, (value, note) in figures.items():
        if figure_id not in checklists.key_figures:
            sys.exit(f"Kengetal '{figure_id}' staat niet in de checklists; pas examples/make_example.py aan.")
        scan.key_figures[figure_id] = KeyFigureValue(value=value, note=note, date=dt.date(2010, 12, 31))
    _plan(checklists, scan)
    return scan


def _plan(checklists: ChecklistSet, scan: Assessment) -> None:
    """A plan in progress: some proposals accepted and under way, one rejected, one own action."""
    propose_actions(checklists, scan)
    accepted = {
        "V-5B-1.01": dict(owner="M. Jansen", start=dt.date(2011, 9, 1), end=dt.date(2012, 3, 31),
                          status="in_uitvoering", indicator="Handvest vastgesteld door het college",
                          target="Gepubliceerd op de website", progress="Concept besproken in het MT."),
        "V-5B-2.01": dict(owner="K. Bakker", start=dt.date(2011, 10, 1), end=dt.date(2012, 6, 30),
                          status="gepland", indicator="Aandeel gesprekken binnen 25 seconden opgenomen",
                          target="80%"),
        "V-5B-4.04": dict(owner="Team Basisregistraties", start=dt.date(2011, 8, 1), end=dt.date(2011, 12, 31),
                          status="gereed", measured_value="Terugmeldingen BAG ingericht",
                          measured_on=dt.date(2011, 12, 15), conclusion="Werkt; borgen in de jaarcyclus.",
                          act="borgen"),
        "V-5B-3.01": dict(owner="A. de Vries", start=dt.date(2012, 1, 1), end=dt.date(2014, 12, 31),
                          status="gepland", priority="hoog", indicator="Vragen in één keer goed beantwoord",
                          target="80% in 2015"),
    }
    for action_id, fields in accepted.items():
        action = scan.action(action_id)
        if action is None:
            sys.exit(f"Actie '{action_id}' is niet voorgesteld; controleer de antwoorden.")
        edit_action(action, decision="geaccepteerd", decided_by="MT", decided_on=dt.date(2011, 7, 12), **fields)
    rejected = scan.action("V-5B-3.02")
    if rejected is not None:
        edit_action(rejected, decision="afgewezen", decided_by="MT", decided_on=dt.date(2011, 7, 12),
                    progress="Afgewezen: eerst één KCC, daarna pas aansluiten op 14+netnummer.")
    add_own_action(
        scan, "Dashboard dienstverlening voor het MT", theme=_theme(checklists, "overig"), priority="midden",
        owner="R. Visser", start=dt.date(2011, 9, 1), end=dt.date(2012, 1, 31),
        reason="Verbeteragenda Bergen (5.2): sturen op telefonische bereikbaarheid, wachttijden en klachten.",
        indicator="Maandelijks dashboard in het MT besproken", status="in_uitvoering",
    )
    solution = action_from_solution(checklists, scan, "BSC-02", 0)
    edit_action(solution, owner="M. Jansen", end=dt.date(2011, 12, 31), decided_by="MT", decided_on=dt.date(2011, 7, 12))


def _theme(checklists: ChecklistSet, wanted: str) -> str:
    return wanted if wanted in checklists.themes else next(iter(checklists.themes))


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else OUTPUT
    checklists = load_checklists()
    scan = build(checklists)
    report = score(checklists, scan)
    five_b = next(f for f in report.frameworks if f.id == "5B")
    if five_b.tally.percentage != 50.0:
        sys.exit(f"5 beloften zou 50% moeten zijn (Bergen 2011), maar is {five_b.tally.percentage}.")
    save_scan(scan, output, keep_backup=False)
    print(f"Geschreven: {output}")
    for fw in report.frameworks:
        print(f"  {fw.short_title}: {score_text(fw.tally)} ({fw.tally.answered} van {fw.tally.items} beantwoord)")
    print(f"  acties: {len(scan.actions)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
