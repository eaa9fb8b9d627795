"""The Word report: real headings, styled tables with repeated headers, every action, page numbers."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zlib

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
    chapter = next(p for p in document.paragraphs if p.text == "Kengetallen")
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
    assert "Geen tijd Geen eigenaar" in text
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
