"""Benchmark: full rescoring of the example scan against a floor of ``json.loads`` of the same file.

Not a test. Prints the time per rescoring, the floor measured in the same run and their ratio.
Target: a rescoring (what the GUI does after every edit) under a millisecond and at most the floor.

Scoring remembers comparisons it worked out before for the same checklists (``engine._memo``), so
three cases are measured: the same scan again; after an edit (every call first changes the answer
of the next item, walking all items and options, as a user does); and the worst case, with the
memory emptied before every call.

Run:  .venv/bin/python benchmarks/bench_scoring.py [SCAN]
"""

from __future__ import annotations

import json
import sys
import timeit
from pathlib import Path

from dienstscan.checklists import load_checklists
from dienstscan.scoring import score
from dienstscan.scoring.engine import _index
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

    edits = [(item.id, option.id) for fw in checklists.frameworks for item in fw.all_items()
             if item.id in scan.answers for option in checklists.scale_for(item.id).options]
    position = [0]

    def edit_and_score():
        item_id, option_id = edits[position[0] % len(edits)]
        position[0] += 1
        scan.answers[item_id].option = option_id
        score(checklists, scan)

    _index(checklists).memo.clear()  # one pass from an empty memory: no edit is measured twice
    after_edit = best_per_call(edit_and_score, number=len(edits), repeat=1)

    def cold_score():
        _index(checklists).memo.clear()
        score(checklists, scan)

    cold = best_per_call(cold_score, number=100)

    items = sum(f.tally.all_items for f in score(checklists, scan).frameworks)
    print(f"scan: {path.name} ({len(text):,} tekens, {items} items in scope, {len(scan.actions)} acties)")
    print(f"eerste score (incl. opbouw index):  {first * 1e3:8.3f} ms")
    print(f"herberekening, zelfde scan:          {rescore * 1e3:8.3f} ms  (doel < 1 ms)")
    print(f"herberekening na een wijziging:      {after_edit * 1e3:8.3f} ms  ({len(edits)} antwoorden afgewisseld)")
    print(f"herberekening zonder geheugen:       {cold * 1e3:8.3f} ms  (slechtste geval)")
    print(f"vloer json.loads van hetzelfde bestand: {floor * 1e3:5.3f} ms")
    print(f"verhouding na een wijziging / vloer: {after_edit / floor:8.2f}  (doel <= 1; "
          f"{'gehaald' if after_edit <= floor and after_edit < 1e-3 else 'NIET gehaald'})")
    print(f"verhouding slechtste geval / vloer:  {cold / floor:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
