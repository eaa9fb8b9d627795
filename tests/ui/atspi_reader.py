"""Read Dienstscan's accessibility tree through AT-SPI, as the Orca screen reader does.

Not a test: ``test_atspi.py`` runs it with Debian's own python3 (which has pyatspi) inside
``dbus-run-session`` and ``xvfb-run``:

    dbus-run-session -- xvfb-run -a /usr/bin/python3 tests/ui/atspi_reader.py VENV_PYTHON PAGE

It starts the accessibility bus, then the application on PAGE (``tests/ui/look_pages.py``, on
a real X server with Qt's AT-SPI bridge on), waits until the tree stops changing, and prints one
JSON object: every focusable, showing object with its role and name, as a screen reader gets it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyatspi

REPO = Path(__file__).resolve().parents[2]


def _find_app(name: str, process: subprocess.Popen, limit: float = 60.0):
    end = time.monotonic() + limit
    while time.monotonic() < end and process.poll() is None:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and name in (app.name or "").lower():
                return app
        time.sleep(0.3)
    return None


def _walk(node, out: list[dict], row: list | None = None, depth: int = 0) -> None:
    if depth > 80:
        return
    try:
        states = node.getState()
        role = node.getRoleName()
        name = (node.name or "").strip()
        children = node.childCount
    except Exception:  # noqa: BLE001 - an object that went away while we read
        return
    if states.contains(pyatspi.STATE_FOCUSABLE) and states.contains(pyatspi.STATE_SHOWING):
        parent = node.parent
        out.append({"role": role, "name": name, "parent": parent.getRoleName() if parent else "",
                    "parent_name": (parent.name or "").strip() if parent else ""})
    for index in range(children):
        try:
            _walk(node.getChildAtIndex(index), out, row, depth + 1)
        except Exception:  # noqa: BLE001
            pass


def main() -> int:
    python, page = sys.argv[1], sys.argv[2]
    # its own process group: the accessibility bus's dbus-daemon is the launcher's child and must
    # end with it (killing the launcher alone leaves the daemon running)
    launcher = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_QPA_PLATFORM="xcb")
    env.pop("QT_SCALE_FACTOR", None)
    app_process = subprocess.Popen([python, str(REPO / "tests" / "ui" / "look_pages.py"), page], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        app = _find_app("dienstscan", app_process)
        if app is None:
            print(json.dumps({"error": "de toepassing verscheen niet op de AT-SPI-bus"}))
            return 2
        previous: list[dict] | None = None
        for _ in range(60):  # until the tree stops changing (the page is opened after the start)
            found: list[dict] = []
            _walk(app, found)
            if found and found == previous:
                break
            previous = found
            time.sleep(0.5)
        print(json.dumps({"app": app.name, "focusable": found}, ensure_ascii=False))
        return 0
    finally:
        app_process.kill()
        app_process.wait()
        try:
            os.killpg(launcher.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        launcher.wait()


if __name__ == "__main__":
    sys.exit(main())
