"""Benchmark: cold start of the application to the main window shown with a scan loaded.

Not a test. Each run starts a fresh Python process that runs what ``dienstscan gui SCAN`` runs
(cold: imports, arguments, log file, QApplication, checklists, window, scan) and measures wall time
from just before the process is spawned to the moment the child has shown the main window with the
scan's first page and processed its events (only the event loop is replaced, by one that stops
there); CPU time is the child's own (``time.process_time``). The floor
is measured in the same run the same way: a fresh process that starts a bare QApplication and
shows an empty QMainWindow. Target: at most 3x the floor (and under 1.5 s).

The checklists come from the checklist cache (``dienstscan.checklists.cache``: the validated set,
restored without validating again; filled by the warm-up start, as after the first start on a
user's machine); one more figure shows a start with an empty cache (the first start after an
install or a change of the checklists).

For reading the ratio, a third child is measured the same way: the floor plus what any start of
Dienstscan needs from its libraries before its own code runs (pydantic's ``BaseModel``, Qt's
``Qt`` namespace with its enums, ``importlib.metadata`` that pydantic's plugin lookup imports).
It is printed as information; the target stays the ratio to the bare floor. The children may write
bytecode (``PYTHONDONTWRITEBYTECODE`` is dropped for them): an installed Dienstscan has its
``.pyc`` files, and compiling our sources on every start would measure the checkout, not the app.

Time on a shared machine varies by a tenth between runs (the floor is only about 0.1 s), so
``--instructies`` also counts the instructions of one floor and one start under valgrind: the
same start gives the same count, whatever else the machine does.

Run:  .venv/bin/python benchmarks/bench_startup.py [SCAN] [--runs N] [--instructies]

Without SCAN the shipped example scan is used. ``QT_QPA_PLATFORM`` defaults to ``offscreen``;
set it to ``xcb`` under Xvfb to include a real window system.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR_CHILD = """
import os, sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 760)
window.show()
app.processEvents()
print(f"SHOWN {time.time():.6f} {time.process_time():.6f}", flush=True)
"""

LIBRARIES_CHILD = FLOOR_CHILD.replace("from PySide6.QtWidgets import QApplication, QMainWindow\n", """\
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import Qt
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints
import importlib.metadata
""")

APP_CHILD = """
import os, sys, time
# The real start: ``dienstscan gui SCAN`` (cli.main: arguments, log file, QApplication, checklists,
# window, then the scan opened from the event loop). Only the event loop is replaced: it runs
# until the window shows the scan's first page, reports, and returns.
import dienstscan.ui.app as ui_app
from dienstscan.ui import dialogs
from PySide6.QtWidgets import QApplication
dialogs.show_info = lambda *a: None  # a 'let op' box would wait for a click
windows = []
real_startup = ui_app.startup
def startup(window, scan, demo):
    real_startup(window, scan, demo)
    windows.append(window)
def until_shown(*_args):
    app = QApplication.instance()
    for _ in range(1000):
        if windows:
            break
        app.processEvents()
    app.processEvents()
    window = windows[0]
    assert window.isVisible() and window.doc is not None and window.workspace.stack.currentWidget().isVisible()
    print(f"SHOWN {time.time():.6f} {time.process_time():.6f}", flush=True)
    window.doc.close()
    return 0
ui_app.startup = startup
QApplication.exec = until_shown
from dienstscan.cli import main
sys.exit(main(["gui", sys.argv[1]]))
"""


def one_run(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning the child to the child reporting its window shown, and the CPU
    seconds the child used until then (less disturbed by other work on the machine)."""
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True,
                          timeout=120)
    if done.returncode != 0:
        raise SystemExit(f"het startproces faalde (code {done.returncode}):\n{done.stderr[-2000:]}")
    shown, cpu = next(map(float, line.split()[1:3]) for line in done.stdout.splitlines() if line.startswith("SHOWN "))
    return shown - start, cpu


