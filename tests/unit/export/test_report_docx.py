"""The Word report: real headings, styled tables with repeated headers, every action, page numbers."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zlib
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from dienstscan.export.report.docx import TABLE_STYLE, build_docx, write_report_docx
from dienstscan.plan import visible_actions
from dienstscan.export.report.html import report_context

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def document(tmp_path, checklists, assessment):
    path = tmp_path / "rapport.docx"
    write_report_docx(checklists, assessment, path)
    return docx.Document(str(path))


def tiny_png() -> bytes:
    """A valid 1x1 white PNG, built by hand (no image library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def test_headings_are_word_headings(document):
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert ("Title", "Rapportage dienstverlening") in headings
    level1 = [text for style, text in headings if style == "Heading 1"]
    assert level1 == ["Managementsamenvatting", "1. BurgerServiceCode", "2. 5 beloften", "3. Gemeente heeft Antwoord",
                      "Kengetallen", "Verbeterplan", "Bronnen"]
    level2 = [text for style, text in headings if style == "Heading 2"]
    assert "Pas toe of leg uit: normen die niet volledig zijn toegepast" in level2
    assert "Visie op dienstverlening (7)" in level2 and "Klantcontactcentrum (2)" in level2
    # chapters start on a new page through the heading itself, not through empty paragraphs
    chapter = next(p for p in document.paragraphs if p.text == "Kengetallen" and p.style.name == "Heading 1")
    assert chapter.paragraph_format.page_break_before


def test_tables_use_a_table_style_and_repeat_their_header(document):
    assert len(document.tables) >= 10
    for table in document.tables:
        assert table.style.name == TABLE_STYLE
        head = table.rows[0]._tr.trPr
        assert head is not None and head.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_every_action_organisation_and_scores(document, assessment):
    text = all_text(document)
    assert "Gemeente Proef" in text and "1 maart 2026" in text
    assert "33%" in text and "33,3%" not in text and "40%" in text and "50%" in text
    assert ("Met 40% (2 van 5 toepasselijke instrumenten ingevoerd): lager dan Bergen op 5 juli 2011 (50%); "
            "lager dan de top-10 gemeenten op 15 maart 2010 (85%).") in text
    for action in visible_actions(assessment):
        assert action.id in text and action.title in text
    plan = document.tables[-2]  # the last theme's table, before the sources
    rows = [[c.text for c in r.cells] for r in plan.rows]
    assert rows[0] == ["Id", "Actie", "Probleem\u00adeigenaar", "Looptijd", "Status"]
    own = next(r for r in rows if r[0] == "E-1")
    assert own[1].startswith("Klantreis verhuizen in kaart brengen\nBesluit: eigen actie; prioriteit hoog\n"
                             "Met burgers samen")
    assert own[2:] == ["Projectleider", "… – 31-01-2025", "Gepland"]


def test_word_has_the_pdf_chapters_in_the_same_order(document, checklists, assessment):
    """Same content and order as the PDF: real headings a reader navigates by."""
    from dienstscan.export.report.html import render_report_html

    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    html = render_report_html(checklists, assessment)
    html_headings = [re.sub(r"<[^>]+>", "", m).strip() for m in re.findall(r"<h[123][^>]*>(.*?)</h[123]>", html, re.S)]
    html_headings = [re.sub(r"\s+", " ", h.replace("\xad", "")) for h in html_headings]
    assert headings[:5] == ["Managementsamenvatting", "Waar staan we",
                            "De 5 belangrijkste tekortkomingen (van 8) en wat we eraan doen",
                            "Verder besloten: wie is eigenaar, wanneer", "1. BurgerServiceCode"]
    # every chapter heading of the PDF, in the same order
    chapters = [h for h in html_headings if h in headings]
    assert chapters == [h for h in headings if h in html_headings]
    assert len(chapters) >= 10


def test_register_and_poll(document):
    text = all_text(document)
    assert "BSC-03 Norm 3 Niet toegepast Nog geen overzicht van rechten en plichten." in text
    assert "Belemmeringen: Geen tijd; Geen eigenaar" in text
    assert "Ja 13 / Twijfel 2 / Nee 3 van 18" in text


def test_running_header_and_page_number_field(document):
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Gemeente Proef · peildatum 1 maart 2026"
    assert section.different_first_page_header_footer  # the cover has no running header
    footer_xml = section.footer.paragraphs[0]._p.xml
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer_xml)
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_chart_as_picture_only_when_a_renderer_is_given(checklists, assessment):
    context = report_context(checklists, assessment, today=TODAY)
    assert len(build_docx(context).inline_shapes) == 0
    calls: list[str] = []
    png = tiny_png()

    def render(svg: str) -> bytes:
        calls.append(svg)
        return png

    document = build_docx(context, chart_png=render)
    # the summary's two charts (shares, levels) and one per framework with more than one section
    assert len(calls) == 4 and all(svg.startswith("<svg") for svg in calls)
    assert len(document.inline_shapes) == 4


