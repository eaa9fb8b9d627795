"""The management report as an editable Word document (python-docx), from the same context as HTML.

Managers edit and forward reports, so this version uses Word's own structure: the built-in
styles Title, Heading 1/2/3 and a table style, so the document takes on an organisation's
template when its styles are applied. Table rows are marked "niet splitsen" (cantSplit) and
header rows repeat on every page; the page header holds organisation and peildatum, the footer
the page number (a PAGE field Word fills in).

Charts: Word has no use for our SVG here (python-docx cannot embed SVG), so the caller may pass
``chart_png``, a function that turns an SVG chart into PNG bytes; the CLI and the GUI pass the
Qt renderer from ``dienstscan.ui.pdf``. Without it (no Qt, or the layer rule) the document shows
the same numbers in the score table only. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from xml.sax.saxutils import escape as xml_escape
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ...model.assessment import Assessment
from ...model.checklist import ChecklistSet
from ...storage import atomic_write_bytes
from ..common.layout import text_points
from .html import report_context

#: Turns an SVG chart into PNG bytes.
ChartRenderer = Callable[[str], bytes]
TABLE_STYLE = "Table Grid"
#: Long header words get a soft hyphen: Word and LibreOffice break them there, with a hyphen,
#: when the column is narrow, instead of anywhere in the word.
SOFT = "\u00ad"
OWNER = f"Probleem{SOFT}eigenaar"
#: Header cells: bold 10 pt; an average bold character of DejaVu Sans (LibreOffice's stand-in for
#: Calibri) is at most this many em wide, and a cell has this much padding left and right.
HEADER_PT = 10
#: The body's size (the Normal style), in tables too.
BODY_PT = 10
HEADER_EM = 0.70
CELL_PADDING_CM = 0.45
#: Word's document language: spelling, hyphenation and screen readers read Dutch.
LANGUAGE = "nl-NL"


def _cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    tr_pr.append(element)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    tr_pr.append(element)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word computes when it lays out the document."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, shown, end):
        run._r.append(element)


def _header_word_cm(header: str) -> float:
    """The width the longest unbreakable piece of a bold header needs (a soft hyphen is a break)."""
    pieces = [piece for word in header.split() for piece in word.split(SOFT)]
    longest = max((len(piece) + (1 if SOFT in header else 0) for piece in pieces), default=0)
    return longest * HEADER_EM * HEADER_PT / 72 * 2.54 + CELL_PADDING_CM


#: Where a line may break inside a word of a cell: a hyphen, a slash, a soft hyphen.
_WORD_BREAKS = re.compile(r"[\s/\-\u00ad\u2010]+")
#: A piece of a body word longer than this (a web address) may break anywhere: it never widens its column.
LONGEST_BODY_PIECE = 24
#: DejaVu Serif is at most this much wider than DejaVu Sans in Dutch words (measured: 2-4%).
SERIF_WIDER = 1.05


def _cell_text(value: Cell) -> str:
    return value if isinstance(value, str) else "".join(text for text, _ in value)


def _body_word_cm(texts: list[str]) -> float:
    """The width the longest unbreakable piece of the body cells needs at the body's 10 pt,
    measured in DejaVu Sans and widened by ``SERIF_WIDER`` for DejaVu Serif, which LibreOffice
    prints the body with where Calibri is absent (both wider than Calibri): a word fits in Word
    and in LibreOffice ("betrouwbaarhe|id", "uitzonderingen|.")."""
    pieces = [piece for text in texts for piece in _WORD_BREAKS.split(text)
              if piece and len(piece) <= LONGEST_BODY_PIECE]
    if not pieces:
        return 0.0
    return max(text_points(piece, BODY_PT) for piece in pieces) * SERIF_WIDER / 72 * 2.54 + CELL_PADDING_CM


def _fit_header_words(headers: list[str], widths_cm: list[float], rows: list[list[Cell]] | None = None) -> list[float]:
    """Column widths in which no header word ("Prioritei|t") and no word of the body
    ("betrouwbaarhe|id") is broken inside: a column narrower than its longest word gets that
    width, taken from the widest column as far as that one keeps room for its own."""
    widths = list(widths_cm)
    needs = [max(_header_word_cm(header), _body_word_cm([_cell_text(r[i]) for r in rows or []]))
             for i, header in enumerate(headers)]
    for i, need in enumerate(needs):
        while widths[i] < need - 1e-9:
            # the column with the most room beyond its own longest word gives what it can spare
            donor = max((j for j in range(len(widths)) if j != i), key=lambda j: widths[j] - needs[j], default=None)
            if donor is None or widths[donor] - needs[donor] <= 1e-9:
                break  # no room anywhere: the word breaks (the table stays as wide as the page)
            give = min(need - widths[i], widths[donor] - needs[donor])
            widths[i] += give
            widths[donor] -= give
    return [round(w, 2) for w in widths]


#: A cell is a text, or runs of (text, bold); "\n" in a text is a line break in the cell.
Cell = str | list[tuple[str, bool]]
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _runs_xml(value: Cell) -> str:
    runs = [(value, False)] if isinstance(value, str) else value
    out = []
    for text, bold in runs:
        if not text:
            continue
        parts = []
        for n, line in enumerate(text.split("\n")):
            if n:
                parts.append("<w:br/>")
            for m, piece in enumerate(line.split("\t")):
                if m:
                    parts.append("<w:tab/>")
                if piece:
                    parts.append(f'<w:t xml:space="preserve">{xml_escape(piece)}</w:t>')
        out.append("<w:r>" + ("<w:rPr><w:b/></w:rPr>" if bold else "") + "".join(parts) + "</w:r>")
    return "".join(out)


def _append_rows(table, rows: list[list[Cell]]) -> None:
    """The body rows, "niet splitsen", each cell one paragraph, with the grid's widths: built as
    XML and parsed once per table. python-docx's ``add_row`` and ``cell.text`` search the table
    (and the cell) on every call, which made a long plan take time quadratic in its actions."""
    if not rows:
        return
    grid = [gc.w for gc in table._tbl.tblGrid.gridCol_lst]
    props = ["" if w is None else f'<w:tcPr><w:tcW w:w="{w.twips}" w:type="dxa"/></w:tcPr>' for w in grid]
    body = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + "".join(f"<w:tc>{prop}<w:p>{_runs_xml(value)}</w:p></w:tc>" for prop, value in zip(props, values, strict=True))
        + "</w:tr>"
        for values in rows)
    parsed = parse_xml(f'<w:tbl xmlns:w="{_W}">{body}</w:tbl>')
    table._tbl.extend(list(parsed))


def _keep_with_table(doc) -> None:
    """The paragraph just before a table (its heading or introduction) stays on the table's page:
    the proposals' introduction ended a page of its own, the table began the next one."""
    body = doc.element.body
    before = body[-2] if len(body) > 1 else None  # the last block before the section properties
    if before is not None and before.tag == qn("w:p"):
        before.get_or_add_pPr().get_or_add_keepNext()


