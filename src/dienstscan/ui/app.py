"""Starting the desktop application: QApplication, Dutch translations and locale, the main window.

``run(scan, demo)`` is what ``dienstscan`` (no arguments), ``dienstscan gui [SCAN]`` and
``dienstscan demo`` call. ``create_application`` and ``build_window`` are separate so the tests
and ``benchmarks/bench_startup.py`` start the same thing without entering the event loop.

Qt's own texts (buttons of message boxes, file dialogs, context menus) come from Qt's
``qtbase_nl`` translation in PySide6's translations folder; dates and numbers follow
``QLocale(Dutch, Netherlands)``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from ..checklists import ChecklistError, default_checklist_dir
from ..logs import log_uncaught
from . import dialogs
from .icons import app_icon
from .settings import APPLICATION, ORGANISATION

log = logging.getLogger(__name__)

#: Kept alive for the lifetime of the application (a translator that is collected stops working).
_translators: list[QTranslator] = []


def install_dutch(app: QApplication) -> list[str]:
    """Dutch locale and Qt's Dutch translations; returns the translation files that loaded."""
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in ("qtbase_nl", "qt_nl"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _translators.append(translator)
            loaded.append(name)
            break  # qt_nl is a meta file that includes qtbase_nl; one of them is enough
    if not loaded:
        log.warning("geen Nederlandse Qt-vertaling gevonden in %s", folder)
    return loaded


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (existing one reused, as under pytest-qt), Dutch and with our icon."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Dienstscan")
    app.setWindowIcon(app_icon())
    if not _translators:
        install_dutch(app)
    return app


def build_window(scan: Path | None = None, *, demo: bool = False, checklist_dir: Path | None = None):
    """Load the checklists and build the main window (not shown); None when the checklists fail.

    The failure is explained in a dialog (which names every problem, file and line).
    """
    from .main_window import MainWindow  # after the QApplication exists

    from .benchmark_files import startup_checklists

    folder = checklist_dir or default_checklist_dir()
    try:
        checklists = startup_checklists(folder)
    except ChecklistError as exc:
        problems = "\n".join(str(p) for p in exc.problems[:15])
        more = f"\n… en nog {len(exc.problems) - 15}" if len(exc.problems) > 15 else ""
        dialogs.show_error(None, "Checklists", f"De checklists in {folder} bevatten fouten; Dienstscan kan "
                                               f"niet starten.\n\n{problems}{more}")
        return None
    window = MainWindow(checklists)
    window.checklist_dir = checklist_dir
    return window


def fit_to_screen(window) -> None:
    """Filling a small screen (1366x768 laptops), a comfortable size on larger ones."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        window.resize(1280, 760)
        return
    available = screen.availableGeometry()
    if available.width() < 1500 or available.height() < 900:
        window.setGeometry(available)  # also right without a window manager that maximises
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    else:
        window.resize(min(1500, available.width() - 80), min(940, available.height() - 60))
        window.move(available.center() - window.rect().center())


def startup(window, scan: Path | None, demo: bool) -> None:
    """What happens once the window is on screen: the recovery offer, then the requested scan."""
    if window.offer_recoveries():
        return
    if scan is not None:
        window.open_path(scan)
    elif demo:
        window.open_example()


def run(scan: Path | None = None, demo: bool = False) -> int:
    """Start the application and return its exit code (the CLI has set up the log file)."""
    sys.excepthook = log_uncaught
    app = create_application(sys.argv[:1])
    window = build_window(scan, demo=demo)
    if window is None:
        return 1
    fit_to_screen(window)
    window.show()
    QTimer.singleShot(0, lambda: startup(window, scan, demo))
    return app.exec()
