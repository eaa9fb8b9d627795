"""Benchmark: cold start of the application to the main window shown with a scan loaded.

Not a test. Each run starts a fresh Python process (cold: imports, QApplication, checklists,
scan, window) and measures wall time from just before the process is spawned to the moment the
child has shown the main window with the scan's first page and processed its events. The floor
is measured in the same run the same way: a fresh process that starts a bare QApplication and
shows an empty QMainWindow. Target: under 1.5 s; the ratio says how much Dienstscan itself adds.

Run:  .venv/bin/python benchmarks/bench_startup.py [SCAN] [--runs N]

Without SCAN the shipped example scan is used. ``QT_QPA_PLATFORM`` defaults to ``offscreen``;
set it to ``xcb`` under Xvfb to include a real window system.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

FLOOR_CHILD = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 760)
window.show()
app.processEvents()
print(f"SHOWN {time.time():.6f}", flush=True)
"""

APP_CHILD = """
import sys, time
from pathlib import Path
from dienstscan.ui import dialogs
from dienstscan.ui.app import build_window, create_application, fit_to_screen
dialogs.show_info = lambda *a: None  # a 'let op' box would wait for a click
app = create_application(sys.argv[:1])
window = build_window()
if window is None:
    sys.exit(2)
fit_to_screen(window)
window.show()
if not window.open_path(Path(sys.argv[1])):
    sys.exit(3)
app.processEvents()
assert window.isVisible() and window.doc is not None and window.workspace.stack.currentWidget().isVisible()
print(f"SHOWN {time.time():.6f}", flush=True)
window.doc.close()
"""


def one_run(code: str, args: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning the child to the child reporting its window shown."""
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True,
                          timeout=120)
    if done.returncode != 0:
        raise SystemExit(f"het startproces faalde (code {done.returncode}):\n{done.stderr[-2000:]}")
    shown = next(float(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("SHOWN "))
    return shown - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scan", nargs="?", help="het .dienstscan-bestand (standaard de voorbeeldscan)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv[1:])

    from dienstscan.resources import example_scan_path

    scan = Path(args.scan) if args.scan else example_scan_path()
    if not scan.is_file():
        print(f"Scan niet gevonden: {scan}", file=sys.stderr)
        return 1
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["DIENSTSCAN_NO_SETTINGS"] = "1"  # never the user's own settings or recent files
    env.setdefault("DIENSTSCAN_DATA_DIR", str(Path(os.environ.get("TMPDIR", "/tmp")) / "dienstscan-bench"))

    one_run(FLOOR_CHILD, [], env)  # warm the OS file cache once for both, so both are equally 'cold'
    one_run(APP_CHILD, [str(scan)], env)
    floors, apps = [], []
    for _ in range(args.runs):  # interleaved, so a busy moment hits both alike
        floors.append(one_run(FLOOR_CHILD, [], env))
        apps.append(one_run(APP_CHILD, [str(scan)], env))
    floor, app = statistics.median(floors), statistics.median(apps)
    print(f"scan: {scan.name}, platform {env['QT_QPA_PLATFORM']}, {args.runs} starts elk (mediaan, min)")
    print(f"vloer: lege QApplication + leeg venster  {floor * 1e3:7.0f} ms  ({min(floors) * 1e3:.0f} ms)")
    print(f"Dienstscan met scan, hoofdvenster getoond {app * 1e3:7.0f} ms  ({min(apps) * 1e3:.0f} ms)")
    print(f"verhouding: {app / floor:.2f}x de vloer; doel onder 1500 ms: {'gehaald' if app < 1.5 else 'NIET gehaald'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