def test_unwritable_path_raises_oserror(tmp_path, checklists, assessment):
    with pytest.raises(OSError):
        write_report_docx(checklists, assessment, tmp_path / "bestaat-niet" / "rapport.docx")


def test_language_is_dutch_everywhere(document):
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "nl-NL"
    assert document.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == "nl-NL"
    assert document.core_properties.language == "nl-NL"
    assert "en-US" not in document.styles.element.xml


def test_document_properties_come_from_the_scan(tmp_path, checklists, assessment):
    import zipfile

    from dienstscan import __version__

    path = tmp_path / "rapport.docx"
    doc = build_docx(report_context(checklists, assessment, today=TODAY))
    doc.save(str(path))
    props = docx.Document(str(path)).core_properties
    assert props.title == "Rapportage dienstverlening Gemeente Proef"
    assert props.author == "Gemeente Proef"
    assert props.subject == "Stand van de dienstverlening op 1 maart 2026"
    assert props.created.date() == TODAY and props.modified.date() == TODAY  # not the template's 2013
    assert props.last_modified_by == f"Dienstscan {__version__}"
    assert props.version == __version__ and props.identifier == assessment.id
    assert "python-docx" not in f"{props.author} {props.comments} {props.last_modified_by}"
    app = zipfile.ZipFile(path).read("docProps/app.xml").decode("utf-8")
    assert f"<Application>Dienstscan {__version__}</Application>" in app
    assert "<Company>Gemeente Proef</Company>" in app
    assert "Macintosh" not in app and "Normal.dotm" not in app


def test_properties_escape_the_organisation_name(tmp_path, checklists, assessment):
    import zipfile

    assessment.organisation.name = 'Gemeente "A & B" <Noord>'
    path = tmp_path / "rapport.docx"
    write_report_docx(checklists, assessment, path)
    app = zipfile.ZipFile(path).read("docProps/app.xml").decode("utf-8")
    assert "<Company>Gemeente \"A &amp; B\" &lt;Noord&gt;</Company>" in app
    assert docx.Document(str(path)).core_properties.author == 'Gemeente "A & B" <Noord>'


def test_contents_is_a_toc_field_word_updates_on_opening(document):
    body = document.element.body
    instructions = [t.text for t in body.iter(qn("w:instrText"))]
    assert ' TOC \\o "1-2" \\h \\z \\u ' in instructions
    assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Inhoud")
    assert document.paragraphs[start].style.name == "TOC Heading"  # not a Heading 1: not in its own list
    assert texts[start + 1:start + 8] == ["Managementsamenvatting", "1. BurgerServiceCode", "2. 5 beloften",
                                          "3. Gemeente heeft Antwoord", "Kengetallen", "Verbeterplan", "Bronnen"]
    # the field's begin and end enclose those paragraphs
    kinds = [f.get(qn("w:fldCharType")) for p in document.paragraphs[start + 1:start + 8]
             for f in p._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    # the settings stay in the order Word's schema demands
    names = [c.tag.rpartition("}")[2] for c in document.settings.element]
    assert names.index("updateFields") < names.index("compat")


def test_summary_shares_page_one_with_the_cover(document):
    paragraphs = document.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text == "Managementsamenvatting")
    assert paragraphs[at].style.name == "Heading 1"
    assert not any(p.paragraph_format.page_break_before for p in paragraphs[:at + 1])
    assert not any(br.get(qn("w:type")) == "page" for p in paragraphs[:at + 1] for br in p._p.iter(qn("w:br")))


def test_no_header_word_is_narrower_than_its_column(document):
    from dienstscan.export.report.docx import _header_word_cm

    for table in document.tables:
        header = table.rows[0]
        for cell in header.cells:
            if cell.width is not None:
                assert cell.width.cm + 0.01 >= _header_word_cm(cell.text), (cell.text, cell.width.cm)


