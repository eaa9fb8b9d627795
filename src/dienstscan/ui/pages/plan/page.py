"""The improvement plan: proposed and own actions in a table, every PDCA field in a form beside it.

The table (``ActionTableModel`` behind ``ActionFilterModel``) sorts on every column and filters
on theme, status, priority, framework and decision, plus a search over id, title, description
and owner. Proposals are accepted or rejected (several at once), own actions added, merged (the
merged ones stay, pointing to the action they went into) and deleted; a proposal is never
deleted, and one whose gap was closed by a later answer is marked, not removed. The form edits
the selected action: Plan (title, description, theme, priority, owner, start and end with a date
picker, indicator, target), Do (status, progress), Check (measured value and date, conclusion)
and Act (choice and note). Every edit goes through ``plan_commands`` and is one undo step of the
document; the plan follows the answers through ``ScanDocument.sync_proposals``.

Dialogs go through ``confirm_delete`` and ``choose_merge_target`` so tests can replace them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...model import Action
from ...model.assessment import ACT_CHOICE_LABELS, ACTION_STATUS_LABELS, DECISION_LABELS, PRIORITY_LABELS
from .. import plan_commands as commands
from ..document import ScanDocument
from ..widgets import OptionalDateEdit, route_undo_to_document
from .common import RefreshWhenShown, heading, text_label, vertical_scroll

ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ERROR_STYLE = "color: #9c0006; font-weight: bold;"
NOTICE_STYLE = "background: #fff2cc; border: 1px solid #bf8f00; padding: 6px; color: #1a1a1a;"

_PRIORITY_ORDER = {"hoog": 0, "midden": 1, "laag": 2}
_STATUS_ORDER = {k: i for i, k in enumerate(ACTION_STATUS_LABELS)}
_DECISION_ORDER = {"voorgesteld": 0, "geaccepteerd": 1, "afgewezen": 2}

#: The table's columns, the short and most used first (they stay visible on a small screen).
COLUMNS = ("ID", "Actie", "Prioriteit", "Status", "Besluit", "Probleemeigenaar", "Einde", "Thema", "Kader",
           "Opmerking")
_WIDTHS = {"ID": 100, "Actie": 240, "Prioriteit": 74, "Status": 94, "Besluit": 100, "Probleemeigenaar": 130,
           "Einde": 84, "Thema": 130, "Kader": 84, "Opmerking": 220}


# --------------------------------------------------------------------------- dialogs (patchable)


def confirm_delete(parent: QWidget | None, titles: list[str]) -> bool:
    """Ask before deleting own actions; True to delete."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Acties verwijderen")
    n = len(titles)
    box.setText(f"{'Deze eigen actie' if n == 1 else f'Deze {n} eigen acties'} verwijderen?")
    box.setInformativeText("\n".join(f"• {t}" for t in titles[:10]) + ("\n…" if n > 10 else "")
                           + "\n\nU kunt dit ongedaan maken met Ctrl+Z.")
    delete = box.addButton("&Verwijderen", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is delete


def choose_merge_target(parent: QWidget | None, choices: list[tuple[str, str]]) -> str | None:
    """Which action the others are merged into; None when cancelled."""
    labels = [f"{action_id} – {title}" for action_id, title in choices]
    text, ok = QInputDialog.getItem(parent, "Acties samenvoegen",
                                    "Voeg de gekozen acties samen in deze actie (de andere blijven bewaard "
                                    "en verwijzen ernaar):", labels, 0, False)
    if not ok:
        return None
    return choices[labels.index(text)][0]


# --------------------------------------------------------------------------- model


def _date_text(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


class ActionTableModel(QAbstractTableModel):
    """The scan's actions as table rows (read-only: edits go through the form and the commands)."""

    def __init__(self, doc: ScanDocument, parent=None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._actions: list[Action] = list(doc.assessment.actions)

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
            self._actions = new
            if new:
                self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, len(COLUMNS) - 1))

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
        header = COLUMNS[column]
        if header == "ID":
            return action.id
        if header == "Actie":
            return action.title
        if header == "Kader":
            return self.framework_of(action)[1]
        if header == "Thema":
            return self.theme_label(action.theme)
        if header == "Prioriteit":
            return PRIORITY_LABELS[action.priority]
        if header == "Besluit":
            return DECISION_LABELS[action.decision] if action.origin == "voorgesteld" else "Eigen actie"
        if header == "Status":
            return ACTION_STATUS_LABELS[action.status]
        if header == "Probleemeigenaar":
            return action.owner
        if header == "Einde":
            return _date_text(action.end)
        return self.remark(action)

    def _sort_key(self, action: Action, column: int) -> Any:
        header = COLUMNS[column]
        if header == "ID":
            # V-5B-1.02 before V-5B-1.10; own actions E-2 before E-10
            return tuple(int(p) if p.isdigit() else p for p in action.id.replace(".", "-").split("-"))
        if header == "Prioriteit":
            return _PRIORITY_ORDER[action.priority]
        if header == "Besluit":
            return _DECISION_ORDER[action.decision] if action.origin == "voorgesteld" else 3
        if header == "Status":
            return _STATUS_ORDER[action.status]
        if header == "Einde":
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
            if COLUMNS[column] in ("Actie", "Opmerking"):
                tip = action.title
                remark = self.remark(action)
                return f"{tip}\n{remark}" if remark else tip
            return self._text(action, column) or None
        if role == ID_ROLE:
            return action.id
        if role == SORT_ROLE:
            key = self._sort_key(action, column)
            return str(key) if isinstance(key, tuple) else key
        if role == Qt.ItemDataRole.FontRole and (action.gap_closed or action.merged_into
                                                 or action.decision == "afgewezen"):
            font = QFont()
            font.setItalic(True)
            return font
        return None


class ActionFilterModel(QSortFilterProxyModel):
    """Filters on theme, status, priority, framework and decision, and a search over the texts."""

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
        a = source._sort_key(source.action_at(left.row()), column)
        b = source._sort_key(source.action_at(right.row()), column)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        source: ActionTableModel = self.sourceModel()
        action = source.action_at(row)
        if not self.show_hidden and (action.merged_into or action.decision == "afgewezen"):
            return False
        f = self.filters
        if f["theme"] is not None and action.theme != f["theme"]:
            return False
        if f["status"] is not None and action.status != f["status"]:
            return False
        if f["priority"] is not None and action.priority != f["priority"]:
            return False
        if f["framework"] is not None and source.framework_of(action)[0] != f["framework"]:
            return False
        if f["decision"] is not None:
            decision = action.decision if action.origin == "voorgesteld" else "eigen"
            if decision != f["decision"]:
                return False
        if self.search:
            haystack = " ".join((action.id, action.title, action.description, action.owner, action.reason,
                                 action.indicator, action.progress)).casefold()
            if self.search not in haystack:
                return False
        return True


# --------------------------------------------------------------------------- the form


class ActionForm(QWidget):
    """Every PDCA field of one action; each change is one undoable command."""

    def __init__(self, page: PlanPage) -> None:
        super().__init__()
        self.page = page
        self.doc = page.doc
        self.action_id: str | None = None
        self._loading = False

        self.header = heading("", size=1.15)
        self.origin = text_label(muted=True)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

        self.title = QPlainTextEdit()
        self.title.setAccessibleDescription("Wat er gedaan wordt; een actie heeft altijd een titel")
        self.description = QPlainTextEdit()
        self.reason = text_label(muted=True)
        self.theme = QComboBox()
        for theme in self.doc.checklists.themes.values():
            self.theme.addItem(theme.label, theme.id)
        self.priority = self._choice(PRIORITY_LABELS)
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Wie is probleemeigenaar?")
        self.start = OptionalDateEdit(name="Startdatum")
        self.end = OptionalDateEdit(name="Einddatum")
        self.indicator = QLineEdit()
        self.indicator.setPlaceholderText("Hoe ziet u dat het gelukt is?")
        self.target = QLineEdit()
        self.status = self._choice(ACTION_STATUS_LABELS)
        self.progress = QPlainTextEdit()
        self.measured_value = QLineEdit()
        self.measured_on = OptionalDateEdit(name="Datum meting")
        self.conclusion = QPlainTextEdit()
        self.act = QComboBox()
        self.act.addItem("— nog niet gekozen —", None)
        for key, label in ACT_CHOICE_LABELS.items():
            self.act.addItem(label, key)
        self.act_note = QPlainTextEdit()
        for edit in (self.title, self.description, self.progress, self.conclusion, self.act_note):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(54)
            edit.setMaximumHeight(90)
        self.title.setMaximumHeight(66)
        route_undo_to_document(self.title, self.description, self.owner, self.indicator, self.target,
                               self.progress, self.measured_value, self.conclusion, self.act_note)

        plan = self._group("Plan", [
            ("&Titel:", self.title), ("Toe&lichting:", self.description), ("Waarom:", self.reason),
            ("Th&ema:", self.theme), ("&Prioriteit:", self.priority), ("Probleemeigenaa&r:", self.owner),
            ("&Start:", self.start), ("E&inde:", self.end), ("In&dicator:", self.indicator),
            ("Streef&waarde:", self.target),
        ])
        do = self._group("Do", [("Stat&us:", self.status), ("&Voortgang:", self.progress)])
        check = self._group("Check", [("&Gemeten waarde:", self.measured_value), ("Datu&m meting:", self.measured_on),
                                      ("&Conclusie:", self.conclusion)])
        act = self._group("Act", [("PDCA-&keuze:", self.act), ("&Bijsturing / vervolg:", self.act_note)])

        self.empty = text_label("Kies een actie in de tabel om haar te bekijken en te bewerken.", muted=True)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        for widget in (self.header, self.origin, self.notice, self.error, plan, do, check, act):
            body.addWidget(widget)
        body.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.body)
        self.body.hide()

        # user edits -> commands
        for name in ("owner", "indicator", "target", "measured_value"):
            getattr(self, name).textEdited.connect(lambda text, n=name: self._text_edited(n, text))
        for name in ("title", "description", "progress", "conclusion", "act_note"):
            edit: QPlainTextEdit = getattr(self, name)
            edit.textChanged.connect(lambda n=name, e=edit: self._text_edited(n, e.toPlainText()))
        for name in ("theme", "priority", "status", "act"):
            combo: QComboBox = getattr(self, name)
            combo.currentIndexChanged.connect(lambda _i, n=name, c=combo: self._set(n, c.currentData()))
        for name in ("start", "end", "measured_on"):
            getattr(self, name).dateChanged.connect(lambda value, n=name: self._date_changed(n, value))

    @staticmethod
    def _choice(labels: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        for key, label in labels.items():
            combo.addItem(label, key)
        return combo

    def _group(self, title: str, rows: list[tuple[str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget in rows:
            label = QLabel(text)
            target = widget.edit if isinstance(widget, OptionalDateEdit) else widget
            if "&" in text:
                label.setBuddy(target)
            target.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(label, widget)
        return box

    # ---------------------------------------------------------------- editing

    def action(self) -> Action | None:
        return self.doc.assessment.action(self.action_id) if self.action_id else None

    def _show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def _set(self, name: str, value: Any) -> None:
        if self._loading or self.action_id is None:
            return
        try:
            commands.edit_action_fields(self.doc, self.action_id, **{name: value})
        except (ValueError, TypeError) as exc:
            self._show_error(f"Niet opgeslagen: {_first_line(exc)}")
            self.load(self.action_id)
            return
        self._show_error(None)

    def _text_edited(self, name: str, text: str) -> None:
        if self._loading or self.action_id is None:
            return
        if name == "title":
            text = " ".join(text.splitlines())  # a title is one line, also in the Excel plan
        if name == "title" and not text.strip():
            self._show_error("Niet opgeslagen: een actie heeft een titel nodig. De vorige titel blijft bewaard "
                             "tot u een nieuwe typt.")
            return
        self._set(name, text)

    def _date_changed(self, name: str, value: dt.date | None) -> None:
        if self._loading or self.action_id is None:
            return
        action = self.action()
        start = value if name == "start" else action.start
        end = value if name == "end" else action.end
        if name in ("start", "end") and start and end and end < start:
            self._show_error("Niet opgeslagen: de einddatum ligt vóór de startdatum.")
            self.load(self.action_id)
            return
        self._set(name, value)

    # ---------------------------------------------------------------- showing

    def load(self, action_id: str | None) -> None:
        """Show an action; fields that already show the stored value are left alone (cursor stays)."""
        self.action_id = action_id
        action = self.action()
        self.empty.setVisible(action is None)
        self.body.setVisible(action is not None)
        if action is None:
            self._show_error(None)
            return
        self._loading = True
        try:
            self.header.setText(f"{action.id}: {action.title}")
            model = self.page.model
            where = model.framework_of(action)[1]
            if action.origin == "voorgesteld":
                self.origin.setText(f"Voorgestelde actie ({where}), besluit: "
                                    f"{DECISION_LABELS[action.decision].lower()}.")
            else:
                self.origin.setText("Eigen actie.")
            notices = []
            if action.gap_closed:
                notices.append("Het tekort achter dit voorstel is opgeheven door een later antwoord. De actie "
                               "blijft bewaard; zet de status op Gereed of Vervallen als ze niet meer nodig is.")
            if action.merged_into:
                notices.append(f"Deze actie is samengevoegd in {action.merged_into} en staat daarom niet apart "
                               "in het verbeterplan.")
            if action.decision == "afgewezen":
                notices.append("Dit voorstel is afgewezen en staat niet in het verbeterplan.")
            self.notice.setText("\n".join(notices))
            self.notice.setVisible(bool(notices))
            self.reason.setText(action.reason or "—")
            for name in ("owner", "indicator", "target", "measured_value"):
                edit: QLineEdit = getattr(self, name)
                value = getattr(action, name)
                if edit.text() != value:
                    edit.setText(value)
                    if not edit.hasFocus():
                        edit.setCursorPosition(0)  # show the start of a long text, not its end
            for name in ("title", "description", "progress", "conclusion", "act_note"):
                edit: QPlainTextEdit = getattr(self, name)
                value = getattr(action, name)
                if name == "title" and edit.hasFocus() and not edit.toPlainText().strip():
                    continue  # the user is replacing the title: keep the empty field while typing
                if edit.toPlainText() != value:
                    edit.setPlainText(value)
            for name in ("theme", "priority", "status", "act"):
                combo: QComboBox = getattr(self, name)
                value = getattr(action, name)
                index = combo.findData(value)
                if index < 0 and name == "theme":
                    combo.addItem(value, value)  # a theme the checklists no longer know: keep it
                    index = combo.count() - 1
                if combo.currentIndex() != index:
                    combo.setCurrentIndex(index)
            for name in ("start", "end", "measured_on"):
                date_edit: OptionalDateEdit = getattr(self, name)
                if date_edit.date() != getattr(action, name):
                    date_edit.set_date(getattr(action, name))
        finally:
            self._loading = False


def _first_line(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        try:
            first = errors()[0]
            return f"{'.'.join(str(p) for p in first.get('loc', ()))}: {first.get('msg', '')}"
        except Exception:  # noqa: BLE001 - fall back to the message
            pass
    return str(exc).splitlines()[0]


# --------------------------------------------------------------------------- the page


class PlanPage(RefreshWhenShown, QWidget):
    """The improvement plan of the open scan: table, filters, decisions and the PDCA form."""

    openItem = Signal(str)

    def __init__(self, doc: ScanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._stale = True
        self.model = ActionTableModel(doc, self)
        self.proxy = ActionFilterModel(self.model, self)

        self.title = heading("Verbeterplan")
        self.summary = text_label(muted=True)

        # filters
        self.search = QLineEdit()
        self.search.setPlaceholderText("Zoek in ID, titel, toelichting, eigenaar…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Zoeken in acties")
        search_label = QLabel("&Zoeken:")
        search_label.setBuddy(self.search)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        self.theme_filter = self._filter_combo("Thema", [(t.id, t.label) for t in doc.checklists.themes.values()])
        self.status_filter = self._filter_combo("Status", list(ACTION_STATUS_LABELS.items()))
        self.priority_filter = self._filter_combo("Prioriteit", list(PRIORITY_LABELS.items()))
        self.framework_filter = self._filter_combo(
            "Kader", [(fw.id, fw.short_title) for fw in doc.checklists.frameworks] + [("", "Eigen acties")])
        self.decision_filter = self._filter_combo("Besluit", [*DECISION_LABELS.items(), ("eigen", "Eigen actie")])
        self.show_hidden = QCheckBox("Ook afgewezen en samengevoegde acties tonen")
        self.search.textChanged.connect(self.proxy.set_search)
        self.show_hidden.toggled.connect(self.proxy.set_show_hidden)
        for name, combo in (("theme", self.theme_filter), ("status", self.status_filter),
                            ("priority", self.priority_filter), ("framework", self.framework_filter),
                            ("decision", self.decision_filter)):
            combo.currentIndexChanged.connect(lambda _i, n=name, c=combo: self.proxy.set_filter(n, c.currentData()))

        # table
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Acties van het verbeterplan")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, header in enumerate(COLUMNS):
            self.table.setColumnWidth(column, _WIDTHS[header])
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(self._open_source)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, activated=self.delete_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)

        # buttons
        self.accept_button = QPushButton("&Accepteren")
        self.accept_button.setToolTip("De gekozen voorstellen opnemen in het verbeterplan")
        self.reject_button = QPushButton("A&fwijzen")
        self.reject_button.setToolTip("De gekozen voorstellen niet opnemen (ze blijven bewaard)")
        self.add_button = QPushButton("&Nieuwe actie")
        self.add_button.setToolTip("Een eigen actie toevoegen")
        self.merge_button = QPushButton("Samenv&oegen…")
        self.merge_button.setToolTip("De gekozen acties samenvoegen in één actie")
        self.unmerge_button = QPushButton("Samenvoeging opheffen")
        self.unmerge_button.setToolTip("De gekozen samengevoegde acties weer apart zetten")
        self.delete_button = QPushButton("Verwijderen")
        self.delete_button.setToolTip("De gekozen eigen acties verwijderen (Delete); voorstellen wijst u af")
        self.source_button = QPushButton("Item &openen")
        self.source_button.setToolTip("Het item openen waaruit dit voorstel komt")
        self.accept_button.clicked.connect(lambda: self.decide("geaccepteerd"))
        self.reject_button.clicked.connect(lambda: self.decide("afgewezen"))
        self.add_button.clicked.connect(self.add_own)
        self.merge_button.clicked.connect(self.merge_selected)
        self.unmerge_button.clicked.connect(self.unmerge_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.source_button.clicked.connect(lambda: self._open_source(self.table.currentIndex()))

        self.form = ActionForm(self)

        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        filters = QGridLayout()
        combos = (self.theme_filter, self.status_filter, self.priority_filter, self.framework_filter,
                  self.decision_filter)
        for i, combo in enumerate(combos):
            filters.addWidget(combo, i // 3, i % 3)
        filters.addWidget(self.show_hidden, 1, 2, 1, 1)
        buttons = QGridLayout()
        for i, button in enumerate((self.accept_button, self.reject_button, self.source_button)):
            buttons.addWidget(button, 0, i)
        for i, button in enumerate((self.add_button, self.merge_button, self.unmerge_button, self.delete_button)):
            buttons.addWidget(button, 1, i)
        buttons.setColumnStretch(4, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(search_row)
        left_layout.addLayout(filters)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(vertical_scroll(self.form))
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        left.setMinimumWidth(380)
        self.form.setMinimumWidth(320)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        doc.changed.connect(self._on_changed)
        self.refresh()
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _filter_combo(self, name: str, choices: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(f"{name}: alle", None)
        for key, label in choices:
            combo.addItem(label, key)
        combo.setAccessibleName(f"Filter op {name.lower()}")
        combo.setToolTip(f"Alleen acties met deze {name.lower()} tonen")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # the form gets about a third (at least 340 px), the table the rest
        total = self.splitter.width()
        if total > 0 and not getattr(self, "_split_done", False):
            form = max(340, int(total * 0.36))
            self.splitter.setSizes([total - form, form])
            self._split_done = True

    # ---------------------------------------------------------------- updating

    def refresh(self) -> None:
        """Re-read the plan into the table and the form, keeping the selection."""
        self._stale = False
        selected = self.selected_ids()
        current = self.form.action_id
        self.model.refresh()
        if selected and not self.table.selectionModel().hasSelection():
            self.select(selected, current)
        self.form.load(current if current and self.doc.assessment.action(current) else None)
        self._update_summary()
        self._update_buttons()

    def _update_summary(self) -> None:
        actions = self.doc.assessment.actions
        proposed = sum(1 for a in actions if a.origin == "voorgesteld" and a.decision == "voorgesteld")
        accepted = sum(1 for a in actions if a.origin == "voorgesteld" and a.decision == "geaccepteerd")
        rejected = sum(1 for a in actions if a.decision == "afgewezen")
        own = sum(1 for a in actions if a.origin == "eigen")
        closed = sum(1 for a in actions if a.gap_closed)
        merged = sum(1 for a in actions if a.merged_into)
        parts = [f"{len(actions)} acties: {proposed} nog te beslissen, {accepted} geaccepteerd, "
                 f"{rejected} afgewezen, {own} eigen"]
        if merged:
            parts.append(f"{merged} samengevoegd")
        if closed:
            parts.append(f"{closed} met een opgeheven tekort")
        shown = self.proxy.rowCount()
        self.summary.setText(", ".join(parts) + f". In de tabel: {shown}.")

    # ---------------------------------------------------------------- selection

    def selected_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return [self.proxy.data(index, ID_ROLE) for index in rows]

    def select(self, action_ids: list[str], current: str | None = None) -> None:
        """Select these actions in the table (those the filters show); ``current`` gets the focus row."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for action_id in action_ids:
            row = self.model.row_of(action_id)
            if row < 0:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                selection.select(index, flags)
        focus = current if current in action_ids else (action_ids[0] if action_ids else None)
        if focus:
            row = self.model.row_of(focus)
            index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
            if index.isValid():
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.table.scrollTo(index)
            self.form.load(focus)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            action_id = self.proxy.data(current, ID_ROLE)
            if action_id != self.form.action_id:
                self.form._show_error(None)
            self.form.load(action_id)
        self._update_buttons()

    def _selected_actions(self) -> list[Action]:
        return [a for i in self.selected_ids() if (a := self.doc.assessment.action(i)) is not None]

    def _update_buttons(self) -> None:
        actions = self._selected_actions()
        proposals = [a for a in actions if a.origin == "voorgesteld"]
        self.accept_button.setEnabled(any(a.decision != "geaccepteerd" for a in proposals))
        self.reject_button.setEnabled(any(a.decision != "afgewezen" for a in proposals))
        self.merge_button.setEnabled(len([a for a in actions if not a.merged_into]) >= 2)
        self.unmerge_button.setEnabled(any(a.merged_into for a in actions))
        self.delete_button.setEnabled(any(a.origin == "eigen" for a in actions))
        current = self.doc.assessment.action(self.form.action_id) if self.form.action_id else None
        self.source_button.setEnabled(bool(current and current.item_id
                                           and self.doc.checklists.has_item(current.item_id)))

    # ---------------------------------------------------------------- actions

    def decide(self, decision: str) -> None:
        ids = [a.id for a in self._selected_actions() if a.origin == "voorgesteld" and a.decision != decision]
        if ids:
            commands.set_decision(self.doc, ids, decision)
            self.select(ids, self.form.action_id)

    def add_own(self) -> str:
        action_id = commands.add_action(self.doc, "Nieuwe actie")
        # a filter could hide the new row: show everything so the user sees what was added
        for combo in (self.theme_filter, self.status_filter, self.priority_filter, self.framework_filter,
                      self.decision_filter):
            combo.setCurrentIndex(0)
        self.search.clear()
        self.refresh()
        self.select([action_id], action_id)
        self.form.title.setFocus()
        self.form.title.selectAll()
        return action_id

    def merge_selected(self) -> None:
        actions = [a for a in self._selected_actions() if not a.merged_into]
        if len(actions) < 2:
            return
        target = choose_merge_target(self, [(a.id, a.title) for a in actions])
        if target is None:
            return
        try:
            commands.merge(self.doc, [a.id for a in actions], target)
        except ValueError as exc:
            self.form._show_error(f"Niet samengevoegd: {exc}")
            return
        self.select([target], target)

    def unmerge_selected(self) -> None:
        for action in self._selected_actions():
            if action.merged_into:
                commands.unmerge(self.doc, action.id)

    def delete_selected(self) -> None:
        own = [a for a in self._selected_actions() if a.origin == "eigen"]
        if not own or not confirm_delete(self, [f"{a.id} – {a.title}" for a in own]):
            return
        commands.delete_actions(self.doc, [a.id for a in own])
        if self.form.action_id in {a.id for a in own}:
            self.form.load(None)

    def _open_source(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        action = self.doc.assessment.action(self.proxy.data(index, ID_ROLE))
        if action is not None and action.item_id and self.doc.checklists.has_item(action.item_id):
            self.openItem.emit(action.item_id)
