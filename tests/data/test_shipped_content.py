"""The shipped checklists (``checklists/*.yaml``): real content, checked against domain.md.

These tests read the files a user gets, so a wrong edit to the content fails here with the
item that is wrong. The 5 beloften instruments have their own file of tests.
"""

from __future__ import annotations

import pytest

from dienstscan.checklists import default_checklist_dir, load_checklists
from dienstscan.cli import main
from dienstscan.model import ChecklistSet


@pytest.fixture(scope="module")
def shipped() -> ChecklistSet:
    return load_checklists(default_checklist_dir())


def test_three_frameworks_in_order_and_the_optional_fourth_last(shipped):
    assert [fw.id for fw in shipped.frameworks] == ["BSC", "5B", "ANT", "DO26"]
    assert [fw.id for fw in shipped.frameworks if not fw.preselect] == ["DO26"]


def test_bsc_has_ten_norms_with_right_and_duty(shipped):
    bsc = shipped.framework("BSC")
    items = bsc.all_items()
    assert [i.id for i in items] == [f"BSC-{n:02d}" for n in range(1, 11)]
    for item in items:
        assert item.right.startswith("Als burger"), item.id
        assert item.duty.startswith("De overheid"), item.id
        assert item.suggested_action and item.explanation and item.theme in shipped.themes
    assert bsc.scale == "toepassing"
    assert set(bsc.applies_to) == {"gemeente", "provincie", "waterschap", "ministerie", "uitvoeringsorganisatie"}


def test_bsc_texts_are_verbatim(shipped):
    assert shipped.item("BSC-08").text == "Ontvankelijk bestuur"
    assert shipped.item("BSC-08").duty == (
        "De overheid herstelt fouten, compenseert tekortkomingen en gebruikt klachten om daarvan te leren."
    )
    assert shipped.item("BSC-01").duty == (
        "De overheid zorgt ervoor dat alle contactkanalen beschikbaar zijn (balie, brief, telefoon, e-mail, internet)."
    )
    # the source's typo "weer ik" is corrected, and the correction is documented
    bsc03 = shipped.item("BSC-03")
    assert bsc03.right == "Als burger weet ik onder welke voorwaarden ik recht heb op welke voorzieningen."
    assert "weer ik" in bsc03.source.note
    assert shipped.item("BSC-10").text == "Actieve betrokkenheid"


def test_toepassing_scale_is_comply_or_explain(shipped):
    scale = shipped.scales["toepassing"]
    assert [o.label for o in scale.options] == ["Toegepast", "Deels toegepast", "Niet toegepast", "Nog niet beoordeeld"]
    full = [o for o in scale.options if o.weight == 1]
    assert [o.label for o in full] == ["Toegepast"]
    for option in scale.options:
        # every status other than Toegepast requires an explanation
        assert option.requires_explanation == (option.label != "Toegepast"), option.label
    assert scale.option("deels").weight == 0.5


def test_invoering_scale(shipped):
    scale = shipped.scales["invoering"]
    assert [o.label for o in scale.options] == [
        "Ingevoerd", "Gedeeltelijk ingevoerd", "Niet ingevoerd", "Niet van toepassing", "Onbekend",
    ]
    assert scale.option("nvt").weight is None  # out of the denominator
    assert [o.id for o in scale.options if o.gap] == ["gedeeltelijk", "niet", "onbekend"]


def test_groeifase_levels_and_gaps(shipped):
    scale = shipped.scales["groeifase"]
    assert [(o.level, o.label) for o in scale.options] == [
        (0, "Niet aanwezig"), (1, "In voorbereiding"), (2, "Gedeeltelijk ingericht"),
        (3, "Ingericht"), (4, "Geborgd en gemeten"),
    ]
    for option in scale.options:
        assert option.weight == pytest.approx(option.level / 4)
        assert option.gap == (option.level < 3)


