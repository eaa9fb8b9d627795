"""The main window: start screen, or one open scan (``Workspace``) with the menus of ``ui/actions.py``.

Files work like an office program: Nieuw/Openen/Opslaan/Opslaan als/Sluiten, the title shows the
file and an unsaved mark, closing asks to save, undo/redo, a recovery copy while there are
unsaved changes, the recovery offer at start, the "already open elsewhere" warning and recent
files. Every modal dialog goes through ``dialogs`` so tests can replace it.

The window implements ``shell.Shell``: the menu commands (declared in ``ui/actions.py``, built by
``actions.build_menus``) reach it only through that interface. ``action(id)`` and ``menu(id)``
return the built ``QAction``/``QMenu`` of a table row; ``navigate(node_id)`` opens an item,
section, framework or registered page (``workspace.register_page``) by id.
"""

from __future__ import annotations

import logging
import sys
import uuid
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget, QToolButton, QWidget

from .. import operations, storage
from ..model import ChecklistSet
from ..resources import example_scan_path
from . import contrast, dialogs, settings
from .actions import MenuSet, build_menus
from .document import ScanDocument
from .icons import app_icon
from .shell import ActionContext
from .start import StartScreen
from .status import ScanStatus
from .workspace import Workspace

log = logging.getLogger(__name__)

APP_NAME = "Dienstscan"
NOT_LOST = "Uw werk is niet verloren: het staat nog in Dienstscan en in een herstelkopie."
#: The buttons under an item (``None``: the stretch between them), from the Ga naar actions.
ITEM_NAV_BUTTONS = ("prev", "prev_open", None, "next_open", "next")


#: The smallest window (logical pixels): fits 1366x768 at 200% (see ``__init__``).
MINIMUM_WIDTH, MINIMUM_HEIGHT = 560, 300


