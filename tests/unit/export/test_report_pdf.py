"""The tagged PDF report (WeasyPrint, no Qt): what a document management system and a screen
reader need, read back with poppler's own tools (pdfinfo, pdftotext, pdftohtml's outline).

Skipped, with the reason, where WeasyPrint/Pango or poppler-utils are missing.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest

from dienstscan.export.report import pdf as tagged
from dienstscan.export.report.html import render_report_html
from dienstscan.plan import visible_actions

TODAY = dt.date(2026, 3, 15)

pytestmark = [
    pytest.mark.skipif(not tagged.available(), reason="WeasyPrint of Pango ontbreekt op deze machine"),
    pytest.mark.skipif(shutil.which("pdfinfo") is None or shutil.which("pdftohtml") is None,
                       reason="pdfinfo/pdftohtml (poppler-utils) ontbreken"),
]


def pdfinfo(path: Path, *options: str) -> str:
    return subprocess.run(["pdfinfo", *options, str(path)], capture_output=True, check=True, text=True).stdout


def pages_text(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    pages = out.split("\f")
    return [" ".join(p.split()) for p in (pages[:-1] if not pages[-1].strip() else pages)]


def outline(path: Path) -> list[tuple[int, str, int]]:
    """The bookmarks as (level, title, page), read by poppler's pdftohtml."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-stdout", str(path)], capture_output=True,
                         check=True).stdout
    root = ET.fromstring(xml)
    found: list[tuple[int, str, int]] = []

    def walk(node, level):
        for child in node:
            if child.tag == "item":
                found.append((level, "".join(child.itertext()).strip(), int(child.get("page"))))
            elif child.tag == "outline":
                walk(child, level + 1)

    top = root.find("outline")
    if top is not None:
        walk(top, 1)
    return found


def catalog_entries(path: Path) -> bytes:
    """Every PDF object dictionary, also those packed in compressed object streams."""
    data = path.read_bytes()
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            parts.append(zlib.decompressobj().decompress(data[match.end():match.end() + 4_000_000]))
        except zlib.error:
            continue
    return b"\n".join(parts)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from plan_factory import make_assessment, make_checklists

    checklists = make_checklists()
    assessment = make_assessment(checklists)
    path = tmp_path_factory.mktemp("pdf") / "rapport.pdf"
    pages = tagged.write_pdf(render_report_html(checklists, assessment, today=TODAY), path)
    return path, pages, assessment


def test_pdfinfo_says_tagged_with_title_and_pdf_ua(report):
    path, pages, assessment = report
    info = pdfinfo(path)
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(r"^Title:\s+Rapportage dienstverlening Gemeente Proef$", info, re.M), info
    assert re.search(rf"^Pages:\s+{pages}$", info, re.M)
    assert "Page size:       595.276 x 841.89 pts (A4)" in info
    assert 'pdfuaid:part="1"' in pdfinfo(path, "-meta")  # claims PDF/UA-1
    objects = catalog_entries(path)
    assert b"/Lang (nl)" in objects  # the document language
    assert b"/DisplayDocTitle true" in objects  # viewers show the title, not the file name


def test_structure_has_headings_tables_with_headers_and_figures(report):
    path, _, _ = report
    struct = pdfinfo(path, "-struct")
    for tag in ("H1", "H2", "Table", "TH", "TD"):
        assert re.search(rf"^\s*{tag}\b", struct, re.M), tag


def test_bookmarks_follow_the_chapters_on_the_pages_they_name(report):
    path, pages, _ = report
    marks = outline(path)
    first = [(title, page) for level, title, page in marks if level == 1]
    titles = [t for t, _ in first]
    assert titles[:3] == ["Managementsamenvatting", "Inhoud", "1. BurgerServiceCode"]
    assert titles[-3:] == ["Kengetallen", "Verbeterplan", "Bronnen"]
    assert [p for _, p in first] == sorted(p for _, p in first)
    assert first[0][1] == 1  # the summary opens on page 1
    texts = pages_text(path)
    for title, page in first:
        assert title in texts[page - 1], (title, page)
    assert any(level == 2 for level, _, _ in marks)  # the plan's themes under Verbeterplan
    assert all(title not in ("Waar staan we",) for _, title, _ in marks)  # h3 are no bookmarks


