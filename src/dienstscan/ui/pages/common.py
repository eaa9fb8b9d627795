"""Shared bits of the pages: headings, wrapped labels, a scroll area that never scrolls sideways."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFont, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QStyle,
    QStyleOptionGroupBox,
    QStylePainter,
    QWidget,
)

from .. import contrast

_SELECT = Qt.TextInteractionFlag.TextSelectableByMouse


class SelectableLabel(QLabel):
    """A wrapped label whose text can be selected with the mouse (to copy a sentence), from the
    moment the mouse first comes over it, and that remembers its height per width.

    Selection: a selectable QLabel lays its text out through a QTextDocument, a plain one with
    QTextLayout, about ten times cheaper. For the some forty labels of the dashboard that was a
    tenth of a cold start, for a selection few people make. Both draw the same pixels at the same
    height (``tests/ui/test_pages_common.py`` compares them), so switching on the first hover
    shows nothing, and the mouse is on the label before any selection can start.

    Height: Qt's layouts ask a wrapped label its height for a width some twenty times while a
    page is shown (at a handful of widths), and QLabel lays the whole text out each time. The
    answer only changes with the content (text, number, picture, ``clear``), its format or
    wrapping, or a change event (font, style, margins), which all empty the memory.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._heights: dict[int, int] = {}

    def enterEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if not self.textInteractionFlags() & _SELECT:
            self.setTextInteractionFlags(self.textInteractionFlags() | _SELECT)
        super().enterEvent(event)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        if text != self.text():
            self._heights.clear()
        super().setText(text)

    def clear(self) -> None:
        self._heights.clear()
        super().clear()

    def setNum(self, number) -> None:  # noqa: N802 - Qt's name
        self._heights.clear()
        super().setNum(number)

    def setPixmap(self, pixmap) -> None:  # noqa: N802 - Qt's name
        self._heights.clear()
        super().setPixmap(pixmap)

    def setTextFormat(self, text_format: Qt.TextFormat) -> None:  # noqa: N802 - Qt's name
        self._heights.clear()
        super().setTextFormat(text_format)

    def setWordWrap(self, on: bool) -> None:  # noqa: N802 - Qt's name
        self._heights.clear()
        super().setWordWrap(on)

    def setContentsMargins(self, *margins) -> None:  # noqa: N802 - Qt's name
        self._heights.clear()
        super().setContentsMargins(*margins)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        self._heights.clear()
        super().changeEvent(event)


