"""Benchmark: the example scan's PDF report, against a floor measured in the same run.

Not a test. The floor is the same HTML printed once as Qt lays it out, without the pagination
pass that keeps table rows and headings whole (``render_pdf(paginated=False)``): what any PDF of
this document costs with this renderer. The ratio says what keeping rows whole adds.
Target: within 2x the floor (it was about 10x: the whole document laid out again per moved row).
CPU time (``process_time``), best of the runs, so other work on the machine counts less.

Run:  .venv/bin/python benchmarks/bench_report.py [RUNS]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from dienstscan.checklists import load_checklists  # noqa: E402
from dienstscan.export.report import render_report_html  # noqa: E402
from dienstscan.storage import load_scan  # noqa: E402
from dienstscan.ui.pdf import ensure_app, render_pdf  # noqa: E402


def best(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    checklists = load_checklists()
    scan = load_scan(ROOT / "examples" / "gemeente-voorbeeld.dienstscan")
    ensure_app()
    html_time = best(runs, lambda: render_report_html(checklists, scan))
    html = render_report_html(checklists, scan)
    floor = best(runs, lambda: render_pdf(html, paginated=False))
    full = best(runs, lambda: render_pdf(html))
    _, pages = render_pdf(html)
    print(f"example report: {pages} pages")
    print(f"HTML (context + template):        {html_time:6.3f} s")
    print(f"floor (one layout, no pagination): {floor:6.3f} s")
    print(f"PDF with pagination:               {full:6.3f} s")
    print(f"ratio PDF / floor:                 {full / floor:6.2f} (target <= 2)")
    print(f"report in all (HTML + PDF):        {html_time + full:6.3f} s")


if __name__ == "__main__":
    main()