class MainWindow(QMainWindow):
    """The application window; holds at most one open scan (``self.doc``).

    About 320 lines: the file commands (new, open with its lock, save, save as, close, the
    recovery offer) stay here because each ends in ``set_document`` and asks through the window's
    dialogs; the menus (``actions``), the scan's workspace (``workspace``) and the status labels
    (``status``) are modules of their own.
    """

    documentChanged = Signal(object)  # ScanDocument | None

    def __init__(self, checklists: ChecklistSet, parent: QWidget | None = None, *,
                 start_screen: bool = True) -> None:
        super().__init__(parent)
        self.checklists = checklists
        #: The folder the checklists came from (None: the shipped ones); extra benchmarks reload it.
        self.checklist_dir: Path | None = None
        self.doc: ScanDocument | None = None
        self.workspace: Workspace | None = None
        self.setWindowIcon(app_icon())
        # Small enough for a 1366x768 laptop at 200% scaling (683x384 logical pixels, less the
        # taskbar and title bar): the pages scroll, the window never runs off the screen.
        self.setMinimumSize(MINIMUM_WIDTH, MINIMUM_HEIGHT)
        self.central = QStackedWidget(self)
        self._start_screen: StartScreen | None = None
        if start_screen:  # else built when first needed: a start that opens a scan never shows it
            self.central.addWidget(self.start_screen)
        self.setCentralWidget(self.central)
        #: Every menu entry of ``actions.ENTRIES``, built; ``action(id)``/``menu(id)`` read it.
        self.menu_set: MenuSet = build_menus(self.menuBar(), self, self.action_context)
        self.action("nav_visible").setChecked(settings.navigation_visible())  # as the user left it
        self.status = ScanStatus(self.statusBar())
        if settings.zoom_percent() != 100:  # the text size chosen last time (Ctrl+plus/minus)
            from .zoom import restore

            restore()
        self._update_title()
        self._update_actions()

    @property
    def start_screen(self) -> StartScreen:
        """The start screen (new scan, open, the example, recent files), built on first use."""
        if self._start_screen is None:
            screen = StartScreen(self.central)
            self.central.insertWidget(0, screen)
            screen.newScan.connect(self.new_scan)
            screen.openFile.connect(self.open_dialog)
            screen.openExample.connect(self.open_example)
            screen.openRecent.connect(self.open_path)
            self._start_screen = screen
        return self._start_screen

    def _refresh_start_screen(self) -> None:
        """The recent files changed: a start screen that exists shows them (one built later reads them then)."""
        if self._start_screen is not None:
            self._start_screen.refresh()

    def show_start_screen(self) -> None:
        """No scan open: the start screen (a start whose scan did not open ends here)."""
        self.central.setCurrentWidget(self.start_screen)
        self.start_screen.refresh()

    # ------------------------------------------------------------------ actions and menus

    def action_context(self, checked: bool = False) -> ActionContext:
        """What a menu command gets: the open scan, this window as parent and as shell.

        Text typed and not yet committed (the plan form waits for a pause) is committed first, so
        every command, undo included, sees and acts on what the user sees."""
        if self.doc is not None:
            self.doc.commit_pending()
        return ActionContext(self.doc, self, self, checked)

    def action(self, action_id: str) -> QAction:
        """The built action of the row ``action_id`` in ``actions.ENTRIES`` (KeyError if none)."""
        return self.menu_set.actions[action_id]

    def menu(self, menu_id: str) -> QMenu:
        """A built menu or submenu by id (``"file"``, ``"export"``, ``"workshop"``, ...)."""
        return self.menu_set.menus[menu_id]

    def _update_actions(self, *_args: object) -> None:
        self.menu_set.update(self.doc)

    # ------------------------------------------------------------------ the shell for commands

    def _lock_lost(self, message: str) -> None:
        """Another Dienstscan took this scan over: said at once, without a dialog in the way of a
        workshop; the next save refuses and offers Opslaan als (``_save_to``)."""
        log.warning("vergrendeling overgenomen: %s", message)
        self.show_status(message, 0)

    def show_status(self, message: str, timeout_ms: int = 8000) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    def use_checklists(self, checklists: ChecklistSet) -> None:
        """Same items, other benchmarks: the window and the open scan use ``checklists`` from now on."""
        self.checklists = checklists
        if self.doc is not None:
            self.doc.checklists = checklists
            self.doc.notify_changed("")

    def open_document(self, doc: ScanDocument) -> bool:
        """Close the open scan (asking to save) and show ``doc``; False when the user cancels."""
        if not self.maybe_close_document():
            return False
        self.set_document(doc)
        return True

    def quit(self) -> None:
        self.close()

    # ------------------------------------------------------------------ title and status

    def _update_title(self, *_args: object) -> None:
        if self.doc is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            return
        self.setWindowTitle(f"{self.doc.display_name()}[*] – {APP_NAME}")
        self.setWindowModified(self.doc.is_dirty())

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
        self.status.set_document(doc)
        if doc is None:
            self.show_start_screen()
        else:
            doc.setParent(self)
            self.workspace = Workspace(doc, self.central)
            # the item page is built when first needed; it gets the navigation buttons then
            self.workspace.itemPageBuilt.connect(self._add_item_buttons)
            # the first page before the tree is shown: shown without a current node, the tree makes
            # its first node (the dashboard) current, which builds that page for nothing
            self.workspace.start()
            self.central.addWidget(self.workspace)
            self.central.setCurrentWidget(self.workspace)
            # bound methods, not lambdas: Qt disconnects them when the window goes away
            doc.dirtyChanged.connect(self._update_title)
            doc.pathChanged.connect(self._update_title)
            doc.undo_stack.indexChanged.connect(self._update_actions)
            doc.baselineChanged.connect(self._update_actions)
            doc.lockLost.connect(self._lock_lost)
            self._apply_nav_visible()
            self.workspace.tree.setFocus()
        self._update_title()
        self._update_actions()
        self.documentChanged.emit(doc)

    def _add_item_buttons(self, page: QWidget) -> None:
        """Vorige/Volgende (and the unanswered ones) under the item page, as tool buttons of the actions."""
        for action_id in ITEM_NAV_BUTTONS:
            if action_id is None:
                page.nav_row.addStretch(1)
                continue
            action = self.action(action_id)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setToolTip(f"{action.toolTip()} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
            page.nav_row.addWidget(button)

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
            self.show_status("Alle items in de scan zijn beantwoord." if unanswered else "Geen items in de scan.", 5000)
            return None
        self.workspace.navigate(target)
        return target

    def set_navigation_visible(self, visible: bool) -> None:
        """Show or hide the navigation on the left (Ga naar > Navigatie tonen); remembered."""
        self.action("nav_visible").setChecked(visible)
        settings.set_navigation_visible(visible)
        self._apply_nav_visible()

    def current_page(self) -> str:
        """What is shown, for the help (F1): "start", "item", "section", "framework" or a page key."""
        current = self.workspace.current() if self.workspace is not None else None
        if current is None:
            return "start"
        kind, node_id = current
        return node_id if kind == "page" else kind

    def _apply_nav_visible(self) -> None:
        if self.workspace is not None:
            self.workspace.tree.setVisible(self.action("nav_visible").isChecked())

    def focus_navigation(self) -> None:
        if self.workspace is None:
            return
        if not self.workspace.tree.isVisible():
            self.set_navigation_visible(True)
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
        self.doc.commit_pending()  # typed text not yet committed counts as a change (plan page)
        asked = self.doc.is_dirty()
        choice = dialogs.ask_save_changes(self, self.doc.display_name()) if asked else "discard"
        if choice == "cancel":
            return False  # the scan stays open, and so does its phone session (issue 25)
        if "dienstscan.ui.live_panel" in sys.modules:  # the close goes through: stop the phones now, so
            from .live_panel import stop_session  # every answer is in the document before it is saved

            stop_session(self.doc)
            if not asked and self.doc.is_dirty() and not self._unasked_answers_kept():
                return False
        if choice == "save" and not self.save():
            return False
        self.doc.close()
        self.set_document(None)
        return True

    def _unasked_answers_kept(self) -> bool:
        """Phone answers came in while stopping a scan without unsaved changes: ask now after all.

        True when the close may go on (saved, or thrown away on purpose), False to keep the scan open.
        """
        choice = dialogs.ask_save_changes(self, self.doc.display_name())
        if choice == "cancel":
            return False
        return choice == "discard" or self.save()

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
            loaded = operations.open_scan(path, self.checklists, cache=storage.scan_file_cache())
        except storage.RepairableScanError as exc:
            if not dialogs.ask_repair_scan(self, str(exc), exc.repairs):
                return False
            try:
                loaded = operations.open_scan(path, self.checklists, repair=True, cache=storage.scan_file_cache())
            except storage.ScanFileError as again:
                dialogs.show_error(self, "Scan openen", str(again))
                return False
        except storage.ScanFileError as exc:
            dialogs.show_error(self, "Scan openen", str(exc))
            if exc.code == "not_found":
                settings.remove_recent_file(path)
                self._refresh_start_screen()
            return False
        lock = self._lock(path)
        if lock is False:
            return False
        # a repaired scan is unsaved: the file changes only when the user saves it
        doc = ScanDocument(self.checklists, loaded.assessment, path, lock=lock or None, unsaved=bool(loaded.repairs))
        self.set_document(doc)
        settings.add_recent_file(path)
        settings.set_last_folder(path.parent)
        self._refresh_start_screen()
        notes = storage.check_against_checklists(loaded.assessment, self.checklists)
        if loaded.migrated:
            notes.insert(0, "De scan is gemaakt met een oudere versie van Dienstscan en is bijgewerkt; "
                            "bij opslaan krijgt het bestand de nieuwe indeling.")
        if loaded.unknown_keys:
            notes.append(f"Het bestand bevat gegevens van een nieuwere versie van Dienstscan "
                         f"({', '.join(loaded.unknown_keys)}). Deze versie gebruikt ze niet, maar schrijft ze bij "
                         "opslaan ongewijzigd terug.")
        if loaded.repairs:
            notes.insert(0, "Bij het openen hersteld (het bestand verandert pas als u opslaat):\n"
                            + "\n".join(loaded.repairs))
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
            assessment = operations.open_scan(path, self.checklists).assessment
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
        target = dialogs.save_scan_file(self, folder / self.doc.suggested_file_name(folder))
        if target is None:
            return False
        return self._save_to(target)

    def _save_to(self, path: Path) -> bool:
        try:
            self.doc.save(path)
        except storage.LockLostError as exc:
            log.warning("opslaan geweigerd, vergrendeling kwijt: %s", exc)
            if dialogs.ask_save_as_after_lock_lost(self, str(exc)):
                return self.save_as()
            return False
        except (storage.ScanFileError, storage.ScanLockedError) as exc:
            log.warning("opslaan mislukt: %s", exc)
            dialogs.show_error(self, "Opslaan mislukt", f"{exc}\n\n{NOT_LOST}")
            return False
        settings.add_recent_file(path)
        settings.set_last_folder(path.parent)
        self.show_status(f"Opgeslagen: {path}", 5000)
        return True

    def close_scan(self) -> bool:
        return self.maybe_close_document()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Windows high contrast switched on or off while the program runs (the system palette
        changes): our style sheets and state icons follow."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            if contrast.restyle_all() and self.workspace is not None:
                self.workspace.tree.refresh()  # the state icons in the new colours

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.maybe_close_document():
            event.accept()
        else:
            event.ignore()

    # ------------------------------------------------------------------ start

    def offer_recoveries(self) -> bool:
        """Offer each recovery copy newer than its scan; True when one was restored."""
        open_path = self.doc.path.resolve() if self.doc is not None and self.doc.path is not None else None
        for copy in storage.find_recoveries():
            if self.doc is not None and self.doc.assessment.id == copy.scan_id and copy.own:
                continue  # the open scan's own copy
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
            # A copy whose file was written since (the command line, another program) or that is
            # open here is restored as a separate, unsaved scan: it must not undo the later change.
            separate = copy.changed_since or (copy.scan_path is not None and copy.scan_path == open_path)
            path = None if separate else copy.scan_path
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
            if not copy.own and self.doc.write_recovery() is not None:
                storage.discard_recovery(copy)  # the work now lives in this program's own copy
            if separate:
                self.show_status("Werk hersteld als aparte, nog niet opgeslagen scan. Kies Opslaan als.", 15000)
            else:
                self.show_status("Werk hersteld. Sla de scan op om het te bewaren.", 10000)
            return True
        return False