def instructions(code: str, args: list[str], env: dict[str, str]) -> int | None:
    """Instructions the child executes until its window is shown and it ends, counted by valgrind's
    callgrind (None without valgrind). Unlike time, this does not change with what else the
    machine does: the same start gives the same count to within a fraction of a percent."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    done = subprocess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=600)
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found.group(1)) if done.returncode == 0 and found else None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scan", nargs="?", help="het .dienstscan-bestand (standaard de voorbeeldscan)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--instructies", action="store_true",
                        help="tel ook de instructies van vloer en start (valgrind; ongevoelig voor drukte)")
    args = parser.parse_args(argv[1:])

    from dienstscan.resources import example_scan_path

    scan = Path(args.scan) if args.scan else example_scan_path()
    if not scan.is_file():
        print(f"Scan niet gevonden: {scan}", file=sys.stderr)
        return 1
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["DIENSTSCAN_NO_SETTINGS"] = "1"  # never the user's own settings or recent files
    env.setdefault("DIENSTSCAN_LOG_DIR", str(Path(os.environ.get("TMPDIR", "/tmp")) / "dienstscan-bench-log"))
    env.setdefault("DIENSTSCAN_DATA_DIR", str(Path(os.environ.get("TMPDIR", "/tmp")) / "dienstscan-bench"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cache_root = Path(tempfile.mkdtemp(prefix="dienstscan-bench-cache-"))
    env["DIENSTSCAN_CACHE_DIR"] = str(cache_root / "warm")

    one_run(FLOOR_CHILD, [], env)  # warm the OS file cache once for both, so both are equally 'cold'
    one_run(APP_CHILD, [str(scan)], env)
    floors, libraries, apps = [], [], []
    for _ in range(args.runs):  # interleaved, so a busy moment hits all alike
        floors.append(one_run(FLOOR_CHILD, [], env))
        libraries.append(one_run(LIBRARIES_CHILD, [], env))
        apps.append(one_run(APP_CHILD, [str(scan)], env))
    empty_cache = []
    for n in range(max(2, args.runs // 3)):
        cold_env = dict(env, DIENSTSCAN_CACHE_DIR=str(cache_root / f"leeg-{n}"))
        empty_cache.append(one_run(APP_CHILD, [str(scan)], cold_env))
    counted = None
    if args.instructies:
        counted = instructions(FLOOR_CHILD, [], env), instructions(APP_CHILD, [str(scan)], env)
    shutil.rmtree(cache_root, ignore_errors=True)

    def med(runs, which):
        return statistics.median(r[which] for r in runs)

    floor, libs, app, cold = med(floors, 0), med(libraries, 0), med(apps, 0), med(empty_cache, 0)
    floor_cpu, libs_cpu, app_cpu, cold_cpu = med(floors, 1), med(libraries, 1), med(apps, 1), med(empty_cache, 1)
    print(f"scan: {scan.name}, platform {env['QT_QPA_PLATFORM']}, {args.runs} starts elk (mediaan; wandklok en CPU)")
    print(f"vloer: lege QApplication + leeg venster  {floor * 1e3:7.0f} ms  CPU {floor_cpu * 1e3:5.0f} ms")
    print(f"ter info: vloer + pydantic, Qt-namen     {libs * 1e3:7.0f} ms  CPU {libs_cpu * 1e3:5.0f} ms"
          f"  ({libs / floor:.2f}x; {libs_cpu / floor_cpu:.2f}x CPU)")
    print(f"Dienstscan met scan, hoofdvenster getoond {app * 1e3:7.0f} ms  CPU {app_cpu * 1e3:5.0f} ms")
    print(f"idem, eerste start met lege cache        {cold * 1e3:7.0f} ms  CPU {cold_cpu * 1e3:5.0f} ms")
    ratio, ratio_cpu = app / floor, app_cpu / floor_cpu
    met = ratio <= 3 and ratio_cpu <= 3
    print(f"verhouding wandklok: {ratio:.2f}x de vloer; CPU: {ratio_cpu:.2f}x "
          f"(doel hoogstens 3x, beide: {'gehaald' if met else 'NIET gehaald'}); lege cache {cold / floor:.2f}x")
    if counted is not None:
        if None in counted:
            print("instructies: niet geteld (valgrind ontbreekt of faalde)")
        else:
            print(f"instructies (valgrind): vloer {counted[0] / 1e6:.0f} M, Dienstscan {counted[1] / 1e6:.0f} M: "
                  f"{counted[1] / counted[0]:.2f}x (doel hoogstens 3x: "
                  f"{'gehaald' if counted[1] <= 3 * counted[0] else 'NIET gehaald'})")
    print(f"doel onder 1500 ms: {'gehaald' if app < 1.5 else 'NIET gehaald'}; "
          f"belasting van de machine (1 min): {os.getloadavg()[0]:.1f} op {os.cpu_count()} kernen")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