def _table(doc, headers: list[str], rows: list[list[Cell]], widths_cm: list[float] | None = None):
    _keep_with_table(doc)
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles[TABLE_STYLE]
    head = table.rows[0]
    _repeat_header(head)
    _cant_split(head)
    for cell, text in zip(head.cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    if widths_cm:
        widths_cm = _fit_header_words(headers, widths_cm, rows)
        table.autofit = False
        # the grid columns too: LibreOffice (and Word on opening) lay a table out by its grid
        for column, width in zip(table.columns, widths_cm, strict=True):
            column.width = Cm(width)
        for cell, width in zip(head.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    _append_rows(table, rows)
    doc.add_paragraph()
    return table


def _chapter(doc, title: str) -> None:
    """A Heading 1 that starts on a new page (a paragraph property, so no empty paragraphs)."""
    heading = doc.add_heading(title, level=1)
    heading.paragraph_format.page_break_before = True


def _muted(paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    run.italic = True
    run.font.size = Pt(8.5)


#: Word 2016 and later show an SVG picture (a vector: sharp at any zoom and in print) where the
#: picture carries one in this extension; older Word and other programs show the PNG beside it.
SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def _chart(doc, svg: str | None, chart_png: ChartRenderer | None, width_cm: float = 16.5) -> None:
    """The chart as a picture: the PNG (``chart_png``) and, for Word, the SVG itself as a vector."""
    if not svg or chart_png is None:
        return
    shape = doc.add_picture(io.BytesIO(chart_png(svg)), width=Cm(width_cm))
    number = sum(1 for p in doc.part.package.iter_parts() if str(p.partname).endswith(".svg")) + 1
    part = Part(PackURI(f"/word/media/dienstscan-grafiek{number}.svg"), "image/svg+xml", svg.encode("utf-8"),
                doc.part.package)
    rid = doc.part.relate_to(part, RT.IMAGE)
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip
    ext_list = OxmlElement("a:extLst")
    ext = OxmlElement("a:ext")
    ext.set("uri", SVG_EXTENSION)
    svg_blip = parse_xml(f'<asvg:svgBlip xmlns:asvg="{SVG_NS}" xmlns:r="{RELS_NS}" r:embed="{rid}"/>')
    ext.append(svg_blip)
    ext_list.append(ext)
    blip.append(ext_list)


def _comparison_text(comparison: dict[str, Any] | None) -> str:
    return comparison["sentence"] if comparison else ""


def _progress(doc, context: dict[str, Any]) -> None:
    """The chapter "Voortgang sinds <datum>" (only when the report has a baseline scan)."""
    pr = context["progress"]
    before, after = pr["baseline_short"], pr["current_short"]
    _chapter(doc, f"Voortgang sinds {pr['baseline_date']}")
    doc.add_paragraph(f"De scan van {context['peildatum']} vergeleken met de vorige scan van {pr['baseline_date']}. "
                      "Scores in procenten, het verschil in procentpunten; items zijn per id vergeleken.")
    for note in pr["notes"]:
        doc.add_paragraph(f"Let op: {note}")
    rows = []
    for fw in pr["frameworks"]:
        rows.append([fw["title"], fw["baseline_text"], fw["current_text"], fw["delta_text"]])
        rows += [[f"   {s['title']}", s["baseline_text"], s["current_text"], s["delta_text"]] for s in fw["sections"]]
    table = _table(doc, ["Kader en onderdeel", before, after, "Verschil"], rows, [9.4, 2.4, 2.4, 3.2])
    bold_rows = {i + 1 for i, row in enumerate(rows) if not row[0].startswith("   ")}
    for index in bold_rows:  # the framework rows in bold, their sections below them
        for cell in table.rows[index].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
    doc.add_heading("Wat is er per item veranderd", level=2)
    for fw in pr["frameworks"]:
        doc.add_paragraph(f"{fw['short_title']}: {fw['counts_text']}.")
        if fw["changed_items"]:
            _table(doc, ["Id", "Item", before, after, "Verandering"],
                   [[i["id"], i["text"], i["before"], i["after"], i["change"]] for i in fw["changed_items"]],
                   [2.0, 7.0, 3.0, 3.0, 2.4])
    doc.add_heading(f"Acties afgerond tussen {before} en {after}", level=2)
    if pr["completed"]:
        _table(doc, ["Id", "Actie", "Status toen"], [[a["id"], a["title"], a["was"]] for a in pr["completed"]],
               [2.6, 11.6, 3.2])
    else:
        doc.add_paragraph("Tussen beide scans is geen actie afgerond.")
    if pr["cancelled"]:
        doc.add_paragraph("Vervallen: " + "; ".join(f"{a['id']} ({a['title']})" for a in pr["cancelled"]) + ".")
    if pr["new_action_count"]:
        n = pr["new_action_count"]
        doc.add_paragraph(f"Nieuw in het plan sinds {before}: {n} {'actie' if n == 1 else 'acties'}.")
    if pr["removed_actions"]:
        doc.add_paragraph(f"Niet meer in het plan: {', '.join(pr['removed_actions'])}.")
    doc.add_heading("Niet te vergelijken", level=2)
    if pr["not_comparable"]:
        _table(doc, ["Item", "Reden"], [[n["id"], n["reason"]] for n in pr["not_comparable"]], [3.0, 14.4])
    else:
        doc.add_paragraph("Alle items van beide scans konden worden vergeleken.")


def _document_properties(doc, context: dict[str, Any]) -> None:
    """Title, organisation, dates and the Dienstscan version in the file's properties (what a
    document management system files by), instead of python-docx's template (2013, "python-docx")."""
    made = dt.datetime.combine(context["generated_on"], dt.time(12, 0))
    props = doc.core_properties
    props.title = context["title"]
    props.subject = f"Stand van de dienstverlening op {context['peildatum']}"
    props.author = context["organisation"]
    props.last_modified_by = f"Dienstscan {context['version']}"
    props.comments = f"Gemaakt met Dienstscan {context['version']} op {context['generated']}; peildatum {context['peildatum']}."
    props.keywords = "; ".join(["dienstverlening", "Dienstscan", *context["framework_titles"]])
    props.category = "Rapportage dienstverlening"
    props.language = LANGUAGE
    props.created = props.modified = made
    props.revision = 1
    props.identifier = context.get("scan_id", "")
    props.version = context["version"]
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_XML.format(company=xml_escape(context["organisation"]),
                                        version=xml_escape(context["version"])).encode("utf-8")


APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>Dienstscan {version}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def _language(doc, language: str) -> None:
    """The document's language in the style defaults and the theme (python-docx's template says en-US)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), language)
        theme.set(qn("w:eastAsia"), language)


#: Settings that must come after w:updateFields in CT_Settings (Word refuses another order).
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                        "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
                        "listSeparator")


def _contents(doc, titles: list[str]) -> None:
    """A contents page: Word's TOC field over Heading 1 and 2, with links. Word fills in the page
    numbers when it opens the file (``updateFields``); until then, and in other programs, the
    field shows the chapter titles."""
    # "TOC Heading": looks like a Heading 1 but is not one, so the contents do not list themselves
    heading = doc.add_paragraph("Inhoud", style="TOC Heading")
    heading.paragraph_format.page_break_before = True
    first = doc.add_paragraph()
    run = first.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = ' TOC \\o "1-2" \\h \\z \\u '
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    for element in (begin, instruction, separate):
        run._r.append(element)
    first.add_run(titles[0])
    last = first
    for title in titles[1:]:
        last = doc.add_paragraph(title)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    last.add_run()._r.append(end)
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        later = [c for c in settings if c.tag.rpartition("}")[2] in _AFTER_UPDATE_FIELDS]
        if later:
            later[0].addprevious(update)
        else:
            settings.append(update)


def _chapter_titles(context: dict[str, Any]) -> list[str]:
    titles = ["Managementsamenvatting"]
    if context.get("progress"):
        titles.append(f"Voortgang sinds {context['progress']['baseline_date']}")
    titles += [f"{n}. {fw['title']}" for n, fw in enumerate(context["frameworks"], start=1)]
    return titles + ["Kengetallen", "Verbeterplan", "Bronnen"]


def build_docx(context: dict[str, Any], *, chart_png: ChartRenderer | None = None):
    """A python-docx ``Document`` with the whole report."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    section.different_first_page_header_footer = True  # no running header on the cover
    doc.styles["Normal"].font.size = Pt(BODY_PT)
    header = section.header.paragraphs[0]
    header.text = context["header"]
    footer = section.footer.paragraphs[0]
    footer.add_run("Dienstscan \u2013 pagina ")
    _field(footer, "PAGE")
    footer.add_run(" van ")
    _field(footer, "NUMPAGES")
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _document_properties(doc, context)
    _language(doc, LANGUAGE)

    # cover
    doc.add_paragraph("Rapportage dienstverlening", style="Title")
    doc.add_paragraph(context["organisation"], style="Subtitle")
    participants = "; ".join(f"{p['name']} ({p['role']})" if p["role"] else p["name"]
                             for p in context["participants"]) or "niet vastgelegd"
    facts = [
        ["Organisatie", f"{context['organisation']} ({context['kind']})"],
        ["Peildatum", context["peildatum"]],
        ["Kaders", ", ".join(context["framework_titles"]) or "geen"],
        *[["Buiten scope", f"{e['title']}: {e['justification']}"] for e in context["excluded_frameworks"]],
        ["Deelnemers", participants],
        ["Volledigheid", context["completeness_text"]],
        ["Gemaakt", f"{context['generated']} met Dienstscan {context['version']}"],
    ]
    _table(doc, ["Gegeven", "Waarde"], facts, [4.0, 13.4])
    for warning in context["completeness_warnings"]:
        doc.add_paragraph(f"Let op: {warning}")
    for warning in context["warnings"]:
        doc.add_paragraph(f"Let op: {warning}")

    # management summary: the same order as the PDF
    summary = context["summary"]
    doc.add_heading("Managementsamenvatting", level=1)  # on page 1, under the cover's facts
    doc.add_paragraph(f"Stand van de dienstverlening van {context['organisation']} op {context['peildatum']}: waar "
                      "we staan, de belangrijkste tekortkomingen en wat we hebben besloten. Elke vergelijking noemt "
                      "haar bron.")
    doc.add_heading("Waar staan we", level=2)
    rows = [[s["title"], s["score_text"] + (f"\ngedeeltelijk {s['partial_text']}, telt niet mee" if s["partial_text"] else ""),
             s["sentence"], s["source"] or "geen benchmark in de bronnen"] for s in summary["standing"]]
    table = _table(doc, ["Kader", "Score", "Vergeleken met", "Bron"], rows, [4.6, 3.0, 5.6, 4.2])
    for row, standing in zip(table.rows[1:], summary["standing"], strict=True):
        if standing["main"]:
            for cell in row.cells[:2]:
                cell.paragraphs[0].runs[0].bold = True
    _chart(doc, summary["chart_svg"], chart_png)
    _chart(doc, summary["level_chart_svg"], chart_png)
    gaps = summary["top_gaps"]
    doc.add_heading(summary["gaps_heading"], level=2)
    if gaps:
        _table(doc, ["Tekortkoming", "Antwoord", "Actie", "Besluit; eigenaar; einde; status"],
               [[f"{g['framework']} {g['id']}: {g['text']}" + (f" ({g['legal']})" if g["legal"] else ""), g["answer"],
                 (f"{g['action_id']}: " if g["action_id"] else "Nog geen actie; voorstel: ") + g["action"],
                 g["decision_line"]] for g in gaps],
               [4.2, 2.6, 6.8, 3.8])
    else:
        doc.add_paragraph("Er zijn geen tekortkomingen vastgesteld.")
    plan = context["plan"]
    doc.add_heading(plan["summary_heading"], level=2)
    n = plan["numbers"]
    if plan["summary_actions"]:
        _table(doc, ["Actie", "Besluit", OWNER, "Einde", "Status"],
               [[f"{a['id']}: {a['title']}", a["decision"], a["owner"] or "nog geen eigenaar", a["end"] or "–",
                 a["status"]] for a in plan["summary_actions"]], [6.2, 3.0, 3.0, 2.6, 2.6])
        if plan["more_actions"]:
            more = plan["more_actions"]
            _muted(doc.add_paragraph(), f"En nog {more} {'actie' if more == 1 else 'acties'}: zie het hoofdstuk "
                                        "Verbeterplan.")
    else:
        doc.add_paragraph("Geen andere besloten acties." if plan["any_decided"] else "Er is nog geen actie besloten.")
    statuses = ", ".join(f"{s['label'].lower()} {s['count']}" for s in n["by_status"] if s["count"])
    numbers = (f"Besloten: {n['total']} {'actie' if n['total'] == 1 else 'acties'}" + (f" ({statuses})" if statuses else "")
               + f". Zonder probleemeigenaar: {n['no_owner']}. Over de einddatum en niet gereed: {n['overdue']}"
               + (f" ({', '.join(n['overdue_ids'])})" if n["overdue_ids"] else "") + ". ")
    numbers += (f"Nog niet besloten: {n['proposals']} {'voorstel' if n['proposals'] == 1 else 'voorstellen'} "
                "(zie Verbeterplan, Voorstellen)." if n["proposals"] else "Er liggen geen voorstellen open.")
    doc.add_paragraph(numbers)

    _contents(doc, _chapter_titles(context))

    if context.get("progress"):
        _progress(doc, context)

    # frameworks
    for number, fw in enumerate(context["frameworks"], start=1):
        _chapter(doc, f"{number}. {fw['title']}")
        _muted(doc.add_paragraph(), f"{fw['description']} Versie {fw['version']}. Bron: {fw['source']}.")
        p = doc.add_paragraph()
        p.add_run(f"Score: {fw['score_text']}").bold = True
        p.add_run(f" ({fw['method_text']}" + (f"; gedeeltelijk {fw['partial_text']}" if fw["partial_text"] else "")
                  + f"). {fw['denominator_note']}")
        if fw["comparison"]:
            doc.add_paragraph(fw["comparison"]["sentence"])
            _muted(doc.add_paragraph(), " ".join(fw["comparison"]["sources"]))
        if fw["scope_note"]:
            doc.add_paragraph(fw["scope_note"])
        for sep in fw["separate_items"]:
            doc.add_paragraph(f"{sep['text']}: {sep['answer']}." + (f" {sep['comparison']['sentence']}" if sep["comparison"] else ""))
        if fw["sections"]:
            rows = [[s["title"], s["score_text"], s["partial_text"] or "–",
                     f"{s['counts']}. {_comparison_text(s['comparison'])}".strip()] for s in fw["sections"]]
            rows += [[e["title"], "buiten scope", "", e["justification"]] for e in fw["excluded_sections"]]
            _table(doc, [fw["section_label"], "Score", f"Gedeel{SOFT}telijk", "Toelichting"], rows, [4.6, 1.8, 2.6, 8.4])
        _chart(doc, fw["chart_svg"], chart_png)
        if fw["register"] is not None:
            doc.add_heading(f"Pas toe of leg uit: {fw['item_label_plural']} die niet volledig zijn toegepast", level=2)
            if fw["register"]:
                # two columns, as in the PDF: six (three of them mostly empty) broke the words of
                # the norm and the explanation ("betrouwbaarhe|id", "Verantwoordeli|jk")
                rows = []
                for r in fw["register"]:
                    analysis: list[tuple[str, bool]] = []
                    if r["explanation"]:
                        analysis += [("Uitleg: ", True), (r["explanation"], False)]
                    elif r["explanation_missing"]:
                        analysis += [("Uitleg ontbreekt nog.", True)]
                    else:
                        analysis += [("Geen uitleg vereist.", False)]
                    for label, key in (("Belemmeringen", "barriers"), ("Oorzaken", "causes"),
                                       ("Oplossingen", "solutions")):
                        if r[key]:
                            analysis += [(f"\n{label}: ", True), ("; ".join(r[key]), False)]
                    rows.append([[(r["id"], True), (f" {r['text']}\n{r['answer']}", False)], analysis])
                _table(doc, [f"{fw['item_label']} en antwoord", "Uitleg en analyse"], rows, [5.6, 11.8])
            else:
                doc.add_paragraph(f"Alle {fw['item_label_plural']} in scope zijn toegepast.")
        if fw["polls"]:
            doc.add_heading("Draagvlak", level=2)
            _table(doc, [fw["item_label"], "Ja", "Twijfel", "Nee", "Uitslag"],
                   [[f"{p['id']} {p['text']}", str(p["ja"]), str(p["twijfel"]), str(p["nee"]), p["tally"]]
                    for p in fw["polls"]], [6.0, 1.4, 1.6, 1.4, 7.0])
        if fw["spread"]:
            doc.add_heading("Spreiding van de individuele antwoorden", level=2)
            doc.add_paragraph("Wat deelnemers vooraf ieder voor zich antwoordden (anoniem), per ronde (één "
                              "antwoord per persoon per ronde; rondes worden niet opgeteld), meeste verschil "
                              "eerst, naast het afgesproken antwoord. Deze aantallen tellen niet mee in de score.")
            _table(doc, [fw["item_label"], "Individuele antwoorden", "Verschil", "Afgesproken antwoord"],
                   [[f"{r['id']} {r['text']}", r["text_counts"], r["disagreement"],
                     r["agreed"] + (" (wijkt af van het meest gekozen antwoord)" if r["differs"] else "")]
                    for r in fw["spread"]["rows"]], [6.4, 5.6, 1.7, 3.7])
        doc.add_heading(f"Alle {fw['item_label_plural']}", level=2)
        _table(doc, ["Id", fw["item_label"], "Antwoord", "Uitleg of toelichting"],
               [[i["id"], i["text"] + (f" ({i['legal']})" if i["legal"] else "")
                 + (f"\nHerkomst: {i['origin']}" if i["origin"] else "")
                 + (f"\nStand 2026: {i['current']}" if i["current"] else ""),
                 i["answer"], i["explanation"]]
                for i in fw["item_rows"]], [2.6, 6.6, 2.9, 5.3])
        if fw["item_notes"]:
            doc.add_heading(fw["item_notes_heading"], level=3)
            for note in fw["item_notes"]:
                paragraph = doc.add_paragraph()
                paragraph.add_run(note["id"]).bold = True
                paragraph.add_run(f" {note['text']}")

    # key figures
    _chapter(doc, "Kengetallen")
    if context["key_figures"]:
        rows = []
        for k in context["key_figures"]:
            value = k["value_text"] + (f" ({k['date']})" if k["date"] else "")
            words = (k["comparison"]["sentence"] + " " if k["comparison"] and k["filled"] else "") + k["note"]
            sources = " ".join(k["comparison"]["sources"]) if k["comparison"] else f"Bron: {k['source']}."
            rows.append([k["label"], value, "; ".join(k["norms"]) or "geen norm bekend", f"{words}\n{sources}".strip()])
        _table(doc, ["Kengetal", "Waarde", "Benchmark (soort)", "Vergelijking en bron"], rows, [4.4, 2.6, 3.8, 6.6])
    else:
        doc.add_paragraph("De checklists bevatten geen kengetallen.")

    # plan: what was decided by theme, then the proposals apart
    _chapter(doc, "Verbeterplan")
    intro = ("Wat goed gaat, bouwen we uit; wat niet goed gaat, verbeteren we aantoonbaar (plan, do, check, act). "
             f"Besloten: {n['total']} {'actie' if n['total'] == 1 else 'acties'}, per thema gesorteerd op prioriteit "
             "en einddatum.")
    if n["proposals"]:
        intro += (f" Daarna de {n['proposals']} {'voorstel' if n['proposals'] == 1 else 'voorstellen'} waarover nog "
                  "niet is besloten.")
    if plan["rejected"]:
        n_rejected = len(plan["rejected"])
        intro += (" Tot slot het afgewezen voorstel." if n_rejected == 1
                  else f" Tot slot de {n_rejected} afgewezen voorstellen.")
    doc.add_paragraph(intro)
    for group in plan["groups"]:
        doc.add_heading(f"{group['label']} ({len(group['actions'])})", level=2)
        rows = []
        for a in group["actions"]:
            lines = [a["title"]]
            if a["description"]:
                lines.append(a["description"])
            if a["indicator"] or a["target"]:
                lines.append(f"Indicator: {a['indicator'] or '–'}" + (f"; streefwaarde: {a['target']}" if a["target"] else ""))
            if a["progress"]:
                lines.append(f"Voortgang: {a['progress']}")
            if a["check"]:
                lines.append(f"Check: {a['check']}")
            if a["act"]:
                lines.append(f"Act: {a['act']}")
            if a["source"]:
                lines.append(f"Bij: {a['source']}")
            record = f" ({a['record']})" if a["record"] else ""
            lines.insert(1, f"Besluit: {a['decision'].lower()}{record}; prioriteit {a['priority'].lower()}")
            # the title of an action in bold, the rest of the cell not
            action_cell = [(lines[0], True), ("\n" + "\n".join(lines[1:]), False)]
            rows.append([a["id"], action_cell, a["owner"] or "–", a["period"], a["status"]])
        _table(doc, ["Id", "Actie", OWNER, "Looptijd", "Status"], rows, [2.6, 6.8, 2.6, 2.8, 2.6])
    if not plan["groups"]:
        doc.add_paragraph("Er is nog geen actie besloten.")
    if plan["proposals"]:
        doc.add_heading(f"Voorstellen waarover nog niet is besloten ({len(plan['proposals'])})", level=2)
        _muted(doc.add_paragraph(), "Dienstscan stelt bij elke tekortkoming een actie voor. Een voorstel hoort pas "
                                    "bij het plan als erover is besloten (in de scan of in de kolom Besluit van het "
                                    "Werkblad PDCA in het Excel-plan); tot dan heeft het geen eigenaar, data of status.")
        _table(doc, ["Id", "Voorstel", "Naar aanleiding van", "Prioriteit"],
               [[a["id"], a["title"], a["source"], a["priority"]] for a in plan["proposals"]], [2.6, 7.0, 5.6, 2.2])
    if plan["rejected"]:
        doc.add_heading(f"Afgewezen voorstellen ({len(plan['rejected'])})", level=2)
        _muted(doc.add_paragraph(), "Voorstellen waartegen is besloten: ze horen niet bij het plan. Wie besloot en "
                                    "wanneer staat erbij.")
        _table(doc, ["Id", "Voorstel", "Besluit", "Toelichting"],
               [[a["id"], a["title"], a["decision_line"], a["why"] or "–"] for a in plan["rejected"]],
               [2.6, 6.4, 4.2, 4.2])

    # sources
    _chapter(doc, "Bronnen")
    _table(doc, ["Bron", "Vindplaats", "Gebruikt bij"],
           [[s["document"], s["places"], s["used_by"]] for s in context["sources"]], [5.0, 4.4, 8.0])
    _muted(doc.add_paragraph(), f"Gemaakt met Dienstscan {context['version']} op {context['generated']}.")
    return doc


def write_report_docx(checklists: ChecklistSet, assessment: Assessment, path: Path, *,
                      chart_png: ChartRenderer | None = None, baseline: Assessment | None = None) -> None:
    """Write the Word report (``baseline``: an earlier scan, adds the progress chapter).

    Raises ``SaveError`` (Dutch, names the file) when it cannot be saved; the old file stays whole.
    """
    doc = build_docx(report_context(checklists, assessment, baseline=baseline), chart_png=chart_png)
    buffer = io.BytesIO()
    doc.save(buffer)
    atomic_write_bytes(Path(path), buffer.getvalue())
