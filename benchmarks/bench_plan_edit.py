"""Benchmark: typing on the plan page against typing on the item page, and memory over 2,000 plan edits.

Not a test. The main window (offscreen unless QT_QPA_PLATFORM says otherwise) at 1366x768 with
the example scan, as a project lead fills in the plan (issue 28):

1. Keystroke -> repainted, through real key events (``QTest.keyClick`` on the focused field,
   then the event loop's pending work, painting included, as the running application would):
   on the item page in the explanation field (the floor: the same machine, the same run) and on
   the plan page in the owner and title fields. Printed: median and 95th percentile of each, and
   the ratio of the 95th percentiles (goal <= 2). Leaving a field (Tab), which commits what was
   typed as one undo step, is printed separately.
2. Memory: 2,000 plan edits (a few characters typed into a field of an action, then Tab out of
   it, which commits the edit), over the actions and fields in turn; RSS before and after, and
   the growth per edit (goal <= 20 KB).

The last line is ``plan edit: ratio R, K KB per edit``.

Run:  .venv/bin/python benchmarks/bench_plan_edit.py [--bewerkingen N]
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "gemeente-voorbeeld.dienstscan"
KEYS_PER_FIELD = 12
ROUNDS = 16  # fields typed in per page for the keystroke figures


def rss_kb() -> float:
    """Resident set size of this process in KB (Linux /proc; elsewhere the peak from resource)."""
    try:
        with open("/proc/self/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return float(line.split()[1])
    except OSError:
        pass
    import resource

    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def p95(samples: list[float]) -> float:
    return sorted(samples)[min(len(samples) - 1, int(len(samples) * 0.95))] * 1e3


def median(samples: list[float]) -> float:
    return statistics.median(samples) * 1e3


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bewerkingen", type=int, default=2000, help="aantal planbewerkingen voor het geheugen")
    args = parser.parse_args(argv[1:])

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from dienstscan.checklists import load_checklists
    from dienstscan.storage import load_scan
    from dienstscan.ui import dialogs
    from dienstscan.ui.app import create_application
    from dienstscan.ui.document import ScanDocument
    from dienstscan.ui.main_window import MainWindow

    app = create_application(argv[:1])
    dialogs.show_info = lambda *a, **k: None
    folder = Path(tempfile.mkdtemp(prefix="bench-plan-"))
    os.environ.setdefault("DIENSTSCAN_DATA_DIR", str(folder / "gegevens"))
    scan_path = folder / "voorbeeld.dienstscan"
    shutil.copy(EXAMPLE, scan_path)
    checklists = load_checklists()
    window = MainWindow(checklists)
    window.resize(1366, 768)
    window.show()
    window.set_document(ScanDocument(checklists, load_scan(scan_path), scan_path))
    doc = window.doc
    app.processEvents()

    def settle() -> None:
        app.processEvents()

    def keystroke(widget, key) -> float:
        t0 = time.perf_counter()
        if isinstance(key, str):
            QTest.keyClick(widget, key)
        else:
            QTest.keyClick(widget, key)
        settle()  # posted events: the repaint of what changed, as the event loop does it
        return time.perf_counter() - t0

    letters = "abcdefghijkl"[:KEYS_PER_FIELD]

    # ---- the item page: the explanation field of item after item
    items = [i for i in window.workspace.tree.item_order() if doc.item_state(i) != "out_of_scope"]
    item_keys: list[float] = []
    window.navigate(items[0])
    settle()
    page = window.workspace.stack.currentWidget()
    for round_ in range(ROUNDS + 2):
        window.navigate(items[round_ % len(items)])
        settle()
        field = page.explanation_edit
        field.setFocus()
        field.moveCursor(field.textCursor().MoveOperation.End)
        settle()
        times = [keystroke(field, c) for c in letters]
        if round_ >= 2:  # the first two warm up
            item_keys.extend(times)

    # ---- the plan page: owner and title of action after action
    window.navigate("verbeterplan")
    settle()
    plan = window.page("verbeterplan")
    form = plan.form
    rows = plan.proxy.rowCount()
    plan_keys: list[float] = []
    leaving: list[float] = []
    for round_ in range(ROUNDS + 2):
        plan.table.selectRow(round_ % rows)
        settle()
        field = form.owner if round_ % 2 else form.title
        field.setFocus()
        if field is form.owner:
            field.end(False)
        else:
            field.moveCursor(field.textCursor().MoveOperation.End)
        settle()
        times = [keystroke(field, c) for c in letters]
        out = keystroke(field, Qt.Key.Key_Tab)
        if round_ >= 2:
            plan_keys.extend(times)
            leaving.append(out)

    ratio = p95(plan_keys) / p95(item_keys)
    print(f"scan: {EXAMPLE.name}; hoofdvenster 1366x768, {len(plan.doc.assessment.actions)} acties")
    print(f"toetsaanslag -> hertekend, itempagina (uitleg):        mediaan {median(item_keys):6.2f} ms, "
          f"p95 {p95(item_keys):6.2f} ms ({len(item_keys)} toetsen)")
    print(f"toetsaanslag -> hertekend, planpagina (eigenaar/titel): mediaan {median(plan_keys):6.2f} ms, "
          f"p95 {p95(plan_keys):6.2f} ms ({len(plan_keys)} toetsen)")
    print(f"veld verlaten (Tab, legt de bewerking vast):           mediaan {median(leaving):6.2f} ms, "
          f"p95 {p95(leaving):6.2f} ms")
    print(f"verhouding p95 plan / item: {ratio:.2f} (doel <= 2: {'gehaald' if ratio <= 2 else 'NIET gehaald'})")

    # ---- memory over many plan edits
    fields = [form.owner, form.indicator, form.target, form.description, form.progress, form.title]

    def plan_edit(n: int) -> None:
        plan.table.selectRow(n % rows)
        field = fields[n % len(fields)]
        field.setFocus()
        for c in "xyz":
            QTest.keyClick(field, c)
        QTest.keyClick(field, Qt.Key.Key_Tab)
        settle()

    for n in range(100):  # warm up: every row and field shown once, the undo stack at its limit
        plan_edit(n)
    gc.collect()
    start = rss_kb()
    steps_before = doc.undo_stack.count()
    t0 = time.perf_counter()
    for n in range(args.bewerkingen):
        plan_edit(n)
    elapsed = time.perf_counter() - t0
    gc.collect()
    end = rss_kb()
    per_edit = (end - start) / args.bewerkingen
    print(f"geheugen: {start / 1024:.1f} MB voor, {end / 1024:.1f} MB na {args.bewerkingen} planbewerkingen "
          f"(x{end / start:.2f}); {per_edit:.2f} KB per bewerking (doel <= 20 KB: "
          f"{'gehaald' if per_edit <= 20 else 'NIET gehaald'}); ongedaan-maken-stappen {steps_before} -> "
          f"{doc.undo_stack.count()}; {elapsed / args.bewerkingen * 1e3:.1f} ms per bewerking")
    print(f"plan edit: ratio {ratio:.2f}, {per_edit:.1f} KB per edit")
    sys.stdout.flush()
    doc.undo_stack.setClean()
    doc._unsaved_outside_stack = False
    doc.close()
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    code = main(sys.argv)
    sys.stdout.flush()
    os._exit(code)  # no final garbage collection among hundreds of Python QUndoCommands (PySide)
