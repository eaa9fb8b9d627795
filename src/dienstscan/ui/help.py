"""Help > Handleiding: the Dutch manual (``assets/help/handleiding.md``) in a QTextBrowser.

The manual is Markdown in the repository, shown with Qt's own Markdown support; its pictures
are screenshots of the application made by ``tools/make_help_screenshots.py``. F1 opens it at the
part for the page that is shown: ``HELP_TOPICS`` maps a page (``topic_for``) to a heading of the
manual, found by its slug (``slug``: "Het dashboard" -> ``het-dashboard``), the same form the
manual's own links use (``[tekst](#het-dashboard)``). ``tests/ui/test_help.py`` checks that every
topic and every internal link lands on a heading.

The section *Sneltoetsen* is not written by hand: ``shortcuts_markdown`` fills it from the
window's actions, so it always lists the keys the program really has.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QUrl, Qt, Signal
from PySide6.QtGui import QAction, QDesktopServices, QImage, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..resources import assets_dir
from .navigation import WrappingDelegate

#: Page -> slug of its heading in the manual. Pages are the kinds of ``Workspace.current()``
#: ("item", "section", "framework"), the keys of registered pages, and "start" (no scan open).
HELP_TOPICS: dict[str, str] = {
    "start": "het-startscherm",
    "item": "een-item-beantwoorden",
    "section": "overzicht-van-een-kader-of-onderdeel",
    "framework": "overzicht-van-een-kader-of-onderdeel",
    "dashboard": "het-dashboard",
    "kengetallen": "kengetallen",
    "verbeterplan": "het-verbeterplan",
}
#: Where F1 lands for a page without its own part: the beginning of the manual.
DEFAULT_TOPIC = "handleiding-dienstscan"
SHORTCUTS_MARK = "<!-- sneltoetsen"
#: Widest picture in the help window; screenshots are made at 1366 px and scaled down.
MAX_IMAGE_WIDTH = 760

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


def help_dir() -> Path:
    return assets_dir() / "help"


def manual_path() -> Path:
    return help_dir() / "handleiding.md"


def slug(title: str) -> str:
    """The anchor of a heading as the manual's links write it: lower case, ASCII, dashes."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def headings(markdown: str) -> list[tuple[int, str]]:
    """(level, title) of every heading, outside fenced code blocks."""
    found, fenced = [], False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            found.append((len(match.group(1)), match.group(2)))
    return found


def internal_links(markdown: str) -> list[str]:
    """The targets of the manual's links within itself (``(#slug)``)."""
    return re.findall(r"\]\(#([^)\s]+)\)", markdown)


def topic_for(page: str | None) -> str:
    return HELP_TOPICS.get(page or "start", DEFAULT_TOPIC)


def shortcuts_markdown(actions: list[QAction]) -> str:
    """A Markdown list of the actions that have a key, as the menus name them."""
    lines = []
    seen = set()
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").split(":")[0].strip()
        if not keys or not name or (name, tuple(keys)) in seen:
            continue
        seen.add((name, tuple(keys)))
        lines.append(f"- **{' of '.join(keys)}**: {name}")
    if not lines:
        return "De sneltoetsen staan in de menu's naast elke opdracht."
    return "\n".join(["In het hoofdvenster (ook in de menu's te zien naast elke opdracht):", "", *lines])


def manual_text(actions: list[QAction] | None = None) -> str:
    """The manual, with the shortcut list filled in from ``actions``."""
    text = manual_path().read_text(encoding="utf-8")
    lines = text.splitlines()
    for n, line in enumerate(lines):
        if line.strip().startswith(SHORTCUTS_MARK):
            lines[n] = shortcuts_markdown(actions or [])
    return "\n".join(lines) + "\n"


