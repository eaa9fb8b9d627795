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

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QIcon, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

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


class WrappingDelegate(QStyledItemDelegate):
    """Rows as high as their title needs when it wraps at the width it is drawn in.

    Qt's own size hint for a tree row does not wrap (the text is measured on one line), so a long
    title was cut; this measures it at the cell's real width (the whole row for spanned rows)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._relayout = QTimer(self, singleShot=True, interval=0)
        self._relayout.timeout.connect(tree.doItemsLayout)
        self._viewport = tree.viewport()
        self._viewport.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if (event.type() == QEvent.Type.Resize and watched is self._viewport
                and event.size().width() != event.oldSize().width()):
            self._relayout.start()  # wrapped titles take more or fewer lines now
        return super().eventFilter(watched, event)

    def cell_width(self, index) -> int:
        """The width ``index`` is drawn in: its column (the whole row if spanned) less indentation."""
        tree = self.tree
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = tree.indentation() * (depth + (1 if tree.rootIsDecorated() else 0))
        spanned = tree.isFirstColumnSpanned(index.row(), index.parent())
        return (tree.viewport().width() if spanned else tree.columnWidth(0)) - indent

    def text_width(self, option, index) -> int:
        """The width the style leaves the text in that cell (after the icon and the margins)."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.rect = QRect(0, 0, self.cell_width(index), 1000)
        style = self.tree.style()
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, self.tree)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.tree) + 1
        return max(text.width() - 2 * margin, 20)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt's name
        base = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text or index.column() != 0:
            return base
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        needed = wrapped_height(font, self.text_width(option, index), str(text))
        return QSize(base.width(), max(base.height(), needed + 4))

    def paint(self, painter, option, index) -> None:
        """Qt's drawing of the cell without its text, then the text wrapped as ``sizeHint`` measured
        it: at word boundaries, and inside a word only when one word is wider than the line."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = self.tree.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, self.tree)
        if not text:
            return
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, self.tree)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.tree) + 1
        rect = rect.adjusted(margin, 0, -margin, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (QPalette.ColorGroup.Normal if opt.state & QStyle.StateFlag.State_Enabled
                 else QPalette.ColorGroup.Disabled)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(group, role))
        painter.drawText(QRectF(rect), text, _wrap_option(opt.displayAlignment))
        painter.restore()


def _wrap_option(alignment=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter) -> QTextOption:
    option = QTextOption(alignment)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return option


def wrapped_height(font, width: int, text: str) -> int:
    """The height of ``text`` in ``font`` wrapped at ``width`` as the tree draws it."""
    metrics = QFontMetrics(font)
    height = 0
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        layout.setTextOption(_wrap_option())
        layout.beginLayout()
        lines = 0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines += 1
        layout.endLayout()
        height += max(lines, 1) * metrics.lineSpacing()
    return height


#: Below this width of the tree the counts go under the titles instead of in a column beside them.
COUNTS_BESIDE_MIN_WIDTH = 300


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
        # long titles wrap over more lines instead of being cut with "…": readable in a narrow
        # tree at 200% scaling (issue 27); the full title is also the tooltip and accessible name
        self.setItemDelegate(WrappingDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Navigatie: kaders, onderdelen en items")
        self._nodes: dict[tuple[str, str], QTreeWidgetItem] = {}
        self._page_count = 0
        #: In a narrow tree (200% scaling) the counts go on a line under the title, so a framework
        #: or section title keeps the whole width instead of sharing it with the count column.
        self.counts_below = False
        self._build()
        doc.changed.connect(self._on_changed)
        self.currentItemChanged.connect(self._on_current)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            narrow = self.viewport().width() < COUNTS_BESIDE_MIN_WIDTH
            if narrow != self.counts_below:
                self.counts_below = narrow
                self.setColumnHidden(1, narrow)
                self._set_counts()

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
            short = "buiten de scan" if c.out_of_scope else counts_short(c) + extra
            node.setText(0, f"{base}\n{short}" if self.counts_below else base)
            node.setText(1, short)
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
