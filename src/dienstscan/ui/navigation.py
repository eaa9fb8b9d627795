"""The navigation tree on the left: framework > section > item, with states and counts.

The tree shows what the checklists hold and asks ``dienstscan.scoring`` (through the document)
for each item's state and each node's counts; it decides nothing itself. Selecting a node emits
``nodeActivated(kind, id)`` with kind ``framework``, ``section``, ``item`` or ``page`` (the pages
listed at the top, such as the dashboard).

Answers still copied from the previous cycle (``Answer.from_previous_cycle``) get the
marker "↻" before the item's text and "uit vorige scan, nog te bevestigen" in the tooltip and the
accessible name (not colour alone); framework and section counts add "↻n" in the count column
and "n te bevestigen" in their tooltip and accessible name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from .document import ScanDocument
from .icons import STATE_LABELS, state_icon

KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def counts_text(counts) -> str:
    """'3 van 8 beantwoord, 1 uitleg ontbreekt' for tooltips; the short form goes in the label."""
    text = f"{counts.answered} van {counts.total} beantwoord"
    if counts.unknown:
        text += f", {counts.unknown} met antwoord 'Onbekend'"
    if counts.explanation_missing:
        text += f", bij {counts.explanation_missing} ontbreekt de uitleg"
    if counts.out_of_scope:
        text += " (buiten de scan)"
    return text


def counts_short(counts) -> str:
    """'5/8' for the count column; '5/8 (2 ⚠)' when explanations are missing (the icon says which)."""
    text = f"{counts.answered}/{counts.total}"
    if counts.unknown:
        text += f" ({counts.unknown} ?)"
    if counts.explanation_missing:
        text += f" ({counts.explanation_missing} ⚠)"
    return text


#: The marker before an item whose answer is still the copy from the previous cycle.
PREVIOUS_MARK = "↻"
PREVIOUS_TEXT = "uit vorige scan, nog te bevestigen"


def to_confirm_text(n: int) -> str:
    """'3 te bevestigen' (answers from the previous cycle not yet confirmed); '' for none."""
    return f"{n} te bevestigen" if n else ""


def framework_label(title: str) -> str:
    """The tree's label of a framework: its title up to a colon ('Gemeente heeft Antwoord©')."""
    return title.split(":", 1)[0].strip()


