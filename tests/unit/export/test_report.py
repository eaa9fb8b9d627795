"""The management report as HTML: cover, summary, frameworks, register, poll, key figures, plan, sources."""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET

import jinja2
import pytest

from dienstscan.plan import visible_actions
from dienstscan.export.report.html import render_context_html, render_report_html, report_context
from dienstscan.export.common.chart_rows import Mark, ScoreRow
from dienstscan.export.report.svgchart import BAR_H, PARTIAL_H, bar_chart
from dienstscan.model import Answer
from dienstscan.scoring import score

TODAY = dt.date(2026, 3, 15)


def text_of(page: str) -> str:
    """The visible text of the HTML, tags removed and whitespace collapsed (what a reader sees)."""
    # the contents list repeats every chapter title: left out, so ``part`` finds the chapters
    page = re.sub(r"<style.*?</style>|<svg.*?</svg>|<ul class=\"toc\">.*?</ul>", " ", page, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def part(text: str, start: str, end: str) -> str:
    i = text.index(start)
    return text[i:text.index(end, i + len(start))]


@pytest.fixture
def page(checklists, assessment) -> str:
    return render_report_html(checklists, assessment, today=TODAY)


def test_cover_names_organisation_peildatum_and_participants(page):
    text = text_of(page)
    cover = part(text, "Rapportage dienstverlening", "Managementsamenvatting")
    assert "Gemeente Proef (Gemeente, 25.000 inwoners)" in cover
    assert "Peildatum 1 maart 2026" in cover
    assert "A. de Vries (teamleider KCC)" in cover and "B. Jansen" in cover
    assert "13 van 13 items beantwoord (100%)" in cover
    assert '<meta name="dienstscan-kop" content="Gemeente Proef · peildatum 1 maart 2026">' in page


def test_summary_has_every_score_sentence_and_source(page, checklists, assessment):
    text = text_of(page)
    summary = part(text, "Managementsamenvatting", "1. BurgerServiceCode")
    report = score(checklists, assessment)
    assert "BurgerServiceCode 33% gedeeltelijk 33%, telt niet mee" in summary  # 33,3 as every output shows it
    assert "5 beloften 40% gedeeltelijk 20%, telt niet mee" in summary
    # a mean growth level reads as a level on its own scale, not as a percentage
    assert "Gemeente heeft Antwoord gemiddeld niveau 2,0 van 4" in summary
    for fw in report.frameworks:
        if fw.comparison:
            assert fw.comparison.sentence in summary
            for b in fw.comparison.benchmarks:
                assert f"Bron: {b.source}." in summary  # each source once, by title and place
    # 5B: 2 of 5 applicable implemented
    assert ("Met 40% (2 van 5 toepasselijke instrumenten ingevoerd): lager dan Bergen op 5 juli 2011 (50%); "
            "lager dan de top-10 gemeenten op 15 maart 2010 (85%).") in summary
    # the Antwoord phase is compared on its own, with its benchmark and source
    assert ("Antwoord: In welke fase zit uw dienstverlening? Fase 2 Met Fase 2: lager dan "
            "het doel voor 2015 van Antwoord© (Fase 4)") in summary
    assert part(page, "Managementsamenvatting", "De 5 belangrijkste tekortkomingen").count("<svg") == 2  # shares, levels


def test_summary_lists_the_five_most_important_gaps_highest_priority_first(checklists, assessment):
    context = report_context(checklists, assessment, today=TODAY)
    top = context["summary"]["top_gaps"]
    assert len(top) == 5
    assert context["summary"]["gap_count"] == 8
    # the only legally required gap (Klachtbehandeling, hoog) comes first
    assert top[0]["id"] == "5B-2.01" and top[0]["priority"] == "Hoog"
    ranks = {"Hoog": 0, "Midden": 1, "Laag": 2}
    assert [ranks[g["priority"]] for g in top] == sorted(ranks[g["priority"]] for g in top)
    assert top[0]["action_id"] == "V-5B-2.01"
    # beside each gap, in one line, what was decided about its action, by whom and until when
    action = assessment.action("V-5B-2.01")
    assert top[0]["decision_line"] == "; ".join(
        ["Voorstel aangenomen", action.owner or "nog geen eigenaar",
         f"einde {action.end:%d-%m-%Y}" if action.end else "geen einddatum",
         {"gepland": "gepland", "in_uitvoering": "in uitvoering"}[action.status]])
    # the decided actions shown beside a gap are not listed again under the next heading
    shown = {g["action_id"] for g in top}
    assert context["plan"]["summary_heading"] == "Verder besloten: wie is eigenaar, wanneer"
    assert not shown & {a["id"] for a in context["plan"]["summary_actions"]}


def test_plan_in_numbers(page):
    text = text_of(page)
    numbers = part(text, "wie is eigenaar, wanneer", "1. BurgerServiceCode")
    assert "Besloten: 9 acties (gepland 8, in uitvoering 1)" in numbers
    assert "Er liggen geen voorstellen open." in numbers
    # E-1 ended on 31 January 2025 and is not done
    assert "Over de einddatum en niet gereed: 1 (E-1)" in numbers
    assert "Zonder probleemeigenaar: 7" in numbers


def test_every_action_is_in_the_plan_under_its_theme(page, checklists, assessment):
    text = text_of(page)
    plan = part(text, "Verbeterplan Wat goed gaat", "Bronnen Elke bron")
    actions = visible_actions(assessment)
    assert len(actions) == 9
    for action in actions:
        assert f"{action.id} {action.title}" in plan
    kcc = plan[plan.index("Klantcontactcentrum (2)"):]
    assert ("E-1 Klantreis verhuizen in kaart brengen Besluit: eigen actie; prioriteit hoog Met burgers samen "
            "Projectleider … – 31-01-2025 Gepland") in kcc
    # the edited proposal shows owner, dates, status and its PDCA fields
    assert "Indicator: Aantal kanalen; streefwaarde: 5" in plan
    assert "Voortgang: Telefoon gereed" in plan
    assert "Besluit: voorstel aangenomen; prioriteit midden" in plan
    assert "Teamleider KCC 01-04-2026 – 31-12-2026 In uitvoering" in plan
    # themes in the order of the checklist's themes, each with its count
    assert plan.index("Visie op dienstverlening (7)") < plan.index("Klantcontactcentrum (2)")


def test_rejected_and_merged_actions_stay_out(checklists, assessment):
    rejected = assessment.actions[1]
    rejected.decision = "afgewezen"
    text = text_of(render_report_html(checklists, assessment, today=TODAY))
    plan = part(text, "Verbeterplan Wat goed gaat", "Afgewezen voorstellen (1)")
    assert f"{rejected.id} {rejected.title}" not in plan  # not among the decided actions or the proposals
    assert "8 acties" in plan
    # listed apart, under its own heading (test_report_docx: with who decided and when)
    assert f"{rejected.id} {rejected.title} Voorstel afgewezen" in part(text, "Afgewezen voorstellen (1)", "Bronnen Elke bron")


def test_bsc_register_lists_every_norm_not_applied_with_its_analysis(page):
    text = text_of(page)
    register = part(text, "Pas toe of leg uit", "Draagvlak")
    assert "BSC-01" not in register  # toegepast
    assert "BSC-02 Norm 2 Deels toegepast Uitleg: Alleen balie en telefoon." in register
    assert ("BSC-03 Norm 3 Niet toegepast Uitleg: Nog geen overzicht van rechten en plichten. "
            "Belemmeringen: Geen tijd; Geen eigenaar Oorzaken: Geen prioriteit bij het management "
            "Oplossingen: Wijs een probleemeigenaar aan") in register
    # only the BSC has a register (norms with right and duty)
    assert text.count("Pas toe of leg uit") == 1


def test_register_says_when_an_explanation_is_missing(checklists, assessment):
    assessment.answers["BSC-02"].explanation = ""
    assessment.answers["BSC-01"] = Answer(option=None)
    text = text_of(render_report_html(checklists, assessment, today=TODAY))
    register = part(text, "Pas toe of leg uit", "Alle normen")
    assert "BSC-02 Norm 2 Deels toegepast Uitleg ontbreekt nog." in register
    assert "BSC-01 Norm 1 Niet beantwoord Uitleg ontbreekt nog." in register
    cover = part(text, "Rapportage dienstverlening", "Managementsamenvatting")
    assert "bij 1 antwoord ontbreekt nog de uitleg" in cover
    # each warning says exactly what is missing (issue 24), never a general "not complete"
    assert "Let op: 1 item is nog niet beantwoord (BSC-01); het telt als niet gerealiseerd." in cover
    assert "Let op: Bij 1 antwoord ontbreekt nog de uitleg (BSC-02)." in cover
    assert "nog niet volledig" not in cover


def test_support_poll_tally(page):
    text = text_of(page)
    poll = part(text, "Draagvlak", "Alle normen")
    assert "BSC-01 Norm 1 13 2 3 Ja 13 / Twijfel 2 / Nee 3 van 18" in poll


def test_sections_and_items_per_framework(page):
    text = text_of(page)
    five = part(text, "2. 5 beloften", "3. Gemeente heeft Antwoord")
    assert "1. Mensgericht 33% 33% 1 van 3 instrumenten volledig." in five
    assert "2. Snel en zeker 50% 0% 1 van 2 instrumenten volledig." in five
    assert "5B-2.01 Klachtbehandeling (wettelijk verplicht) Niet ingevoerd" in five
    assert "5B-2.03 MijnOverheid (bestuurlijk afgesproken) Niet van toepassing Geen eigen taak." in five
    assert five.count("<svg") == 0 and part(page, "<h2 class=\"framework\" id=\"kader-2\">", "3. Gemeente heeft Antwoord").count("<svg") == 1


def test_key_figures_against_norms(page):
    text = text_of(page)
    figures = part(text, "Kengetallen Ingevulde", "Verbeterplan")
    assert ("Gemiddelde wachttijd aan de balie 12,5 minuten 31-01-2026 de VNG-norm: 15 minuten (norm) "
            "Met 12,5 minuten: u haalt de VNG-norm (hoogstens 15 minuten).") in figures
    assert "Rapportcijfer burger als klant niet ingevuld geen norm bekend" in figures


def test_sources_are_listed(page):
    text = text_of(page)
    sources = text[text.index("Bronnen Elke bron"):]
    assert "002_df95863a505375c9.txt 4.5" in sources
    assert "bron.txt" in sources and "5B-1.01" in sources


def test_user_text_is_escaped(checklists, assessment):
    assessment.organisation.name = "Gemeente <script>alert(1)</script> & Co"
    page = render_report_html(checklists, assessment, today=TODAY)
    assert "<script>" not in page
    assert "Gemeente &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page


def test_templates_refuse_a_missing_value(checklists, assessment):
    context = report_context(checklists, assessment, today=TODAY)
    del context["peildatum"]
    with pytest.raises(jinja2.UndefinedError):
        render_context_html(context)


def test_a_scan_without_actions_or_gaps(checklists, assessment):
    for item_id, answer in assessment.answers.items():
        scale = checklists.scale_for(item_id)
        answer.option = next(o.id for o in scale.options if o.weight == 1.0 or o.level == 4)
    assessment.actions.clear()
    text = text_of(render_report_html(checklists, assessment, today=TODAY))
    assert "Er zijn geen tekortkomingen vastgesteld." in text
    assert "Er is nog geen actie besloten." in text
    assert "Alle normen in scope zijn toegepast." in text


# --------------------------------------------------------------------------- chart


def test_chart_is_well_formed_svg_readable_without_colour():
    svg = bar_chart([
        ScoreRow("5 beloften", "5B", 40.0, "40%", partial=20.0, partial_text="20%",
                 marks=[Mark("Bergen (2011)", 50, "50%"), Mark("de top-10", 85, "85%")]),
        ScoreRow("BSC", "BSC", None, "geen score"),
    ], title="Score per kader", width=600, label_width=150)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    texts = {t.text: t for t in root.iter(f"{ns}text")}
    assert "40%" in texts and "gedeeltelijk 20%" in texts
    assert "Bergen (2011): 50%" in texts and "de top-10: 85%" in texts
    assert "geen score" in texts
    plot_x, plot_w = 160, 600 - 160 - 24
    bars = [r for r in root.iter(f"{ns}rect") if r.get("height") == str(BAR_H)]
    score_bar = bars[0]
    assert float(score_bar.get("width")) == pytest.approx(plot_w * 0.4)
    # the score's label sits at the end of the score bar, not after the partial share
    end = plot_x + plot_w * 0.4
    assert abs(float(texts["40%"].get("x")) - end) <= 6
    # the partial share is a bar of its own under the score, from 0, not its continuation
    partial = next(r for r in root.iter(f"{ns}rect") if r.get("height") == str(PARTIAL_H))
    assert float(partial.get("x")) == plot_x
    assert float(partial.get("y")) > float(score_bar.get("y"))
    assert float(partial.get("width")) == pytest.approx(plot_w * 0.2)
    # benchmark labels each on a line of their own: no two share a baseline
    marks = [texts["Bergen (2011): 50%"], texts["de top-10: 85%"]]
    assert marks[0].get("y") != marks[1].get("y")
    # the benchmark lines are drawn before (behind) the bars
    order = [el for el in root.iter() if el.tag in (f"{ns}line", f"{ns}rect")]
    dashed = [i for i, el in enumerate(order) if el.get("stroke-dasharray") and el.get("y1") != el.get("y2")]
    assert dashed and max(dashed) < order.index(score_bar)
    # the partial bar is told apart by hatching and the markers by dash patterns, not by colour
    dashes = {line.get("stroke-dasharray") for line in root.iter(f"{ns}line")} - {None}
    assert len(dashes) >= 2
    hatch = [path for path in root.iter(f"{ns}path") if path.get("stroke-width") == "0.6"]
    assert hatch and all(path.get("fill") == "none" and path.get("d").count("M") >= 2 for path in hatch)
    # each hatch stroke lies inside the partial bar (clipped by computation, no clipPath)
    px, py = float(partial.get("x")), float(partial.get("y"))
    pw, ph = float(partial.get("width")), float(partial.get("height"))
    points = [float(v) for v in re.findall(r"-?[\d.]+", hatch[0].get("d"))]
    xs, ys = points[0::2], points[1::2]
    assert min(xs) >= px - 0.1 and max(xs) <= px + pw + 0.1
    assert min(ys) >= py - 0.1 and max(ys) <= py + ph + 0.1
    colours = ({el.get("fill") for el in root.iter() if el.get("fill")} | {el.get("stroke") for el in root.iter()
                                                                         if el.get("stroke")}) - {"none"}
    for colour in colours:
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5)) if len(colour) == 7 else (int(c * 2, 16)
                                                                                         for c in colour[1:4])
        assert r == g == b, f"kleur {colour} is geen grijstint"
    # no SVG features Qt's renderer (SVG Tiny 1.2) lacks
    assert "<pattern" not in svg and "clipPath" not in svg and "<style" not in svg