class HelpBrowser(QTextBrowser):
    """The manual; ``show_topic(slug)`` scrolls its heading to the top."""

    #: Whether ``back`` has a place to return to.
    backAvailable = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._history: list[int] = []
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._follow)
        self.setSearchPaths([str(help_dir())])
        self.setAccessibleName("Handleiding")

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt's name
        # screenshots are full windows: scale them to fit the help window
        if kind == QTextDocument.ResourceType.ImageResource.value:
            image = QImage(str(help_dir() / url.toString()))
            if not image.isNull():
                if image.width() > MAX_IMAGE_WIDTH:
                    image = image.scaledToWidth(MAX_IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
                return image
        return super().loadResource(kind, url)

    def set_manual(self, markdown: str) -> None:
        self.setMarkdown(markdown)

    def heading_slugs(self) -> dict[str, int]:
        """slug -> position of every heading in the shown document."""
        found = {}
        block = self.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                found.setdefault(slug(block.text()), block.position())
            block = block.next()
        return found

    def show_topic(self, topic: str) -> bool:
        """Scroll the heading with slug ``topic`` to the top; False when there is none."""
        position = self.heading_slugs().get(topic)
        if position is None:
            return False
        document = self.document()
        block = document.findBlock(position)
        # the layout of a long document is finished lazily; asking for the position of the
        # heading lays it out up to there, the last block's rectangle the rest (the scroll range)
        top = document.documentLayout().blockBoundingRect(block).top()
        document.documentLayout().blockBoundingRect(document.lastBlock())
        self.setTextCursor(QTextCursor(block))
        self.verticalScrollBar().setValue(int(top))
        return True

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.hasFragment():
            self.remember()
            self.show_topic(url.fragment())

    # ---------------------------------------------------------------- back

    def remember(self) -> None:
        """Keep the place shown now, for ``back`` (before jumping elsewhere)."""
        self._history.append(self.verticalScrollBar().value())
        self.backAvailable.emit(True)

    def back(self) -> bool:
        """Return to the place shown before the last jump; False when there is none."""
        if not self._history:
            return False
        self.verticalScrollBar().setValue(self._history.pop())
        self.backAvailable.emit(bool(self._history))
        return True

    def find_text(self, text: str) -> bool:
        """The next place with ``text`` (from the top again after the last); False when none."""
        if not text:
            return False
        if self.find(text):
            return True
        self.moveCursor(QTextCursor.MoveOperation.Start)
        return self.find(text)


class HelpWindow(QDialog):
    """Help > Handleiding: not modal, so the manual can stay open beside the work.

    The contents (the manual's headings) on the left, a search field (Enter: the next place)
    and *Terug* (Alt+Left) to where the last link or heading jump came from.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Handleiding – Dienstscan")
        self.setModal(False)
        self.browser = HelpBrowser(self)
        self.contents = QTreeWidget(self)
        self.contents.setHeaderHidden(True)
        self.contents.setAccessibleName("Inhoud van de handleiding")
        self.contents.itemClicked.connect(self._contents_chosen)
        self.contents.installEventFilter(self)  # Enter opens the heading chosen with the arrows
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Zoeken in de handleiding (Enter: volgende)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Zoeken in de handleiding")
        self.search.returnPressed.connect(self.find_next)
        search_label = QLabel("&Zoeken:", self)
        search_label.setBuddy(self.search)
        self.found = QLabel(self)
        self.found.setAccessibleName("Zoekresultaat")
        self.back_button = QPushButton("← &Terug", self)
        self.back_button.setToolTip("Terug naar waar u was voor de laatste sprong (Alt+pijl links)")
        self.back_button.setEnabled(False)
        self.back_button.clicked.connect(self.browser.back)
        self.browser.backAvailable.connect(self.back_button.setEnabled)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, activated=self.browser.back)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, activated=self.search.setFocus)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, activated=self.find_next)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.found)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.contents)
        split.addWidget(self.browser)
        split.setStretchFactor(1, 1)
        split.setSizes([230, 730])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        # Tab in reading order: Terug, Zoeken, the contents, the manual, Sluiten (the widgets were
        # made in another order: the manual first)
        chain = [self.back_button, self.search, self.contents, self.browser,
                 buttons.button(QDialogButtonBox.StandardButton.Close)]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)
        # never wider or taller than the screen (1366x768 at 200% leaves 683x384 logical pixels):
        # Sluiten stays in view; the contents a third of the width, their long headings wrapped
        screen = (parent.screen() if parent is not None else None) or self.screen()
        room = screen.availableGeometry() if screen is not None else None
        width = min(1000, room.width() - 20) if room else 1000
        self.resize(width, min(720, room.height() - 40) if room else 720)
        split.setSizes([min(230, width // 3), width - min(230, width // 3)])
        self.contents.setItemDelegate(WrappingDelegate(self.contents))

    def set_manual(self, markdown: str) -> None:
        """Show the manual and list its headings (levels 1 to 3) as the contents."""
        self.browser.set_manual(markdown)
        self.contents.clear()
        parents: dict[int, QTreeWidgetItem] = {}
        block = self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if 0 < level <= 3:
                parent = next((parents[n] for n in range(level - 1, 0, -1) if n in parents), None)
                node = QTreeWidgetItem([block.text()])
                node.setData(0, Qt.ItemDataRole.UserRole, slug(block.text()))
                if parent is None:
                    self.contents.addTopLevelItem(node)
                else:
                    parent.addChild(node)
                parents[level] = node
                for deeper in [n for n in parents if n > level]:
                    del parents[deeper]
            block = block.next()
        self.contents.expandAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (watched is self.contents and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.contents.currentItem()):
            self._contents_chosen(self.contents.currentItem())
            return True
        return super().eventFilter(watched, event)

    def _contents_chosen(self, node: QTreeWidgetItem, _column: int = 0) -> None:
        self.browser.remember()
        self.browser.show_topic(node.data(0, Qt.ItemDataRole.UserRole))

    def find_next(self) -> bool:
        text = self.search.text().strip()
        found = self.browser.find_text(text)
        self.found.setText("" if found or not text else f"‘{text}’ staat niet in de handleiding")
        return found


def show_help(window: QWidget, page: str | None = None) -> HelpWindow:
    """Open (or raise) the manual at the part for ``page``; returns the help window."""
    existing = window.findChild(HelpWindow)
    help_window = existing or HelpWindow(window)
    help_window.set_manual(manual_text(window.actions()))
    help_window.show()
    help_window.raise_()
    help_window.activateWindow()
    help_window.browser.show_topic(topic_for(page))  # after show(): the document is laid out
    return help_window
