"""Benchmark: an answer change until the dashboard is repainted, against repainting it unchanged.

Not a test. The dashboard is shown (offscreen unless QT_QPA_PLATFORM says otherwise) at
1366x768. Each measured step changes one answer through the document (an undoable edit, which
makes the dashboard rescore and update its texts and charts) and then repaints the page
synchronously. The steps walk through the items and their options in turn (as a user answering
the scan does), so scoring's memory of earlier comparisons helps no more than in real use. The floor, measured in the same run, repaints the same dashboard without a
change. Prints the median per step, the floor, their ratio and the 95th percentile; target: the
95th percentile under one frame (16 ms).

Run:  .venv/bin/python benchmarks/bench_dashboard.py [SCAN] [--1920]
(the example scan with the shipped checklists; when those cannot be loaded, a generated scan
shaped like them.)
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "gemeente-voorbeeld.dienstscan"
STEPS = 200
#: The screen the dashboard fills (less the navigation and the bars); ``--1920`` for 1920x1080.
SIZE = (1920, 1080) if "--1920" in sys.argv else (1366, 768)


def load(argv: list[str]):
    """(checklists, scan, where it came from)."""
    from dienstscan.checklists import ChecklistError, load_checklists
    from dienstscan.storage import ScanFileError, load_scan

    argv = [a for a in argv if a != "--1920"]
    path = Path(argv[1]) if len(argv) > 1 else EXAMPLE
    try:
        return load_checklists(), load_scan(path), path.name
    except (ChecklistError, ScanFileError, OSError) as exc:
        print(f"(voorbeeldscan niet bruikbaar: {str(exc).splitlines()[0]}; gegenereerde scan gebruikt)")
    sys.path.insert(0, str(ROOT / "tests" / "unit" / "scoring"))
    from scan_factory import ALL_ITEMS, make_assessment, make_checklists

    checklists = make_checklists()
    scan = make_assessment({})
    for item_id in ALL_ITEMS:
        scale = checklists.scale_for(item_id)
        scan.answer(item_id).option = scale.options[len(item_id) % len(scale.options)].id
    return checklists, scan, "gegenereerde scan"


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1e3


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from dienstscan.ui.document import ScanDocument
    from dienstscan.ui.pages.dashboard import DashboardPage

    app = QApplication.instance() or QApplication([])
    checklists, scan, name = load(argv)
    doc = ScanDocument(checklists, scan)
    page = DashboardPage(doc)
    width, height = SIZE
    page.resize(width - 330, height - 60)
    page.show()
    app.processEvents()

    # every scored item in scope with each option of its scale, in the order of the checklists
    edits = [(i.id, o.id) for fw in checklists.frameworks if fw.id in scan.frameworks for i in fw.all_items()
             if i.scored for o in checklists.scale_for(i.id).options]
    item_id, options = edits[0][0], [o for i, o in edits if i == edits[0][0]][:2]

    for _ in range(20):  # warm up: caches, fonts, backing store
        page.repaint()
        doc.set_option(item_id, options[0])
        doc.set_option(item_id, options[1])

    floor: list[float] = []
    change: list[float] = []
    for step in range(STEPS):
        t0 = time.perf_counter()
        page.repaint()
        floor.append(time.perf_counter() - t0)

        edit_item, edit_option = edits[step % len(edits)]
        t0 = time.perf_counter()
        doc.set_option(edit_item, edit_option)
        page.repaint()
        change.append(time.perf_counter() - t0)
    app.processEvents()

    frameworks = len(page.report.frameworks) if page.report else 0
    p95 = sorted(change)[int(len(change) * 0.95)] * 1e3
    print(f"scan: {name}; dashboard met {frameworks} kaders, {page.width()}x{page.height()} pixels, {STEPS} stappen "
          f"door {len(edits)} combinaties van item en antwoord")
    print(f"antwoord gewijzigd -> dashboard opnieuw getekend: {median_ms(change):7.2f} ms (mediaan)")
    print(f"vloer: hetzelfde dashboard ongewijzigd tekenen:  {median_ms(floor):7.2f} ms (mediaan)")
    print(f"verhouding wijziging / vloer:                    {median_ms(change) / median_ms(floor):7.2f}")
    print(f"95e percentiel: {p95:.2f} ms (doel < 16 ms: {'gehaald' if p95 < 16 else 'NIET gehaald'}); "
          f"slechtste stap: {max(change) * 1e3:.2f} ms")
    doc.undo_stack.setClean()
    doc.close()
    # No undo limit on purpose: with QUndoStack.setUndoLimit, Qt deletes the oldest Python
    # QUndoCommands itself and PySide 6.12 then crashed at interpreter exit (none_dealloc).
    page.close()
    page.deleteLater()
    doc.deleteLater()
    app.processEvents()
    del page, doc
    return 0


if __name__ == "__main__":
    code = main(sys.argv)
    sys.stdout.flush()
    # Leave without Python's final garbage collection: with a few hundred Python QUndoCommands on
    # the stack PySide 6 crashes there (none_dealloc) after the figures are printed.
    os._exit(code)