def test_antwoord_phase_item_and_five_blocks(shipped):
    ant = shipped.framework("ANT")
    assert [i.id for i in ant.items] == ["ANT-FASE"]
    phase = ant.items[0]
    assert phase.text == "In welke fase zit uw dienstverlening?"
    assert phase.scored is False and phase.scale == "fase"
    fase = shipped.scales["fase"]
    labels = [o.label for o in fase.options]
    assert labels[:5] == [
        "Fase 1: Dienst geeft Antwoord", "Fase 2: Kanaal geeft Antwoord", "Fase 3: Frontoffice geeft Antwoord",
        "Fase 4: Gemeente geeft Antwoord", "Fase 5: Overheid geeft Antwoord",
    ]
    assert labels[5] == "Onbekend"
    assert "niet terug te vinden" in phase.source.note
    assert [s.title for s in ant.sections] == [
        "Producten/diensten en kanalen", "Processen en besturing", "Systemen en informatie",
        "Leiderschap en medewerkers", "Leveren van prestaties",
    ]
    for section in ant.sections:
        assert len(section.items) >= 4, section.id
        for item in section.items:
            assert item.id.startswith(section.id + "-")
    assert ant.score_method == "mean_weight"
    assert "kg-eerste-contact" in shipped.section("ANT-LP").key_figures


def test_benchmarks_of_domain(shipped):
    five_b = {b.id: b for b in shipped.benchmarks_for("5B")}
    top10 = five_b["bm-5b-top10"]
    # a reference level, not a norm (issue 15): only a norm is "gehaald"
    assert (top10.value, top10.comparison, top10.kind) == (85, "at_least", "referentie")
    assert "reconstructie" in top10.caveat
    assert top10.source.document == "002_df95863a505375c9.txt"
    bergen = five_b["bm-5b-bergen-2011"]
    assert (bergen.value, bergen.date) == (50, "2011-07-05")
    assert "geen precies gemiddelde" in bergen.description  # no invented national average
    first_contact = [b for b in shipped.benchmarks_for("kg-eerste-contact") if b.kind == "doel"]
    assert [(b.value, b.comparison, b.goal_year) for b in first_contact] == [(80, "at_least", 2015)]
    phase = shipped.benchmarks_for("ANT-FASE")
    assert [(b.value, b.comparison, b.kind, b.goal_year) for b in phase] == [(4, "at_least", "doel", 2015)]
    assert "noemen de fasen" in phase[0].caveat  # the Fase 4 ambition cannot be sourced: said where shown
    values = {(b.metric, b.value) for b in shipped.benchmarks}
    for expected in [
        ("kg-eerstelijns", 25), ("kg-telefoon-opgenomen", 15), ("kg-telefoon-opgenomen", 25),
        ("kg-wachttijd-balie", 15), ("kg-digitaal-aandeel", 65), ("kg-oordeel-klant", 7.6),
        ("kg-oordeel-klant", 7.5), ("kg-oordeel-kiezer", 5.9), ("kg-oordeel-onderdaan", 6.3),
        ("kg-oordeel-partner", 5.8), ("kg-oordeel-wijkbewoner", 6.9), ("kg-tevredenheid-overheid", 6.9),
        ("kg-tevredenheid-overheid", 7.1), ("kg-zeer-tevreden", 40), ("kg-ontevreden", 14),
        ("kg-kanaal-telefoon", 52), ("kg-kanaal-balie", 49), ("kg-kanaal-email", 33), ("kg-kanaal-internet", 26),
        ("kg-levensgebeurtenissen", 7), ("kg-kwaliteitshandvest", 1), ("kg-ondernemers-tevreden", 67),
        ("kg-klachten-gegrond", 60), ("kg-klachten-gegrond", 45), ("kg-email-eenvoudig", 2),
        ("kg-email-complex", 10), ("kg-email-binnen-2-dagen", 78), ("kg-eerste-contact", 75),
        ("kg-eerste-contact", 50), ("kg-telefoon-binnen-30s", 80),
    ]:
        assert expected in values, expected
    for b in shipped.benchmarks:
        assert b.source.document and b.date, b.id
    kinds = {b.id: b.kind for b in shipped.benchmarks}
    # the kinds of issue 15: Bussum's 15 s is Bussum's promise; the 2007, 2011 and 2015 goals are goals
    assert kinds["bm-telefoon-bussum"] == "belofte"
    assert {kinds[i] for i in ("bm-digitaal-2007", "bm-levensgebeurtenissen-2011", "bm-kwaliteitshandvest-2011",
                               "bm-eerste-contact-2015", "bm-ant-fase-2015")} == {"doel"}
    # issue 24: the VNG's advice of March 2011 and the undated e-mail guideline bind nobody: references
    assert {b.id for b in shipped.benchmarks if b.kind == "norm"} == set()
    assert {kinds[i] for i in ("bm-telefoon-vng-2011", "bm-wachttijd-vng-2011", "bm-email-eenvoudig",
                               "bm-email-complex")} == {"referentie"}
    # a group's lower bound ("85% of meer") is marked, so no sentence says "hoger dan" the group
    assert {b.id for b in shipped.benchmarks if b.lower_bound} == {
        "bm-5b-top10", "bm-eerste-contact-2014-top", "bm-eerste-contact-2014-derde"}
    assert all("(" not in b.label for b in shipped.benchmarks)  # no double brackets in a sentence


