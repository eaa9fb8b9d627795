"""Charts drawn with QPainter: score bars against benchmark lines, and the Antwoord phase ladder.

The charts only draw what they are given (numbers and Dutch texts from the ``ScoreReport``); they
decide nothing. Nothing is told by colour alone: every bar carries its label and value as text,
norms and references are drawn as different line styles *and* named in text, the current phase
and the ambition are written out. Both charts take keyboard focus (arrow keys choose a bar or a
phase, Enter or Space opens it) and give screen readers one sentence per element.

``BarChart`` keeps each row's drawing as a pixmap while it is shown and repaints only the rows
that changed: the dashboard updates on every answer, and a change above a chart (a line more in a
label) moves it, so Qt asks for the whole chart again while only one or two bars changed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from . import contrast

BAR_COLOUR = QColor("#1f4e79")
BAR_HOVER = QColor("#2e75b6")
TRACK = QColor("#eef1f5")
TRACK_BORDER = QColor("#8a96a3")
TEXT = QColor("#1a1a1a")
MUTED = QColor("#4a4a4a")
LINE_NORM = QColor("#7a1f00")
LINE_REFERENCE = QColor("#222222")
FOCUS = QColor("#0b5cad")
GRID = QColor("#c9d0d8")
ON_BAR = QColor("white")


class ChartColours(NamedTuple):
    bar: QColor
    bar_hover: QColor
    track: QColor
    track_border: QColor
    grid: QColor
    text: QColor
    muted: QColor
    norm: QColor
    reference: QColor
    focus: QColor
    on_bar: QColor  # text on a filled bar, and the halo around a benchmark line


OWN_COLOURS = ChartColours(BAR_COLOUR, BAR_HOVER, TRACK, TRACK_BORDER, GRID, TEXT, MUTED, LINE_NORM,
                           LINE_REFERENCE, FOCUS, ON_BAR)


def chart_colours(palette: QPalette) -> ChartColours:
    """Our colours, or under Windows high contrast the system's: text and lines in the text
    colour, bars in the highlight colour (norm and reference stay apart by line style)."""
    if not contrast.system_high_contrast():
        return OWN_COLOURS
    role = QPalette.ColorRole
    text, window = palette.color(role.WindowText), palette.color(role.Window)
    highlight, on_highlight = palette.color(role.Highlight), palette.color(role.HighlightedText)
    return ChartColours(bar=highlight, bar_hover=highlight, track=window, track_border=text, grid=text,
                        text=text, muted=text, norm=text, reference=text, focus=text, on_bar=on_highlight)


class BenchmarkLine(NamedTuple):
    """A benchmark drawn on a bar: value 0..100, a short text ("top-10: 85%"), norm or reference."""

    value: float
    text: str
    kind: str = "referentie"  # "norm" is drawn solid, "referentie" dashed


class Bar(NamedTuple):
    """One bar: ``key`` is what ``barActivated`` reports (a framework or section id)."""

    key: str
    label: str
    value: float | None  # 0..100; None = no score yet
    value_text: str
    detail: str = ""  # shown after the value: "5 van 8 ingevoerd"
    lines: tuple[BenchmarkLine, ...] = ()
    description: str = ""  # tooltip and screen-reader text (the benchmark sentence)
    headline: bool = False  # the framework's own bar: drawn a little heavier


@dataclass
class _Row:
    bar: Bar
    rect: QRectF  # the whole row
    track: QRectF  # the 0..100 track
    label_lines: list[tuple[float, int, str]] = field(default_factory=list)  # (x, line number, text)


class BarChart(QWidget):
    """Horizontal score bars (0-100%) with benchmark lines; clicking a bar emits its key."""

    barActivated = Signal(str)

    PAD = 8.0

    def __init__(self, parent: QWidget | None = None, *, name: str = "Scores") -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._rows: list[_Row] = []
        self._hover = -1
        self._current = 0
        self._layout_width = -1.0
        #: row index -> (what the row's drawing depends on, the drawing); emptied when hidden
        self._row_cache: dict[int, tuple[tuple, QPixmap]] = {}
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(name)
        self.setMinimumWidth(320)

    # ------------------------------------------------------------------ data

    def set_bars(self, bars: list[Bar]) -> None:
        if bars == self._bars:
            return
        old = [(row.bar, row.rect) for row in self._rows]
        self._bars = list(bars)
        self._current = min(self._current, max(len(bars) - 1, 0))
        self._layout_width = -1.0
        self._relayout()
        self.setAccessibleDescription(" ".join(self.bar_sentence(b) for b in bars))
        if len(old) != len(self._rows) or any(rect != row.rect for (_, rect), row in zip(old, self._rows)):
            self.update()
            return
        for (bar, _), row in zip(old, self._rows):  # same rows in the same places: only what changed
            if bar != row.bar:
                self.update(self._row_area(row))

    def bars(self) -> list[Bar]:
        return list(self._bars)

    @staticmethod
    def bar_sentence(bar: Bar) -> str:
        parts = [f"{bar.label}: {bar.value_text}"]
        if bar.detail:
            parts.append(f"({bar.detail})")
        text = " ".join(parts) + "."
        if bar.description:
            text += " " + bar.description
        return text

    def bar_rect(self, key: str) -> QRectF | None:
        """Where the bar for ``key`` is drawn, in widget coordinates (None for an unknown key)."""
        self._ensure_layout()
        for row in self._rows:
            if row.bar.key == key:
                return QRectF(row.track)
        return None

    # ------------------------------------------------------------------ layout

    def _fonts(self) -> tuple[QFont, QFont]:
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.88, 7.0))
        return bold, small

    def _ensure_layout(self) -> None:
        if self._layout_width != float(self.width()):
            self._relayout()

    def _relayout(self) -> None:
        width = float(max(self.width(), self.minimumWidth()))
        self._layout_width = float(self.width())
        bold, small = self._fonts()
        fm = QFontMetricsF(self.font())
        fm_small = QFontMetricsF(small)
        pad = self.PAD
        track_left = pad + 4.0
        track_right = width - pad - 4.0
        y = pad
        rows: list[_Row] = []
        for bar in self._bars:
            top = y
            y += fm.height() + 8  # label line
            bar_h = fm.height() * (1.25 if bar.headline else 1.0)
            track = QRectF(track_left, y, track_right - track_left, bar_h)
            y += bar_h + 3
            # benchmark labels under the bar, moved to a next line when they would overlap
            label_lines: list[tuple[float, int, str]] = []
            line_ends: list[float] = []
            for line in sorted(bar.lines, key=lambda ln: ln.value):
                x = track.left() + track.width() * max(0.0, min(line.value, 100.0)) / 100.0
                w = fm_small.horizontalAdvance(line.text) + 6
                start = min(max(x - w / 2, track.left()), track.right() - w)
                for index, end in enumerate(line_ends):
                    if start >= end + 6:
                        line_ends[index] = start + w
                        label_lines.append((start, index, line.text))
                        break
                else:
                    line_ends.append(start + w)
                    label_lines.append((start, len(line_ends) - 1, line.text))
            y += len(line_ends) * (fm_small.height() + 1)
            y += pad
            rows.append(_Row(bar, QRectF(0, top, width, y - top), track, label_lines))
        self._rows = rows
        height = int(y + pad) if rows else int(fm.height() + 2 * pad)
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(640, self.height() or 100)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._relayout()
        super().resizeEvent(event)

    # ------------------------------------------------------------------ painting

    @staticmethod
    def _row_area(row: _Row) -> QRect:
        """The whole pixels a row draws in."""
        top = math.floor(row.rect.top())
        return QRect(0, top, math.ceil(row.rect.right()), math.ceil(row.rect.bottom()) - top)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._ensure_layout()
        colours = chart_colours(self.palette())
        painter = QPainter(self)
        if not self._rows:
            painter.setPen(colours.muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Nog geen scores.")
            return
        # what every row's drawing depends on besides its own bar, place, hover and focus
        common = (tuple(c.rgba() for c in colours), self.font().key(), self.devicePixelRatioF())
        focused = self.hasFocus()
        for index in [i for i in self._row_cache if i >= len(self._rows)]:
            del self._row_cache[index]
        for index, row in enumerate(self._rows):
            area = self._row_area(row)
            if not area.intersects(event.rect()):
                continue
            key = (row.bar, row.rect.getRect(), row.track.getRect(), tuple(row.label_lines), index == self._hover,
                   focused and index == self._current, common)
            cached = self._row_cache.get(index)
            if cached is None or cached[0] != key:
                ratio = self.devicePixelRatioF()
                pixmap = QPixmap(math.ceil(area.width() * ratio), math.ceil(area.height() * ratio))
                pixmap.setDevicePixelRatio(ratio)
                pixmap.fill(Qt.GlobalColor.transparent)
                row_painter = QPainter(pixmap)
                row_painter.translate(0, -area.top())
                self._paint_row(row_painter, index, row, colours)
                row_painter.end()
                cached = self._row_cache[index] = (key, pixmap)
            painter.drawPixmap(area.topLeft(), cached[1])

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._row_cache.clear()  # drawn again when shown: no memory held for a hidden chart
        super().hideEvent(event)

    def _paint_row(self, painter: QPainter, index: int, row: _Row, colours: ChartColours) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bold, small = self._fonts()
        fm = QFontMetricsF(self.font())
        fm_small = QFontMetricsF(small)
        bar = row.bar
        track = row.track
        hovered = index == self._hover
        # label line: "Belofte 1: Mensgericht" left, "62%  (5 van 8 ingevoerd)" right
        value_part = bar.value_text + (f"  ({bar.detail})" if bar.detail else "")
        painter.setFont(bold)
        value_w = QFontMetricsF(bold).horizontalAdvance(value_part)
        label_rect = QRectF(track.left(), row.rect.top(), track.width() - value_w - 12, fm.height() + 2)
        painter.setFont(bold if bar.headline else self.font())
        painter.setPen(colours.text)
        label = QFontMetricsF(painter.font()).elidedText(bar.label, Qt.TextElideMode.ElideRight, label_rect.width())
        painter.drawText(label_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
        painter.setFont(bold)
        painter.drawText(QRectF(track.right() - value_w - 2, label_rect.top(), value_w + 2, label_rect.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, value_part)
        # track with quarter marks, then the bar
        painter.setPen(QPen(colours.track_border, 1))
        painter.setBrush(colours.track)
        painter.drawRect(track)
        painter.setPen(QPen(colours.grid, 1, Qt.PenStyle.DotLine))
        for quarter in (25, 50, 75):
            x = track.left() + track.width() * quarter / 100
            painter.drawLine(QPointF(x, track.top() + 1), QPointF(x, track.bottom() - 1))
        if bar.value is not None and bar.value > 0:
            filled = QRectF(track.left(), track.top(), track.width() * min(bar.value, 100.0) / 100.0,
                            track.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.bar_hover if hovered else colours.bar)
            painter.drawRect(filled)
            # the value inside the bar when it fits, so the bar reads without the label line
            painter.setFont(small)
            text_w = fm_small.horizontalAdvance(bar.value_text) + 8
            if filled.width() > text_w:
                painter.setPen(colours.on_bar)
                painter.drawText(filled.adjusted(0, 0, -4, 0),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, bar.value_text)
        # benchmark lines: a norm solid, a reference dashed; both named under the bar
        for line in bar.lines:
            x = track.left() + track.width() * max(0.0, min(line.value, 100.0)) / 100.0
            pen = QPen(colours.norm if line.kind == "norm" else colours.reference, 2.5,
                       Qt.PenStyle.SolidLine if line.kind == "norm" else Qt.PenStyle.DashLine)
            painter.setPen(QPen(colours.track, 4.5))
            painter.drawLine(QPointF(x, track.top() - 3), QPointF(x, track.bottom() + 4))
            painter.setPen(pen)
            painter.drawLine(QPointF(x, track.top() - 3), QPointF(x, track.bottom() + 4))
        painter.setFont(small)
        painter.setPen(colours.muted)
        for start, level, text in row.label_lines:
            top = track.bottom() + 4 + level * (fm_small.height() + 1)
            painter.drawText(QRectF(start, top, fm_small.horizontalAdvance(text) + 6, fm_small.height()),
                             Qt.AlignmentFlag.AlignLeft, text)
        if self.hasFocus() and index == self._current:
            painter.setPen(QPen(colours.focus, 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(row.rect.adjusted(2, 2, -2, -2))

    # ------------------------------------------------------------------ interaction

    def _row_at(self, pos: QPointF) -> int:
        self._ensure_layout()
        for index, row in enumerate(self._rows):
            if row.rect.contains(pos):
                return index
        return -1

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        index = self._row_at(event.position())
        if index != self._hover:
            self._hover = index
            self.setCursor(Qt.CursorShape.PointingHandCursor if index >= 0 else Qt.CursorShape.ArrowCursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._hover = -1
        self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            index = self._row_at(event.position())
            if index >= 0:
                self._current = index
                self.barActivated.emit(self._rows[index].bar.key)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if self._rows and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = 1 if key == Qt.Key.Key_Down else -1
            self._current = max(0, min(len(self._rows) - 1, self._current + step))
            bar = self._rows[self._current].bar
            self.setAccessibleDescription(self.bar_sentence(bar))
            self.update()
            return
        if self._rows and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.barActivated.emit(self._rows[self._current].bar.key)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.update()
        super().focusOutEvent(event)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            index = self._row_at(QPointF(event.pos()))
            if index >= 0:
                QToolTip.showText(event.globalPos(), self.bar_sentence(self._rows[index].bar), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class Phase(NamedTuple):
    level: int
    label: str


class PhaseLadder(QWidget):
    """The five Antwoord phases as steps; the current phase and the ambition written under them."""

    activated = Signal()

    PAD = 8.0

    def __init__(self, parent: QWidget | None = None, *, name: str = "Fase") -> None:
        super().__init__(parent)
        self._phases: list[Phase] = []
        self._current: int | None = None
        self._ambition: int | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(name)
        self.setMinimumWidth(320)
        self._update_height()

    def set_phases(self, phases: list[Phase], current: int | None, ambition: int | None) -> None:
        self._phases = list(phases)
        self._current = current
        self._ambition = ambition
        current_label = next((p.label for p in phases if p.level == current), "nog niet beantwoord")
        ambition_label = next((p.label for p in phases if p.level == ambition), "geen")
        self.setAccessibleDescription(f"Huidige fase: {current_label}. Ambitie: {ambition_label}.")
        self._update_height()
        self.update()

    def _update_height(self) -> None:
        fm = QFontMetricsF(self.font())
        self.setFixedHeight(int(fm.height() * 6.5 + 2 * self.PAD))

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        colours = chart_colours(self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetricsF(self.font())
        if not self._phases:
            return
        n = len(self._phases)
        gap = 6.0
        width = self.width() - 2 * self.PAD
        box_w = (width - gap * (n - 1)) / n
        step = fm.height() * 0.55
        base = self.PAD + fm.height() * 4.2
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.88, 7.0))
        for i, phase in enumerate(self._phases):
            x = self.PAD + i * (box_w + gap)
            top = base - fm.height() * 2.2 - i * step
            box = QRectF(x, top, box_w, base - top)
            reached = self._current is not None and phase.level <= self._current
            is_current = phase.level == self._current
            is_ambition = phase.level == self._ambition
            painter.setBrush(colours.bar if reached else colours.track)
            pen = QPen(colours.norm if is_ambition else colours.track_border, 3 if is_ambition else 1,
                       Qt.PenStyle.DashLine if is_ambition else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.drawRect(box)
            painter.setPen(colours.on_bar if reached else colours.text)
            painter.setFont(bold if is_current else small)
            painter.drawText(box.adjusted(4, 2, -4, -2), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             phase.label)
            # the markers in words, under the step
            marks = []
            if is_current:
                marks.append("▲ U bent hier")
            if is_ambition:
                marks.append("Ambitie")
            painter.setFont(bold)
            painter.setPen(colours.text)
            painter.drawText(QRectF(x, base + 3, box_w, fm.height() * 2.2),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             "\n".join(marks))
        if self.hasFocus():
            painter.setPen(QPen(colours.focus, 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.update()
        super().focusOutEvent(event)
