"""Bar charts as SVG, drawn by our own code, for the printed report (HTML, PDF, Word).

One horizontal bar per row (a framework or a section) on its own scale: a share on a 0–100%
axis, or a growth level on the levels of its scale (``axis_max``, ``tick_step``, ``tick_text``);
the two never share a chart. Built so it cannot be misread, also in black-and-white print:

- the score is the solid bar, and its value sits at the end of that bar (inside it in white when
  it fits, else right of it on a white backing so no line runs through it);
- the *gedeeltelijk* share is a thin hatched bar of its own under the score bar, starting at 0
  with its own label: beside the score, never a continuation of it;
- each benchmark is a dashed line drawn behind the bars (so it never hides where a bar ends),
  sticking out above and below them, with its label and value on a line of its own under the
  bars: labels never collide with each other or with the bars.

The SVG sticks to what SVG Tiny 1.2 (Qt's QSvgRenderer) draws: rect, line, path, text, no patterns,
clip paths or CSS, because the PDF step renders the same SVG with Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from ..common.chart_rows import ScoreRow

#: Dash patterns for up to four benchmarks per row; more repeat the last.
_DASHES = ("6,3", "2,2", "8,3,2,3", "1,3")
_FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
BAR_H = 16
PARTIAL_H = 7


def _attr(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text_width(text: str, size: float) -> float:
    """A safe estimate of the width of bold sans-serif text (DejaVu Sans is wide)."""
    return len(text) * size * 0.62


def _wrap(text: str, width_chars: int, max_lines: int = 3) -> list[str]:
    """Break a label into at most ``max_lines`` lines of about ``width_chars`` characters."""
    words, lines, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width_chars or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, width_chars - 1)].rstrip() + "…"
    return lines or [""]


def _hatch(x: float, y: float, w: float, h: float, step: float = 4.0) -> list[str]:
    """Diagonal lines (45°) inside the rectangle, clipped by computation (no clipPath in Tiny).

    One ``<path>`` of move/line segments, not a ``<line>`` per stroke: the same strokes, but a
    wide bar has a hundred of them and every SVG element costs the PDF printer (WeasyPrint) a
    node to lay out and draw, and the Word/HTML reader an element to parse.
    """
    segments = []
    k = step
    while k < w + h:
        x1, y1 = x + max(0.0, k - h), y + min(h, k)
        x2, y2 = x + min(w, k), y + max(0.0, k - w)
        segments.append(f"M{_attr(x1)} {_attr(y1)}L{_attr(x2)} {_attr(y2)}")
        k += step
    if not segments:
        return []
    return [f'<path d="{"".join(segments)}" fill="none" stroke="#000" stroke-width="0.6"/>']


def _text(x: float, y: float, text: str, size: float = 11, *, anchor: str = "start", bold: bool = False,
          italic: bool = False, fill: str = "#000") -> str:
    style = (' font-weight="bold"' if bold else "") + (' font-style="italic"' if italic else "")
    colour = f' fill="{fill}"' if fill != "#000" else ""
    return (f'<text x="{_attr(x)}" y="{_attr(y)}" font-size="{_attr(size)}" text-anchor="{anchor}"{style}{colour} '
            f'font-family="{_FONT}">{escape(text)}</text>')


def _percent(value: float) -> str:
    return f"{value:g}%"


def bar_chart(rows: list[ScoreRow], *, title: str, width: int = 640, label_width: int = 190,
              axis_max: float = 100, tick_step: float = 20, tick_text: Callable[[float], str] = _percent,
              partial_label: str = "gedeeltelijk") -> str:
    """An SVG document (a string) with one bar per row and its benchmarks, on 0..``axis_max``.

    Size is in CSS pixels; the chart scales with its ``viewBox``.
    """
    font = 11
    plot_x = label_width + 10
    plot_w = width - plot_x - 24
    top = 30

    def x_of(value: float) -> float:
        return plot_x + plot_w * max(0.0, min(axis_max, value)) / axis_max

    back: list[str] = []  # benchmark lines, behind the bars
    body: list[str] = []
    y = top + 14  # room for the axis labels
    for row in rows:
        label_lines = _wrap(row.label, max(8, int(label_width / (font * 0.55))))
        has_partial = row.value is not None and bool(row.partial)
        bars_h = BAR_H + (3 + PARTIAL_H if has_partial else 0)
        marks_h = 13 * len(row.marks)
        row_h = max(bars_h + 6 + marks_h, 13 * len(label_lines) + 2)
        for n, line in enumerate(label_lines):
            body.append(_text(label_width, y + 12 + 13 * n, line, font, anchor="end"))
        if row.value is None:
            body.append(_text(plot_x + 4, y + 12, row.value_text or "geen score", font, italic=True))
        else:
            end = x_of(row.value)
            bw = end - plot_x
            body.append(f'<rect x="{plot_x}" y="{y}" width="{_attr(bw)}" height="{BAR_H}" fill="#404040" '
                        f'stroke="#000" stroke-width="0.8"/>')
            tw = _text_width(row.value_text, font)
            if bw >= tw + 8:  # inside the bar, at its end
                body.append(_text(end - 4, y + 12, row.value_text, font, anchor="end", bold=True, fill="#fff"))
            else:  # right of the bar end, on white so a benchmark line never runs through it
                body.append(f'<rect x="{_attr(end + 2)}" y="{y + 1}" width="{_attr(tw + 4)}" height="{BAR_H - 2}" '
                            'fill="#fff"/>')
                body.append(_text(end + 4, y + 12, row.value_text, font, bold=True))
            if has_partial:
                py = y + BAR_H + 3
                pend = x_of(row.partial or 0.0)
                body.append(f'<rect x="{plot_x}" y="{py}" width="{_attr(pend - plot_x)}" height="{PARTIAL_H}" '
                            'fill="#fff" stroke="#000" stroke-width="0.8"/>')
                body.extend(_hatch(plot_x, py, pend - plot_x, PARTIAL_H, 3.0))
                text = f"{partial_label} {row.partial_text}"
                ptw = _text_width(text, 8.5)
                body.append(f'<rect x="{_attr(pend + 2)}" y="{py - 1}" width="{_attr(ptw + 2)}" height="{PARTIAL_H + 2}" '
                            'fill="#fff"/>')
                body.append(_text(pend + 4, py + PARTIAL_H, text, 8.5))
        for n, mark in enumerate(row.marks):
            mx = x_of(mark.value)
            dash = _DASHES[min(n, len(_DASHES) - 1)]
            ly = y + bars_h + 6 + 13 * n + 10
            back.append(f'<line x1="{_attr(mx)}" y1="{y - 4}" x2="{_attr(mx)}" y2="{_attr(ly - 9)}" stroke="#000" '
                        f'stroke-width="1.4" stroke-dasharray="{dash}"/>')
            text = f"{mark.label}: {mark.value_text}"
            half = _text_width(text, 9) / 2
            anchor, tx = "middle", mx
            if mx - half < 4:
                anchor, tx = "start", max(4.0, mx - 2)
            elif mx + half > width - 4:
                anchor, tx = "end", min(width - 4.0, mx + 2)
            body.append(_text(tx, ly, text, 9, anchor=anchor))
        y += row_h + 10
    height = int(y + 24)
    parts = [_text(width / 2, 16, title, 12, anchor="middle", bold=True)]
    tick = 0.0
    while tick <= axis_max + 1e-9:
        gx = x_of(tick)
        parts.append(f'<line x1="{_attr(gx)}" y1="{top + 10}" x2="{_attr(gx)}" y2="{_attr(y - 4)}" stroke="#b0b0b0" '
                     f'stroke-width="0.5"/>')
        parts.append(_text(gx, top + 6, tick_text(tick), 9, anchor="middle"))
        tick += tick_step
    parts.append(f'<line x1="{plot_x}" y1="{top + 10}" x2="{plot_x}" y2="{_attr(y - 4)}" stroke="#000" '
                 'stroke-width="1"/>')
    parts.extend(back)
    parts.extend(body)
    # legend: what the bar, the thin hatched bar and a dashed line mean
    ly = y + 4
    lx = 10.0
    legend = [f'<rect x="{_attr(lx)}" y="{_attr(ly)}" width="14" height="9" fill="#404040" stroke="#000" '
              'stroke-width="0.8"/>', _text(lx + 18, ly + 8, "score", 9)]
    lx += 56
    if any(r.partial and r.value is not None for r in rows):
        legend.append(f'<rect x="{_attr(lx)}" y="{_attr(ly + 2)}" width="14" height="6" fill="#fff" stroke="#000" '
                      'stroke-width="0.8"/>')
        legend.extend(_hatch(lx, ly + 2, 14, 6, 3.0))
        text = f"{partial_label} (apart, telt niet mee)"
        legend.append(_text(lx + 18, ly + 8, text, 9))
        lx += 18 + _text_width(text, 9) * 0.85 + 12
    if any(r.marks for r in rows):
        legend.append(f'<line x1="{_attr(lx)}" y1="{_attr(ly + 4.5)}" x2="{_attr(lx + 14)}" y2="{_attr(ly + 4.5)}" stroke="#000" '
                      f'stroke-width="1.4" stroke-dasharray="{_DASHES[0]}"/>')
        legend.append(_text(lx + 18, ly + 8, "benchmark (naam en waarde eronder)", 9))
    parts.extend(legend)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}">'
            f'<title>{escape(title)}</title>'
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fff"/>'
            + "".join(parts) + "</svg>")
