"""Starting the desktop application: QApplication, Dutch translations and locale, the main window.

``run(scan, demo)`` is what ``dienstscan`` (no arguments), ``dienstscan gui [SCAN]`` and
``dienstscan demo`` call. ``create_application`` and ``build_window`` are separate so the tests
and ``benchmarks/bench_startup.py`` start the same thing without entering the event loop.

Qt's own texts (buttons of message boxes, file dialogs, context menus) come from Qt's
``qtbase_nl`` translation in PySide6's translations folder; dates and numbers follow
``QLocale(Dutch, Netherlands)``.
"""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QRect, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from ..checklists import ChecklistError, default_checklist_dir
from ..logs import log_uncaught
from . import dialogs, settings
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
    window = MainWindow(checklists, start_screen=scan is None and not demo)
    window.checklist_dir = checklist_dir
    return window


def fit_to_screen(window) -> None:
    """The window where the user left it (``settings.window_geometry``), else maximised.

    A project lead works in Dienstscan for hours: the first start uses the whole screen, also a
    1920x1080 one (the plan's titles need the width). A saved geometry that no longer fits any
    screen (a laptop without its second monitor) is ignored. The geometry is saved when the
    application quits (``remember_geometry``).
    """
    saved = settings.window_geometry()
    if saved and window.restoreGeometry(saved) and _on_a_screen(window):
        return
    screen = window.screen() or QApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.availableGeometry())  # also right without a window manager that maximises
    else:
        window.resize(1280, 760)
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def _on_a_screen(window) -> bool:
    """Whether the window's title bar area lies on one of the screens there are now."""
    top = window.frameGeometry().topLeft()
    probe = QRect(top.x() + 20, top.y() + 5, max(40, window.width() // 4), 20)
    return any(screen.availableGeometry().intersects(probe) for screen in QApplication.screens())


def remember_geometry(window) -> None:
    """Keep the window's size, place and maximised state for the next start."""
    settings.set_window_geometry(bytes(window.saveGeometry()))


#: When the start's garbage is collected (the window is painted well before).
SETTLE_AFTER_MS = 1000


def settle_after_start() -> None:
    """Collect the start's garbage once, then set the objects that remain aside for good.

    The command line starts the application with the cyclic garbage collector off (``cli``):
    what a start makes (modules, classes, the checklists, the window) lives the whole session.
    Once the window stands this collects once (some thousand objects), moves the surviving
    objects out of the collector's sight (``gc.freeze``: later collections, during the work,
    no longer walk them) and switches the collector on again.
    """
    gc.collect()
    gc.freeze()
    gc.enable()


def startup(window, scan: Path | None, demo: bool) -> None:
    """What happens once the window is on screen: the recovery offer, then the requested scan."""
    if window.offer_recoveries():
        return
    if scan is not None:
        window.open_path(scan)
    elif demo:
        window.open_example()
    if window.doc is None:  # the scan did not open (the reason was shown): the start screen
        window.show_start_screen()


def run(scan: Path | None = None, demo: bool = False) -> int:
    """Start the application and return its exit code (the CLI has set up the log file)."""
    sys.excepthook = log_uncaught
    app = create_application(sys.argv[:1])
    window = build_window(scan, demo=demo)
    if window is None:
        return 1
    fit_to_screen(window)
    window.show()
    app.aboutToQuit.connect(lambda: remember_geometry(window))
    QTimer.singleShot(0, lambda: startup(window, scan, demo))
    QTimer.singleShot(SETTLE_AFTER_MS, settle_after_start)
    return app.exec()
