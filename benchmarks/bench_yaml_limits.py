"""Benchmark: how fast hostile checklist files are refused, against a floor of reading the shipped ones.

Not a test. Times ``read_yaml_file`` on an alias bomb ("billion laughs", 10^9 values if expanded),
a file nested 5,000 brackets deep, one nested 400 indentation levels deep, a 100,000-digit number
and a file just over the size limit, and prints each time and its ratio to reading every shipped
checklist file once (the floor, measured in the same run). Target (issue 20): each refusal well
within a second, i.e. of the order of the floor, never minutes.

Run:  .venv/bin/python benchmarks/bench_yaml_limits.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from dienstscan.checklists import default_checklist_dir
from dienstscan.checklists.loader import checklist_files
from dienstscan.checklists.yamlfile import MAX_FILE_BYTES, read_yaml_file

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "unit" / "checklists"))
from test_checklist_hostile_yaml import billion_laughs  # noqa: E402


def timed(paths: list[Path]) -> tuple[float, list]:
    start = time.perf_counter()
    problems = []
    for path in paths:
        problems += read_yaml_file(path)[1]
    return time.perf_counter() - start, problems


def main() -> int:
    floor, _ = timed(checklist_files(default_checklist_dir()))
    cases = {
        "alias bomb (billion laughs)": billion_laughs(),
        "5.000 haken diep": "themes: " + "[" * 5000 + "]" * 5000 + "\n",
        "400 inspringniveaus": "themes:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(400)),
        "getal van 100.000 cijfers": "order: " + "9" * 100_000 + "\n",
        "net te groot bestand": "# " + "x" * MAX_FILE_BYTES + "\n",
    }
    print(f"vloer: alle meegeleverde checklists lezen: {floor * 1000:.1f} ms")
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for name, text in cases.items():
            path = Path(folder) / "geval.yaml"
            path.write_text(text, encoding="utf-8")
            seconds, problems = timed([path])
            worst = max(worst, seconds)
            assert problems, name
            print(f"{name:<30} {seconds * 1000:8.1f} ms  = {seconds / floor:5.1f} x vloer  ({problems[0].message[:50]}...)")
    print(f"traagste weigering: {worst:.2f} s (doel: onder 1 s)")
    return 0 if worst < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
