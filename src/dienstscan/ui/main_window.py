"""The main window: start screen, or navigation on the left and the selected page on the right.

Files work like an office program: Nieuw/Openen/Opslaan/Opslaan als/Sluiten, the title shows the
file and an unsaved mark, closing asks to save, undo/redo, a recovery copy while there are
unsaved changes, the recovery offer at start, the "already open elsewhere" warning and recent
files. Every modal dialog goes through ``dialogs`` so tests can replace it.

Extension points for later parts:

- ``register_page(key, title, factory)``: a page shown at the top of the navigation (kind
  ``"page"``) and in the page stack; ``factory(doc, parent)`` returns a QWidget, which may have an
  ``openItem = Signal(str)`` (item, section or framework id to navigate to). Pages are built anew
  for every opened scan, lazily: the first time they are shown or asked for.
  ``MainWindow.page(key)`` returns (and if needed builds) the instance, ``show_page(key)`` shows it.
- ``MainWindow.export_menu`` (Bestand > Exporteren) and ``add_document_action(action, menu)``:
  actions that need an open scan, enabled and disabled with it.
- ``MainWindow.navigate(node_id)`` opens an item, section, framework or page by id.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from .. import storage
from ..model import ChecklistSet
from ..resources import example_scan_path
from . import dialogs, exporting, report_dialog, settings
from .about import show_about
from .document import ScanDocument
from .icons import app_icon
from .navigation import NavigationTree
from .pages.dashboard import DashboardPage
from .pages.keyfigures import KeyFiguresPage
from .pages.item import ItemPage, NumberKeysToPage
from .pages.overview import FrameworkPage, SectionPage
from .pages.plan import PlanPage
from .start import StartScreen

log = logging.getLogger(__name__)

APP_NAME = "Dienstscan"
NOT_LOST = "Uw werk is niet verloren: het staat nog in Dienstscan en in een herstelkopie."


@dataclass(frozen=True)
class PageSpec:
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


# The pages of part 2, in the order of the navigation.
register_page("dashboard", "Dashboard", DashboardPage)
register_page("kengetallen", "Kengetallen", KeyFiguresPage)
register_page("verbeterplan", "Verbeterplan", PlanPage)



class Workspace(QSplitter):
    """One open scan: navigation tree and the page stack."""

    def __init__(self, doc: ScanDocument, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.doc = doc
        self.tree = NavigationTree(doc, self)
        self.stack = QStackedWidget(self)
        self.item_page = ItemPage(doc, self.stack)
        self.section_page = SectionPage(doc, self.stack)
        self.framework_page = FrameworkPage(doc, self.stack)
        for page in (self.item_page, self.section_page, self.framework_page):
            self.stack.addWidget(page)
            page.openItem.connect(self.navigate)
        #: Registered pages by key; each is built the first time it is needed (``page(key)``),
        #: so opening a scan only pays for the page it shows first.
        self.specs: dict[str, PageSpec] = {}
        self.pages: dict[str, QWidget] = {}
        for spec in registered_pages():
            self.specs[spec.key] = spec
            self.tree.add_page_node(spec.key, spec.title, spec.icon)
        self.addWidget(self.tree)
        self.addWidget(self.stack)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        self.tree.setMinimumWidth(240)
        self.setSizes([350, 1000])
        self._number_keys = NumberKeysToPage(self.item_page, self.item_shown, self)
        self.tree.installEventFilter(self._number_keys)
        self.tree.nodeActivated.connect(self._show_node)

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
        return self.stack.currentWidget() is self.item_page and self.item_page.item_id is not None

    def _show_node(self, kind: str, node_id: str) -> None:
        if kind == "item":
            self.item_page.show_item(node_id)
            self.stack.setCurrentWidget(self.item_page)
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
        self.tree.select(kind, node_id)
        self._show_node(kind, node_id)
        return True

    def current(self) -> tuple[str, str] | None:
        return self.tree.current_node()

    def start(self) -> None:
        """The first page: the first registered page, else the first framework in the scan."""
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
            if not unanswered or self.doc.item_state(candidate) in ("unanswered", "explanation_missing"):
                return candidate
        return None

    def _items_under(self, node: tuple[str, str]) -> list[str]:
        kind, node_id = node
        if kind == "section":
            return [i.id for i in self.doc.checklists.section(node_id).items]
        return [i.id for i in self.doc.checklists.framework(node_id).all_items()]


class MainWindow(QMainWindow):
    """The application window; holds at most one open scan (``self.doc``)."""

    documentChanged = Signal(object)  # ScanDocument | None

    def __init__(self, checklists: ChecklistSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checklists = checklists
        #: The folder the checklists came from (None: the shipped ones); extra benchmarks reload it.
        self.checklist_dir: Path | None = None
        self.doc: ScanDocument | None = None
        self.workspace: Workspace | None = None
        self.setWindowIcon(app_icon())
        self.setMinimumSize(960, 600)
        self.central = QStackedWidget(self)
        self.start_screen = StartScreen(self.central)
        self.central.addWidget(self.start_screen)
        self.setCentralWidget(self.central)
        self._document_actions: list[QAction] = []
        self._make_actions()
        self._make_menus()
        # part 2: the Excel plan out (Bestand > Exporteren) and an edited plan back in (ui/exporting.py)
        self.export_plan_action = self._action("&Verbeterplan (Excel)…",
                                               lambda: exporting.export_plan_dialog(self, self.doc),
                                               tip="Het verbeterplan opslaan als Excel-werkmap")
        self.import_plan_action = self._action("Bewerkt verbeterplan &inlezen…",
                                               lambda: exporting.import_plan_dialog(self, self.doc),
                                               tip="Een in Excel bijgewerkt verbeterplan inlezen, met een voorbeeld vooraf")
        self.add_document_action(self.export_plan_action, self.export_menu)
        # the management report (PDF, Word or HTML; ui/report_dialog.py)
        self.export_report_action = self._action("&Rapport (PDF, Word of HTML)…",
                                                 lambda: report_dialog.export_report_dialog(self, self.doc),
                                                 tip="Het rapport voor het management opslaan")
        self.add_document_action(self.export_report_action, self.export_menu)
        self.add_document_action(self.import_plan_action)
        file_menu = self.export_menu.parentWidget()
        after = file_menu.actions()[file_menu.actions().index(self.export_menu.menuAction()) + 1]
        file_menu.insertAction(after, self.import_plan_action)
        # --- workshop mode (issue 8, ui/workshop): Workshop menu; imported on first use (start-up time)
        self.workshop_menu = QMenu("W&orkshop", self)
        self.menuBar().insertMenu(self.help_menu.menuAction(), self.workshop_menu)
        for text, slot, key, tip in (
            ("&Presentatiemodus", lambda: self._workshop("present", "light"), "F5",
             "Eén item tegelijk op de beamer, bediend met toetsen of een presentatieklikker"),
            ("Presentatiemodus, &donker", lambda: self._workshop("present", "dark"), "Shift+F5",
             "De presentatiemodus met lichte tekst op een donkere achtergrond"),
            ("Deelnemersformulieren &maken…", lambda: self._workshop("make_forms"), None,
             "Per deelnemer een Excel-formulier om vooraf alleen in te vullen"),
            ("Deelnemersformulieren &inlezen…", lambda: self._workshop("read_forms"), None,
             "Ingevulde formulieren inlezen: spreiding per item, meeste verschil eerst"),
        ):
            self.add_document_action(self._action(text, slot, QKeySequence(key) if key else None, tip=tip),
                                     self.workshop_menu)
        # --- end workshop mode
        # --- next cycle (issue 10, ui/cycle_dialogs.py): Bestand > Nieuwe scan op basis van vorige, Scan > Vergelijk
        from . import cycle_dialogs

        cycle_dialogs.install(self)
        # extra benchmark sets (issue 10, ui/benchmark_files.py): Scan > Extra benchmarks…
        from . import benchmark_files

        benchmark_files.install(self)
        # --- end next cycle
        self.status_counts = QLabel(self)
        self.status_recovery = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_recovery)
        self.statusBar().addPermanentWidget(self.status_counts)
        self.start_screen.newScan.connect(self.new_scan)
        self.start_screen.openFile.connect(self.open_dialog)
        self.start_screen.openExample.connect(self.open_example)
        self.start_screen.openRecent.connect(self.open_path)
        self._update_title()
        self._update_actions()

    # ------------------------------------------------------------------ actions and menus

    def _action(self, text: str, slot, shortcut=None, *, tip: str = "", document: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        if document:
            self._document_actions.append(action)
        return action

    def _make_actions(self) -> None:
        S = QKeySequence.StandardKey
        self.new_action = self._action("&Nieuwe scan…", self.new_scan, S.New, tip="Een nieuwe scan beginnen")
        self.open_action = self._action("&Openen…", self.open_dialog, S.Open, tip="Een opgeslagen scan openen")
        self.example_action = self._action("&Voorbeeldscan bekijken", self.open_example,
                                           tip="Een kopie van de voorbeeldscan openen")
        self.save_action = self._action("Op&slaan", self.save, S.Save, tip="De scan opslaan", document=True)
        self.save_as_action = self._action("Opslaan &als…", self.save_as, QKeySequence("Ctrl+Shift+S"),
                                           tip="De scan onder een andere naam opslaan", document=True)
        self.close_action = self._action("&Sluiten", self.close_scan, S.Close,
                                         tip="De scan sluiten en terug naar het startscherm", document=True)
        self.quit_action = self._action("Af&sluiten", self.close, QKeySequence("Ctrl+Q"),
                                        tip="Dienstscan afsluiten")
        self.undo_action = self._action("&Ongedaan maken", self._undo, S.Undo, document=True)
        self.redo_action = self._action("Opnie&uw", self._redo, [QKeySequence(S.Redo), QKeySequence("Ctrl+Y")]
                                        if QKeySequence(S.Redo) != QKeySequence("Ctrl+Y") else S.Redo,
                                        document=True)
        self.prev_action = self._action("&Vorig item", lambda: self.go(-1, unanswered=False),
                                        QKeySequence("Ctrl+PgUp"), tip="Naar het vorige item", document=True)
        self.next_action = self._action("V&olgend item", lambda: self.go(1, unanswered=False),
                                        QKeySequence("Ctrl+PgDown"), tip="Naar het volgende item", document=True)
        self.prev_open_action = self._action("Vorige &onbeantwoorde", lambda: self.go(-1, unanswered=True),
                                             QKeySequence("Ctrl+Shift+PgUp"),
                                             tip="Naar het vorige item zonder (volledig) antwoord", document=True)
        self.next_open_action = self._action("Volgende o&nbeantwoorde", lambda: self.go(1, unanswered=True),
                                             QKeySequence("Ctrl+Shift+PgDown"),
                                             tip="Naar het volgende item zonder (volledig) antwoord", document=True)
        self.focus_nav_action = self._action("Naar de na&vigatie", self.focus_navigation, QKeySequence("F6"),
                                             tip="De cursor naar de navigatie links (F6), nog eens F6: terug",
                                             document=True)
        self.nav_visible_action = self._action("Navigatie &tonen", self._apply_nav_visible, QKeySequence("Ctrl+F6"),
                                               tip="De navigatie links tonen of verbergen (meer ruimte voor de "
                                                   "pagina)", document=True)
        self.nav_visible_action.setCheckable(True)
        self.nav_visible_action.setChecked(True)
        self.about_action = self._action("&Over Dienstscan", lambda: show_about(self, self.checklists))

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&Bestand")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("&Recente bestanden")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.example_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        #: Filled by part 2 (Excel plan, report): use add_document_action(action, self.export_menu).
        self.export_menu = file_menu.addMenu("&Exporteren")
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("Be&werken")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        go_menu = bar.addMenu("&Ga naar")
        for action in (self.prev_action, self.next_action, self.prev_open_action, self.next_open_action):
            go_menu.addAction(action)
        go_menu.addSeparator()
        go_menu.addAction(self.focus_nav_action)
        go_menu.addAction(self.nav_visible_action)
        self.go_menu = go_menu
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)
        self.help_menu = help_menu

    def _workshop(self, what: str, theme: str = "light") -> None:
        """Workshop mode (issue 8): presentation or participant forms for the open scan."""
        if self.doc is None:
            return
        from . import workshop  # imported on first use: keeps openpyxl out of the start-up

        if what == "present":
            workshop.start_presentation(self, self.doc, theme=theme)
        elif what == "make_forms":
            workshop.make_forms(self, self.doc)
        else:
            workshop.read_forms(self, self.doc)

    def add_document_action(self, action: QAction, menu: QMenu | None = None) -> None:
        """An action that needs an open scan (enabled with it); optionally put in ``menu``."""
        if action not in self._document_actions:
            self._document_actions.append(action)
        if action not in self.actions():
            self.addAction(action)
        if menu is not None:
            menu.addAction(action)
        self._update_actions()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = settings.recent_files()
        if not files:
            empty = self.recent_menu.addAction("(nog geen recente bestanden)")
            empty.setEnabled(False)
            return
        for n, path in enumerate(files, start=1):
            prefix = f"&{n} " if n < 10 else ""
            action = self.recent_menu.addAction(f"{prefix}{path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))

    def _update_actions(self, *_args: object) -> None:
        has_doc = self.doc is not None
        for action in self._document_actions:
            action.setEnabled(has_doc)
        self.export_menu.menuAction().setEnabled(has_doc and not self.export_menu.isEmpty())
        if has_doc:
            stack = self.doc.undo_stack
            self.undo_action.setEnabled(stack.canUndo())
            self.redo_action.setEnabled(stack.canRedo())
            self.undo_action.setText(f"&Ongedaan maken: {stack.undoText()}" if stack.canUndo() else "&Ongedaan maken")
            self.redo_action.setText(f"Opnie&uw: {stack.redoText()}" if stack.canRedo() else "Opnie&uw")

    def _undo(self) -> None:
        if self.doc is not None:
            self.doc.undo_stack.undo()

    def _redo(self) -> None:
        if self.doc is not None:
            self.doc.undo_stack.redo()

    # ------------------------------------------------------------------ title and status

    def _update_title(self, *_args: object) -> None:
        if self.doc is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            return
        self.setWindowTitle(f"{self.doc.display_name()}[*] – {APP_NAME}")
        self.setWindowModified(self.doc.is_dirty())

    def _update_counts(self, *_args: object) -> None:
        if self.doc is None:
            self.status_counts.clear()
            return
        counts = self.doc.counts()
        in_scope = [counts[f] for f in self.doc.assessment.frameworks if f in counts]
        total = sum(c.total for c in in_scope)
        answered = sum(c.answered for c in in_scope)
        missing = sum(c.explanation_missing for c in in_scope)
        text = f"{answered} van {total} beantwoord"
        if missing:
            text += f"  ·  uitleg ontbreekt bij {missing}"
        self.status_counts.setText(text)

    def _recovery_written(self, _path: object) -> None:
        from datetime import datetime

        self.status_recovery.setStyleSheet("")
        self.status_recovery.setText(f"Herstelkopie bewaard om {datetime.now():%H:%M}")

    def _recovery_failed(self, message: str) -> None:
        self.status_recovery.setStyleSheet("color: #a00000; font-weight: bold;")
        self.status_recovery.setText("Geen herstelkopie: sla de scan op!")
        self.status_recovery.setToolTip(message)
        log.warning("herstelkopie mislukt: %s", message)

    # ------------------------------------------------------------------ the open document

    def set_document(self, doc: ScanDocument | None) -> None:
        """Show ``doc`` (or the start screen for None). The previous document must be closed."""
        if self.workspace is not None:
            self.central.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None
        if self.doc is not None:
            self.doc.deleteLater()
        self.doc = doc
        self.status_recovery.clear()
        if doc is None:
            self.central.setCurrentWidget(self.start_screen)
            self.start_screen.refresh()
        else:
            doc.setParent(self)
            self.workspace = Workspace(doc, self.central)
            self.central.addWidget(self.workspace)
            self.central.setCurrentWidget(self.workspace)
            for button, action in ((QToolButton(), self.prev_action), (QToolButton(), self.prev_open_action),
                                   (None, None), (QToolButton(), self.next_open_action),
                                   (QToolButton(), self.next_action)):
                if button is None:
                    self.workspace.item_page.nav_row.addStretch(1)
                    continue
                button.setDefaultAction(action)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                button.setToolTip(f"{action.toolTip()} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
                self.workspace.item_page.nav_row.addWidget(button)
            # bound methods, not lambdas: Qt disconnects them when the window goes away
            doc.dirtyChanged.connect(self._update_title)
            doc.pathChanged.connect(self._update_title)
            doc.changed.connect(self._update_counts)
            doc.undo_stack.indexChanged.connect(self._update_actions)
            doc.recoveryWritten.connect(self._recovery_written)
            doc.recoveryFailed.connect(self._recovery_failed)
            self.workspace.start()
            self._apply_nav_visible()
            self.workspace.tree.setFocus()
        self._update_title()
        self._update_counts()
        self._update_actions()
        self.documentChanged.emit(doc)

    def page(self, key: str) -> QWidget | None:
        """The instance of a registered page for the open scan (built on first use), or None."""
        return self.workspace.page(key) if self.workspace else None

    def show_page(self, key: str) -> bool:
        return self.navigate(key)

    def navigate(self, node_id: str) -> bool:
        """Open an item, section, framework or registered page by id."""
        return self.workspace.navigate(node_id) if self.workspace else False

    def go(self, direction: int, *, unanswered: bool) -> str | None:
        if self.workspace is None:
            return None
        target = self.workspace.step(direction, unanswered=unanswered)
        if target is None:
            self.statusBar().showMessage("Alle items in de scan zijn beantwoord." if unanswered
                                         else "Geen items in de scan.", 5000)
            return None
        self.workspace.navigate(target)
        return target

    def _apply_nav_visible(self) -> None:
        if self.workspace is not None:
            self.workspace.tree.setVisible(self.nav_visible_action.isChecked())

    def focus_navigation(self) -> None:
        if self.workspace is None:
            return
        if not self.workspace.tree.isVisible():
            self.nav_visible_action.setChecked(True)
            self._apply_nav_visible()
        if self.workspace.tree.hasFocus():
            self.workspace.stack.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.workspace.stack.currentWidget().focusNextChild()
        else:
            self.workspace.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ------------------------------------------------------------------ file commands

    def maybe_close_document(self) -> bool:
        """Ask to save unsaved changes and close the open scan; False when the user cancels."""
        if self.doc is None:
            return True
        if self.doc.is_dirty():
            choice = dialogs.ask_save_changes(self, self.doc.display_name())
            if choice == "cancel":
                return False
            if choice == "save" and not self.save():
                return False
        self.doc.close()
        self.set_document(None)
        return True

    def new_scan(self) -> bool:
        if not self.maybe_close_document():
            return False
        assessment = dialogs.new_scan(self, self.checklists)
        if assessment is None:
            return False
        self.set_document(ScanDocument(self.checklists, assessment, None, unsaved=True))
        return True

    def open_dialog(self) -> bool:
        path = dialogs.open_scan_file(self, settings.last_folder())
        return self.open_path(path) if path is not None else False

    def open_path(self, path: Path) -> bool:
        """Open a scan file: ask to save the current one, lock, read; Dutch dialogs on failure."""
        path = Path(path)
        if self.doc is not None and self.doc.path is not None and self.doc.path.resolve() == path.resolve():
            return True  # already open here
        if not self.maybe_close_document():
            return False
        try:
            loaded = storage.read_scan(path, self.checklists)
        except storage.ScanFileError as exc:
            dialogs.show_error(self, "Scan openen", str(exc))
            if exc.code == "not_found":
                settings.remove_recent_file(path)
                self.start_screen.refresh()
            return False
        lock = self._lock(path)
        if lock is False:
            return False
        doc = ScanDocument(self.checklists, loaded.assessment, path, lock=lock or None)
        self.set_document(doc)
        settings.add_recent_file(path)
        settings.set_last_folder(path.parent)
        self.start_screen.refresh()
        notes = storage.check_against_checklists(loaded.assessment, self.checklists)
        if loaded.migrated:
            notes.insert(0, "De scan is gemaakt met een oudere versie van Dienstscan en is bijgewerkt; "
                            "bij opslaan krijgt het bestand de nieuwe indeling.")
        if notes:
            dialogs.show_info(self, "Let op", "\n\n".join(notes))
        return True

    def _lock(self, path: Path) -> storage.ScanLock | None | bool:
        """The lock on ``path``; None to go on without one; False when the user cancels."""
        try:
            return storage.acquire_lock(path)
        except storage.ScanLockedError as exc:
            if not dialogs.ask_take_over_lock(self, str(exc)):
                return False
            try:
                return storage.acquire_lock(path, force=True)
            except (storage.ScanFileError, storage.ScanLockedError) as again:
                dialogs.show_error(self, "Scan openen", str(again))
                return False
        except storage.ScanFileError as exc:
            dialogs.show_info(self, "Scan openen", f"{exc}\n\nDe scan wordt toch geopend.")
            return None

    def open_example(self) -> bool:
        """A copy of the example scan, in memory: saving asks where (the example stays as it is)."""
        path = example_scan_path()
        if not self.maybe_close_document():
            return False
        try:
            assessment = storage.load_scan(path)
        except storage.ScanFileError as exc:
            dialogs.show_error(self, "Voorbeeldscan", f"De voorbeeldscan kan niet worden geopend. {exc}")
            return False
        assessment.id = str(uuid.uuid4())  # its own recovery copy, never the example's
        self.set_document(ScanDocument(self.checklists, assessment, None))
        return True

    def save(self) -> bool:
        if self.doc is None:
            return False
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        if self.doc is None:
            return False
        folder = self.doc.path.parent if self.doc.path else settings.last_folder()
        target = dialogs.save_scan_file(self, folder / self.doc.suggested_file_name())
        if target is None:
            return False
        return self._save_to(target)

    def _save_to(self, path: Path) -> bool:
        try:
            self.doc.save(path)
        except (storage.ScanFileError, storage.ScanLockedError) as exc:
            log.warning("opslaan mislukt: %s", exc)
            dialogs.show_error(self, "Opslaan mislukt", f"{exc}\n\n{NOT_LOST}")
            return False
        settings.add_recent_file(path)
        settings.set_last_folder(path.parent)
        self.statusBar().showMessage(f"Opgeslagen: {path}", 5000)
        return True

    def close_scan(self) -> bool:
        return self.maybe_close_document()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.maybe_close_document():
            event.accept()
        else:
            event.ignore()

    # ------------------------------------------------------------------ start

    def offer_recoveries(self) -> bool:
        """Offer each recovery copy newer than its scan; True when one was restored."""
        for copy in storage.find_recoveries():
            if self.doc is not None and self.doc.assessment.id == copy.scan_id:
                continue
            choice = dialogs.ask_recovery(self, copy)
            if choice == "discard":
                storage.discard_recovery(copy)
                continue
            if choice == "later":
                continue
            try:
                assessment = storage.load_recovery(copy)
            except storage.ScanFileError as exc:
                dialogs.show_error(self, "Werk herstellen", str(exc))
                continue
            path = copy.scan_path
            lock = None
            if path is not None and path.parent.is_dir():
                lock = self._lock(path)
                if lock is False:
                    continue
            if not self.maybe_close_document():
                if lock:
                    lock.release()
                return False
            self.set_document(ScanDocument(self.checklists, assessment, path, lock=lock or None, unsaved=True))
            self.statusBar().showMessage("Werk hersteld. Sla de scan op om het te bewaren.", 10000)
            return True
        return False