def test_every_key_figure_has_a_direction(shipped):
    directions = {k.id: k.direction for k in shipped.key_figures.values()}
    assert directions["kg-wachttijd-balie"] == "lower_is_better"
    assert directions["kg-klachten-gegrond"] == "lower_is_better"
    assert directions["kg-behandeltijd-balie"] == "neither"
    assert directions["kg-kanaal-telefoon"] == "neither"
    assert shipped.key_figures["kg-klachten-gegrond"].per_inhabitants == 10_000


def test_every_benchmark_metric_and_key_figure_is_used(shipped):
    metrics = {b.metric for b in shipped.benchmarks}
    assert set(shipped.key_figures) <= metrics | {"kg-oordeel-kiezer"}
    for figure in shipped.key_figures.values():
        assert figure.source.document, figure.id


def test_every_item_cites_a_source_and_a_theme(shipped):
    for fw in shipped.frameworks:
        for item in fw.all_items():
            assert item.source.document, item.id
            assert item.theme in shipped.themes, item.id
            assert len(item.suggested_action) > 30, item.id


def test_themes_are_bergens_agenda(shipped):
    assert [t.label for t in shipped.themes.values()] == [
        "Visie op dienstverlening", "Digitale dienstverlening", "Klantcontactcentrum",
        "HRM, leiderschap en medewerkers", "Zaakgericht werken", "Overig",
    ]


def test_validate_reports_the_counts(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "Kaders (4):" in out
    assert "Digitale overheid en dienstverlening 2026 (Stand 2026, versie 2026-12-04): 4 thema's met 23 items" in out
    assert "Stand van nu (21 notities, waarvan 5 niet geverifieerd):" in out
    assert "BurgerServiceCode (BSC, versie 2.2): 10 normen" in out
    assert "5 beloften met 40 instrumenten" in out
    assert '1 organisatiebreed item ("In welke fase zit uw dienstverlening?") en 5 bouwstenen' in out
    assert "Benchmarks (36):" in out and "Kengetallen (26):" in out
    assert "de top-10 gemeenten" in out


def test_every_seed_document_has_a_readable_title(shipped):
    """Management reads "Gemeente Bergen (NH), ... (2011), 4.2", never a bare seed file name."""
    cited = {b.source.document for b in shipped.benchmarks}
    cited |= {k.source.document for k in shipped.key_figures.values()}
    for fw in shipped.frameworks:
        cited.add(fw.source.document)
        cited |= {i.source.document for i in fw.all_items()}
    seeds = {d for d in cited if d.endswith(".txt")}
    assert seeds == set(shipped.documents)
    assert shipped.item("ANT-LP-01").source.cite() == (
        "Gemeente Bergen (NH), Op weg naar de top in dienstverlening (2011), 4.2"
    )
    assert shipped.item("ANT-LP-01").source.document == "002_df95863a505375c9.txt"  # still traceable
