"""Start the GUI and close it again by itself: the smoke test of a build (``gui --afsluiten-na``).

``installer/build.sh`` runs the bundled program as ``dienstscan gui --afsluiten-na 2`` with
``QT_QPA_PLATFORM=offscreen``: the application starts as usual (``ui.app.run``), and a watcher
quits it that many seconds after the application object exists. Just before quitting, the titles
of its visible windows are printed (``Venster: ...``) and logged, so the smoke test can tell a
GUI that really came up from one that quit before showing anything; so is Qt's Dutch text for
"Cancel" (``Qt-vertaling: Annuleren``), which shows that the bundle found ``qtbase_nl.qm``.

The watcher knows nothing of how ``ui.app`` builds its windows: a thread waits for the
``QApplication`` to exist, then posts a queued call to an object of the GUI thread, which is
safe from another thread and only runs inside the running event loop.
"""

from __future__ import annotations

import logging
import sys
import threading
import time

from PySide6.QtCore import QCoreApplication, QMetaObject, QObject, Qt, Slot
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

#: How long to wait for the application object before giving up (start-up of a cold bundle).
WAIT_FOR_APP_SECONDS = 60.0


class _Closer(QObject):
    """Lives in the GUI thread; the watcher thread calls ``finish`` through a queued call."""

    def __init__(self) -> None:
        super().__init__()
        self.reported = False

    @Slot()
    def finish(self) -> None:
        # Before quitting: Qt 6's quit() closes the windows first, so look at them now.
        if not self.reported:
            self.reported = True
            titles = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]
            for title in titles or ["(geen zichtbaar venster)"]:
                if sys.stdout is not None:  # a windowed Windows build has no stdout
                    print(f"Venster: {title}", flush=True)
                log.info("Rooktest: venster %r zichtbaar bij afsluiten", title)
            # Qt's own button text: "Annuleren" when the qtbase_nl translation was found and loaded.
            cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
            if sys.stdout is not None:
                print(f"Qt-vertaling: {cancel}", flush=True)
            log.info("Rooktest: Qt-vertaling van 'Cancel' is %r", cancel)
        app = QCoreApplication.instance()
        if app is not None:
            app.quit()


def _watch(closer: _Closer, seconds: float) -> None:
    deadline = time.monotonic() + WAIT_FOR_APP_SECONDS
    while QCoreApplication.instance() is None:
        if time.monotonic() > deadline:
            log.error("Rooktest: de toepassing is niet binnen %s s gestart", WAIT_FOR_APP_SECONDS)
            return
        time.sleep(0.05)
    time.sleep(max(seconds, 0.0))
    log.info("Rooktest: afsluiten na %s s", seconds)
    # Repeat: a call posted while a modal dialog runs its own loop, or a quit that a window
    # refused, must not leave the smoke test hanging; the daemon thread ends with the process.
    while True:
        QMetaObject.invokeMethod(closer, "finish", Qt.ConnectionType.QueuedConnection)
        time.sleep(0.5)


_closers: list[_Closer] = []


def quit_after(seconds: float) -> None:
    """Quit the application ``seconds`` after it exists; call in the GUI thread before ``run``."""
    closer = _Closer()  # created here, so it belongs to the GUI thread
    _closers.append(closer)  # kept alive until the process ends
    threading.Thread(target=_watch, args=(closer, seconds), name="dienstscan-rooktest", daemon=True).start()
