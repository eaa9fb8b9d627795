"""Screenshot helper (not a test): start the real application on one page, for look-window.

    ../shared/tools/look-window /tmp/item.png --size 1366x768 -- \
        .venv/bin/python tests/ui/look_pages.py item:BSC-03 [SCAN]

PAGE is ``start``, ``wizard``, ``item:<id>``, ``section:<id>``, ``framework:<id>``,
``presentatie:<id>`` (the projector view on that item) or a registered page key. Without SCAN the shipped example is opened (as ``dienstscan demo`` does).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from dienstscan.ui import dialogs
from dienstscan.ui.app import build_window, create_application, fit_to_screen
from dienstscan.ui.new_scan import NewScanWizard


def main() -> int:
    page = sys.argv[1] if len(sys.argv) > 1 else "start"
    scan = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    app = create_application(sys.argv[:1])
    window = build_window()
    if window is None:
        return 1
    fit_to_screen(window)
    window.show()

    def go() -> None:
        if page == "start":
            return
        if page == "wizard":
            wizard = NewScanWizard(window.checklists, window)
            wizard.fill(name="Gemeente Bergen", inhabitants=30_000,
                        participants="A. de Vries - projectleider\nB. Jansen - teamleider KCC")
            wizard.show()
            window._look_wizard = wizard
            return
        dialogs.show_info = lambda *a: None  # no 'let op' box over the page
        if scan is not None:
            window.open_path(scan)
        else:
            window.open_example()
        node = page.split(":", 1)[-1]
        if page.startswith("presentatie:"):
            from dienstscan.ui.workshop import start_presentation

            window._look_presentation = start_presentation(window, window.doc)
            window._look_presentation.go_to(node)
            return
        window.navigate(node)

    QTimer.singleShot(0, go)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