def test_page_one_has_cover_and_summary_and_contents_gives_page_numbers(report):
    path, pages, _ = report
    texts = pages_text(path)
    assert "Rapportage dienstverlening" in texts[0] and "Managementsamenvatting" in texts[0]
    assert "Waar staan we" in texts[0]
    [contents] = [t for t in texts if t.startswith("Gemeente Proef · peildatum 1 maart 2026 Inhoud")]
    marks = {title: page for level, title, page in outline(path) if level == 1}
    for title in ("1. BurgerServiceCode", "Kengetallen", "Verbeterplan", "Bronnen"):
        assert re.search(rf"{re.escape(title)} ?\.+ ?{marks[title]}\b", contents), (title, contents)


def test_running_header_from_page_two_and_page_numbers(report):
    path, pages, assessment = report
    texts = pages_text(path)
    assert len(texts) == pages
    assert "peildatum 1 maart 2026" not in texts[0]
    for number, text in enumerate(texts, start=1):
        assert text.endswith(f"Dienstscan Pagina {number} van {pages}"), text[-80:]
        if number > 1:
            assert text.startswith("Gemeente Proef · peildatum 1 maart 2026")
    every = " ".join(texts)
    for action in visible_actions(assessment):
        assert action.id in every


def test_charts_stay_vectors(report):
    path, _, _ = report
    summary = " ".join(pages_text(path)[:3])
    assert "Score per kader (aandeel volledig) naast de benchmarks" in summary
    assert b"/Subtype /Image" not in catalog_entries(path)


def test_header_with_quotes_and_backslashes_is_printed_as_written(tmp_path):
    header = 'Gemeente "Zuid\\Oost" · peildatum 1 maart 2026'
    html = "<html lang='nl'><head><title>T</title></head><body>" + "<p>tekst</p>" * 80 + "</body></html>"
    path = tmp_path / "kop.pdf"
    data, pages = tagged.render_pdf(html, header=header)
    path.write_bytes(data)
    assert pages >= 2
    assert pages_text(path)[1].startswith(header)


def test_unwritable_path_raises_a_dutch_save_error_and_writes_nothing(tmp_path):
    from dienstscan.storage import SaveError

    target = tmp_path / "bestaat-niet" / "rapport.pdf"
    with pytest.raises(SaveError):
        tagged.write_pdf("<html lang='nl'><body><p>tekst</p></body></html>", target)
    assert not target.exists()


def test_cli_report_pdf_is_tagged(tmp_path, capsys):
    from dienstscan.cli import main

    examples = Path(__file__).resolve().parents[3] / "examples" / "gemeente-2026.dienstscan"
    if not examples.is_file():
        pytest.skip("het voorbeeld ontbreekt")
    out = tmp_path / "rapport.pdf"
    assert main(["report", str(examples), "-o", str(out)]) == 0
    assert re.search(r"^Tagged:\s+yes$", pdfinfo(out), re.M)
    assert outline(out)[0][1] == "Managementsamenvatting"
    assert f"Rapport geschreven naar {out}" in capsys.readouterr().out


def test_cli_archive_pdf_is_pdf_a_and_tagged(tmp_path, capsys):
    from dienstscan.cli import main

    example = Path(__file__).resolve().parents[3] / "examples" / "gemeente-2026.dienstscan"
    if not example.is_file():
        pytest.skip("het voorbeeld ontbreekt")
    out = tmp_path / "archief.pdf"
    assert main(["report", str(example), "-o", str(out), "--archief"]) == 0
    meta = pdfinfo(out, "-meta")
    assert 'pdfaid:part="3"' in meta and 'pdfaid:conformance="A"' in meta, meta
    assert re.search(r"^Tagged:\s+yes$", pdfinfo(out), re.M)
    assert b"/OutputIntents" in catalog_entries(out)
    assert main(["report", str(example), "-o", str(tmp_path / "r.docx"), "--archief"]) == 1
    assert "--archief geldt alleen voor een PDF-rapport" in capsys.readouterr().err


def test_cli_archive_without_weasyprint_says_so_and_writes_nothing(tmp_path, capsys, monkeypatch):
    """An untagged Qt print is no PDF/A: where WeasyPrint cannot load, --archief is refused in
    Dutch instead of writing a PDF that only claims to be for the archive."""
    from dienstscan.cli import main

    example = Path(__file__).resolve().parents[3] / "examples" / "gemeente-2026.dienstscan"
    monkeypatch.setattr(tagged, "available", lambda: False)
    out = tmp_path / "archief.pdf"
    assert main(["report", str(example), "-o", str(out), "--archief"]) == 1
    assert "een PDF/A voor het archief kan op deze computer niet worden gemaakt" in capsys.readouterr().err
    assert not out.exists()


