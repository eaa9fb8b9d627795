"""Bewerken > Zoeken in de scan (Ctrl+F, on every page): items, answers, notes, actions, key figures.

A window beside the work (not modal): typing lists the places (``model.search.search_scan``) as
you type; Enter or a double click opens one: the item, the action selected on the plan page, or
the key figures page. The list follows the scan while it is open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..model.search import MAX_HITS, SearchHit, search_scan
from .document import ScanDocument

_HIT_ROLE = Qt.ItemDataRole.UserRole
_KIND = {"item": "Item", "action": "Actie", "keyfigure": "Kengetal"}


class SearchDialog(QDialog):
    """The search over one scan; ``opener(hit)`` shows what was chosen."""

    def __init__(self, doc: ScanDocument, opener: Callable[[SearchHit], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.opener = opener
        self.setWindowTitle("Zoeken in de scan – Dienstscan")
        self.setModal(False)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Woorden uit items, uitleg, notities, acties of kengetallen")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Zoeken in de scan")
        label = QLabel("&Zoeken naar:", self)
        label.setBuddy(self.field)
        self.results = QListWidget(self)
        self.results.setAccessibleName("Gevonden plaatsen")
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Aantal gevonden plaatsen")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)
        self.resize(620, 520)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.run)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.field.returnPressed.connect(self._open_first)
        self.results.itemActivated.connect(self._open)
        self.results.itemDoubleClicked.connect(self._open)
        self.results.installEventFilter(self)
        self.field.installEventFilter(self)
        doc.changed.connect(lambda _key: self.isVisible() and self.field.text().strip() and self._timer.start())

    def run(self) -> list[SearchHit]:
        """Search now for what the field holds and list it."""
        self._timer.stop()
        text = self.field.text()
        hits = search_scan(self.doc.checklists, self.doc.assessment, text)
        self.results.clear()
        for hit in hits[:MAX_HITS]:
            entry = QListWidgetItem(f"{_KIND[hit.kind]} {hit.title}\n{hit.where}: {hit.snippet}")
            entry.setData(_HIT_ROLE, hit)
            entry.setToolTip(hit.title)
            self.results.addItem(entry)
        if not text.strip():
            self.summary.setText("")
        elif not hits:
            self.summary.setText(f"Niets gevonden voor ‘{text.strip()}’.")
        elif len(hits) > MAX_HITS:
            self.summary.setText(f"Meer dan {MAX_HITS} plaatsen; de eerste {MAX_HITS} staan hieronder. "
                                 "Typ meer woorden om te verfijnen.")
        else:
            self.summary.setText(f"{len(hits)} {'plaats' if len(hits) == 1 else 'plaatsen'} gevonden; "
                                 "Enter of dubbelklik opent er een.")
        if hits:
            self.results.setCurrentRow(0)
        return hits

    def hits(self) -> list[SearchHit]:
        return [self.results.item(row).data(_HIT_ROLE) for row in range(self.results.count())]

    def _open_first(self) -> None:
        if self._timer.isActive():
            self.run()
        entry = self.results.currentItem() or self.results.item(0)
        if entry is not None:
            self._open(entry)

    def _open(self, entry: QListWidgetItem) -> None:
        self.opener(entry.data(_HIT_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # arrow keys in the field move through the list, so the hands stay on the keyboard
        if watched is self.field and event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return True
        return False


def open_hit(shell, hit: SearchHit) -> None:
    """Show what a hit points to: its item, its action on the plan page, or the key figures."""
    if hit.kind == "item":
        shell.navigate(hit.target)
    elif hit.kind == "action":
        shell.show_page("verbeterplan")
        page = shell.page("verbeterplan")
        if page is not None:
            row = page.model.row_of(hit.target)
            if row >= 0 and not page.proxy.mapFromSource(page.model.index(row, 0)).isValid():
                page.show_hidden.setChecked(True)  # filtered out or outside the plan: shown all the same
                for combo in (page.theme_filter, page.status_filter, page.priority_filter, page.framework_filter,
                              page.decision_filter):
                    combo.setCurrentIndex(0)
                page.search.clear()
            page.select([hit.target], hit.target)
    else:
        shell.show_page("kengetallen")


def show_search(ctx) -> SearchDialog | None:
    """Open (or bring forward) the search of the open scan, its field ready for typing."""
    if ctx.doc is None:
        return None
    existing = [d for d in ctx.parent.findChildren(SearchDialog) if d.doc is ctx.doc]
    dialog = existing[0] if existing else SearchDialog(ctx.doc, lambda hit: open_hit(ctx.shell, hit), ctx.parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.field.setFocus()
    dialog.field.selectAll()
    return dialog
