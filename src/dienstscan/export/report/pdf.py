"""Print the report HTML to a tagged, accessible A4 PDF (PDF/UA-1) with WeasyPrint. No Qt.

Why WeasyPrint and not Qt: a municipality that publishes the report under the Woo needs an
accessible PDF (PDF/UA-1: tagged structure, document language, title shown, bookmarks), and an
archive wants the same structure. Qt's QPdfWriter writes no structure tree ("Tagged: no"), no
language and no outline; WeasyPrint lays out the report's own HTML and CSS and writes all of
them: headings become bookmarks (h1 and the framework chapters on the first level, h2 below),
``<html lang="nl">`` becomes the document language and ``<title>`` the title shown, tables keep
their header rows as table headers, the SVG charts stay vectors. WeasyPrint is on PyPI and in
Debian; it needs Pango (``tools/bootstrap.sh`` installs it; on Windows the bundle must carry
Pango's DLLs). Where it cannot be loaded, ``dienstscan.ui.pdf`` prints with Qt (untagged) and
says so in the log.

What this module adds to the HTML for print (``PRINT_CSS``, never in the HTML file itself):
margins, a running header (organisation and peildatum, not on page 1), the footer "Pagina n van
N", page numbers in the contents, which headings are bookmarks, rows kept whole, and fixed table
layout (column widths from the HTML's ``width`` attributes), which keeps the time per page
independent of the table's length.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...storage import atomic_write_bytes

_HEADER_RE = re.compile(r'<meta\s+name="dienstscan-kop"\s+content="([^"]*)"', re.IGNORECASE)

#: The PDF variant: PDF/UA-1 (tagged, language, title shown, fonts embedded), for publication.
PDF_VARIANT = "pdf/ua-1"
#: For the archive (``dienstscan report --archief``, *PDF/A voor het archief* in the app): PDF/A-3a,
#: also tagged, with the sRGB output intent PDF/A asks for. WeasyPrint claims one standard per file, so it is one or the other.
ARCHIVE_VARIANT = "pdf/a-3a"

PRINT_CSS = """
@page {
  size: A4;
  margin: 25mm 18mm 20mm 18mm;
  @top-left { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8pt;
              vertical-align: bottom; padding-bottom: 2mm; border-bottom: 0.5pt solid #000; }
  @bottom-left { content: "Dienstscan"; font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8pt;
                 vertical-align: top; padding-top: 2mm; }
  @bottom-right { content: "Pagina " counter(page) " van " counter(pages);
                  font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8pt; vertical-align: top; padding-top: 2mm; }
}
@page :first { @top-left { content: none; border-bottom: none; } }
html { font-family: "DejaVu Sans", Arial, sans-serif; }
h1, h2.framework { bookmark-level: 1; }
h2 { bookmark-level: 2; }
h3, h4 { bookmark-level: none; }
h1, h2, h3, h4 { break-after: avoid; }
tr, .chart { break-inside: avoid; }
table.grid[width] { table-layout: fixed; }  /* the long tables: widths from the HTML, linear time */
/* a word longer than its cell ("(praktijkvoorbeelden" in a source's place) is broken, never drawn
   over the next column (not hyphenated: "auto" split "nor-men" all over the tables) */
table.grid td { overflow-wrap: break-word; }
ul.toc a { color: #000; text-decoration: none; }
ul.toc a::after { content: leader(".") target-counter(attr(href), page); }
"""


#: Attributes that are no presentational hint (WeasyPrint reads ``lang``, ``id`` and ``a name``
#: with or without hints).
_PLAIN_ATTRIBUTES = frozenset({"class", "id", "href", "lang", "name", "content", "charset", "colspan", "rowspan",
                               "style", "title", "alt", "scope", "role", "dir", "headers"})
_SVG = re.compile(r"<svg\b.*?</svg>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<([a-zA-Z][\w-]*)\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([^\s=/"\']+)(?:\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s>]+)))?')
_SAFE_VALUE = re.compile(r"[0-9]+(?:\.[0-9]+)?%?")


def hints_as_css(html: str) -> str | None:
    """The HTML's presentational hints as a style sheet, or None when it uses hints this does not know.

    The report's HTML carries the table attributes Qt's rich text needs (``width``, ``cellspacing``,
    ``cellpadding``). WeasyPrint turns such attributes into style only with
    ``presentational_hints=True``, which runs its hint code over every element and adds a hint style
    sheet to every element's cascade; for this report that is about a tenth of the PDF's time. This
    states the same hints, with WeasyPrint's own value rules, as a few attribute rules: the same
    layout. A style sheet passed to WeasyPrint is of the user origin, so like the hints (specificity
    0) it gives way to every rule of the report's own CSS. An unknown attribute means None: then
    WeasyPrint's hints are used.
    """
    from weasyprint.html import map_to_dimension_property_ignoring_zero, map_to_pixel_length

    rules: dict[str, str] = {}
    for match in _TAG.finditer(_SVG.sub("", html)):
        tag = match.group(1).lower()
        for name, *quoted in _ATTRIBUTE.findall(match.group(2)):
            name = name.lower()
            value = next((v for v in quoted if v), "")
            if name in _PLAIN_ATTRIBUTES:
                continue
            if not _SAFE_VALUE.fullmatch(value):
                return None
            if tag == "table" and name == "cellspacing":
                css = map_to_pixel_length(value)
                selector, declaration = f'table[cellspacing="{value}"]', f"border-spacing: {css}"
            elif tag == "table" and name == "cellpadding":
                css = map_to_pixel_length(value)
                selector = f'table[cellpadding="{value}"] td, table[cellpadding="{value}"] th'
                declaration = f"padding: {css}"
            elif tag in {"table", "td", "th"} and name == "width":
                css = map_to_dimension_property_ignoring_zero(value)
                selector, declaration = f'{tag}[width="{value}"]', f"width: {css}"
            else:
                return None
            if css is not None:
                rules[selector] = declaration
    return "".join(f"{selector} {{ {declaration} }}\n" for selector, declaration in rules.items())


def header_text(html: str) -> str:
    """The running header the report put in ``<meta name="dienstscan-kop">``."""
    match = _HEADER_RE.search(html)
    return html_lib.unescape(match.group(1)) if match else ""


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: quotes, backslashes and line ends escaped."""
    escaped = "".join(c if c.isprintable() and c not in '"\\' else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


class PdfUnavailable(RuntimeError):
    """WeasyPrint (or the Pango it needs) cannot be loaded on this machine."""


def bundled_fontconfig() -> Path | None:
    """In a Windows build with Pango bundled (installer/dienstscan.spec), fontconfig's configuration
    beside it: ``_internal/etc/fonts/fonts.conf``. None elsewhere (a system's own Pango finds its own)."""
    if not getattr(sys, "frozen", False):
        return None
    conf = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "etc" / "fonts" / "fonts.conf"
    return conf if conf.is_file() else None


def _weasyprint():
    conf = bundled_fontconfig()
    if conf is not None and "FONTCONFIG_FILE" not in os.environ:  # a user's own setting wins
        os.environ["FONTCONFIG_FILE"] = str(conf)
        os.environ.setdefault("FONTCONFIG_PATH", str(conf.parent))
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango's libraries are missing (Windows without GTK)
        raise PdfUnavailable(str(exc)) from exc
    _remember_page_references()
    return weasyprint


def _remember_page_references() -> None:
    """Make ``pydyf.PDF.page_references`` a remembered value instead of a new tuple of every page
    on each use.

    WeasyPrint's PDF/UA tagging asks for it once per tagged element, so writing a tagged PDF took
    time in pages x elements: at 20,000 actions (about 2,900 pages) that was half of the PDF's time
    (issue 29, ``benchmarks/bench_linear.py``). The value is the same tuple, made again only when
    a page was added; pydyf itself is not changed otherwise.
    """
    import pydyf

    if getattr(pydyf.PDF, "_dienstscan_remembers_pages", False):
        return
    build = pydyf.PDF.page_references.fget

    def page_references(pdf) -> tuple:
        count = len(pdf.pages["Kids"])
        remembered = pdf.__dict__.get("_dienstscan_page_references")
        if remembered is None or remembered[0] != count:
            remembered = (count, build(pdf))
            pdf.__dict__["_dienstscan_page_references"] = remembered
        return remembered[1]

    pydyf.PDF.page_references = property(page_references)
    pydyf.PDF._dienstscan_remembers_pages = True


def available() -> bool:
    """Whether this machine can print the tagged PDF (WeasyPrint and Pango load)."""
    try:
        _weasyprint()
    except PdfUnavailable:
        return False
    return True


def render_pdf(html: str, *, header: str | None = None, progress: Callable[[int, int], None] | None = None,
               variant: str | None = PDF_VARIANT) -> tuple[bytes, int]:
    """The PDF as bytes and its page count.

    ``progress(done, total)`` is called before the layout and before the PDF is written
    (``total`` 2); it may raise to cancel. ``header``: the running header from page 2 on (by
    default the report's ``<meta name="dienstscan-kop">``). ``variant`` ``None`` writes an untagged PDF (the
    benchmark's floor uses that).
    """
    weasyprint = _weasyprint()
    if progress is not None:
        progress(0, 2)
    header = header_text(html) if header is None else header
    running = "@page { @top-left { content: %s; } }" % css_string(header) if header else ""
    hints = hints_as_css(html)
    stylesheets = [weasyprint.CSS(string=(hints or "") + PRINT_CSS + running)]
    document = weasyprint.HTML(string=html, base_url=".").render(
        stylesheets=stylesheets, pdf_tags=variant is not None, presentational_hints=hints is None)
    if progress is not None:
        progress(1, 2)
    options: dict[str, Any] = {"pdf_variant": variant} if variant else {}
    data = document.write_pdf(**options)
    return data, len(document.pages)


def write_pdf(html: str, path: Path, *, progress: Callable[[int, int], None] | None = None,
              variant: str = PDF_VARIANT) -> int:
    """Print the report HTML to ``path`` (made in memory, saved atomically); returns the pages.

    Raises ``SaveError`` (Dutch, names the file) when it cannot be saved; the old file stays whole.
    """
    data, pages = render_pdf(html, progress=progress, variant=variant)
    atomic_write_bytes(Path(path), data)
    return pages


def write_report_pdf(checklists, assessment, path: Path, *, baseline=None,
                     progress: Callable[[int, int], None] | None = None,
                     today: dt.date | None = None, variant: str = PDF_VARIANT) -> int:
    """Score the scan, render the management report and print it to ``path``; returns the pages."""
    from .html import render_report_html

    html = render_report_html(checklists, assessment, baseline=baseline, today=today)
    return write_pdf(html, path, progress=progress, variant=variant)


__all__ = ["ARCHIVE_VARIANT", "PDF_VARIANT", "PRINT_CSS", "PdfUnavailable", "available", "css_string", "header_text", "render_pdf",
           "write_pdf", "write_report_pdf"]
