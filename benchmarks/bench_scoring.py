"""Benchmark: full rescoring of the example scan against a floor of ``json.loads`` of the same file.

Not a test. Prints the time per rescoring, the floor measured in the same run and their ratio.
Target: a rescoring (what the GUI does after every edit) under a millisecond.

Run:  .venv/bin/python benchmarks/bench_scoring.py [SCAN]
"""

from __future__ import annotations

import json
import sys
import timeit
from pathlib import Path

from dienstscan.checklists import load_checklists
from dienstscan.scoring import score
from dienstscan.storage import load_scan

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "gemeente-voorbeeld.dienstscan"


def best_per_call(stmt, number: int, repeat: int = 7) -> float:
    """Fastest mean time per call over ``repeat`` runs of ``number`` calls (seconds)."""
    return min(timeit.repeat(stmt, number=number, repeat=repeat)) / number


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else EXAMPLE
    checklists = load_checklists()
    scan = load_scan(path)
    text = path.read_text(encoding="utf-8")

    first = best_per_call(lambda: score(checklists, scan), number=1, repeat=1)  # includes the index build
    rescore = best_per_call(lambda: score(checklists, scan), number=200)
    floor = best_per_call(lambda: json.loads(text), number=200)

    items = sum(f.tally.all_items for f in score(checklists, scan).frameworks)
    print(f"scan: {path.name} ({len(text):,} tekens, {items} items in scope, {len(scan.actions)} acties)")
    print(f"eerste score (incl. opbouw index):  {first * 1e3:8.3f} ms")
    print(f"herberekening:                       {rescore * 1e3:8.3f} ms  (doel < 1 ms)")
    print(f"vloer json.loads van hetzelfde bestand: {floor * 1e3:5.3f} ms")
    print(f"verhouding herberekening / vloer:    {rescore / floor:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
