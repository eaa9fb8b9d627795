"""Small reusable widgets: an editable text list, an optional Dutch date field (typed or picked), a flow
layout, undo routing.

``route_undo_to_document`` makes Ctrl+Z/Ctrl+Y in a text field reach the application's undo
action instead of the field's own undo, so there is one undo history: the document's.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .contrast import set_sheet
from ..model.typed_date import TypedDateError, format_date, parse_typed_date

DATE_FORMAT = "dd-MM-yyyy"


class _UndoRouter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ShortcutOverride and (
            event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
        ):
            event.ignore()  # not consumed by the field: the window's Ongedaan maken runs
            return True
        return False


_router: _UndoRouter | None = None


def route_undo_to_document(*widgets: QWidget) -> None:
    global _router
    if _router is None:
        _router = _UndoRouter()
    for widget in widgets:
        widget.installEventFilter(_router)
        if hasattr(widget, "setUndoRedoEnabled"):
            widget.setUndoRedoEnabled(False)


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class OptionalDateEdit(QWidget):
    """A date field that may be empty: typed (dd-mm-jjjj and the usual short forms, read by
    ``model.typed_date``), chosen in a calendar (the button, or Alt+Down), or wiped (×).

    A typed date is read when the field is left or Enter is pressed; what cannot be read stays in
    the field, with a Dutch sentence under it saying what is wrong, and the stored date does not
    change. The calendar of an empty field opens on ``default_date`` (the scan's peildatum where
    the page knows it) or today, and is placed so it fits on the screen.
    """

    dateChanged = Signal(object)  # dt.date | None

    def __init__(self, parent: QWidget | None = None, *, name: str = "Datum") -> None:
        super().__init__(parent)
        self._date: dt.date | None = None
        self._name = name
        #: where the calendar of an empty field opens (None: today)
        self.default_date: dt.date | None = None
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("dd-mm-jjjj")
        self.edit.setAccessibleName(name)
        self.edit.setToolTip("Typ een datum als dd-mm-jjjj (bijvoorbeeld 31-12-2027 of 31122027), of kies er een "
                             "in de kalender (Alt+pijl omlaag)")
        width = self.edit.fontMetrics().horizontalAdvance("00-00-00000") + 16
        self.edit.setMinimumWidth(width)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip("Kalender (Alt+pijl omlaag)")
        self.calendar_button.setAccessibleName(f"{name}: kalender")
        self.calendar_button.clicked.connect(self.open_calendar)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("×")
        self.clear_button.setToolTip("Datum wissen")
        self.clear_button.setAccessibleName(f"{name} wissen")
        self.clear_button.clicked.connect(lambda: self.set_date(None, emit=True))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        set_sheet(self.message, "color: #9c0006;")
        self.message.setAccessibleName(f"{name}: melding")
        self.message.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.calendar_button)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.calendar: QCalendarWidget | None = None
        self.edit.editingFinished.connect(self.commit_text)
        self.edit.installEventFilter(self)

    def date(self) -> dt.date | None:
        """The date the field holds (the last one read or set; not a half-typed text)."""
        return self._date

    def set_date(self, value: dt.date | None, *, emit: bool = False) -> None:
        changed = value != self._date
        self._date = value
        self.edit.setText(format_date(value))
        self._show_message(None)
        if emit and changed:
            self.dateChanged.emit(value)

    def error(self) -> str:
        """The message about a text that could not be read ('' when there is none)."""
        return self.message.text() if not self.message.isHidden() else ""

    def _show_message(self, text: str | None) -> None:
        self.message.setText(text or "")
        self.message.setVisible(bool(text))
        set_sheet(self.edit, "QLineEdit { border: 2px solid #9c0006; }" if text else "")

    def commit_text(self) -> bool:
        """Read the typed text; False (and a message) when it is no date. The text stays then."""
        try:
            value = parse_typed_date(self.edit.text())
        except TypedDateError as exc:
            self._show_message(f"{self._name} niet overgenomen: {exc}")
            return False
        self.set_date(value, emit=True)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (watched is self.edit and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.open_calendar()
            return True
        return False

    def open_calendar(self) -> QCalendarWidget:
        """Show the calendar under the field (above it, or moved left, where the screen ends)."""
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            self.calendar.setAccessibleName(f"{self._name}: kalender")
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        try:
            shown = parse_typed_date(self.edit.text()) or self._date
        except TypedDateError:
            shown = self._date
        start = shown or self.default_date or dt.date.today()
        self.calendar.setSelectedDate(to_qdate(start))
        self.calendar.adjustSize()
        self.calendar.show()  # shown first: its frame has its real size only then
        size = self.calendar.frameGeometry().size()
        below = self.edit.mapToGlobal(QPoint(0, self.edit.height()))
        screen = (self.screen() or QApplication.primaryScreen()).availableGeometry()
        x = min(max(below.x(), screen.left()), screen.right() - size.width() + 1)
        y = below.y()
        if y + size.height() > screen.bottom() + 1:
            y = max(screen.top(), self.edit.mapToGlobal(QPoint(0, 0)).y() - size.height())
        self.calendar.move(x, y)
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)
        return self.calendar

    def _picked(self, value: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        self.set_date(from_qdate(value), emit=True)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)


class EditableList(QWidget):
    """A list of short texts the user adds, edits (F2 or double-click) and removes."""

    valuesChanged = Signal(list)

    def __init__(self, name: str, singular: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName(name)
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(70)
        self.add_button = QPushButton("Toevoegen", self)
        self.add_button.setAccessibleName(f"{singular} toevoegen")
        self.add_button.setToolTip(f"Een {singular} toevoegen (Insert)")
        self.remove_button = QPushButton("Verwijderen", self)
        self.remove_button.setAccessibleName(f"{singular} verwijderen")
        self.remove_button.setToolTip(f"De gekozen {singular} verwijderen (Delete)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.list)
        self._loading = False
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_current)
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.installEventFilter(self)
        self._update_buttons()
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Insert:
                self.add_entry()
                return True
            if event.key() == Qt.Key.Key_Delete and self.list.currentItem() is not None:
                self.remove_current()
                return True
        return False

    def values(self) -> list[str]:
        return [self.list.item(i).text().strip() for i in range(self.list.count()) if self.list.item(i).text().strip()]

    def set_values(self, values: list[str]) -> None:
        if values == self.values() and self.list.count() == len(values):
            return
        self._loading = True
        try:
            row = self.list.currentRow()
            self.list.clear()
            for value in values:
                self._append(value)
            if values:
                self.list.setCurrentRow(min(max(row, 0), len(values) - 1))
        finally:
            self._loading = False
        self._update_buttons()

    def _append(self, text: str) -> QListWidgetItem:
        entry = QListWidgetItem(text)
        entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(entry)
        return entry

    def add_entry(self) -> None:
        self._loading = True
        entry = self._append("")
        self._loading = False
        self.list.setCurrentItem(entry)
        self.list.editItem(entry)

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self._update_buttons()
        self.valuesChanged.emit(self.values())

    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        if not self._loading:
            self.valuesChanged.emit(self.values())

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.list.currentItem() is not None)


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps to a new row when the width runs out.

    Used for the answer buttons: six long phase names must not push the page wider than a
    1366 px screen. (After Qt's own Flow Layout example.)
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802 - Qt's name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802 - Qt's name
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt's name
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._do_layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _do_layout(self, rect: QRect, *, apply: bool) -> int:
        x, y, row_height = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint().expandedTo(item.minimumSize())
            if x + hint.width() > rect.right() + 1 and row_height > 0:
                x = rect.x()
                y += row_height + self._spacing
                row_height = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y()


class TwoWayGrid:
    """Widgets of a ``QGridLayout`` in one of two arrangements: wide (side by side) or narrow
    (more rows), so a page reflows instead of running off a small or 200%-scaled screen.

    ``wide`` and ``narrow`` are ``(widget, row, column, row_span, column_span[, alignment])``
    tuples; stretch per column is given with them (``wide_stretch``/``narrow_stretch``).
    """

    def __init__(self, grid: QGridLayout, wide: list[tuple], narrow: list[tuple],
                 wide_stretch: dict[int, int] | None = None, narrow_stretch: dict[int, int] | None = None) -> None:
        self.grid = grid
        self.arrangements = {False: (wide, wide_stretch or {}), True: (narrow, narrow_stretch or {})}
        self.narrow: bool | None = None
        self.set_narrow(False)

    def set_narrow(self, narrow: bool) -> None:
        if narrow == self.narrow:
            return
        self.narrow = narrow
        cells, stretch = self.arrangements[narrow]
        for widget, *_ in cells:
            self.grid.removeWidget(widget)
        for column in range(max(self.grid.columnCount(), 8)):
            self.grid.setColumnStretch(column, stretch.get(column, 0))
        for widget, row, column, rows, columns, *alignment in cells:
            self.grid.addWidget(widget, row, column, rows, columns, *alignment)
