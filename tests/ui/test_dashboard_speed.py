"""What the dashboard keeps between answers draws the same pixels as drawing it anew (issue 28).

The dashboard keeps drawings to stay within a frame per answer at 1920x1080
(``benchmarks/bench_dashboard.py`` measures that; no test here measures time): the group boxes'
frames (``CachedGroupBox``), the bar chart's rows, and the page's height while it is shown. These
tests check that nothing kept is ever stale: the pixels on the screen after answers equal those
of a dashboard made for the new answers, and only what changed is drawn again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QVBoxLayout, QWidget

from dienstscan.storage import load_scan
from dienstscan.ui.charts import Bar, BarChart, BenchmarkLine
from dienstscan.ui.document import ScanDocument
from dienstscan.ui.pages.common import CachedGroupBox
from dienstscan.ui.pages.dashboard import DashboardPage

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "gemeente-voorbeeld.dienstscan"


def on_screen(widget: QWidget) -> QImage:
    """What the window's backing store holds (the offscreen screen grabs it): the pixels as they
    were painted bit by bit, unlike ``grab()``, which draws the widget anew."""
    return widget.screen().grabWindow(widget.winId()).toImage()


class PaintRects(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.rects = []

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())
        return False


def boxes(qtbot, cls, width: int, height: int) -> QWidget:
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    box = cls("Burgerservicecode")
    QVBoxLayout(box).addWidget(QLabel("Score: 62% (5 van 8 normen volledig)"))
    layout.addWidget(box)
    holder.resize(width, height)
    holder.show()
    qtbot.waitExposed(holder)
    return holder


@pytest.mark.parametrize("width", [360, 1100])
def test_cached_group_box_draws_what_the_style_draws_at_every_height(qtbot, width):
    cached = boxes(qtbot, CachedGroupBox, width, 70)
    box = cached.findChild(CachedGroupBox)
    for height in (70, 71, 95, 160, 333, 640, 90):  # one box resized, against a new QGroupBox each time
        cached.resize(width, height)
        cached.layout().activate()
        plain = boxes(qtbot, QGroupBox, width, height)
        assert plain.findChild(QGroupBox).size() == box.size()
        assert cached.grab().toImage() == plain.grab().toImage(), f"{width}x{height}"
    assert box._slices is not None and box._slices[1] is not None  # drawn in pieces, not whole per size


def test_cached_group_box_draws_again_when_its_title_or_font_changes(qtbot):
    cached = boxes(qtbot, CachedGroupBox, 600, 200)
    box = cached.findChild(CachedGroupBox)
    cached.grab()
    box.setTitle("5 beloften")
    font = box.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    box.setFont(font)
    plain = boxes(qtbot, QGroupBox, 600, 200)
    plain_box = plain.findChild(QGroupBox)
    plain_box.setTitle("5 beloften")
    plain_box.setFont(font)
    for holder in (cached, plain):
        holder.layout().activate()
        holder.findChild(QGroupBox).layout().activate()
    assert box.geometry() == plain_box.geometry()
    assert cached.grab().toImage() == plain.grab().toImage()


BARS = [
    Bar("5B", "5 beloften: totaal", 62.0, "62%", "5 van 8 ingevoerd",
        (BenchmarkLine(85, "top-10: 85%"), BenchmarkLine(50, "norm: 50%", "norm")), headline=True),
    Bar("5B-1", "Belofte 1: Mensgericht", 40.0, "40%", "2 van 5"),
    Bar("5B-2", "Belofte 2: Digitaal", None, "nog geen score"),
    Bar("5B-3", "Belofte 3: Samen", 100.0, "100%", "3 van 3", (BenchmarkLine(70, "Bergen: 70%"),)),
]


def chart(qtbot, bars: list[Bar], *, focusable: bool = False) -> BarChart:
    """A chart in a window of its own, all that showing it asked for drawn; without focus unless
    ``focusable`` (windows shown one after another take the focus from each other)."""
    widget = BarChart(name="Scores")
    if not focusable:
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    qtbot.addWidget(widget)
    widget.resize(700, 100)
    widget.set_bars(bars)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    return widget


def test_bar_chart_draws_only_the_changed_row_and_that_as_a_new_chart_would(qtbot):
    live = chart(qtbot, BARS)
    rects = PaintRects()
    live.installEventFilter(rects)
    changed = list(BARS)
    changed[1] = changed[1]._replace(value=60.0, value_text="60%", detail="3 van 5")
    live.set_bars(changed)
    qtbot.waitUntil(lambda: len(rects.rects) > 0)
    row = live.bar_rect("5B-1")
    assert len(rects.rects) == 1
    painted = rects.rects[0]
    assert painted.top() <= row.top() and painted.bottom() >= row.bottom()
    assert painted.height() < live.height() / 2  # the other rows are left as they are on the screen
    after = on_screen(live)
    assert after == on_screen(chart(qtbot, changed))


def focus(qtbot, widget: QWidget) -> None:
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_bar_chart_hover_and_focus_drawn_as_a_new_chart_would(qtbot):
    live = chart(qtbot, BARS, focusable=True)
    live.grab()
    focus(qtbot, live)
    qtbot.keyClick(live, Qt.Key.Key_Down)
    qtbot.mouseMove(live, live.bar_rect("5B-3").center().toPoint())
    qtbot.waitUntil(lambda: live._hover == 3)
    assert live._current == 1
    with_focus = live.grab().toImage()
    fresh = chart(qtbot, BARS, focusable=True)
    fresh._current, fresh._hover = live._current, live._hover
    focus(qtbot, fresh)
    assert with_focus == fresh.grab().toImage()
    fresh.clearFocus()
    live.clearFocus()
    assert live.grab().toImage() == fresh.grab().toImage() != with_focus
    live.set_bars(BARS[:2])  # fewer rows: nothing of the old rows stays drawn
    live._hover = -1
    assert live.grab().toImage() == chart(qtbot, BARS[:2]).grab().toImage()


@pytest.fixture
def example_doc(qtbot, real_checklists):
    document = ScanDocument(real_checklists, load_scan(EXAMPLE), unsaved=True)
    yield document
    document.undo_stack.setClean()
    document.close()


def dashboard(qtbot, doc) -> DashboardPage:
    page = DashboardPage(doc)
    qtbot.addWidget(page)
    page.resize(1590, 1020)  # the page at 1920x1080 beside the navigation
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()  # the layout settled and drawn
    return page


def visible_part(page: DashboardPage) -> QImage:
    """The page on the screen without the scroll bar (whose range may differ, see below)."""
    viewport = page.content.parentWidget()
    return on_screen(page).copy(0, 0, viewport.width(), viewport.height())


def test_the_dashboard_on_screen_after_answers_equals_a_new_one(qtbot, example_doc):
    doc = example_doc
    page = dashboard(qtbot, doc)
    # answers that add and take away lines (a missing explanation, a partial line) and change bars
    for item_id, option in [("5B-4.08", "nvt"), ("5B-2.01", "gedeeltelijk"), ("BSC-08", "niet"),
                            ("5B-4.08", "ingevoerd"), ("ANT-FASE", "fase-4")]:
        option_ids = [o.id for o in doc.checklists.scale_for(item_id).options]
        assert option in option_ids, (item_id, option_ids)
        doc.set_option(item_id, option)
        qtbot.wait(1)  # the event loop's own pending work: layout and painting
    qtbot.waitUntil(lambda: not page.content.layout().geometry().isNull())
    fresh = dashboard(qtbot, doc)
    qtbot.waitUntil(lambda: visible_part(page) == visible_part(fresh), timeout=10_000)


def test_the_page_keeps_its_height_while_shown_and_fits_again_when_shown_anew(qtbot, example_doc):
    doc = example_doc
    page = dashboard(qtbot, doc)
    scroll_bar = page.content.parentWidget().parentWidget().verticalScrollBar()
    first = page.content.height()
    assert doc.assessment.answers["5B-4.08"].option == "niet"
    doc.set_option("5B-4.08", "nvt")  # asks for an explanation that is missing: lines more
    qtbot.waitUntil(lambda: page.content.height() > first)
    tall, top_range = page.content.height(), scroll_bar.maximum()
    doc.set_option("5B-4.08", "niet")  # and they go again
    fresh = dashboard(qtbot, doc)  # what the page needs now
    assert fresh.content.height() == first < tall
    QApplication.processEvents()
    assert page.content.height() == tall and scroll_bar.maximum() == top_range
    page.hide()
    page.show()
    qtbot.waitUntil(lambda: page.content.height() == first)