class NavigationTree(QTreeWidget):
    nodeActivated = Signal(str, str)

    def __init__(self, doc: ScanDocument, parent=None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setHeaderHidden(True)
        # the counts in a column of their own, so an elided long title never hides them
        self.setColumnCount(2)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Navigatie: kaders, onderdelen en items")
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._nodes: dict[tuple[str, str], QTreeWidgetItem] = {}
        self._page_count = 0
        self._build()
        doc.changed.connect(self._on_changed)
        self.currentItemChanged.connect(self._on_current)

    # ------------------------------------------------------------------ building

    def _node(self, parent, kind: str, node_id: str, text: str) -> QTreeWidgetItem:
        node = QTreeWidgetItem(parent, [text])
        node.setData(0, KIND_ROLE, kind)
        node.setData(0, ID_ROLE, node_id)
        self._nodes[(kind, node_id)] = node
        if kind == "item":
            node.setFirstColumnSpanned(True)  # items have no count: their text gets the full width
        return node

    def _build(self) -> None:
        for fw in self.doc.checklists.frameworks:
            fw_node = self._node(self, "framework", fw.id, framework_label(fw.title))
            for item in fw.items:
                self._node(fw_node, "item", item.id, f"{item.id}  {item.text}")
            for section in fw.sections:
                s_node = self._node(fw_node, "section", section.id, section.heading())
                for item in section.items:
                    self._node(s_node, "item", item.id, f"{item.id}  {item.text}")
            fw_node.setExpanded(fw.id in self.doc.assessment.frameworks)
        self.refresh()

    def add_page_node(self, key: str, title: str, icon: QIcon | None = None) -> QTreeWidgetItem:
        """A top-level entry for a page of a later part (dashboard, kengetallen, plan)."""
        node = QTreeWidgetItem([title])
        node.setData(0, KIND_ROLE, "page")
        node.setData(0, ID_ROLE, key)
        if icon is not None:
            node.setIcon(0, icon)
        font = node.font(0)
        font.setBold(True)
        node.setFont(0, font)
        self.insertTopLevelItem(self._page_count, node)
        node.setFirstColumnSpanned(True)
        self._page_count += 1
        self._nodes[("page", key)] = node
        return node

    # ------------------------------------------------------------------ states

    def _base_text(self, kind: str, node_id: str) -> str:
        if kind == "framework":
            return framework_label(self.doc.checklists.framework(node_id).title)
        if kind == "section":
            section = self.doc.checklists.section(node_id)
            return section.heading()
        item = self.doc.checklists.item(node_id)
        return f"{item.id}  {item.text}"

    def _is_unconfirmed(self, item_id: str) -> bool:
        answer = self.doc.answer(item_id)
        return bool(answer is not None and answer.from_previous_cycle)

    def is_marked_unconfirmed(self, item_id: str) -> bool:
        """Whether the tree shows ``item_id`` as still to confirm: read from the node's accessible text, so
        it says what a screen reader announces, not what the code meant to set."""
        node = self._nodes.get(("item", item_id))
        return node is not None and PREVIOUS_TEXT in str(node.data(0, Qt.ItemDataRole.AccessibleTextRole))

    def _set_item_state(self, item_id: str) -> None:
        node = self._nodes.get(("item", item_id))
        if node is None:
            return
        state = self.doc.item_state(item_id)
        node.setIcon(0, state_icon(state))
        label = STATE_LABELS[state]
        base = self._base_text("item", item_id)
        if self._is_unconfirmed(item_id):
            node.setText(0, f"{PREVIOUS_MARK} {base}")
            node.setToolTip(0, f"{base}\n{label.capitalize()}\n{PREVIOUS_MARK} {PREVIOUS_TEXT.capitalize()}")
            node.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{base}, {label}, {PREVIOUS_TEXT}")
        else:
            node.setText(0, base)
            node.setToolTip(0, f"{base}\n{label.capitalize()}")
            node.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{base}, {label}")
        font = node.font(0)
        font.setItalic(state == "out_of_scope")
        node.setFont(0, font)

    def to_confirm(self) -> dict[str, int]:
        """Per framework and section id: how many answers are still from the previous cycle."""
        out: dict[str, int] = {}
        for fw in self.doc.checklists.frameworks:
            total = 0
            for section in fw.sections:
                n = sum(1 for item in section.items if self._is_unconfirmed(item.id))
                out[section.id] = n
                total += n
            out[fw.id] = total + sum(1 for item in fw.items if self._is_unconfirmed(item.id))
        return out

    def _set_counts(self) -> None:
        counts = self.doc.counts()
        pending = self.to_confirm()
        for (kind, node_id), node in self._nodes.items():
            if kind not in ("framework", "section") or node_id not in counts:
                continue
            c = counts[node_id]
            base = self._base_text(kind, node_id)
            n = 0 if c.out_of_scope else pending.get(node_id, 0)
            # short in the column ("8/8 ↻8") so titles keep their room; the words in tooltip and name
            extra = f" {PREVIOUS_MARK}{n}" if n else ""
            long = counts_text(c) + (f", {to_confirm_text(n)} (uit vorige scan)" if n else "")
            node.setText(0, base)
            node.setText(1, "buiten de scan" if c.out_of_scope else counts_short(c) + extra)
            node.setToolTip(0, f"{base}\n{long}")
            node.setToolTip(1, long)
            node.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{base}, {long}")
            node.setIcon(0, state_icon(c.state))
            font = node.font(0)
            font.setItalic(c.out_of_scope)
            font.setBold(kind == "framework")
            node.setFont(0, font)
            node.setFont(1, font)

    def refresh(self) -> None:
        for kind, node_id in list(self._nodes):
            if kind == "item":
                self._set_item_state(node_id)
        self._set_counts()

    def _on_changed(self, key: str) -> None:
        if key and ("item", key) in self._nodes:
            self._set_item_state(key)
            self._set_counts()
        else:
            self.refresh()

    # ------------------------------------------------------------------ selection

    def select(self, kind: str, node_id: str) -> None:
        node = self._nodes.get((kind, node_id))
        if node is not None and node is not self.currentItem():
            parent = node.parent()
            while parent is not None:
                parent.setExpanded(True)
                parent = parent.parent()
            self.setCurrentItem(node)
            self.scrollToItem(node)

    def current_node(self) -> tuple[str, str] | None:
        node = self.currentItem()
        if node is None:
            return None
        return node.data(0, KIND_ROLE), node.data(0, ID_ROLE)

    def _on_current(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is not None:
            self.nodeActivated.emit(current.data(0, KIND_ROLE), current.data(0, ID_ROLE))

    def item_order(self) -> list[str]:
        """Item ids in tree order (for previous/next)."""
        return [node_id for (kind, node_id) in self._nodes if kind == "item"]
