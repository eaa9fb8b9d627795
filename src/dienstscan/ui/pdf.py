"""Print the report HTML to an A4 PDF with Qt (QTextDocument + QPdfWriter), also headless.

Since the tagged PDF (issue 24): the report's PDF is printed by ``dienstscan.export.report.pdf``
(WeasyPrint: tagged PDF/UA-1, bookmarks, contents with page numbers); ``write_report`` uses this
Qt print only where WeasyPrint or its Pango cannot be loaded. The history below is why Qt was
chosen first.

Why this renderer: the product already ships PySide6-Essentials, which has QTextDocument,
QPdfWriter and QtSvg; Qt WebEngine (a real browser engine) is not in Essentials and would add
well over 100 MB to the installer, and WeasyPrint would add Pango/Cairo to a Windows build.
QTextDocument gives selectable, searchable text, real fonts and vector graphics in the PDF.

How: the HTML from ``dienstscan.export.report`` is laid out on pages of the A4 body size
(margins 18 mm, 25 mm at the top for the running header) and each page is painted by hand, so
we draw the running header (organisation and peildatum, not on the cover) and the footer
("Pagina n van N") ourselves. QTextDocument cannot show SVG, so every inline ``<svg>`` is cut
out of the HTML, replaced by a placeholder, and put back as a custom text object that
QSvgRenderer paints straight into the PDF: the charts stay vectors.

Keeping rows whole: QTextDocument knows no ``page-break-inside: avoid`` and moves a table row
to the next page only when none of its cells starts on the current one, so long rows are cut.
``paginate`` therefore lays out, finds the highest row (or heading) that a page boundary cuts,
puts a page break before it in the HTML (the table is split in two and its ``<thead>`` repeated;
a heading moves with what follows), and lays out again until nothing is cut. A row taller than
80% of a page is still split, since moving it would not help.

What it cannot do (QTextDocument supports a subset of HTML 4 / CSS 2.1):
- no widows/orphans control inside paragraphs, no CSS positioning, flex or floats, no ``@page``
  rules (margins, header and footer come from this module), no web fonts (the CSS font list is
  matched against installed fonts: DejaVu Sans here, Arial on Windows);
- no inline SVG (handled as above) and no hyphenation; long words wrap only at spaces and hyphens;
- the moves above leave white space at the bottom of a page, as a word processor would.

The Qt part stays thin: everything the report says is decided in ``dienstscan.export.report``.
"""

from __future__ import annotations

import html as html_lib
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QObject, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QPyTextObject,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextLine,
    QTextTable,
)
from PySide6.QtSvg import QSvgRenderer

from ..storage import atomic_write_bytes

log = logging.getLogger(__name__)

#: The document is laid out at 96 dots per inch (CSS pixels) and scaled onto the PDF.
LAYOUT_DPI = 96
PDF_DPI = 1200
MM = LAYOUT_DPI / 25.4
MARGIN_MM = {"left": 18.0, "right": 18.0, "top": 25.0, "bottom": 20.0}

_SVG_RE = re.compile(r"<svg\b.*?</svg>", re.DOTALL | re.IGNORECASE)
_HEADER_RE = re.compile(r'<meta\s+name="dienstscan-kop"\s+content="([^"]*)"', re.IGNORECASE)
_TOKEN = "DIENSTSCANSVG{}X"
_SVG_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
_SVG_DATA = QTextFormat.Property.UserProperty + 1


def ensure_app() -> QGuiApplication:
    """The running Qt application, or a new QGuiApplication (offscreen when there is no display)."""
    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and os.name != "nt":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication  # a widget app, so the GUI and its tests can share it

        app = QApplication([])
    return app  # type: ignore[return-value]


