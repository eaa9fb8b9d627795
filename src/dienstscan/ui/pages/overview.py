"""Overview pages: a section with its items at a glance, and a framework with its sections.

Both show a table; Enter or a double-click on a row opens that item or section (``openItem``).
The framework page also switches the framework in or out of the scan (undoable).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...model.checklist import Item
from ...scoring.dutch import plural
from ..cycle_widgets import ConfirmSectionBar
from ..document import ScanDocument
from ..icons import STATE_LABELS, state_icon
from ..navigation import counts_text
from .common import heading, text_label, vertical_scroll

_ID_ROLE = Qt.ItemDataRole.UserRole


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return table


def _cell(text: str, row_id: str) -> QTableWidgetItem:
    cell = QTableWidgetItem(text)
    cell.setData(_ID_ROLE, row_id)
    cell.setToolTip(text)
    return cell


class _OverviewPage(QWidget):
    openItem = Signal(str)

    def __init__(self, doc: ScanDocument, headers: list[str], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.node_id: str | None = None
        self.title = heading()
        self.description = text_label()
        self.summary = text_label(muted=True)
        self.table = _table(headers, name)
        # In a scroll area: in a short window (200% scaling on 1366x768) the long description and
        # the table scroll together instead of being squeezed until their text is cut off.
        self.table.setMinimumHeight(180)
        content = QWidget(self)
        self.layout_ = QVBoxLayout(content)
        self.layout_.setContentsMargins(18, 12, 18, 12)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.description)
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(self.table, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = vertical_scroll(content, "Overzicht")
        outer.addWidget(self.scroll)
        self.table.activated.connect(self._activated)
        self.table.cellDoubleClicked.connect(lambda row, _col: self._open_row(row))
        doc.changed.connect(self._on_changed)

    def _activated(self, index) -> None:
        self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        cell = self.table.item(row, 0)
        if cell is not None:
            self.openItem.emit(cell.data(_ID_ROLE))

    def _on_changed(self, _key: str) -> None:
        if self.node_id is not None and self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.node_id is not None:
            self.refresh()  # changes made while hidden
        super().showEvent(event)

    def refresh(self) -> None:
        raise NotImplementedError

    def _item_row(self, row: int, item: Item) -> None:
        answer = self.doc.answer(item.id)
        scale = self.doc.checklists.scale_for(item.id)
        option = scale.option(answer.option) if answer and answer.option else None
        state = self.doc.item_state(item.id)
        first = _cell(item.id, item.id)
        first.setIcon(state_icon(state))
        self.table.setItem(row, 0, first)
        self.table.setItem(row, 1, _cell(item.text, item.id))
        self.table.setItem(row, 2, _cell(option.label if option else "—", item.id))
        self.table.setItem(row, 3, _cell(STATE_LABELS[state].capitalize(), item.id))

    def select_first(self) -> None:
        if self.table.rowCount():
            self.table.setCurrentCell(0, 0)


class SectionPage(_OverviewPage):
    """A section (belofte, bouwsteen) with its items, answers and states."""

    def __init__(self, doc: ScanDocument, parent: QWidget | None = None) -> None:
        super().__init__(doc, ["Nr.", "Item", "Antwoord", "Status"], "Items van dit onderdeel", parent)
        #: "n te bevestigen" while answers copied from the previous scan wait for confirmation.
        self.confirm_bar = ConfirmSectionBar(doc, self._confirm_section, self)
        self.layout_.insertWidget(self.layout_.indexOf(self.table), self.confirm_bar)

    def _confirm_section(self, section_id: str) -> object:
        from ..cycle_dialogs import confirm_previous_answers  # on first use, not for the first window

        return confirm_previous_answers(self, self.doc, section_id)

    def show_section(self, section_id: str) -> None:
        self.node_id = section_id
        self.refresh()
        self.confirm_bar.set_section(section_id)
        self.select_first()

    def refresh(self) -> None:
        section = self.doc.checklists.section(self.node_id)
        fw = next(f for f in self.doc.checklists.frameworks if any(s.id == section.id for s in f.sections))
        self.title.setText(section.heading(fw.section_label))
        self.table.setHorizontalHeaderItem(1, QTableWidgetItem(fw.item_label))
        self.description.setText(section.description)
        self.description.setVisible(bool(section.description))
        counts = self.doc.counts().get(section.id)
        label = f"{fw.section_label} van {fw.title}"
        self.summary.setText(f"{label}  ·  {counts_text(counts)}" if counts else label)
        self.table.setRowCount(len(section.items))
        for row, item in enumerate(section.items):
            self._item_row(row, item)
        self.table.resizeRowsToContents()


class FrameworkPage(_OverviewPage):
    """A framework: its description and source, in or out of the scan, its sections and items."""

    def __init__(self, doc: ScanDocument, parent: QWidget | None = None) -> None:
        super().__init__(doc, ["Nr.", "Onderdeel", "Voortgang", "Status"], "Onderdelen van dit kader", parent)
        self.in_scope = QCheckBox("Dit kader hoort bij de &scan", self)
        self.in_scope.setToolTip("Zet een kader aan of uit; uit betekent: het telt niet mee in scores en plan.")
        self.layout_.insertWidget(3, self.in_scope)
        QWidget.setTabOrder(self.in_scope, self.table)  # read above the table, so reached before it
        self.in_scope.toggled.connect(self._scope_toggled)
        self._loading = False

    def show_framework(self, framework_id: str) -> None:
        self.node_id = framework_id
        self.refresh()
        self.select_first()

    def _scope_toggled(self, checked: bool) -> None:
        if not self._loading and self.node_id is not None:
            self.doc.set_framework_in_scope(self.node_id, checked)

    def refresh(self) -> None:
        fw = self.doc.checklists.framework(self.node_id)
        counts = self.doc.counts()
        self.title.setText(fw.title)
        self.description.setText(fw.description)
        self.summary.setText(f"Versie {fw.version}  ·  Bron: {fw.source.cite()}  ·  "
                             f"{counts_text(counts[fw.id]) if fw.id in counts else ''}")
        self._loading = True
        self.in_scope.setChecked(fw.id in self.doc.assessment.frameworks)
        self._loading = False
        rows = len(fw.items) + len(fw.sections)
        self.table.setRowCount(rows)
        row = 0
        for item in fw.items:
            self._item_row(row, item)
            row += 1
        for section in fw.sections:
            c = counts.get(section.id)
            number = f"{section.number}" if section.number is not None else section.id
            self.table.setItem(row, 0, _cell(number, section.id))
            self.table.setItem(row, 1, _cell(section.title, section.id))
            self.table.setItem(row, 2, _cell(
                f"{c.answered} van {c.total} {plural(fw.item_label)} beantwoord" if c else "", section.id))
            state = c.state if c is not None else "out_of_scope"
            status = STATE_LABELS[state].capitalize()
            if c and c.explanation_missing and not c.out_of_scope:
                status = f"Uitleg ontbreekt bij {c.explanation_missing}"
            elif state == "answered":
                status = "Alles beantwoord"
            self.table.item(row, 0).setIcon(state_icon(state))
            self.table.setItem(row, 3, _cell(status, section.id))
            row += 1
        self.table.resizeRowsToContents()