def test_proposals_stand_apart_and_are_never_planned(checklists, assessment):
    assessment.actions[1].decision = "voorgesteld"
    undecided = assessment.actions[1]
    text = text_of(render_report_html(checklists, assessment, today=TODAY))
    summary = part(text, "wie is eigenaar, wanneer", "1. BurgerServiceCode")
    assert "Besloten: 8 acties" in summary and "Nog niet besloten: 1 voorstel" in summary
    plan = part(text, "Verbeterplan Wat goed gaat", "Voorstellen waarover nog niet is besloten")
    assert f"{undecided.id} {undecided.title}" not in plan
    proposals = part(text, "Voorstellen waarover nog niet is besloten (1)", "Bronnen Elke bron")
    assert f"{undecided.id} {undecided.title}" in proposals
    assert "Gepland" not in proposals


def test_contents_lists_every_chapter_and_links_to_it(page):
    contents = re.search(r'<h1 id="inhoud">Inhoud</h1>\s*<ul class="toc">(.*?)</ul>', page, re.DOTALL).group(1)
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', contents)
    assert [title for _, title in links] == ["Managementsamenvatting", "1. BurgerServiceCode", "2. 5 beloften",
                                             "3. Gemeente heeft Antwoord", "Kengetallen", "Verbeterplan", "Bronnen"]
    for target, title in links:
        assert re.search(rf'<h[12][^>]* id="{target}">{re.escape(title)}', page), target
    # the summary opens the report: no page break before it (the cover shares page 1)
    assert '<h1 class="first" id="samenvatting">' in page
