"""Icons: the application icon from ``assets/`` and the item-state icons, drawn with QPainter.

State icons differ in shape, not only in colour (empty circle, check mark, warning triangle,
dash), so they read for colour-blind users and in grey-scale print-screens as well.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from ..resources import assets_dir

STATE_LABELS = {
    "unanswered": "nog niet beantwoord",
    "unknown": "antwoord 'Onbekend'",
    "answered": "beantwoord",
    "explanation_missing": "uitleg ontbreekt",
    "out_of_scope": "buiten de scan",
}


@cache
def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("dienstscan.svg", "dienstscan.png"):
        path = assets_dir() / name
        if path.is_file():
            icon.addFile(str(path))
    return icon


def _draw_state(painter: QPainter, state: str, size: float) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    m = size * 0.12
    r = QRectF(m, m, size - 2 * m, size - 2 * m)
    if state == "answered":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#1b7a3a"))
        painter.drawEllipse(r)
        pen = QPen(QColor("white"), size * 0.12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        path = QPainterPath(QPointF(size * 0.3, size * 0.52))
        path.lineTo(size * 0.45, size * 0.67)
        path.lineTo(size * 0.72, size * 0.36)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    elif state == "explanation_missing":
        path = QPainterPath(QPointF(size / 2, m))
        path.lineTo(size - m, size - m)
        path.lineTo(m, size - m)
        path.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#b35900"))
        painter.drawPath(path)
        painter.setPen(QColor("white"))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(6, int(size * 0.55)))
        painter.setFont(font)
        painter.drawText(QRectF(0, size * 0.22, size, size * 0.75), Qt.AlignmentFlag.AlignCenter, "!")
    elif state == "out_of_scope":
        painter.setPen(QPen(QColor("#777777"), size * 0.12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(size * 0.25, size / 2), QPointF(size * 0.75, size / 2))
    elif state == "unknown":  # an open circle with a question mark: answered, but not known
        painter.setPen(QPen(QColor("#5a5a5a"), size * 0.09))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(r.adjusted(size * 0.05, size * 0.05, -size * 0.05, -size * 0.05))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(6, int(size * 0.55)))
        painter.setFont(font)
        painter.setPen(QColor("#5a5a5a"))
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "?")
    else:  # unanswered
        painter.setPen(QPen(QColor("#5a5a5a"), size * 0.09))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(r.adjusted(size * 0.05, size * 0.05, -size * 0.05, -size * 0.05))


@cache
def state_icon(state: str) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        _draw_state(painter, state, float(size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