def test_fit_header_words_widens_a_narrow_column_from_the_widest():
    from dienstscan.export.report.docx import _fit_header_words, _header_word_cm

    widths = _fit_header_words(["Id", "Voorstel", "Naar aanleiding van", "Prioriteit"], [2.6, 7.0, 5.6, 2.2])
    assert widths[3] >= _header_word_cm("Prioriteit") > 2.2
    assert sum(widths) == pytest.approx(2.6 + 7.0 + 5.6 + 2.2)
    assert widths[1] < 7.0 and widths[0] == 2.6


def test_plan_rows_title_bold_rest_plain_and_text_as_written(tmp_path, checklists, assessment):
    """The rows are built as XML (linear time): markup characters, tabs and line breaks in user
    text come out as written, the action's title bold and its details not."""
    action = next(a for a in visible_actions(assessment) if a.decision != "voorgesteld")
    action.title = 'Titel <b>&amp; "x"\tna tab'
    action.progress = "regel 1\nregel 2"
    path = tmp_path / "rapport.docx"
    write_report_docx(checklists, assessment, path)
    document = docx.Document(str(path))
    [cell] = [row.cells[1] for table in document.tables for row in table.rows[1:]
              if row.cells[0].text == action.id and row.cells[1].text.startswith("Titel")]
    runs = cell.paragraphs[0].runs
    assert runs[0].text == 'Titel <b>&amp; "x"\tna tab' and runs[0].bold
    assert not runs[1].bold and "Voortgang: regel 1\nregel 2" in runs[1].text
    grid = cell._parent.table.columns[1].width  # the cell has its column's width (header words fitted)
    assert cell.width == grid and 6.5 < grid.cm <= 6.8


def test_charts_carry_their_svg_as_a_vector_beside_the_png(tmp_path, checklists, assessment):
    import zipfile

    from dienstscan.export.report.docx import SVG_EXTENSION, SVG_NS

    path = tmp_path / "rapport.docx"
    write_report_docx(checklists, assessment, path, chart_png=lambda svg: tiny_png())
    document = docx.Document(str(path))
    blips = list(document.element.body.iter(qn("a:blip")))
    assert blips
    rels = document.part.rels
    for blip in blips:
        assert rels[blip.get(qn("r:embed"))].target_part.content_type == "image/png"  # the fallback
        [ext] = [e for e in blip.iter(qn("a:ext")) if e.get("uri") == SVG_EXTENSION]
        [svg_blip] = list(ext.iter(f"{{{SVG_NS}}}svgBlip"))
        part = rels[svg_blip.get(qn("r:embed"))].target_part
        assert part.content_type == "image/svg+xml" and part.blob.lstrip().startswith(b"<svg")
    names = zipfile.ZipFile(path).namelist()
    assert sum(n.endswith(".svg") for n in names) == len(blips)


def test_the_plan_says_who_decided_and_when_in_word_and_pdf(tmp_path, checklists, assessment):
    """Issue 24: the decision record (the body that decided and the date) was in the Excel plan
    only; the report's plan, in Word and in the PDF's HTML, says it beside the decision."""
    import html as html_lib

    from dienstscan.export.report.html import render_report_html

    action = next(a for a in visible_actions(assessment) if a.decision == "geaccepteerd")
    action.decided_by, action.decided_on = "college van B&W", dt.date(2026, 3, 10)
    expected = "Besluit: voorstel aangenomen (college van B&W, 10-03-2026); prioriteit"
    path = tmp_path / "rapport.docx"
    write_report_docx(checklists, assessment, path)
    assert expected in all_text(docx.Document(str(path)))
    page = html_lib.unescape(re.sub(r"<[^>]+>", " ", render_report_html(checklists, assessment, today=TODAY)))
    assert expected in " ".join(page.split())


DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")


