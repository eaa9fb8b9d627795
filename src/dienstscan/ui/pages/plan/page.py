"""The improvement plan page: the action table with its filters and buttons beside the form.

Proposals are accepted or rejected (several at once), own actions added, merged (the merged ones
stay, pointing to the action they went into) and deleted; a proposal is never deleted, and one
whose gap was closed by a later answer is marked, not removed. The table shows what
``dienstscan.plan.is_visible`` puts in the plan, the others on request; the counts above it come
from ``dienstscan.plan.plan_statistics``. Every edit goes through ``plan_commands`` and is one
undo step of the document; the plan follows the answers through ``ScanDocument.sync_proposals``.

Dialogs go through ``confirm_delete`` and ``choose_merge_target`` so tests can replace them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ....model import ACTION_FIELD_LABELS, Action, in_sentence
from ....model.assessment import ACTION_STATUS_LABELS, PRIORITY_LABELS
from ....plan import DECISION_CHOICES, DECISION_LABELS, OWN_ACTION, plan_statistics
from ... import plan_commands as commands
from ... import settings
from ...document import ScanDocument
from ..common import RefreshWhenShown, heading, text_label, vertical_scroll
from .form import ActionForm
from .model import (
    COLUMNS,
    ID_ROLE,
    OPTIONAL_COLUMNS,
    TITLE_COLUMN,
    TITLE_MIN_WIDTH,
    WIDTHS,
    ActionFilterModel,
    ActionTableModel,
)

#: The decision column: as wide as its words need on two lines.
DECISION_COLUMN = COLUMNS.index(ACTION_FIELD_LABELS["decision"])

#: Below this width of the table plus form, the form goes below the table instead of beside it
#: (and lays its parts out side by side): on a 1366 px screen with the navigation shown the page
#: is about 980 px, where a form beside the table was a 340 px strip (issue 28).
SIDE_BY_SIDE_MIN_WIDTH = 1150
#: Below this page width (200% scaling on a 1366 px laptop: about 475 px beside the navigation)
#: the filters go over two columns, the buttons over two columns, the form's parts one below the
#: other, and the page scrolls instead of squeezing its rows (issue 27).
NARROW_WIDTH = 760
#: Main columns that give way when the title would get less than NARROW_TITLE_WIDTH pixels.
GIVE_WAY_WHEN_NARROW = (ACTION_FIELD_LABELS["priority"], ACTION_FIELD_LABELS["status"])
NARROW_TITLE_WIDTH = 150
#: Sentences for a table without rows: the plan is empty, or the filters hide everything.
EMPTY_PLAN = ("Het plan heeft nog geen acties: Dienstscan stelt er een voor bij elk antwoord dat een "
              "tekortkoming laat zien (zoals ‘Niet toegepast’), en een eigen actie voegt u toe met "
              "Nieuwe actie.")
NOTHING_FILTERED = "Geen acties die bij de zoekterm en de filters passen; zet een filter op ‘alle’ om meer te zien."


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


class ActionTable(QTableView):
    """The action table: the main columns always in view (no sideways scrolling), the title
    taking the room that is left over two lines (the full text is its tooltip), further columns
    shown while the title keeps its room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: the optional columns the user wants (``settings.plan_columns``); shown while they fit
        self.chosen: set[str] = set(settings.plan_columns(list(OPTIONAL_COLUMNS)))
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 10)  # a title over two lines

    def setModel(self, model) -> None:  # noqa: N802 - Qt's name
        super().setModel(model)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        for column, name in enumerate(COLUMNS):
            if column != TITLE_COLUMN:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                self.setColumnWidth(column, max(WIDTHS[name], self._header_width(column)))
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)

    def _header_width(self, column: int) -> int:
        text = self.model().headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or ""
        return self.horizontalHeader().fontMetrics().horizontalAdvance(str(text)) + 28  # + sort arrow

    def _two_line_width(self, texts) -> int:
        """The width at which each of ``texts`` fits on the row's two lines, wrapped between words."""
        metrics = self.fontMetrics()
        widest = 0
        for text in texts:
            words = text.split()
            widest = max(widest, min(max(metrics.horizontalAdvance(" ".join(words[:cut])),
                                         metrics.horizontalAdvance(" ".join(words[cut:])))
                                     for cut in range(1, len(words) + 1)))
        return widest + 16  # the cell's margins

    def fit_columns(self) -> None:
        """Fit the short columns to what they show; show further columns while the title keeps room."""
        for column in range(len(COLUMNS)):
            if column == DECISION_COLUMN:  # "Voorstel aangenomen" wraps over the row's two lines
                hint = max(self._two_line_width(DECISION_CHOICES), self._header_width(column))
                self.setColumnWidth(column, hint)
            elif column != TITLE_COLUMN:
                hint = max(self.sizeHintForColumn(column), self._header_width(column))
                self.setColumnWidth(column, min(max(hint, 60), WIDTHS[COLUMNS[column]] + 80))
        # very narrow (200% scaling on a 1366 px laptop): rather than squeeze the title to a few
        # letters, Prioriteit and then Status give way (both stay in the form under the table)
        for name in GIVE_WAY_WHEN_NARROW:
            self.setColumnHidden(COLUMNS.index(name), False)  # a hidden column's width reads as 0
        left = self.viewport().width() - sum(self.columnWidth(c) for c, name in enumerate(COLUMNS)
                                             if c != TITLE_COLUMN and name not in OPTIONAL_COLUMNS)
        for name in GIVE_WAY_WHEN_NARROW:
            column = COLUMNS.index(name)
            gives_way = left < NARROW_TITLE_WIDTH
            self.setColumnHidden(column, gives_way)
            if gives_way:
                left += self.columnWidth(column)
        # the title keeps at least 40% of the width (and TITLE_MIN_WIDTH): it is what people read
        room = self.viewport().width() - max(TITLE_MIN_WIDTH, int(self.viewport().width() * 0.4))
        for column, name in enumerate(COLUMNS):
            if column != TITLE_COLUMN and name not in OPTIONAL_COLUMNS and not self.isColumnHidden(column):
                room -= self.columnWidth(column)
        for name in OPTIONAL_COLUMNS:
            column = COLUMNS.index(name)
            if name not in self.chosen:
                self.setColumnHidden(column, True)
                continue
            width = self.columnWidth(column) if self.columnWidth(column) > 0 else WIDTHS[name]
            fits = room >= width
            self.setColumnHidden(column, not fits)
            if fits:
                room -= width
            else:
                room = -1  # keep the order: no later column after one that did not fit

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit_columns()


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
        searched = ", ".join(in_sentence(ACTION_FIELD_LABELS[f]) for f in ("id", "title", "description", "owner"))
        self.search.setPlaceholderText(f"Zoek in {searched}…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Zoeken in acties")
        search_label = QLabel("&Zoeken:")
        search_label.setBuddy(self.search)
        # Ctrl+F is the window's search through the whole scan; this filter is Alt+Z (its label)
        self.theme_filter = self._filter_combo("Thema", [(t.id, t.label) for t in doc.checklists.themes.values()])
        self.status_filter = self._filter_combo("Status", list(ACTION_STATUS_LABELS.items()))
        self.priority_filter = self._filter_combo("Prioriteit", list(PRIORITY_LABELS.items()))
        self.framework_filter = self._filter_combo(
            "Kader", [(fw.id, fw.short_title) for fw in doc.checklists.frameworks] + [("", "Eigen acties")])
        self.decision_filter = self._filter_combo("Besluit", [*DECISION_LABELS.items(), ("eigen", OWN_ACTION)])
        self.show_hidden = QCheckBox("Ook acties buiten het plan tonen")
        self.show_hidden.setToolTip("Afgewezen en samengevoegde acties, en voorstellen waarover niet is beslist "
                                    "terwijl een later antwoord het tekort heeft opgeheven")
        self.search.textChanged.connect(self.proxy.set_search)
        self.show_hidden.toggled.connect(self.proxy.set_show_hidden)
        for name, combo in (("theme", self.theme_filter), ("status", self.status_filter),
                            ("priority", self.priority_filter), ("framework", self.framework_filter),
                            ("decision", self.decision_filter)):
            combo.currentIndexChanged.connect(lambda _i, n=name, c=combo: self.proxy.set_filter(n, c.currentData()))

        # table
        self.table = ActionTable()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Acties van het verbeterplan")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.empty = text_label(muted=True)
        self.empty.setAccessibleName("Uitleg bij een leeg verbeterplan")
        self.empty.hide()
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
        self.columns_button = QToolButton()
        self.columns_button.setText("&Kolommen")
        self.columns_button.setToolTip("Kiezen welke kolommen de tabel toont (naast ID, actie, prioriteit, status "
                                       "en besluit); een kolom die niet past naast de actie, blijft verborgen")
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_menu = QMenu(self.columns_button)
        for name in OPTIONAL_COLUMNS:
            entry = self.columns_menu.addAction(name)
            entry.setCheckable(True)
            entry.setChecked(name in self.table.chosen)
            entry.toggled.connect(lambda on, n=name: self.choose_column(n, on))
        self.columns_button.setMenu(self.columns_menu)

        self.form = ActionForm(doc, self.model.framework_of)

        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        self.filters = QGridLayout()
        self.button_grid = QGridLayout()
        self.narrow = None  # set by _place_controls
        self.form_scroll = None
        self._place_controls(narrow=False)  # placed before the form: Tab reaches them first
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(search_row)
        left_layout.addLayout(self.filters)
        left_layout.addLayout(self.button_grid)
        left_layout.addWidget(self.empty)
        left_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(vertical_scroll(self.form))
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        left.setMinimumWidth(380)
        self.form.setMinimumWidth(320)
        self.form_scroll = self.splitter.widget(1)
        self._split_moved = False  # once the user drags the divider, the page keeps it there
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_split_moved", True))

        # the page scrolls when it is shorter than its rows need (200% scaling), instead of
        # squeezing the filters and buttons; at normal sizes everything fits and no bar shows
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self.content = content
        content.installEventFilter(self)  # laid out when the content has its size, not before
        self.page_scroll = vertical_scroll(content, "Verbeterplan")
        self.page_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls, which scroll into view
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.page_scroll)
        # Tab in reading order: Kolommen closes the first row of buttons, before Nieuwe actie
        QWidget.setTabOrder(self.source_button, self.columns_button)
        QWidget.setTabOrder(self.columns_button, self.add_button)
        doc.changed.connect(self._on_changed)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset):
            signal.connect(lambda *_: self._update_summary())  # filtering changes what the table holds
        # the columns are fitted when the rows are replaced or the table resized, not on every edit
        # (fitting asks every cell of nine columns its size: 28 ms per keystroke in issue 28)
        self.model.modelReset.connect(self.table.fit_columns)
        self.refresh()
        self.table.fit_columns()
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

    def _place_controls(self, narrow: bool) -> None:
        """Filters and buttons in rows of three and four, or of two on a narrow page (the check
        box then on a row of its own), in reading order either way."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        combos = (self.theme_filter, self.status_filter, self.priority_filter, self.framework_filter,
                  self.decision_filter)
        buttons = (self.accept_button, self.reject_button, self.source_button, self.columns_button,
                   self.add_button, self.merge_button, self.unmerge_button, self.delete_button)
        for grid, widgets in ((self.filters, (*combos, self.show_hidden)), (self.button_grid, buttons)):
            for widget in widgets:
                grid.removeWidget(widget)
            for column in range(5):
                grid.setColumnStretch(column, 0)
        combo_columns, button_columns = (2, 2) if narrow else (3, 4)
        for i, combo in enumerate(combos):
            self.filters.addWidget(combo, i // combo_columns, i % combo_columns)
        if narrow:  # a row of its own under the combos
            self.filters.addWidget(self.show_hidden, 3, 0, 1, 2)
        else:  # beside the second row's combos
            self.filters.addWidget(self.show_hidden, 1, 2, 1, 1)
        for i, button in enumerate(buttons):
            self.button_grid.addWidget(button, i // button_columns, i % button_columns)
        self.button_grid.setColumnStretch(button_columns, 1)
        self.table.setMinimumHeight(150 if narrow else 0)  # some five rows before the page scrolls
        if self.form_scroll is not None:
            self.form_scroll.setMinimumHeight(200 if narrow else 0)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.content and event.type() == QEvent.Type.Resize:
            self.arrange()
        return super().eventFilter(watched, event)

    def arrange(self) -> None:
        """The form beside the table when there is room for both, else below it."""
        width = self.content.width() - 36  # the page's margins
        if width <= 0:
            return
        self._place_controls(width < NARROW_WIDTH)
        orientation = (Qt.Orientation.Horizontal if width >= SIDE_BY_SIDE_MIN_WIDTH
                       else Qt.Orientation.Vertical)
        self.form.set_wide(orientation == Qt.Orientation.Vertical and width >= NARROW_WIDTH)
        if orientation == self.splitter.orientation() and getattr(self, "_split_done", False):
            if orientation == Qt.Orientation.Vertical and not self._split_moved:
                self._split_vertically()  # the page's height settles after the first layout
            return
        self.splitter.setOrientation(orientation)
        if orientation == Qt.Orientation.Horizontal:
            form = max(340, int(width * 0.36))  # the form about a third, the table the rest
            self.splitter.setSizes([width - form, form])
        else:
            self._split_vertically()
        self._split_done = True
        self.table.fit_columns()

    def _split_vertically(self) -> None:
        height = max(self.splitter.height(), 200)
        table = max(150, int(height * 0.56))  # the filters, buttons and some six rows; the form the rest
        self.splitter.setSizes([table, height - table])

    def choose_column(self, name: str, shown: bool) -> None:
        """Show or hide an optional column (remembered); it shows while the title keeps its room."""
        if shown:
            self.table.chosen.add(name)
        else:
            self.table.chosen.discard(name)
        settings.set_plan_columns([c for c in OPTIONAL_COLUMNS if c in self.table.chosen])
        self.table.fit_columns()

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
        statistics = plan_statistics(self.doc.assessment)
        self.summary.setText(f"{statistics.text()} In de tabel: {self.proxy.rowCount()}.")
        if self.proxy.rowCount():
            self.empty.hide()
        else:
            self.empty.setText(EMPTY_PLAN if not self.doc.assessment.actions else NOTHING_FILTERED)
            self.empty.show()

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
