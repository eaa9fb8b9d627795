"""What a menu command gets: the open document, a parent widget for its dialogs, and the shell.

``ActionContext`` is the one argument of every callback in ``ui/actions.py``. Most commands
need only ``doc`` (None while no scan is open) and ``parent``. The few that change what the
application shows (open a new scan, switch to a page, use other checklists, say something in
the status bar) do it through ``shell``, the narrow ``Shell`` interface that the main window
implements. Feature modules import this module, never ``main_window``: that keeps the import
graph free of cycles (``tests/unit/test_import_graph.py``) and every feature testable with a
stand-in shell.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QWidget

from ..model import ChecklistSet
from .document import ScanDocument


class Shell(Protocol):
    """What the application window offers to commands (implemented by ``MainWindow``)."""

    #: The checklists in use (with any extra benchmarks); the open scan uses the same.
    checklists: ChecklistSet
    #: The folder the checklists came from (None: the shipped ones).
    checklist_dir: Path | None

    def open_document(self, doc: ScanDocument) -> bool:
        """Close the open scan (asking to save) and show ``doc``; False when the user cancels."""

    def open_path(self, path: Path) -> bool:
        """Open a scan file (asking to save the open one first)."""

    def show_page(self, key: str) -> bool:
        """Show a registered page of the open scan (``"dashboard"``, ...)."""

    def navigate(self, node_id: str) -> bool:
        """Show an item, section, framework or registered page of the open scan by id."""

    def page(self, key: str) -> QWidget | None:
        """The registered page ``key`` of the open scan (built on first use), or None."""

    def use_checklists(self, checklists: ChecklistSet) -> None:
        """Use other checklists (same items, other benchmarks) from now on, also in the open scan."""

    def show_status(self, message: str, timeout_ms: int = 8000) -> None:
        """A short message in the status bar."""

    # the window's own file and navigation commands
    def new_scan(self) -> bool: ...
    def open_dialog(self) -> bool: ...
    def open_example(self) -> bool: ...
    def save(self) -> bool: ...
    def save_as(self) -> bool: ...
    def close_scan(self) -> bool: ...
    def quit(self) -> None: ...
    def go(self, direction: int, *, unanswered: bool) -> str | None: ...
    def focus_navigation(self) -> None: ...
    def set_navigation_visible(self, visible: bool) -> None: ...
    def current_page(self) -> str:
        """What is shown: "start", "item", "section", "framework" or a registered page's key."""


@dataclass(frozen=True)
class ActionContext:
    """The argument of every menu callback."""

    doc: ScanDocument | None
    parent: QWidget
    shell: Shell
    #: The new state of a checkable action (False for the others).
    checked: bool = False