@pytest.mark.skipif(not (DEJAVU_DIR / "DejaVuSerif.ttf").is_file(), reason="DejaVu (fonts-dejavu-core) is niet geïnstalleerd")
@pytest.mark.parametrize("example", ["gemeente-2026.dienstscan", "gemeente-voorbeeld.dienstscan"])
def test_no_word_in_a_table_is_wider_than_its_column(tmp_path, checklists, example):
    """Issue 24 (no mid-word breaks): LibreOffice printed the examples' "Pas toe of leg uit" table
    as "Digitale betrouwbaarhe|id", "Verantwoordeli|jk beheer" and "uitzonderingen|.". Every word
    of every table cell (up to a hyphen or slash; a web address may break) fits its column at the
    body's 10 pt, measured in the fonts LibreOffice prints with here (DejaVu Sans and Serif)."""
    from PIL import ImageFont

    from dienstscan.checklists import load_checklists
    from dienstscan.export.report.docx import CELL_PADDING_CM, LONGEST_BODY_PIECE
    from dienstscan.storage import load_scan

    fonts = [ImageFont.truetype(str(DEJAVU_DIR / name), 1000) for name in ("DejaVuSans.ttf", "DejaVuSerif.ttf")]
    path = tmp_path / "rapport.docx"
    scan = load_scan(Path(__file__).resolve().parents[3] / "examples" / example)
    write_report_docx(load_checklists(), scan, path)
    too_wide = []
    for table in docx.Document(str(path)).tables:
        for row in table.rows[1:]:
            for cell in row.cells:
                if cell.width is None:
                    continue
                for piece in re.split(r"[\s/\-\u00ad\u2010]+", cell.text):
                    if not piece or len(piece) > LONGEST_BODY_PIECE:
                        continue
                    cm = max(f.getlength(piece) for f in fonts) / 100 / 72 * 2.54 + CELL_PADDING_CM
                    if cm > cell.width.cm + 0.01:
                        too_wide.append((piece, round(cm, 2), round(cell.width.cm, 2)))
    assert not too_wide, too_wide


def test_what_introduces_a_table_stays_on_its_page(document):
    """The example's 'Voorstellen waarover nog niet is besloten' heading and introduction ended
    a page, its table began the next: the paragraph before every table keeps with it (Word's and
    LibreOffice's 'keep with next'), directly or by its style (a heading)."""
    body = document.element.body
    loose = []
    for table in body.iter(qn("w:tbl")):
        before = table.getprevious()
        if before is None or before.tag != qn("w:p"):
            continue
        paragraph = docx.text.paragraph.Paragraph(before, document)
        style = paragraph.style
        keep = paragraph.paragraph_format.keep_with_next
        while keep is None and style is not None:
            keep, style = style.paragraph_format.keep_with_next, style.base_style
        if not keep:
            loose.append(paragraph.text[:60])
    assert not loose, loose


def test_a_rejected_proposal_is_handed_over_with_who_and_when(tmp_path, checklists, assessment):
    """Issue 24 ("each hand-over must say exactly what people said"): a proposal management
    rejected is not in the plan, but the report lists it apart, in HTML/PDF and Word alike, with
    the decision, who decided and when, and what was noted; never among the decided actions."""
    import datetime as dt

    from dienstscan.export.report.html import render_report_html
    from dienstscan.plan import edit_action

    undecided = [a for a in assessment.actions if a.origin == "voorgesteld" and not a.merged_into]
    rejected, unrecorded = undecided[0], undecided[1]
    edit_action(rejected, decision="afgewezen", decided_by="College van B en W", decided_on=dt.date(2026, 3, 10),
                progress="Past niet in de begroting van 2026.")
    edit_action(unrecorded, decision="afgewezen")
    html = render_report_html(checklists, assessment)
    part = html[html.index("<h2>Afgewezen voorstellen"):]
    part = part[:part.index("</table>")]
    assert "(2)" in part
    assert (f"{rejected.id}</td><td>{rejected.title}</td><td>Voorstel afgewezen (College van B en W, 10-03-2026)"
            f"</td><td>Past niet in de begroting van 2026.</td>") in part
    assert "Voorstel afgewezen (niet vastgelegd door wie en wanneer)" in part
    decided = html[html.index('<h1 id="verbeterplan">'):html.index("<h2>Afgewezen voorstellen")]
    assert f">{rejected.id}<" not in decided and "Tot slot de 2 afgewezen voorstellen." in decided

    out = tmp_path / "rapport.docx"
    write_report_docx(checklists, assessment, out)
    word = docx.Document(str(out))
    [table] = [t for t in word.tables if [c.text for c in t.rows[0].cells] == ["Id", "Voorstel", "Besluit", "Toelichting"]]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows[rejected.id] == [rejected.id, rejected.title, "Voorstel afgewezen (College van B en W, 10-03-2026)",
                                 "Past niet in de begroting van 2026."]
    assert rows[unrecorded.id][2] == "Voorstel afgewezen (niet vastgelegd door wie en wanneer)"
    assert "Tot slot de 2 afgewezen voorstellen." in all_text(word)
