"""One open scan in the main window: the navigation tree on the left, the page stack on the right.

``register_page(key, title, factory)`` adds a page shown at the top of the navigation (kind
``"page"``) and in the page stack; ``factory(doc, parent)`` returns a QWidget, which may have an
``openItem = Signal(str)`` (item, section or framework id to navigate to). Pages are built anew
for every opened scan, lazily: the first time they are shown or asked for
(``Workspace.page(key)``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSplitter, QStackedWidget, QWidget

from .document import ScanDocument
from .navigation import NavigationTree

if TYPE_CHECKING:
    from .pages.item import ItemPage
    from .pages.overview import FrameworkPage, SectionPage


class PageSpec(NamedTuple):
    key: str
    title: str
    factory: Callable[[ScanDocument, QWidget | None], QWidget]
    icon: QIcon | None = None


_PAGES: list[PageSpec] = []


def register_page(key: str, title: str, factory: Callable[[ScanDocument, QWidget | None], QWidget],
                  icon: QIcon | None = None) -> None:
    """Add a page to every scan window from now on (replaces an earlier page with the same key)."""
    _PAGES[:] = [p for p in _PAGES if p.key != key]
    _PAGES.append(PageSpec(key, title, factory, icon))


def registered_pages() -> list[PageSpec]:
    return list(_PAGES)


def _dashboard(doc: ScanDocument, parent: QWidget | None) -> QWidget:
    from .pages.dashboard import DashboardPage  # each page's module is imported when it is first built

    return DashboardPage(doc, parent)


def _key_figures(doc: ScanDocument, parent: QWidget | None) -> QWidget:
    from .pages.keyfigures import KeyFiguresPage

    return KeyFiguresPage(doc, parent)


def _plan(doc: ScanDocument, parent: QWidget | None) -> QWidget:
    from .pages.plan import PlanPage

    return PlanPage(doc, parent)


# The registered pages, in the order of the navigation.
register_page("dashboard", "Dashboard", _dashboard)
register_page("kengetallen", "Kengetallen", _key_figures)
register_page("verbeterplan", "Verbeterplan", _plan)

class Workspace(QSplitter):
    """One open scan: navigation tree and the page stack."""

    #: The item page was built (on first use, ``item_page``); the main window adds its buttons.
    itemPageBuilt = Signal(QWidget)

    def __init__(self, doc: ScanDocument, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.doc = doc
        self.tree = NavigationTree(doc, self)
        self.stack = QStackedWidget(self)
        self._item_page: ItemPage | None = None
        self._section_page: SectionPage | None = None
        self._framework_page: FrameworkPage | None = None
        #: Registered pages by key; each is built the first time it is needed (``page(key)``),
        #: so opening a scan only pays for the page it shows first.
        self.specs: dict[str, PageSpec] = {}
        self._shown_count = 0  # pages shown so far: ``navigate`` shows a node once, not twice
        self.pages: dict[str, QWidget] = {}
        for spec in registered_pages():
            self.specs[spec.key] = spec
            self.tree.add_page_node(spec.key, spec.title, spec.icon)
        self.addWidget(self.tree)
        self.addWidget(self.stack)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        self.tree.setMinimumWidth(160)  # a third of the window at 200% scaling on 1366x768
        self.setSizes([350, 1000])
        #: the navigation keeps a third of the width at most until the user drags the divider
        self._sized_by_user = False
        self.splitterMoved.connect(self._user_sized)
        self.tree.nodeActivated.connect(self._show_node)

    def _user_sized(self, *_args: object) -> None:
        self._sized_by_user = True

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if not self._sized_by_user and self.orientation() == Qt.Orientation.Horizontal:
            width = event.size().width()
            tree = max(self.tree.minimumWidth(), min(350, int(width * 0.3)))
            self.setSizes([tree, max(width - tree, 1)])

    @property
    def item_page(self) -> ItemPage:
        """The item page, built the first time an item is shown or asked for: a scan that opens on
        its dashboard does not pay for it (its module and widgets are about 15 ms of a start)."""
        if self._item_page is None:
            from .pages.item import ItemPage, NumberKeysToPage

            page = ItemPage(self.doc, self.stack)
            self.stack.addWidget(page)
            page.openItem.connect(self.navigate)
            self._item_page = page
            # number keys pressed in the tree answer the item shown (only once there is one)
            self._number_keys = NumberKeysToPage(page, self.item_shown, self)
            self.tree.installEventFilter(self._number_keys)
            self.itemPageBuilt.emit(page)
        return self._item_page

    @property
    def section_page(self) -> SectionPage:
        """The page of a section (its items and scores), built the first time one is shown."""
        if self._section_page is None:
            from .pages.overview import SectionPage

            self._section_page = self._add(SectionPage(self.doc, self.stack))
        return self._section_page

    @property
    def framework_page(self) -> FrameworkPage:
        """The page of a framework, built the first time one is shown."""
        if self._framework_page is None:
            from .pages.overview import FrameworkPage

            self._framework_page = self._add(FrameworkPage(self.doc, self.stack))
        return self._framework_page

    def _add(self, page):
        self.stack.addWidget(page)
        page.openItem.connect(self.navigate)
        return page

    def page(self, key: str) -> QWidget | None:
        """The registered page ``key`` for this scan, built on first use; None for an unknown key."""
        if key not in self.pages:
            spec = self.specs.get(key)
            if spec is None:
                return None
            widget = spec.factory(self.doc, self.stack)
            self.stack.addWidget(widget)
            self.pages[key] = widget
            signal = getattr(widget, "openItem", None)
            if signal is not None:
                signal.connect(self.navigate)
        return self.pages[key]

    def item_shown(self) -> bool:
        page = self._item_page
        return page is not None and self.stack.currentWidget() is page and page.item_id is not None

    def _show_node(self, kind: str, node_id: str) -> None:
        self._shown_count += 1
        if kind == "item":
            from_tree = self.tree.hasFocus()  # before the old answer buttons (maybe focused) go
            self.item_page.show_item(node_id)
            self.stack.setCurrentWidget(self.item_page)
            # moving to an item (Ctrl+PgDown, a link, a button) puts the focus on its answer, so a
            # number key answers it instead of landing in the explanation of the item before
            # (issue 28); moving through the tree keeps the focus there for the arrow keys
            if not from_tree:
                self.item_page.focus_answer()
        elif kind == "section":
            self.section_page.show_section(node_id)
            self.stack.setCurrentWidget(self.section_page)
        elif kind == "framework":
            self.framework_page.show_framework(node_id)
            self.stack.setCurrentWidget(self.framework_page)
        elif kind == "page" and node_id in self.specs:
            self.stack.setCurrentWidget(self.page(node_id))

    def kind_of(self, node_id: str) -> str | None:
        checklists = self.doc.checklists
        if node_id in self.specs:
            return "page"
        if checklists.has_item(node_id):
            return "item"
        if any(fw.id == node_id for fw in checklists.frameworks):
            return "framework"
        if any(s.id == node_id for fw in checklists.frameworks for s in fw.sections):
            return "section"
        return None

    def navigate(self, node_id: str) -> bool:
        kind = self.kind_of(node_id)
        if kind is None:
            return False
        shown = self._shown_count
        self.tree.select(kind, node_id)
        if self._shown_count == shown:  # selecting it in the tree did not show it already
            self._show_node(kind, node_id)
        return True

    def current(self) -> tuple[str, str] | None:
        return self.tree.current_node()

    def start(self) -> None:
        """The first page: the first item while nothing is answered yet (a new scan starts where
        the work starts), else the first registered page (the dashboard), else the first framework."""
        if not any(answer.option for answer in self.doc.assessment.answers.values()):
            first = self.step(1, unanswered=False)
            if first is not None:
                self.navigate(first)
                return
        if self.specs:
            self.navigate(next(iter(self.specs)))
            return
        in_scope = [fw.id for fw in self.doc.checklists.frameworks if fw.id in self.doc.assessment.frameworks]
        self.navigate(in_scope[0] if in_scope else self.doc.checklists.frameworks[0].id)

    def step(self, direction: int, *, unanswered: bool) -> str | None:
        """The item before/after the current one (only open ones when ``unanswered``), wrapping."""
        order = [i for i in self.tree.item_order() if self.doc.item_state(i) != "out_of_scope"]
        if not order:
            return None
        current = self.current()
        if current and current[0] == "item" and current[1] in order:
            start = order.index(current[1])
        elif current and current[0] in ("section", "framework"):
            # from an overview: its first item onwards
            ids = self._items_under(current)
            start = (order.index(ids[0]) - 1) if ids and ids[0] in order else -1
            if direction < 0:
                start = start + 1
        else:
            start = -1 if direction > 0 else 0
        n = len(order)
        for k in range(1, n + 1):
            candidate = order[(start + direction * k) % n]
            if not unanswered or self.doc.item_state(candidate) in ("unanswered", "unknown", "explanation_missing"):
                return candidate
        return None

    def _items_under(self, node: tuple[str, str]) -> list[str]:
        kind, node_id = node
        if kind == "section":
            return [i.id for i in self.doc.checklists.section(node_id).items]
        return [i.id for i in self.doc.checklists.framework(node_id).all_items()]
