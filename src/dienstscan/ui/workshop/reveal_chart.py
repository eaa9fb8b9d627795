"""The revealed spread on the projector: a bar chart of the room's answers, round against round.

``RevealChart`` draws, per option of the item's scale, one bar per round (round unknown, forms,
quick round of number keys, voorronde, live: ``participation.identity.answers_by_round``) with its
count. Rounds differ by more than colour: the voorronde is hatched, live is solid, forms are
dotted, the quick round cross-hatched, answers of an unknown round (older scans) sparsely dotted,
and the legend names them. The agreed answer (the facilitator's) is marked with a check mark, bold text and a frame.
Under the bars: how much the room differed per round, in a word and as the share of pairs of
participants who answered differently (``scoring.spread.disagreement``). The same text is the
widget's accessible description, for a screen reader.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...participation.identity import ROUND_LABELS, ROUNDS
from ...scoring.spread import disagreement, disagreement_text
from .theme import Palette

_PATTERNS = {"onbekend": Qt.BrushStyle.Dense7Pattern, "formulier": Qt.BrushStyle.Dense5Pattern,
             "snelle_ronde": Qt.BrushStyle.DiagCrossPattern, "voorronde": Qt.BrushStyle.BDiagPattern,
             "live": Qt.BrushStyle.SolidPattern}


def disagreement_line(rounds: dict[str, list[str]]) -> str:
    """'Verschil van mening: Live groot (67% van de paren antwoordde anders) · Voorronde klein (20%)'."""
    parts = []
    for n, round_ in enumerate(r for r in reversed(ROUNDS) if r in rounds):
        share = disagreement(rounds[round_])
        word = disagreement_text(share)
        detail = f"{share:.0%} van de paren antwoordde anders" if n == 0 else f"{share:.0%}"
        parts.append(f"{ROUND_LABELS[round_]} {word} ({detail})")
    return "Verschil van mening: " + " · ".join(parts) if parts else "Nog geen individuele antwoorden"


class RevealChart(QWidget):
    """Bars per option and round; the agreed answer marked; the measure of disagreement below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.options: list[tuple[str, str]] = []
        self.rounds: dict[str, list[str]] = {}
        self.agreed: str | None = None
        self.palette_: Palette | None = None
        self._px = 24

    # ------------------------------------------------------------------ data

    def set_data(self, options: list[tuple[str, str]], rounds: dict[str, list[str]], agreed: str | None,
                 palette: Palette) -> None:
        self.options = list(options)
        self.rounds = {r: list(rounds[r]) for r in ROUNDS if rounds.get(r)}
        self.agreed = agreed
        self.palette_ = palette
        self.setAccessibleName("Spreiding van de individuele antwoorden")
        self.setAccessibleDescription(self.describe())
        self.updateGeometry()
        self.update()

    def set_font_px(self, px: int) -> None:
        self._px = max(10, px)
        self.updateGeometry()
        self.update()

    def count(self, round_: str, option_id: str) -> int:
        return self.rounds.get(round_, []).count(option_id)

    def describe(self) -> str:
        """Everything the chart shows, as text."""
        rows = []
        for option_id, label in self.options:
            counts = ", ".join(f"{ROUND_LABELS[r]} {self.count(r, option_id)}" for r in self.rounds)
            mark = " (vastgesteld antwoord)" if option_id == self.agreed else ""
            rows.append(f"{label}{mark}: {counts}")
        return "; ".join(rows) + ". " + disagreement_line(self.rounds)

    # ------------------------------------------------------------------ geometry

    def _font(self, bold: bool = False, scale: float = 1.0) -> QFont:
        f = QFont()
        f.setPixelSize(max(10, int(self._px * scale)))
        f.setBold(bold)
        return f

    def _row_height(self) -> int:
        bars = max(1, len(self.rounds))
        return max(int(self._px * 1.5), int(bars * self._px * 0.8) + self._px // 2)

    def _measure_height(self, width: int) -> int:
        metrics = QFontMetrics(self._font(bold=True))
        return metrics.boundingRect(0, 0, max(50, width), 100_000, Qt.TextFlag.TextWordWrap,
                                    disagreement_line(self.rounds)).height()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._px * 2 + len(self.options) * self._row_height() + self._px // 3 + self._measure_height(width)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(600, self.heightForWidth(600))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(200, self.heightForWidth(200))

    # ------------------------------------------------------------------ painting

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if self.palette_ is None:
            return
        p = self.palette_
        text, accent = QColor(p.text), QColor(p.accent)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.width()
        # legend: one swatch per round, with its name (pattern and word, not colour alone)
        painter.setFont(self._font(scale=0.85))
        metrics = QFontMetrics(painter.font())
        x, swatch = 0, int(self._px * 0.9)
        legend_y = int(self._px * 0.3)
        painter.setPen(text)
        painter.drawText(0, legend_y + metrics.ascent(), "Individuele antwoorden (anoniem):")
        x = metrics.horizontalAdvance("Individuele antwoorden (anoniem):  ")
        for round_ in self.rounds:
            painter.setBrush(QBrush(accent, _PATTERNS[round_]))
            painter.setPen(QPen(accent, 2))
            painter.drawRect(QRectF(x, legend_y + 2, swatch, swatch))
            x += swatch + self._px // 3
            painter.setPen(text)
            name = f"{ROUND_LABELS[round_]} ({len(self.rounds[round_])})"
            painter.drawText(x, legend_y + metrics.ascent(), name)
            x += metrics.horizontalAdvance(name) + self._px
        # rows: the option's label, then one bar per round
        top = self._px * 2
        label_font, bold_font = self._font(), self._font(bold=True)
        label_width = max((QFontMetrics(bold_font).horizontalAdvance(f"✓ {label}") for _, label in self.options),
                          default=0) + self._px
        label_width = min(label_width, width // 2)
        most = max((self.count(r, o) for r in self.rounds for o, _ in self.options), default=0) or 1
        bar_space = max(10, width - label_width - self._px * 3)
        row_h = self._row_height()
        bar_h = max(6, int((row_h - self._px // 2) / max(1, len(self.rounds))) - 3)
        for n, (option_id, label) in enumerate(self.options):
            y = top + n * row_h
            agreed = option_id == self.agreed
            if agreed:  # the agreed answer: a thick frame around the row, a check mark and bold text
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(accent, max(3, self._px // 8)))
                painter.drawRect(QRectF(1, y + 1, width - 2, row_h - 4))
            painter.setFont(bold_font if agreed else label_font)
            painter.setPen(text)
            shown = f"✓ {label}" if agreed else label
            shown = QFontMetrics(painter.font()).elidedText(shown, Qt.TextElideMode.ElideRight, label_width - self._px // 2)
            painter.drawText(QRectF(self._px // 3, y, label_width, row_h - 4),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown)
            painter.setFont(label_font)
            for k, round_ in enumerate(self.rounds):
                count = self.count(round_, option_id)
                by = y + self._px // 4 + k * (bar_h + 3)
                length = bar_space * count / most
                painter.setPen(QPen(accent, 2))
                painter.setBrush(QBrush(accent, _PATTERNS[round_]))
                if count:
                    painter.drawRect(QRectF(label_width, by, length, bar_h))
                painter.setPen(text)
                painter.setFont(self._font(bold=True, scale=min(0.85, bar_h / self._px)))
                painter.drawText(QRectF(label_width + length + self._px // 4, by, self._px * 3, bar_h),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, str(count))
        # the measure of disagreement
        painter.setFont(self._font(bold=True))
        painter.setPen(text)
        y = top + len(self.options) * row_h + self._px // 3
        painter.drawText(QRectF(0, y, width, self._measure_height(width) + 2), Qt.TextFlag.TextWordWrap,
                         disagreement_line(self.rounds))
        painter.end()
