"""The closing screen's bars: each framework's score against its benchmarks, large enough for a room.

``ClosingBars`` is the dashboard's ``charts.BarChart`` (a bar per framework, benchmark lines drawn
as solid norms and dashed references, every value and benchmark also written out) with a font
sized for the projector and the colours of the presentation's theme left to the chart (dark on
light, readable in both themes since the chart paints its own light track). The numbers come from
the ``ScoreReport``; nothing is computed here.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from ...scoring import display
from ...scoring.report import ScoreReport
from ..charts import Bar, BarChart
from ..pages.dashboard import benchmark_lines


def framework_bars(report: ScoreReport) -> list[Bar]:
    """One bar per framework in scope, with its benchmark lines and sentence."""
    return [Bar(fw.id, fw.short_title, fw.tally.percentage,
                display.score_text(fw.tally, empty="nog geen score"),
                "", benchmark_lines(fw.comparison), fw.comparison.sentence if fw.comparison else "",
                headline=True)
            for fw in report.frameworks]


class ClosingBars(BarChart):
    """The scores as bars on the closing screen; ``set_report`` and ``set_pixel_size`` from the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, name="Scores tegen de benchmarks")
        self.setObjectName("closingBars")

    def set_report(self, report: ScoreReport) -> None:
        self.set_bars(framework_bars(report))

    def set_pixel_size(self, px: int) -> None:
        """Text ``px`` pixels high (set in points: the chart's benchmark labels are a share of it)."""
        font = QFont(self.font())
        font.setPointSizeF(max(10, px) * 72.0 / max(self.logicalDpiY(), 1))
        if font != self.font():
            self.setFont(font)
            self._relayout()  # the rows' heights follow the font
            self.update()
