"""Benchmark: an answer change until the dashboard is repainted, against repainting it whole.

Not a test. The dashboard is shown (offscreen unless QT_QPA_PLATFORM says otherwise) at 1366x768,
or with ``--1920`` at 1920x1080 (the page gets the screen less the navigation and the bars). Each
measured step changes one answer through the document (an undoable edit, which makes the
dashboard rescore and update its texts and charts) and then lets the event loop do its pending
work, layout and painting included, as the running application would; a step counts as painted
when a widget of the dashboard received a paint event. The steps walk through the items and
their options in turn (as a user answering the scan does), so scoring's memory of earlier
comparisons helps no more than in real use.

The floor, measured in the same run and in turns with the steps (so both see the same load): the
same dashboard, unchanged, repainted whole by the event loop (``update()`` on the page's content,
then the pending work). Printed: median and 95th percentile of both, their ratios, the machine's
load average before and after, and as the last line
``dashboard WxH: p95 P ms (doel < 16 ms: gehaald|NIET gehaald), vloer F ms, verhouding R``
(R = the step's 95th percentile over the floor's).

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


def p95_ms(samples: list[float]) -> float:
    return sorted(samples)[min(len(samples) - 1, int(len(samples) * 0.95))] * 1e3


def load_average() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "onbekend"


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    from dienstscan.ui.document import ScanDocument
    from dienstscan.ui.pages.dashboard import DashboardPage

    class PaintCounter(QObject):
        """Counts paint events of the dashboard's widgets (installed on each of them)."""

        count = 0

        def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    app = QApplication.instance() or QApplication([])
    checklists, scan, name = load(argv)
    doc = ScanDocument(checklists, scan)
    page = DashboardPage(doc)
    width, height = SIZE
    page.resize(width - 330, height - 60)
    page.show()
    app.processEvents()
    paints = PaintCounter()

    def watch_all() -> None:  # the page makes widgets when the frameworks change: watch those too
        for widget in [page, *page.findChildren(QWidget)]:
            if not widget.property("benchWatched"):
                widget.installEventFilter(paints)
                widget.setProperty("benchWatched", True)

    watch_all()

    # every scored item in scope with each option of its scale, in the order of the checklists
    edits = [(i.id, o.id) for fw in checklists.frameworks if fw.id in scan.frameworks for i in fw.all_items()
             if i.scored for o in checklists.scale_for(i.id).options]
    item_id, options = edits[0][0], [o for i, o in edits if i == edits[0][0]][:2]

    for _ in range(20):  # warm up: caches, fonts, backing store
        page.content.update()
        app.processEvents()
        doc.set_option(item_id, options[0])
        app.processEvents()
        doc.set_option(item_id, options[1])
        app.processEvents()

    load_before = load_average()
    floor: list[float] = []
    change: list[float] = []
    change_cpu: list[float] = []  # this process's processor time: what the step costs without the waits
    painted = 0
    for step in range(STEPS):
        t0 = time.perf_counter()
        page.content.update()
        app.processEvents()
        floor.append(time.perf_counter() - t0)

        edit_item, edit_option = edits[step % len(edits)]
        before = paints.count
        t0, c0 = time.perf_counter(), time.process_time()
        doc.set_option(edit_item, edit_option)
        app.processEvents()
        change.append(time.perf_counter() - t0)
        change_cpu.append(time.process_time() - c0)
        painted += paints.count > before
        watch_all()
    app.processEvents()
    load_after = load_average()

    frameworks = len(page.report.frameworks) if page.report else 0
    step_p95, floor_p95 = p95_ms(change), p95_ms(floor)
    print(f"scan: {name}; dashboard met {frameworks} kaders, {page.width()}x{page.height()} pixels, {STEPS} stappen "
          f"door {len(edits)} combinaties van item en antwoord ({painted} stappen schilderden iets)")
    print(f"belasting van de machine (load average 1, 5, 15 min): voor {load_before}; na {load_after}")
    print("                                                   mediaan      95e pct.")
    print(f"antwoord gewijzigd -> dashboard bijgewerkt:       {median_ms(change):7.2f} ms   {step_p95:7.2f} ms")
    print(f"vloer: hetzelfde dashboard heel opnieuw tekenen:  {median_ms(floor):7.2f} ms   {floor_p95:7.2f} ms")
    print(f"verhouding wijziging / vloer:                     {median_ms(change) / median_ms(floor):7.2f}      "
          f"{step_p95 / floor_p95:7.2f}")
    print(f"alleen processortijd van deze stap:               {median_ms(change_cpu):7.2f} ms   "
          f"{p95_ms(change_cpu):7.2f} ms (zonder het wachten op een drukke machine)")
    print(f"slechtste stap: {max(change) * 1e3:.2f} ms")
    print(f"dashboard {width}x{height}: p95 {step_p95:.2f} ms (doel < 16 ms: "
          f"{'gehaald' if step_p95 < 16 else 'NIET gehaald'}), vloer {floor_p95:.2f} ms, "
          f"verhouding {step_p95 / floor_p95:.2f}")
    doc.undo_stack.setClean()
    doc.close()
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
