"""Build ``examples/gemeente-2026.dienstscan``: a second example, a fictional municipality in 2026.

"Gemeente Nieuwdorp" is invented (no real municipality's figures): a mid-sized municipality that
measures itself in November 2026 against the BurgerServiceCode, the 5 beloften and the optional
checklist "Digitale overheid en dienstverlening 2026". It shows what the "stand 2026" notes do:
the plan's priorities follow today's law (the webrichtlijnen item, agreed in 2010, is a legal
obligation under the Besluit digitale toegankelijkheid overheid today), while the historical
status stays visible; and nothing unverified or not yet in force makes an action "hoog" (the
burgerjaarverslag, whose lapse is not verified, is "midden"; the AI high-risk duties, from 2027,
too).

Run from the repository root:  .venv/bin/python examples/make_example_2026.py [OUTPUT]
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_example import _pick  # noqa: E402  (one rule for choosing an answer by meaning)

from dienstscan.checklists import load_checklists  # noqa: E402
from dienstscan.model import Answer, Assessment, ChecklistSet, Evidence, Organisation, Participant  # noqa: E402
from dienstscan.plan import edit_action, propose_actions  # noqa: E402
from dienstscan.scoring import score  # noqa: E402
from dienstscan.scoring.display import score_text  # noqa: E402
from dienstscan.storage import save_scan  # noqa: E402

OUTPUT = Path(__file__).resolve().parent / "gemeente-2026.dienstscan"
PEILDATUM = dt.date(2026, 11, 1)
SELF = Evidence(basis="interview", reference="Werksessie team Dienstverlening, oktober 2026",
                date=dt.date(2026, 10, 15))

# I = ingevoerd, G = gedeeltelijk, N = niet ingevoerd, O = onbekend.
DO26: dict[str, tuple[str, str]] = {
    "DO26-1.01": ("G", "Verklaring voor de hoofdwebsite; niet voor het zaakportaal en de app."),
    "DO26-1.02": ("G", "Status B voor de hoofdwebsite; herstelplan loopt tot medio 2027."),
    "DO26-1.03": ("N", "Geen schrijfwijzer; brieven zijn niet met inwoners getest."),
    "DO26-1.04": ("I", "Informatiepunt Digitale Overheid in de bibliotheek en hulp via het KCC."),
    "DO26-2.01": ("G", "Aanvragen digitaal via het zaakportaal; bezwaar alleen per post of e-mail, "
                       "geen aanwijzingsbesluit."),
    "DO26-2.02": ("O", "Niet bekend of alle diensten zijn ingedeeld naar betrouwbaarheidsniveau."),
    "DO26-2.03": ("I", "Adreswijziging volledig online, ook in het Engels."),
    "DO26-2.04": ("I", "Aanvragen uit het Omgevingsloket komen in het zaaksysteem."),
    "DO26-2.05": ("N", "Digitale berichten worden verstuurd zonder vastgelegde keuze van de ontvanger."),
    "DO26-3.01": ("G", "Raadsstukken online; andere categorieën nog niet; termijn Woo-verzoeken vaak overschreden."),
    "DO26-3.02": ("I", "Werkwijze met digitaal formulier en termijnbewaking."),
    "DO26-3.03": ("N", "Geen algoritmes geregistreerd."),
    "DO26-4.01": ("N", ""),
    "DO26-4.02": ("G", "Maatwerktafel voor het sociaal domein; niet voor belastingen en vergunningen."),
    "DO26-4.03": ("G", "Afspraken met schuldhulp en de woningcorporatie; niet met UWV en SVB."),
    "DO26-2.06": ("G", "Termijnen bewaakt voor vergunningen; voor bezwaarschriften niet."),
    "DO26-2.07": ("O", "Niet bekend welke diensten identificatie vragen en wat de leverancier plant."),
    "DO26-3.04": ("N", "Geen overzicht van het AI-gebruik; geen opleiding of instructie."),
    "DO26-3.05": ("O", "Niet bekend of er AI-systemen met een hoog risico in gebruik zijn."),
    "DO26-3.06": ("G", "Risicoanalyse volgens de BIO is van 2024; meldprocedure ontbreekt."),
    "DO26-3.07": ("I", "Zaaktypen gekoppeld aan de selectielijst."),
    "DO26-4.04": ("G", "De klachtenregeling noemt de Nationale ombudsman; de afhandelbrieven niet."),
    "DO26-4.05": ("I", "Participatieverordening vastgesteld door de raad."),
}
# The 5 beloften in 2026: most instruments implemented, a few that changed law since 2010 not.
FIVE_B_NOT = {
    "5B-5.06": "Webrichtlijnen losgelaten; toegankelijkheid zie DO26-1.02.",
    "5B-5.03": "Geen burgerjaarverslag meer; of de wettelijke plicht echt is vervallen, is niet nagegaan.",
    "5B-1.06": "Formulieren zijn niet herzien.",
    "5B-2.05": "Niet aangesloten op de Berichtenbox.",
    "5B-5.07": "Alleen raadsstukken online.",
}
FIVE_B_PARTIAL = {
    "5B-4.06": "DigiD ja; andere toegelaten inlogmiddelen nog niet.",
    "5B-1.01": "Servicenormen vastgesteld, niet gemeten.",
}
BSC_PARTIAL = {"BSC-03", "BSC-07", "BSC-09"}


def build(checklists: ChecklistSet) -> Assessment:
    answered_at = dt.datetime(2026, 10, 15, 15, 0)
    frameworks = ["BSC", "5B", "DO26"]
    scan = Assessment(
        id="0b7e2f5a-2026-4c11-9d0e-6a1f3c2b2026",
        organisation=Organisation(name="Gemeente Nieuwdorp (fictief)", kind="gemeente", inhabitants=48_000),
        peildatum=PEILDATUM,
        participants=[
            Participant(name="S. El Amrani", role="Manager Dienstverlening, opdrachtgever"),
            Participant(name="P. de Boer", role="Adviseur digitale overheid, projectleider"),
            Participant(name="L. Meijer", role="Teamleider KCC"),
        ],
        frameworks=frameworks,
        checklist_versions={fw.id: fw.version for fw in checklists.frameworks if fw.id in frameworks},
        created=dt.datetime(2026, 10, 1, 9, 0),
        modified=dt.datetime(2026, 11, 1, 12, 0),
    )
    for fw_id in frameworks:
        for item in checklists.framework(fw_id).all_items():
            if item.id in DO26:
                code, note = DO26[item.id]
            elif item.id in FIVE_B_NOT:
                code, note = "N", FIVE_B_NOT[item.id]
            elif item.id in FIVE_B_PARTIAL:
                code, note = "G", FIVE_B_PARTIAL[item.id]
            elif item.id in BSC_PARTIAL:
                code, note = "D", "Deels toegepast; zie de notities van de werksessie."
            else:
                code, note = ("T" if fw_id == "BSC" else "I"), ""
            option = _pick(checklists, item.id, code)
            explanation = ("Toegepast waar het past; de werksessie zag nog uitzonderingen."
                           if option.requires_explanation else "")
            scan.answers[item.id] = Answer(option=option.id, notes=note, explanation=explanation,
                                           evidence=SELF, answered_at=answered_at)
    propose_actions(checklists, scan)
    accepted = {
        "V-DO26-2.01": dict(owner="P. de Boer", start=dt.date(2026, 12, 1), end=dt.date(2027, 3, 31),
                            status="gepland", indicator="Aanwijzingsbesluit gepubliceerd", target="Per product een kanaal"),
        "V-5B-5.06": dict(owner="Team Online", start=dt.date(2026, 11, 15), end=dt.date(2027, 6, 30),
                          status="in_uitvoering", indicator="Toegankelijkheidsstatus hoofdwebsite", target="Status A"),
    }
    for action_id, fields in accepted.items():
        action = scan.action(action_id)
        if action is None:
            sys.exit(f"Actie '{action_id}' is niet voorgesteld; controleer de antwoorden.")
        edit_action(action, decision="geaccepteerd", decided_by="College van B en W",
                    decided_on=dt.date(2026, 11, 10), **fields)
    return scan


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else OUTPUT
    checklists = load_checklists()
    scan = build(checklists)
    report = score(checklists, scan)
    save_scan(scan, output, keep_backup=False)
    print(f"Geschreven: {output}")
    for fw in report.frameworks:
        print(f"  {fw.short_title}: {score_text(fw.tally)} ({fw.tally.answered} van {fw.tally.items} beantwoord)")
    print(f"  acties: {len(scan.actions)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
