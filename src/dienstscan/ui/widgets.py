"""Small reusable widgets: an editable text list, an optional Dutch date field, undo routing.

``route_undo_to_document`` makes Ctrl+Z/Ctrl+Y in a text field reach the application's undo
action instead of the field's own undo, so there is one undo history: the document's.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

DATE_FORMAT = "dd-MM-yyyy"
_NO_DATE = QDate(1900, 1, 1)


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
    """A date field (dd-mm-jjjj, calendar popup) that may be empty, with a clear button."""

    dateChanged = Signal(object)  # dt.date | None

    def __init__(self, parent: QWidget | None = None, *, name: str = "Datum") -> None:
        super().__init__(parent)
        self.edit = QDateEdit(self)
        self.edit.setDisplayFormat(DATE_FORMAT)
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(_NO_DATE)
        self.edit.setSpecialValueText("geen datum")
        self.edit.setDate(_NO_DATE)
        self.edit.setAccessibleName(name)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("×")
        self.clear_button.setToolTip("Datum wissen")
        self.clear_button.setAccessibleName(f"{name} wissen")
        self.clear_button.clicked.connect(lambda: self.set_date(None, emit=True))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self._loading = False
        self.edit.dateChanged.connect(self._on_changed)

    def date(self) -> dt.date | None:
        value = self.edit.date()
        return None if value == _NO_DATE else from_qdate(value)

    def set_date(self, value: dt.date | None, *, emit: bool = False) -> None:
        self._loading = not emit
        try:
            self.edit.setDate(to_qdate(value) if value else _NO_DATE)
        finally:
            self._loading = False

    def _on_changed(self, _value: QDate) -> None:
        if not self._loading:
            self.dateChanged.emit(self.date())


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

    def add_text(self, text: str) -> None:
        """Add an entry with text (used by tests and by workshop mode)."""
        self._loading = True
        self._append(text)
        self._loading = False
        self.valuesChanged.emit(self.values())

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
