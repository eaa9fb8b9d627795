"""The plan page's table: the scan's actions as rows (``ActionTableModel``), and the filters and
search over them (``ActionFilterModel``). Read-only: edits go through the form and the commands.

Which actions the plan holds is ``dienstscan.plan.is_visible``; the filter model only adds the
view option to show the others too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from ....model import ACTION_FIELD_LABELS, Action
from ....model.assessment import ACTION_STATUS_LABELS, PRIORITY_LABELS
from ....plan import (
    decision_key,
    decision_label,
    decision_rank,
    id_key,
    is_undecided,
    is_visible,
    priority_rank,
    status_text,
)
from ...document import ScanDocument

ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

_STATUS_ORDER = {k: i for i, k in enumerate(ACTION_STATUS_LABELS)}

#: The table's columns by key (an action field, or ``framework`` and ``remark``), the short and
#: most used first so they stay visible on a small screen.
_KEYS = ("id", "title", "priority", "status", "decision", "owner", "end", "theme", "framework", "remark")
_HEADERS = {"framework": "Kader", "remark": "Opmerking"}
COLUMNS = tuple(_HEADERS.get(key) or ACTION_FIELD_LABELS[key] for key in _KEYS)
#: What a project lead works with every time: always shown, never behind a sideways scroll.
MAIN_COLUMNS = tuple(COLUMNS[_KEYS.index(key)] for key in ("id", "title", "priority", "status", "decision"))
#: The column that takes the room that is left (wrapped over two lines, the full text as tooltip).
TITLE_COLUMN = _KEYS.index("title")
#: The others, shown in this order as long as the title keeps ``TITLE_MIN_WIDTH`` pixels.
OPTIONAL_COLUMNS = tuple(c for c in COLUMNS if c not in MAIN_COLUMNS)
#: Starting widths in pixels; the page fits the short columns to their content.
WIDTHS = dict(zip(COLUMNS, (100, 240, 74, 94, 100, 130, 84, 130, 84, 220), strict=True))
TITLE_MIN_WIDTH = 220


def _date_text(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _fingerprint(action: Action) -> tuple:
    return tuple(action.__dict__.values())


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive rows as (first, last) pairs: one ``dataChanged`` per block."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class ActionTableModel(QAbstractTableModel):
    """The scan's actions as table rows."""

    def __init__(self, doc: ScanDocument, parent=None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._actions: list[Action] = list(doc.assessment.actions)
        #: the field values of each row as last shown, to repaint only rows that changed
        self._shown = [_fingerprint(a) for a in self._actions]

    # ---------------------------------------------------------------- reading

    def framework_of(self, action: Action) -> tuple[str, str]:
        """(framework id, short title) of a proposal; ("", "Eigen actie") for an own action."""
        checklists = self.doc.checklists
        if action.item_id and checklists.has_item(action.item_id):
            fw = checklists.locate(action.item_id)[0]
            return fw.id, fw.short_title
        return "", "Eigen actie"

    def theme_label(self, theme_id: str) -> str:
        theme = self.doc.checklists.themes.get(theme_id)
        return theme.label if theme else theme_id

    @staticmethod
    def remark(action: Action) -> str:
        notes = []
        if action.gap_closed:
            notes.append("Tekort opgeheven door een later antwoord")
        if action.merged_into:
            notes.append(f"Samengevoegd in {action.merged_into}")
        if action.origin == "voorgesteld" and action.decision == "voorgesteld" and not action.gap_closed:
            notes.append("Nog beslissen: accepteren of afwijzen")
        return "; ".join(notes)

    def action_at(self, row: int) -> Action:
        return self._actions[row]

    def row_of(self, action_id: str) -> int:
        for row, action in enumerate(self._actions):
            if action.id == action_id:
                return row
        return -1

    def refresh(self) -> None:
        """Re-read the actions: a reset when the set of ids changed, else new data in place."""
        new = list(self.doc.assessment.actions)
        if [a.id for a in new] != [a.id for a in self._actions]:
            self.beginResetModel()
            self._actions = new
            self.endResetModel()
        else:
            # only the rows that changed: an edit replaces its action, the proposals follow the
            # answers in place (so a row is compared by its fields when it is the same object)
            self._actions = new
            shown = [_fingerprint(a) for a in new]
            changed = [row for row, (a, b) in enumerate(zip(self._shown, shown, strict=True)) if a != b]
            for first, last in _runs(changed):
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self._shown = [_fingerprint(a) for a in self._actions]

    # ---------------------------------------------------------------- Qt

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._actions)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def _text(self, action: Action, column: int) -> str:
        key = _KEYS[column]
        if key == "framework":
            return self.framework_of(action)[1]
        if key == "theme":
            return self.theme_label(action.theme)
        if key == "priority":
            return PRIORITY_LABELS[action.priority]
        if key == "decision":
            return decision_label(action)
        if key == "status":
            return status_text(action)  # '' for a proposal: no status until it is decided
        if key == "end":
            return _date_text(action.end)
        if key == "remark":
            return self.remark(action)
        return getattr(action, key)

    def sort_key(self, action: Action, column: int) -> Any:
        key = _KEYS[column]
        if key == "id":
            return id_key(action.id)
        if key == "priority":
            return priority_rank(action.priority)
        if key == "decision":
            return decision_rank(action)
        if key == "status":
            return len(_STATUS_ORDER) if is_undecided(action) else _STATUS_ORDER[action.status]
        if key == "end":
            return action.end.toordinal() if action.end else 10**7
        return self._text(action, column).casefold()

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        action = self._actions[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(action, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if _KEYS[column] in ("title", "remark"):
                remark = self.remark(action)
                return f"{action.title}\n{remark}" if remark else action.title
            return self._text(action, column) or None
        if role == ID_ROLE:
            return action.id
        if role == SORT_ROLE:
            key = self.sort_key(action, column)
            return str(key) if isinstance(key, tuple) else key
        if role == Qt.ItemDataRole.FontRole and (action.gap_closed or not is_visible(action)):
            font = QFont()
            font.setItalic(True)
            return font
        return None


class ActionFilterModel(QSortFilterProxyModel):
    """Filters on theme, status, priority, framework and decision, and a search over the texts.

    Actions outside the plan (``dienstscan.plan.is_visible``) are hidden unless ``show_hidden``.
    """

    def __init__(self, source: ActionTableModel, parent=None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.filters: dict[str, str | None] = {"theme": None, "status": None, "priority": None,
                                               "framework": None, "decision": None}
        self.search = ""
        self.show_hidden = False

    def _refilter(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def set_filter(self, name: str, value: str | None) -> None:
        self._refilter(lambda: self.filters.__setitem__(name, value))

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "search", text.strip().casefold()))

    def set_show_hidden(self, show: bool) -> None:
        self._refilter(lambda: setattr(self, "show_hidden", show))

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802
        source: ActionTableModel = self.sourceModel()
        column = left.column()
        a = source.sort_key(source.action_at(left.row()), column)
        b = source.sort_key(source.action_at(right.row()), column)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        source: ActionTableModel = self.sourceModel()
        action = source.action_at(row)
        if not self.show_hidden and not is_visible(action):
            return False
        f = self.filters
        if f["theme"] is not None and action.theme != f["theme"]:
            return False
        if f["status"] is not None and (is_undecided(action) or action.status != f["status"]):
            return False
        if f["priority"] is not None and action.priority != f["priority"]:
            return False
        if f["framework"] is not None and source.framework_of(action)[0] != f["framework"]:
            return False
        if f["decision"] is not None:
            decision = decision_key(action)
            if decision != f["decision"]:
                return False
        if self.search:
            haystack = " ".join((action.id, action.title, action.description, action.owner, action.reason,
                                 action.indicator, action.progress)).casefold()
            if self.search not in haystack:
                return False
        return True
