"""Benchmark: the report as PDF and as Word, each against a floor measured in the same run.

Not a test. The floors are what any PDF or Word file of this report's text costs with the same
library, without what makes it a report:

- PDF: WeasyPrint printing the report's visible text as plain paragraphs on A4 (no tables, no
  charts, no tags, no bookmarks). The report: ``export.report.pdf.render_pdf`` (tagged PDF/UA-1,
  tables, vector charts, contents with page numbers, running header).
- Word: python-docx writing the same text as plain paragraphs (``Document().add_paragraph``).
  The report: ``export.report.docx.build_docx`` (tables, headings, contents field, properties),
  without charts (they are Qt's PNGs and measured nowhere else).

Target (issue 24): each within 3x its floor. CPU time (``process_time``), best of the runs, so
other work on the machine counts less. The scans: the shipped 2026 example and, with
``--acties N``, a plan of N actions (benchmarks/bench_export.py's ``big_scan``).

Run:  .venv/bin/python benchmarks/bench_report.py [RUNS] [--acties N]
"""

from __future__ import annotations

import html as html_lib
import io
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "unit" / "export"))

from docx import Document  # noqa: E402

from dienstscan.checklists import load_checklists  # noqa: E402
from dienstscan.export.report import pdf as tagged  # noqa: E402
from dienstscan.export.report.docx import build_docx  # noqa: E402
from dienstscan.export.report.html import render_context_html, report_context  # noqa: E402
from dienstscan.storage import load_scan  # noqa: E402

TARGET = 3.0


def best(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def visible_lines(html: str) -> list[str]:
    """The text a reader sees, one line per block (cell, paragraph, heading, list item)."""
    html = re.sub(r"<(style|svg|head)\b.*?</\1>", " ", html, flags=re.DOTALL | re.IGNORECASE)
    html = re.sub(r"</(p|td|th|h[1-6]|li|tr)>|<br\s*/?>", "\n", html, flags=re.IGNORECASE)
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", html))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def pdf_floor(lines: list[str]) -> bytes:
    import weasyprint

    body = "".join(f"<p>{html_lib.escape(line)}</p>" for line in lines)
    page = ("<html lang='nl'><head><style>@page { size: A4; margin: 25mm 18mm 20mm 18mm }"
            " body { font-family: 'DejaVu Sans'; font-size: 9pt }</style></head><body>" + body + "</body></html>")
    return weasyprint.HTML(string=page).write_pdf()


def docx_floor(lines: list[str]) -> bytes:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_report(context) -> bytes:
    out = io.BytesIO()
    build_docx(context).save(out)
    return out.getvalue()


def measure(name: str, checklists, scan, runs: int) -> list[float]:
    context = report_context(checklists, scan)
    html = render_context_html(context)
    lines = visible_lines(html)
    print(f"{name}: {len(lines)} tekstregels")
    ratios = []
    if tagged.available():
        floor = best(runs, lambda: pdf_floor(lines))
        full = best(runs, lambda: tagged.render_pdf(html))
        _, pages = tagged.render_pdf(html)
        print(f"  PDF  rapport {full:7.2f} s ({pages} pagina's)  vloer (WeasyPrint, platte tekst) {floor:7.2f} s"
              f"  verhouding {full / floor:5.2f} (doel <= {TARGET:g})")
        ratios.append(full / floor)
    else:
        print("  PDF  overgeslagen: WeasyPrint of Pango ontbreekt")
    floor = best(runs, lambda: docx_floor(lines))
    full = best(runs, lambda: docx_report(context))
    print(f"  Word rapport {full:7.2f} s  vloer (python-docx, platte alinea's) {floor:7.2f} s"
          f"  verhouding {full / floor:5.2f} (doel <= {TARGET:g})")
    ratios.append(full / floor)
    return ratios


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 3
    checklists = load_checklists()
    ratios = measure("voorbeeld 2026", checklists, load_scan(ROOT / "examples" / "gemeente-2026.dienstscan"), runs)
    if "--acties" in argv:
        from bench_export import big_scan

        n = int(argv[argv.index("--acties") + 1])
        big_checklists, scan = big_scan(n)
        ratios += measure(f"plan van {n} acties", big_checklists, scan, max(1, runs // 2))
    print("binnen het doel" if all(r <= TARGET for r in ratios) else "BOVEN HET DOEL")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