class CachedGroupBox(QGroupBox):
    """A group box whose frame and title are drawn by the style once and copied after that.

    The style draws a large group box slowly (Fusion stretches a half-transparent picture over the
    whole box: some 2 ms for a dashboard block at 1920x1080, more on a busy machine), and a box is
    drawn again whenever something in it moves or it grows by a line. So the style draws the box
    once at a small height, in a pixmap: the rows above the contents (frame and title), the rows
    below them, and in between rows that are all the same when the style draws a frame like
    every style does. Those pieces are copied at any height: the middle row repeated. When the
    style's middle rows differ (a gradient over the height, say) or the screen's scale is not a
    whole number, the box is drawn whole in a pixmap per size instead; either way the pixels are
    the style's own (``tests/ui/test_dashboard_speed.py`` compares them). A width, title, font,
    palette or style change draws again; a hidden box keeps nothing.
    """

    #: How many identical middle rows the small drawing has (also the height of the repeated strip).
    STRIP = 16

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        #: (key, (top, strip, bottom) in logical pixels' pixmaps, or None when they cannot be used)
        self._slices: tuple[tuple, tuple[QPixmap, QPixmap, QPixmap] | None] | None = None
        self._whole: tuple[tuple, QPixmap] | None = None

    def _draw_frame(self, width: int, height: int, ratio: float) -> QPixmap:
        """The style's drawing of this box at ``width`` x ``height``, in a transparent pixmap."""
        pixmap = QPixmap(round(width * ratio), round(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QStylePainter(pixmap, self)
        # as a painter on the widget itself starts: the widget's font and text colour
        painter.setFont(self.font())
        painter.setPen(self.palette().color(self.foregroundRole()))
        option = QStyleOptionGroupBox()
        self.initStyleOption(option)
        option.rect = QRect(0, 0, width, height)
        painter.drawComplexControl(QStyle.ComplexControl.CC_GroupBox, option)
        painter.end()
        return pixmap

    def _edges(self) -> tuple[int, int]:
        """Logical pixels above and below the contents that the frame may draw in."""
        contents = self.contentsRect()
        return contents.top() + 2, self.height() - contents.bottom() + 2

    def _sliced(self, key: tuple, ratio: float) -> tuple[QPixmap, QPixmap, QPixmap] | None:
        if self._slices is not None and self._slices[0] == key:
            return self._slices[1]
        pieces = None
        if ratio == int(ratio):
            top, bottom = self._edges()
            small = self._draw_frame(self.width(), top + self.STRIP + bottom, ratio)
            image = small.toImage()
            line = image.bytesPerLine()
            data = bytes(image.constBits())
            first = int(top * ratio)
            rows = [data[r * line:(r + 1) * line] for r in range(first, int((top + self.STRIP) * ratio))]
            if all(row == rows[0] for row in rows):
                width = small.width()
                pieces = tuple(small.copy(QRect(0, int(y * ratio), width, int(h * ratio)))
                               for y, h in ((0, top), (top, self.STRIP), (top + self.STRIP, bottom)))
                for piece in pieces:
                    piece.setDevicePixelRatio(ratio)
        self._slices = (key, pieces)
        return pieces

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        ratio = self.devicePixelRatioF()
        key = (self.width(), ratio, self.title(), self.hasFocus(), self.isChecked(), self._edges())
        top_h, bottom_h = self._edges()
        pieces = self._sliced(key, ratio) if self.height() >= top_h + bottom_h else None
        painter = QPainter(self)  # Qt clips it to what needs drawing
        if pieces is not None:
            top, strip, bottom = pieces
            painter.drawPixmap(0, 0, top)
            painter.drawTiledPixmap(QRect(0, top_h, self.width(), self.height() - top_h - bottom_h), strip)
            painter.drawPixmap(0, self.height() - bottom_h, bottom)
            return
        whole_key = (key, self.height())
        if self._whole is None or self._whole[0] != whole_key:
            self._whole = (whole_key, self._draw_frame(self.width(), self.height(), ratio))
        painter.drawPixmap(0, 0, self._whole[1])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        self._slices = self._whole = None  # font, palette, style, enabled: drawn again
        super().changeEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._slices = self._whole = None  # no memory held for a hidden box
        super().hideEvent(event)


def heading(text: str = "", *, size: float = 1.45, bold: bool = True) -> QLabel:
    label = SelectableLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * size)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def text_label(text: str = "", *, muted: bool = False) -> QLabel:
    label = SelectableLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if muted:
        # a fixed dark grey: palette(mid) is too light for body text on white (contrast < 4.5:1);
        # under high contrast the system's text colour (contrast.set_sheet)
        contrast.set_sheet(label, "color: #4a4a4a;")
    return label


#: Below this width (logical pixels) a page goes over more rows: at 200% scaling a 1366x768
#: screen is 683 logical pixels wide, and a page gets some 475 of them beside the navigation.
NARROW_PAGE = 720


def is_narrow(widget: QWidget, width: int) -> bool:
    """Whether ``widget`` (a page) at ``width`` should use its narrow layout."""
    return width < NARROW_PAGE


class NarrowLayout:
    """Mixin (before ``QWidget``) for a page with a narrow layout: ``set_narrow(narrow)`` is called
    whenever the page is resized or shown, with ``is_narrow`` deciding."""

    def set_narrow(self, narrow: bool) -> None:
        raise NotImplementedError

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.set_narrow(is_narrow(self, event.size().width()))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.set_narrow(is_narrow(self, self.width()))


def bold_label(text: str) -> QLabel:
    label = SelectableLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def vertical_scroll(content: QWidget, name: str = "Inhoud van de pagina") -> QScrollArea:
    """``content`` in a scroll area that Tab reaches (arrow keys scroll it), named for screen readers."""
    area = QScrollArea()
    area.setAccessibleName(name)
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class RefreshWhenShown:
    """Mixin (before ``QWidget``) for pages that redraw from the document on every change.

    A visible page refreshes at once; a hidden one only marks itself stale and catches up when
    it is shown, so edits on one page do not make every other page redraw. The page connects
    ``doc.changed`` to ``_on_changed`` and implements ``refresh()``, which clears ``_stale``.
    """

    _stale = True

    def refresh(self) -> None:
        raise NotImplementedError

    def _on_changed(self, _key: str) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._stale:
            self.refresh()
        super().showEvent(event)
