"""Benchmark: Word and PDF report time per action, from 1,000 to 20,000 actions (issue 29).

Not a test. For each size the same plan (benchmarks/bench_export.py's ``big_scan``) is rendered
as the Word report (``build_docx`` + save, no charts) and as the tagged PDF (``render_pdf``),
and the CPU time per action is printed. Linear time shows as a flat column: the last size's time
per action divided by the first's (the "groei") stays near 1; before issue 29 it was about 1.5
for Word and 1.4 for the PDF from 10,000 to 20,000 actions alone.

The PDF at 20,000 actions takes minutes (about 3,000 pages): ``--alleen-word`` skips it,
``--maten 1000,5000`` chooses the sizes.

Run:  .venv/bin/python benchmarks/bench_linear.py [--maten 1000,2000,5000,10000,20000] [--alleen-word]
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "unit" / "export"))

from bench_export import PRIORITIES, STATUSES  # noqa: E402
from plan_factory import make_assessment, make_checklists  # noqa: E402

from dienstscan.model import Action  # noqa: E402

from dienstscan.export.report import pdf as tagged  # noqa: E402
from dienstscan.export.report.docx import build_docx  # noqa: E402
from dienstscan.export.report.html import render_context_html, report_context  # noqa: E402


def big_scan(n: int):
    """bench_export's plan of ``n`` own actions, built directly (``add_own_action`` looks for a free
    id among all actions each time: quadratic set-up, not what is measured here)."""
    checklists = make_checklists()
    scan = make_assessment(checklists)
    for i in range(1, n - len(scan.actions) + 1):
        scan.actions.append(Action(
            id=f"E-{i + 100}", origin="eigen", title=f"Actie {i}: verbeter de dienstverlening aan de balie en aan de telefoon",
            description="Een toelichting van een paar zinnen, zoals een projectleider die schrijft. " * 2,
            theme="kcc" if i % 2 else "visie", priority=PRIORITIES[i % 3], owner=f"Teamleider {i % 17}",
            start=dt.date(2026, 1 + i % 12, 1), end=dt.date(2027, 1 + i % 12, 28), indicator="Aantal klachten",
            target="minder dan 40", status=STATUSES[i % 5], progress="Loopt volgens plan" if i % 3 else ""))
    return checklists, scan


def timed(work) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def main(argv: list[str]) -> int:
    sizes = [1000, 2000, 5000, 10000, 20000]
    if "--maten" in argv:
        sizes = [int(s) for s in argv[argv.index("--maten") + 1].split(",")]
    with_pdf = "--alleen-word" not in argv and tagged.available()
    if "--alleen-word" not in argv and not with_pdf:
        print("Let op: WeasyPrint of Pango ontbreekt hier, dus alleen Word wordt gemeten "
              "(installeer met tools/bootstrap.sh).", flush=True)
    per_action: dict[str, list[float]] = {"Word": [], "PDF": []}
    print(f"{'acties':>7} {'Word s':>8} {'ms/actie':>9} {'PDF s':>8} {'ms/actie':>9} {'pagina':>7}")
    for n in sizes:
        checklists, scan = big_scan(n)
        context = report_context(checklists, scan)
        word = timed(lambda: build_docx(context).save(io.BytesIO()))  # noqa: B023
        per_action["Word"].append(word / n * 1000)
        line = f"{n:>7} {word:8.2f} {word / n * 1000:9.3f}"
        if with_pdf:
            html = render_context_html(context)
            pages = [0]

            def pdf() -> None:
                pages[0] = tagged.render_pdf(html)[1]  # noqa: B023

            seconds = timed(pdf)
            per_action["PDF"].append(seconds / n * 1000)
            line += f" {seconds:8.2f} {seconds / n * 1000:9.3f} {pages[0]:7}"
        print(line, flush=True)
    for kind, values in per_action.items():
        if len(values) > 1:
            print(f"groei {kind}: tijd per actie bij {sizes[-1]} / bij {sizes[0]} = {values[-1] / values[0]:.2f}"
                  " (lineair: rond 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