class _SvgObject(QPyTextObject):
    """Draws an SVG held in the character format, scaled to fit the page width."""

    def __init__(self, max_width: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._max_width = max_width

    def _renderer(self, fmt: QTextFormat) -> QSvgRenderer:
        return QSvgRenderer(QByteArray(fmt.property(_SVG_DATA)))

    def intrinsicSize(self, doc, pos, fmt):  # noqa: N802 (Qt's name)
        size = self._renderer(fmt).defaultSize()
        width, height = float(size.width()), float(size.height())
        if width > self._max_width:
            height *= self._max_width / width
            width = self._max_width
        return QSizeF(width, height)

    def drawObject(self, painter, rect, doc, pos, fmt):  # noqa: N802 (Qt's name)
        # The layout draws every object of a line it paints; a chart on the next page would be
        # written (clipped, invisible, but as text a reader or search finds) on this page too.
        if painter.hasClipping() and not painter.clipBoundingRect().intersects(rect):
            return
        self._renderer(fmt).render(painter, rect)


def _layout_device() -> QImage:
    """A paint device at ``LAYOUT_DPI`` so fonts are measured the same on every machine."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    dpm = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    return image


def build_document(html: str, body_width: float, body_height: float | None = None) -> tuple[QTextDocument, list]:
    """The laid-out document with the SVG charts as vector objects; keep the returned refs alive.

    With ``body_height`` the page size is set before the content goes in: setting it afterwards
    lays the whole document out a second time."""
    svgs: list[str] = []

    def cut(match: re.Match[str]) -> str:
        svgs.append(match.group(0))
        return _TOKEN.format(len(svgs) - 1)

    stripped = _SVG_RE.sub(cut, html)
    doc = QTextDocument()
    doc.setDefaultFont(QFont("DejaVu Sans", 9))
    doc.setDocumentMargin(0)
    if body_height is not None:
        doc.setPageSize(QSizeF(body_width, body_height))
    doc.setHtml(stripped)
    # The charts go in before the document has a layout: each edit of a laid-out document lays
    # it out again, which made these few inserts cost as much as the whole layout.
    for n, svg in enumerate(svgs):
        cursor = doc.find(_TOKEN.format(n))
        if cursor.isNull():
            continue
        fmt = QTextCharFormat()
        fmt.setObjectType(_SVG_OBJECT)
        fmt.setProperty(_SVG_DATA, QByteArray(svg.encode("utf-8")))
        cursor.insertText("\ufffc", fmt)
    device = _layout_device()
    doc.documentLayout().setPaintDevice(device)
    handler = _SvgObject(body_width, doc)
    doc.documentLayout().registerHandler(_SVG_OBJECT, handler)
    # the charts were sized before their handler was known: lay out again (once, lazily)
    doc.markContentsDirty(0, doc.characterCount())
    return doc, [device, handler]


def _tables(frame: QTextFrame) -> list[QTextTable]:
    found = []
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            found.append(child)
        found.extend(_tables(child))
    return found


def _page(y: float, page_height: float) -> int:
    return int(y // page_height)


def _text_span(layout: QAbstractTextDocumentLayout, block: QTextBlock) -> tuple[float, float]:
    """Top of the first and bottom of the last line of a block (its rectangle also holds margins
    and, after a page break, the space skipped on the previous page)."""
    rect = layout.blockBoundingRect(block)
    lines = block.layout()
    if lines is None or lines.lineCount() == 0:
        return rect.top(), rect.bottom()
    first, last = lines.lineAt(0), lines.lineAt(lines.lineCount() - 1)
    return rect.top() + first.y(), rect.top() + last.y() + last.height()


def _row_span(doc: QTextDocument, table: QTextTable, r: int) -> tuple[float, float] | None:
    """Top of the first and bottom of the last line of a table row; None for a row of merged cells."""
    layout = doc.documentLayout()  # cheap once laid out
    cells = [table.cellAt(r, c) for c in range(table.columns())]
    cells = [cell for cell in cells if cell.isValid() and cell.row() == r]
    if not cells:
        return None
    # positions, not cursors: every QTextCursor registers with the document, which is slow
    top = min(_text_span(layout, doc.findBlock(c.firstPosition()))[0] for c in cells)
    bottom = max(_text_span(layout, doc.findBlock(c.lastPosition()))[1] for c in cells)
    return top, bottom


def _table_cut(doc: QTextDocument, table: QTextTable, t: int, page_height: float, boundaries: range,
               skip: frozenset[tuple[str, int, int]]) -> tuple[float, tuple[str, int, int]] | None:
    """The first row of ``table`` that one of the page ``boundaries`` cuts. Rows lie in order, so
    the row at each boundary is found by bisection instead of measuring every row."""
    first_row = table.format().headerRowCount()
    rows = table.rows()
    for page in boundaries:
        y = page * page_height
        lo, hi = first_row, rows - 1
        while lo < hi:  # the last row that starts above the boundary
            mid = (lo + hi + 1) // 2
            span = _row_span(doc, table, mid)
            if span is not None and span[0] >= y:
                hi = mid - 1
            else:
                lo = mid
        for r in range(max(first_row, lo - 1), min(rows, lo + 2)):
            span = _row_span(doc, table, r)
            if span is None:
                continue
            top, bottom = span
            # a row taller than most of a page may be cut: moving it would not help
            if bottom - top < 0.8 * page_height and _page(top + 0.5, page_height) != _page(bottom - 0.5, page_height) \
                    and ("row", t, r) not in skip:
                return top, ("row", t, r)
    return None


def _cuts(doc: QTextDocument, page_height: float,
          skip: frozenset[tuple[str, int, int]] = frozenset()) -> list[tuple[str, int, int]]:
    """The highest table row or heading that a page boundary cuts off, one per stretch between
    forced page breaks, in document order.

    ``("row", table index, row index)`` or ``("heading", heading index, 0)``, counted in
    document order, which is the order of ``<table>`` and ``<h1>``..``<h6>`` in the HTML.
    Moving a row down shifts what follows only up to the next forced page break (a chapter, or a
    break put in earlier): what starts on a new page lies on its pages the same way however far
    down it moves. So the first cut of every such stretch can be moved in one round.
    """
    layout = doc.documentLayout()
    always = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
    found: list[tuple[float, tuple[str, int, int]]] = []
    forced: list[float] = []
    for t, table in enumerate(_tables(doc.rootFrame())):
        rect = layout.frameBoundingRect(table)
        if table.format().pageBreakPolicy() & always:
            forced.append(rect.top())
        first_page, last_page = _page(rect.top() + 0.5, page_height), _page(rect.bottom() - 0.5, page_height)
        if first_page == last_page:
            continue  # on one page: nothing to cut (most tables)
        cut = _table_cut(doc, table, t, page_height, range(first_page + 1, last_page + 1), skip)
        if cut is not None:
            found.append(cut)
    block, h = doc.begin(), -1
    while block.isValid():
        if block.blockFormat().pageBreakPolicy() & always:
            forced.append(_text_span(layout, block)[0])
        if block.blockFormat().headingLevel() > 0:
            h += 1
            if block.next().isValid():
                top = _text_span(layout, block)[0]
                following = _text_span(layout, block.next())[1]
                if _page(top + 0.5, page_height) != _page(following - 0.5, page_height) \
                        and following - top < 0.5 * page_height and ("heading", h, 0) not in skip:
                    found.append((top, ("heading", h, 0)))
        block = block.next()
    forced.sort()
    first: dict[int, tuple[float, tuple[str, int, int]]] = {}
    for y, cut in found:
        stretch = sum(1 for f in forced if f <= y + 0.5)
        if stretch not in first or y < first[stretch][0]:
            first[stretch] = (y, cut)
    return [cut for _, cut in sorted(first.values())]


def _first_cut(doc: QTextDocument, page_height: float,
               skip: frozenset[tuple[str, int, int]] = frozenset()) -> tuple[str, int, int] | None:
    """The highest cut (see ``_cuts``), or None."""
    cuts = _cuts(doc, page_height, skip)
    return cuts[0] if cuts else None


_TABLE_RE = re.compile(r"(<table\b[^>]*>)(.*?)(</table>)", re.DOTALL | re.IGNORECASE)
_ROW_RE = re.compile(r"<tr\b", re.IGNORECASE)
_THEAD_RE = re.compile(r"<thead\b.*?</thead>", re.DOTALL | re.IGNORECASE)
_HEADING_RE = re.compile(r"<h[1-6]\b[^>]*>", re.IGNORECASE)
_HEADING_BEFORE_RE = re.compile(r"(<h[1-6]\b[^>]*>)(?:(?!<h[1-6]\b).)*?</h[1-6]>\s*$", re.DOTALL | re.IGNORECASE)
_BREAK = "page-break-before: always"


def _with_break(tag: str) -> str:
    if re.search(r"\sstyle=\"", tag, re.IGNORECASE):
        return re.sub(r"(\sstyle=\")", rf"\1{_BREAK}; ", tag, count=1, flags=re.IGNORECASE)
    return tag[:-1] + f' style="{_BREAK}">'


def _move_to_next_page(html: str, cut: tuple[str, int, int]) -> str | None:
    """The HTML with a page break before the cut row (the table split in two, header repeated)
    or before the cut heading; None when the HTML does not have it (nothing to do)."""
    kind, index, row = cut
    if kind == "heading":
        headings = list(_HEADING_RE.finditer(html))
        if index >= len(headings) or _BREAK in headings[index].group(0):
            return None
        m = headings[index]
        return html[:m.start()] + _with_break(m.group(0)) + html[m.end():]
    tables = list(_TABLE_RE.finditer(html))
    if index >= len(tables):
        return None
    m = tables[index]
    opening, body, closing = m.groups()
    rows = [r.start() for r in _ROW_RE.finditer(body)]
    if row >= len(rows) or row == 0:
        return None
    head = _THEAD_RE.search(body)
    if head is not None and head.end() > rows[row]:
        return None
    if body[:rows[row]].strip() == (head.group(0).strip() if head else ""):
        # the first row after the header: move the whole table instead of leaving a lone header,
        # and with it the heading right above it, if any
        before = html[:m.start()]
        heading = _HEADING_BEFORE_RE.search(before)
        if heading is not None:
            tag = heading.group(1)
            if _BREAK in tag:
                return None
            return before[:heading.start(1)] + _with_break(tag) + html[heading.end(1):]
        if _BREAK in opening:
            return None
        return before + _with_break(opening) + body + closing + html[m.end():]
    split = body[:rows[row]] + closing + _with_break(opening) + (head.group(0) if head else "") + body[rows[row]:]
    return html[:m.start()] + opening + split + closing + html[m.end():]


def paginate(html: str, body_width: float, body_height: float, *,
             progress: Callable[[], None] | None = None) -> tuple[list[QTextDocument], list, int]:
    """Lay the HTML out on pages so no table row and no heading is cut off by a page boundary;
    returns the documents to print one after the other, the objects to keep alive while they are
    used, and the number of moves.

    Qt moves a row to the next page only when none of its cells starts on the current one, and
    knows no ``page-break-inside: avoid``. So we lay out, find the highest cut, put a page break
    before it in the HTML (a table is split in two, its header repeated; a heading moves with what
    follows) and go on. Whatever starts a new page lies on its pages the same way whatever comes
    before it, so the HTML is cut into parts at every such page break (``parts``) and each part
    is laid out on its own: what lies above a move is final, and only the rest is laid out again.
    A long table costs about two layouts, not one per page. ``progress`` is called before each
    layout (it may raise to cancel).
    """
    queue = parts(html)
    done: list[QTextDocument] = []
    keep: list = []
    moves = 0
    while queue:
        part = queue.pop(0)
        if progress is not None:
            progress()
        doc, refs = build_document(part, body_width, body_height)
        skip: set[tuple[str, int, int]] = set()
        while True:
            cut = _first_cut(doc, body_height, frozenset(skip))
            if cut is None:
                _drop_empty_pages(doc, body_height)
                done.append(doc)
                keep.extend(refs)
                break
            changed = _move_to_next_page(part, cut)
            if changed is None:  # cannot be moved (already starts a page): leave it, look further
                skip.add(cut)
                continue
            moves += 1
            # the rest of a long table: its later page breaks follow from the row heights, so
            # they go in at once (from the bottom up, so the row numbers stay valid); the next
            # layouts check them like any other
            later = _later_breaks(doc, cut, body_height) if cut[0] == "row" else []
            if later:
                staged = part
                for row in [*reversed(later), cut[2]]:
                    staged = _move_to_next_page(staged, ("row", cut[1], row)) or staged
                if staged != part:
                    moves += len(later)
                    changed = staged
            pieces = parts(changed)
            if len(pieces) < 2:  # the break is not at the top level: lay this part out again
                queue.insert(0, changed)
            else:  # the first piece is final up to the move; the rest starts a new page
                queue[:0] = pieces
            break
    return done, keep, moves


def _later_breaks(doc: QTextDocument, cut: tuple[str, int, int], page_height: float) -> list[int]:
    """Where the table of a cut row will need its next page breaks once that row starts a page:
    the rows of each following page, from the row heights measured in this layout (the header
    row repeated on every page). Conservative: a row only counts as not fitting when it ends
    beyond the page, and a row taller than most of a page ends the prediction."""
    _, t, r = cut
    table = _tables(doc.rootFrame())[t]
    layout = doc.documentLayout()
    header_rows = table.format().headerRowCount()
    spans = [_row_span(doc, table, i) for i in range(r, table.rows())]
    if any(span is None for span in spans) or len(spans) < 2:
        return []
    head = _row_span(doc, table, 0) if header_rows else None
    frame_top = layout.frameBoundingRect(table).top()
    first_top = spans[0][0]
    # where a continued table's first row starts on a fresh page: its header rows and the gap
    # above them, as measured at the top of this table
    offset = (first_top - frame_top) if head is None else (_row_span(doc, table, header_rows)[0] - frame_top
                                                           if header_rows < table.rows() else 0.0)
    if header_rows and r == header_rows:
        return []  # the whole table moves; its own layout will show the rest
    breaks: list[int] = []
    y = offset
    for n, (top, bottom) in enumerate(spans):
        height = bottom - top
        if height >= 0.8 * page_height:
            break
        if n and y + height > page_height + 1.0:
            breaks.append(r + n)
            y = offset
        pitch = spans[n + 1][0] - top if n + 1 < len(spans) else height
        y += pitch
    return breaks


def _drop_empty_pages(doc: QTextDocument, page_height: float, *, rounds: int = 50) -> None:
    """Remove page breaks that leave a page empty.

    When content ends right at the bottom of a page, Qt's "page break before" on what follows
    starts yet another page, and an empty page is printed. The content flows onto the next page
    anyway, so such a break is switched off.
    """
    layout = doc.documentLayout()
    auto = QTextFormat.PageBreakFlag.PageBreak_Auto
    for _ in range(rounds):
        doc.pageCount()
        last_page = None
        fixed = False
        block = doc.begin()
        while block.isValid():
            if block.length() > 1:  # has text or an object
                page = _page(_text_span(layout, block)[0] + 0.5, page_height)
                if last_page is not None and page > last_page + 1:
                    cursor = QTextCursor(block)
                    table = cursor.currentTable()
                    if block.blockFormat().pageBreakPolicy() != auto:
                        fmt = block.blockFormat()
                        fmt.setPageBreakPolicy(auto)
                        cursor.setBlockFormat(fmt)
                        fixed = True
                    elif table is not None and table.format().pageBreakPolicy() != auto:
                        fmt = table.format()
                        fmt.setPageBreakPolicy(auto)
                        table.setFormat(fmt)
                        fixed = True
                    if fixed:
                        break
                last_page = page if last_page is None else max(last_page, page)
            block = block.next()
        if not fixed:
            return


_BODY_RE = re.compile(r"(<body\b[^>]*>)(.*)(</body>)", re.DOTALL | re.IGNORECASE)
#: Where the report starts a new page of its own: a chapter (h1) or a framework (h2.framework).
#: What starts a new page at the top level of the body: a chapter (h1), a framework
#: (h2.framework), or a table or heading given a page break by ``_move_to_next_page``.
_PAGE_START_RE = re.compile(r'<h1\b(?![^>]*class="first")[^>]*>|<h2 class="framework"[^>]*>'
                            rf'|<(?:table|h[1-6])\b[^>]*{_BREAK}[^>]*>', re.IGNORECASE)


def parts(html: str) -> list[str]:
    """The report cut at every top-level element that starts a new page, each part a whole HTML
    document with the same head. The element that opens a part gets ``page-break-before: auto``
    (the part itself starts the page)."""
    body = _BODY_RE.search(html)
    if body is None:
        return [html]
    starts = [m.start() for m in _PAGE_START_RE.finditer(body.group(2))]
    content = body.group(2)
    bounds = [0, *starts, len(content)]
    parts = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        chunk = content[a:b]
        if not chunk.strip():
            continue
        if a in starts:
            m = _PAGE_START_RE.match(chunk)
            tag = m.group(0)
            if _BREAK in tag:
                opened = tag.replace(_BREAK, "page-break-before: auto")
            elif ' style="' in tag:
                opened = re.sub(r'(\sstyle=")', r"\1page-break-before: auto; ", tag, count=1)
            else:
                opened = tag[:-1] + ' style="page-break-before: auto">'
            chunk = opened + chunk[m.end():]
        parts.append(html[:body.start(2)] + chunk + html[body.end(2):])
    return parts


def header_text(html: str) -> str:
    """The running header the report put in ``<meta name="dienstscan-kop">``."""
    match = _HEADER_RE.search(html)
    return html_lib.unescape(match.group(1)) if match else ""


def render_pdf(html: str, *, header: str | None = None, paginated: bool = True,
               progress: Callable[[int, int], None] | None = None) -> tuple[bytes, int]:
    """The PDF as bytes and its page count.

    The report is laid out part by part (``paginate``).
    ``paginated=False`` prints the whole document as Qt lays it out once, without moving cut
    rows: the floor the benchmark measures against. ``progress(done, total)`` is called before
    each layout (``total`` is the number of chapters, ``done`` stops at the last one); it may
    raise to cancel.
    """
    ensure_app()
    header = header if header is not None else header_text(html)
    docs, keep = _laid_out(html, paginated=paginated, progress=progress)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(docs[0].metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    writer.setCreator("Dienstscan")
    pages = paint_pages(writer, docs, header)
    del docs, keep
    return bytes(buffer.data().data()), pages


def _laid_out(html: str, *, paginated: bool = True,
              progress: Callable[[int, int], None] | None = None) -> tuple[list[QTextDocument], list]:
    """The report laid out on A4 body pages: the documents (one per part) and what keeps them."""
    page_w, page_h = 210 * MM, 297 * MM
    left, right = MARGIN_MM["left"] * MM, MARGIN_MM["right"] * MM
    top, bottom = MARGIN_MM["top"] * MM, MARGIN_MM["bottom"] * MM
    body_w, body_h = page_w - left - right, page_h - top - bottom
    if paginated:
        total = max(1, len(parts(html)))
        count = [0]

        def step() -> None:
            if progress is not None:
                progress(min(count[0], total - 1), total)
            count[0] += 1

        docs, keep, _moves = paginate(html, body_w, body_h, progress=step)
    else:
        doc, keep = build_document(html, body_w, body_h)
        docs = [doc]
    return docs, keep


#: How far inside a page's body edges the text layout is asked to draw (layout units: 1 mm,
#: less than half of the smallest line, so no line of the page itself is left out).
EDGE = 4.0

#: A block continued from an earlier page: the block, where its lines are drawn from, its lines on a page.
_Continued = tuple[QTextBlock, QPointF, list[QTextLine]]


def _continued_lines(doc: QTextDocument, page_height: float) -> dict[int, list[_Continued]]:
    """Per page: the blocks (paragraphs, list items, table cell text) that began on an earlier
    page, each with where its lines are drawn from and its lines that lie on that page.

    Qt's layout draws the line just above the clip as well (``QTextLayout::draw`` starts at the
    last line that ends above it), so a block continued from the page before was written with
    one line of that page in this page's top margin: clipped, invisible, but text that
    pdftotext, search and screen readers read twice. ``paint_pages`` hides these blocks from the
    layout and draws their lines of the page itself."""
    layout = doc.documentLayout()
    continued: dict[int, list[_Continued]] = {}
    block = doc.begin()
    while block.isValid():
        lines = block.layout()
        count = lines.lineCount() if lines is not None else 0
        if count > 1:
            origin = layout.blockBoundingRect(block).topLeft()
            first = _page(origin.y() + lines.lineAt(0).y() + 0.5, page_height)
            if _page(origin.y() + lines.lineAt(count - 1).y() + 0.5, page_height) != first:
                on_page: dict[int, list[QTextLine]] = {}
                for n in range(count):
                    line = lines.lineAt(n)
                    page = _page(origin.y() + line.y() + 0.5, page_height)
                    if page != first:
                        on_page.setdefault(page, []).append(line)
                for page, page_lines in on_page.items():
                    continued.setdefault(page, []).append((block, origin, page_lines))
        block = block.next()
    return continued


def _draw_page(painter: QPainter, doc: QTextDocument, context: QAbstractTextDocumentLayout.PaintContext,
               continued: list[_Continued]) -> None:
    """Draw one page of ``doc`` (``context.clip``), the blocks continued from the page before by
    their own lines only (see ``_continued_lines``)."""
    layout = doc.documentLayout()
    # hidden only while this page is drawn: the layout skips a hidden block, and the flag alone
    # does not lay the document out again
    for block, _, _ in continued:
        block.setVisible(False)
    try:
        layout.draw(painter, context)
    finally:
        for block, _, _ in continued:
            block.setVisible(True)
    painter.setPen(context.palette.color(QPalette.ColorRole.Text))  # what the layout draws text with
    for block, origin, lines in continued:
        background = block.blockFormat().background()
        if background.style() != Qt.BrushStyle.NoBrush:
            painter.fillRect(layout.blockBoundingRect(block), background)
        for line in lines:
            line.draw(painter, origin)


def paint_pages(device, docs: list[QTextDocument], header: str) -> int:
    """Paint the laid-out report on A4 pages of ``device`` (the PDF writer, or the printer of the
    print preview: the same pages); returns the number of pages."""
    page_w, page_h = 210 * MM, 297 * MM
    left, right = MARGIN_MM["left"] * MM, MARGIN_MM["right"] * MM
    top, bottom = MARGIN_MM["top"] * MM, MARGIN_MM["bottom"] * MM
    body_w, body_h = page_w - left - right, page_h - top - bottom
    sheets = [(doc, n) for doc in docs for n in range(doc.pageCount())]
    pages = len(sheets)
    continued = {id(doc): _continued_lines(doc, body_h) for doc in docs}
    device.setResolution(PDF_DPI)
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("Qt kon het PDF-bestand niet beginnen")
    try:
        scale = device.resolution() / LAYOUT_DPI
        small = QFont("DejaVu Sans")
        small.setPixelSize(round(8 * LAYOUT_DPI / 72))
        for page, (doc, local) in enumerate(sheets):
            if page:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.save()
            clip = QRectF(0, local * body_h, body_w, body_h)
            painter.translate(left, top - local * body_h)
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            # the layout draws every block that touches its clip: the next page's first block
            # starts at this page's bottom edge, so with the edges themselves as clip it was
            # written here too (invisible, clipped, but text pdftotext and screen readers read)
            # into the bottom margin. EDGE inside the edges it is not drawn here at all. A block
            # continued from the page before is drawn by its own lines (``_continued_lines``).
            context.clip = clip.adjusted(0, EDGE, 0, -EDGE)
            _draw_page(painter, doc, context, continued[id(doc)].get(local, []))
            painter.restore()
            painter.setFont(small)
            painter.setPen(QPen(Qt.GlobalColor.black))
            if page and header:
                head = QRectF(left, 10 * MM, body_w, 8 * MM)
                painter.drawText(head, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, header)
                painter.drawLine(left, 18.5 * MM, left + body_w, 18.5 * MM)
            foot = QRectF(left, page_h - bottom + 6 * MM, body_w, 8 * MM)
            painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, "Dienstscan")
            painter.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                             f"Pagina {page + 1} van {pages}")
            painter.restore()
    finally:
        painter.end()
    return pages


def print_preview_pages(html: str, device) -> int:
    """The report's pages on ``device`` (a ``QPrinter`` of the print preview), as ``render_pdf``
    would print them; returns the number of pages."""
    ensure_app()
    docs, keep = _laid_out(html)
    pages = paint_pages(device, docs, header_text(html))
    del docs, keep
    return pages


def write_pdf(html: str, path: Path, *, header: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> int:
    """Print the report HTML to ``path`` (A4 PDF); returns the number of pages.

    The PDF is made in memory first and then saved atomically: a file that cannot be written
    raises ``SaveError`` (Dutch, names the file) and the previous PDF stays whole.
    """
    data, pages = render_pdf(html, header=header, progress=progress)
    atomic_write_bytes(Path(path), data)
    return pages


def svg_to_png(svg: str, *, dpi: int = 200) -> bytes:
    """Render one of our SVG charts to PNG bytes (for the Word report, which has no SVG)."""
    ensure_app()
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize()
    factor = dpi / LAYOUT_DPI
    image = QImage(round(size.width() * factor), round(size.height() * factor), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    dpm = round(dpi / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def write_report_pdf(checklists, assessment, path: Path, *, baseline=None,
                     progress: Callable[[int, int], None] | None = None) -> int:
    """Score the scan, render the management report and print it to ``path``; returns the pages.

    ``baseline``: an earlier scan; the report then has the chapter "Voortgang sinds <datum>".
    ``progress(done, total)``: called per chapter; it may raise to cancel (nothing is written).
    """
    from ..export.report import render_report_html

    return write_pdf(render_report_html(checklists, assessment, baseline=baseline), path, progress=progress)


def write_report(checklists, assessment, path: Path, *, baseline=None, archive: bool = False,
                 progress: Callable[[int, int], None] | None = None) -> None:
    """The report in the format the extension names: .pdf, .html/.htm or .docx (Word, chart as PNG).

    ``dienstscan.operations.write_report`` (the same as ``dienstscan report``) with this module's
    chart pictures, and its Qt print where the tagged PDF cannot be made (``archive``: PDF/A-3a). ``baseline``: an earlier scan, adds the progress chapter in
    every format. ``progress(done, total)`` is called between steps and may raise to cancel before
    anything is written. Raises ``ValueError`` (Dutch) for another extension and ``SaveError``
    (Dutch) when saving fails.
    """
    from ..operations import write_report as write

    write(checklists, assessment, path, baseline=baseline, progress=progress, archive=archive,
          pdf_writer=write_report_pdf, chart_png=svg_to_png)
