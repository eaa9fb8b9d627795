"""The start runs without the cyclic garbage collector; the application switches it on again."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref

CHILD = """
import gc, sys, time
import dienstscan.ui.app as ui_app
from PySide6.QtWidgets import QApplication
seen = []
def until_settled(*_args):
    app = QApplication.instance()
    seen.append(gc.isenabled())  # while the window was built and shown
    deadline = time.monotonic() + 60  # generous: only a hang ends here
    while not gc.isenabled() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    print("tijdens", seen[0], "daarna", gc.isenabled(), "bevroren", gc.get_freeze_count() > 0, flush=True)
    return 0
QApplication.exec = until_settled
from dienstscan.cli import main
sys.exit(main(["gui"]))
"""


def test_the_gui_starts_without_the_collector_and_switches_it_on_after(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DIENSTSCAN_NO_SETTINGS": "1",
           "DIENSTSCAN_LOG_DIR": str(tmp_path / "logs"), "DIENSTSCAN_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True,
                            encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["tijdens", "False", "daarna", "True", "bevroren", "True"]


class _Node:
    pass


def test_settling_collects_the_starts_garbage_then_freezes_and_enables():
    from dienstscan.ui.app import settle_after_start

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        cycle = _Node()
        cycle.me = cycle
        gone = weakref.ref(cycle)
        del cycle
        assert gone() is not None  # only the cyclic collector frees a cycle
        settle_after_start()
        assert gone() is None and gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        if not was_enabled:
            gc.disable()


def test_a_command_line_start_leaves_the_collector_on_after_the_gui(monkeypatch):
    import dienstscan.ui.app as ui_app
    from dienstscan import cli

    seen = []
    monkeypatch.setattr(ui_app, "run", lambda scan=None, demo=False: seen.append(gc.isenabled()) or 0)
    assert cli._start_gui() == 0
    assert seen == [False] and gc.isenabled()


def test_a_start_with_a_scan_builds_no_start_screen_and_a_failed_one_shows_it(qtbot, fake_dialogs, tmp_path):
    import shutil
    from pathlib import Path

    from dienstscan.ui.app import build_window, startup

    example = Path(__file__).resolve().parents[2] / "examples" / "gemeente-voorbeeld.dienstscan"
    scan = tmp_path / "scan.dienstscan"
    shutil.copy(example, scan)
    window = build_window(scan)
    qtbot.addWidget(window)
    assert window._start_screen is None
    startup(window, scan, False)
    assert window.doc is not None and window._start_screen is None
    window.doc.close()

    missing = tmp_path / "weg.dienstscan"
    failed = build_window(missing)
    qtbot.addWidget(failed)
    startup(failed, missing, False)
    assert failed.doc is None and failed.central.currentWidget() is failed.start_screen
    assert [name for name, _ in fake_dialogs.shown] == ["show_error"]

    plain = build_window()  # no scan: the start screen at once
    qtbot.addWidget(plain)
    assert plain._start_screen is not None and plain.central.currentWidget() is plain.start_screen
