"""Bar charts as SVG, drawn by our own code, for the printed report (HTML, PDF, Word).

One horizontal bar per row (a framework or a section) on a 0–100% axis, with the row's
benchmarks as dashed marker lines. Legible in black-and-white print: the score bar is solid dark
grey, the *gedeeltelijk* share beside it is white with diagonal hatching drawn as lines, every
bar carries its value as text and every marker its label and value, so nothing depends on colour.

The SVG sticks to what SVG Tiny 1.2 (Qt's QSvgRenderer) draws: rect, line, text, no patterns,
clip paths or CSS, because the PDF step renders the same SVG with Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

#: Dash patterns for up to four markers per row; more repeat the last.
_DASHES = ("6,3", "2,2", "8,3,2,3", "1,3")
_FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"


@dataclass(frozen=True)
class Marker:
    """A benchmark line: its label (``de top-10 gemeenten``) and value (0..100)."""

    label: str
    value: float
    value_text: str


@dataclass(frozen=True)
class ChartRow:
    """One bar: label, score (0..100 or None = no score), partial share beside it, markers."""

    label: str
    value: float | None
    value_text: str
    partial: float | None = None
    partial_text: str = ""
    markers: list[Marker] = field(default_factory=list)


def _attr(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text_width(text: str, size: float) -> float:
    """A safe estimate of the width of bold sans-serif text (DejaVu Sans is wide)."""
    return len(text) * size * 0.62


def _wrap(text: str, width_chars: int, max_lines: int = 2) -> list[str]:
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


def _hatch(x: float, y: float, w: float, h: float, step: float = 5.0) -> list[str]:
    """Diagonal lines (45°) inside the rectangle, clipped by computation (no clipPath in Tiny)."""
    lines = []
    k = step
    while k < w + h:
        # the line x + (y_end - y) = x + k, from the bottom-left towards the top-right
        x1, y1 = x + max(0.0, k - h), y + min(h, k)
        x2, y2 = x + min(w, k), y + max(0.0, k - w)
        lines.append(f'<line x1="{_attr(x1)}" y1="{_attr(y1)}" x2="{_attr(x2)}" y2="{_attr(y2)}" '
                     f'stroke="#000" stroke-width="0.6"/>')
        k += step
    return lines


def bar_chart(rows: list[ChartRow], *, title: str, width: int = 640, label_width: int = 190,
              show_partial_legend: bool | None = None) -> str:
    """An SVG document (a string) with one bar per row and its benchmark markers.

    Size is in CSS pixels; the chart scales with its ``viewBox``.
    """
    font = 11
    bar_h = 16
    plot_x = label_width + 10
    plot_w = width - plot_x - 40
    top = 30
    parts: list[str] = []
    y = top + 14  # room for the axis labels
    body: list[str] = []
    for row in rows:
        label_lines = _wrap(row.label, max(8, int(label_width / (font * 0.55))))
        marker_h = 13 * len(row.markers)
        row_h = max(bar_h + 6 + marker_h, 14 * len(label_lines) + 4)
        for n, line in enumerate(label_lines):
            body.append(f'<text x="{label_width}" y="{_attr(y + 12 + 13 * n)}" font-size="{font}" '
                        f'text-anchor="end" font-family="{_FONT}">{escape(line)}</text>')
        bx = plot_x
        if row.value is None:
            body.append(f'<text x="{bx + 4}" y="{_attr(y + 12)}" font-size="{font}" font-style="italic" '
                        f'font-family="{_FONT}">{escape(row.value_text or "geen score")}</text>')
        else:
            bw = plot_w * max(0.0, min(100.0, row.value)) / 100
            body.append(f'<rect x="{bx}" y="{y}" width="{_attr(bw)}" height="{bar_h}" fill="#404040" '
                        f'stroke="#000" stroke-width="0.8"/>')
            end = bx + bw
            if row.partial:
                pw = plot_w * max(0.0, min(100.0 - row.value, row.partial)) / 100
                body.append(f'<rect x="{_attr(end)}" y="{y}" width="{_attr(pw)}" height="{bar_h}" fill="#fff" '
                            f'stroke="#000" stroke-width="0.8"/>')
                body.extend(_hatch(end, y, pw, bar_h))
                end += pw
            # the value sits right of the bars; the partial share joins it when there is room.
            # When even the value does not fit (bars nearly full) it goes inside the solid score
            # bar in white, never over the hatching.
            long = row.value_text + (f" (+{row.partial_text} gedeeltelijk)" if row.partial else "")
            fits = [t for t in (long, row.value_text) if end + 6 + _text_width(t, font) <= width]
            if fits:
                body.append(f'<text x="{_attr(end + 4)}" y="{_attr(y + 12)}" font-size="{font}" font-weight="bold" '
                            f'font-family="{_FONT}">{escape(fits[0])}</text>')
            else:
                body.append(f'<text x="{_attr(bx + bw - 3)}" y="{_attr(y + 12)}" font-size="{font}" '
                            f'font-weight="bold" text-anchor="end" fill="#fff" '
                            f'font-family="{_FONT}">{escape(row.value_text)}</text>')
        for n, marker in enumerate(row.markers):
            mx = plot_x + plot_w * max(0.0, min(100.0, marker.value)) / 100
            dash = _DASHES[min(n, len(_DASHES) - 1)]
            ly = y + bar_h + 6 + 13 * n + 10
            body.append(f'<line x1="{_attr(mx)}" y1="{y - 3}" x2="{_attr(mx)}" y2="{_attr(ly - 9)}" stroke="#000" '
                        f'stroke-width="1.4" stroke-dasharray="{dash}"/>')
            text = f"{marker.label}: {marker.value_text}"
            anchor, tx = "middle", mx
            half = len(text) * 9 * 0.55 / 2
            if mx - half < plot_x - 5:
                anchor, tx = "start", mx - 2
            elif mx + half > width - 2:
                anchor, tx = "end", mx + 2
            body.append(f'<text x="{_attr(tx)}" y="{_attr(ly)}" font-size="9" text-anchor="{anchor}" '
                        f'font-family="{_FONT}">{escape(text)}</text>')
        y += row_h + 8
    height = int(y + 28)
    # axis with gridlines every 20%
    parts.append(f'<text x="{width / 2:.0f}" y="16" font-size="12" font-weight="bold" text-anchor="middle" '
                 f'font-family="{_FONT}">{escape(title)}</text>')
    for pct in range(0, 101, 20):
        gx = plot_x + plot_w * pct / 100
        parts.append(f'<line x1="{_attr(gx)}" y1="{top + 10}" x2="{_attr(gx)}" y2="{_attr(y - 4)}" stroke="#b0b0b0" '
                     f'stroke-width="0.5"/>')
        parts.append(f'<text x="{_attr(gx)}" y="{top + 6}" font-size="9" text-anchor="middle" '
                     f'font-family="{_FONT}">{pct}%</text>')
    parts.append(f'<line x1="{plot_x}" y1="{top + 10}" x2="{plot_x}" y2="{_attr(y - 4)}" stroke="#000" stroke-width="1"/>')
    parts.extend(body)
    # legend: what the bar, the hatching and a dashed line mean
    partial = show_partial_legend if show_partial_legend is not None else any(r.partial for r in rows)
    ly = y + 8
    legend = [f'<rect x="{plot_x}" y="{_attr(ly)}" width="14" height="9" fill="#404040" stroke="#000" stroke-width="0.8"/>',
              f'<text x="{plot_x + 18}" y="{_attr(ly + 8)}" font-size="9" font-family="{_FONT}">score</text>']
    lx = plot_x + 60
    if partial:
        legend.append(f'<rect x="{lx}" y="{_attr(ly)}" width="14" height="9" fill="#fff" stroke="#000" stroke-width="0.8"/>')
        legend.extend(_hatch(lx, ly, 14, 9, 3.5))
        legend.append(f'<text x="{lx + 18}" y="{_attr(ly + 8)}" font-size="9" font-family="{_FONT}">'
                      'gedeeltelijk (telt niet mee)</text>')
        lx += 150
    if any(r.markers for r in rows):
        legend.append(f'<line x1="{lx}" y1="{_attr(ly + 4.5)}" x2="{lx + 14}" y2="{_attr(ly + 4.5)}" stroke="#000" '
                      f'stroke-width="1.4" stroke-dasharray="{_DASHES[0]}"/>')
        legend.append(f'<text x="{lx + 18}" y="{_attr(ly + 8)}" font-size="9" font-family="{_FONT}">'
                      'benchmark (label en waarde eronder)</text>')
    parts.extend(legend)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}">'
            f'<title>{escape(title)}</title>'
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fff"/>'
            + "".join(parts) + "</svg>")
