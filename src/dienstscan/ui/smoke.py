"""Start the GUI and close it again by itself: the smoke test of a build (``gui --afsluiten-na``).

``installer/build.sh`` runs the bundled program as ``dienstscan gui --afsluiten-na 2`` with
``QT_QPA_PLATFORM=offscreen``: the application starts as usual (``ui.app.run``), and a watcher
quits it once its event loop has run for the given number of seconds. When it quits, the titles
of its visible windows are printed (``Venster: ...``) and logged, so the smoke test can tell a
GUI that really came up from one that quit before showing anything.

The watcher knows nothing of how ``ui.app`` builds its windows: it waits for the
``QApplication`` to exist, then asks it to quit through a queued call, which is safe from
another thread and only runs inside the running event loop.
"""

from __future__ import annotations

import logging
import sys
import threading
import time

from PySide6.QtCore import QCoreApplication, QMetaObject, Qt
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

#: How long to wait for the application object before giving up (start-up of a cold bundle).
WAIT_FOR_APP_SECONDS = 60.0


def _report_windows() -> None:
    """Runs in the GUI thread when the application is about to quit."""
    titles = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]
    for title in titles or ["(geen zichtbaar venster)"]:
        if sys.stdout is not None:  # a windowed Windows build has no stdout
            print(f"Venster: {title}", flush=True)
        log.info("Rooktest: venster %r zichtbaar bij afsluiten", title)


def _watch(seconds: float) -> None:
    deadline = time.monotonic() + WAIT_FOR_APP_SECONDS
    app = QCoreApplication.instance()
    while app is None:
        if time.monotonic() > deadline:
            log.error("Rooktest: de toepassing is niet binnen %s s gestart", WAIT_FOR_APP_SECONDS)
            return
        time.sleep(0.05)
        app = QCoreApplication.instance()
    app.aboutToQuit.connect(_report_windows, Qt.ConnectionType.DirectConnection)
    time.sleep(max(seconds, 0.0))
    log.info("Rooktest: afsluiten na %s s", seconds)
    # Repeat: a quit posted before the event loop runs (or while a modal dialog has its own
    # loop) may be lost; the daemon thread ends with the process.
    while True:
        QMetaObject.invokeMethod(app, "quit", Qt.ConnectionType.QueuedConnection)
        time.sleep(0.5)


def quit_after(seconds: float) -> None:
    """Quit the application ``seconds`` after it started; call before starting the GUI."""
    threading.Thread(target=_watch, args=(seconds,), name="dienstscan-rooktest", daemon=True).start()