def _layout(html: str, *, hints: bool) -> list[tuple]:
    """Every box of the laid-out pages: its kind, page, position and size (rounded to 0.01 px)."""
    import weasyprint

    css = tagged.PRINT_CSS if hints else (tagged.hints_as_css(html) or "") + tagged.PRINT_CSS
    document = weasyprint.HTML(string=html).render(stylesheets=[weasyprint.CSS(string=css)],
                                                   presentational_hints=hints)
    boxes = []

    def walk(box, page):
        boxes.append((page, type(box).__name__, *(round(getattr(box, a, 0) or 0, 2) for a in
                                                  ("position_x", "position_y", "width", "height"))))
        for child in getattr(box, "children", ()):
            walk(child, page)

    for n, page in enumerate(document.pages):
        walk(page._page_box, n)
    return boxes


def test_the_report_s_table_hints_as_css_lay_out_the_same_as_weasyprint_s_hints():
    """Issue 24 point 7: the PDF is printed without WeasyPrint's presentational hints (a tenth of its
    time), with the report's table attributes stated as CSS; every box lands where the hints put it."""
    from plan_factory import make_assessment, make_checklists

    checklists = make_checklists()
    html = render_report_html(checklists, make_assessment(checklists), today=TODAY)
    css = tagged.hints_as_css(html)
    assert css is not None and 'th[width="' in css and 'table[cellspacing="0"]' in css
    assert _layout(html, hints=False) == _layout(html, hints=True)


@pytest.mark.parametrize("attributes", ['<td align="right">', '<td bgcolor="#ff0000">', '<table border="1">',
                                        '<td width="calc(1px)">', '<img src="x.png" width="10">'])
def test_hints_this_does_not_know_leave_them_to_weasyprint(attributes):
    assert tagged.hints_as_css(f"<html><body><table><tr>{attributes}x</td></tr></table></body></html>") is None


def test_hints_as_css_states_widths_spacing_and_padding_as_weasyprint_reads_them():
    html = ('<table class="grid" width="100%" cellspacing="0" cellpadding="3"><tr><th width="12%">a</th>'
            '<td width="150">b</td></tr></table><svg width="640" height="220"><rect height="16"/></svg>')
    css = tagged.hints_as_css(html)
    assert 'table[width="100%"] { width: 100.0% }' in css
    assert 'table[cellspacing="0"] { border-spacing: 0px }' in css
    assert 'table[cellpadding="3"] td, table[cellpadding="3"] th { padding: 3px }' in css
    assert 'th[width="12%"] { width: 12.0% }' in css and 'td[width="150"] { width: 150.0px }' in css
    assert "rect" not in css and "220" not in css  # the SVG's own attributes are no HTML hints
    assert _layout(html, hints=False) == _layout(html, hints=True)


def test_no_word_runs_over_into_the_next_column(tmp_path):
    """The example's Bronnen printed "'Hiltlijsten' (praktijkvoorbeelden" across the Vindplaats
    column's edge into "Gebruikt bij": a word too long for its cell is hyphenated (Dutch, pyphen)
    or broken, never drawn over the next column. Checked on every page of both examples' tables,
    by each column's header position."""
    from printed import read_pages

    from dienstscan.checklists import load_checklists
    from dienstscan.storage import load_scan

    examples = Path(__file__).resolve().parents[3] / "examples"
    checklists = load_checklists()
    crossing = []
    for name in ("gemeente-voorbeeld.dienstscan", "gemeente-2026.dienstscan"):
        path = tmp_path / f"{name}.pdf"
        tagged.write_pdf(render_report_html(checklists, load_scan(examples / name), today=TODAY), path)
        for page in read_pages(path):
            heads = [w for w in page.words if w.text in ("Vindplaats", "Gebruikt")]
            if len(heads) < 2:
                continue
            edge = next(w for w in heads if w.text == "Gebruikt").x0
            top = max(w.y1 for w in heads)
            crossing += [(name, page.number, w.text) for w in page.words
                         if w.y0 > top and w.x0 < edge - 2 < w.x1]
    assert not crossing, crossing
