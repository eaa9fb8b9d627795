"""Benchmark: building a benchmark from many scans against a floor of loading the same files.

Not a test. Generates 100, 400 and 1,600 scans (every item of every framework answered at random,
the plan proposed from the gaps, so the files are the size of real ones), saves them, and times

- the floor: ``load_scan`` of every file (read, JSON, validation; no scoring), all kept in a list
  as the benchmark keeps them, with the garbage collector paused as ``load_scans`` does (see there);
- the whole run of ``dienstscan benchmark``: ``load_scans`` (duplicate checks, notes), scoring
  every scan, the statistics, the benchmark entries and the YAML file.

Prints both, their ratio and the time per scan, which should stay about flat (linear growth).
Target: the whole run for 400 scans (all Dutch municipalities, about 340 today) under 2 s.

Run:  .venv/bin/python benchmarks/bench_benchmark.py [N ...]
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

from dienstscan.checklists import load_checklists
from dienstscan.cycle import benchmarks_yaml, build_benchmarks, load_scans, metric_statistics
from dienstscan.model import Answer, Assessment, ChecklistSet, Organisation
from dienstscan.plan import propose_actions
from dienstscan.storage import load_scan, save_scan

SIZES = (100, 400, 1600)
TARGET_400 = 2.0


def generate(checklists: ChecklistSet, folder: Path, count: int, seed: int = 2026) -> list[Path]:
    """``count`` scans of different municipalities, saved in ``folder``."""
    rnd = random.Random(seed)
    frameworks = [fw.id for fw in checklists.frameworks]
    items = [(item.id, [o.id for o in checklists.scale_for(item.id).options])
             for fw in checklists.frameworks for item in fw.all_items()]
    paths = []
    for n in range(count):
        scan = Assessment(
            organisation=Organisation(name=f"Gemeente {n:04}", inhabitants=rnd.randrange(1_000, 900_000)),
            peildatum=dt.date(2026, 1, 1) + dt.timedelta(days=rnd.randrange(180)),
            frameworks=frameworks,
            checklist_versions={fw.id: fw.version for fw in checklists.frameworks},
        )
        for item_id, options in items:
            if rnd.random() < 0.95:
                scan.answers[item_id] = Answer(option=rnd.choice(options), explanation="Toelichting bij het antwoord.")
        propose_actions(checklists, scan)
        path = folder / f"scan-{n:04}.dienstscan"
        save_scan(scan, path, keep_backup=False)
        paths.append(path)
    return paths


def best_of(func, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv[1:]] or list(SIZES)
    checklists = load_checklists()
    print(f"{'scans':>6}  {'vloer (laden)':>14}  {'hele benchmark':>15}  {'verhouding':>10}  {'per scan':>9}")
    result_400 = None
    with tempfile.TemporaryDirectory(prefix="dienstscan-bench-") as tmp:
        all_paths = generate(checklists, Path(tmp), max(sizes))
        for size in sizes:
            paths = all_paths[:size]
            out = Path(tmp) / f"benchmark-{size}.yaml"

            def floor() -> None:
                gc.disable()
                try:
                    kept = [load_scan(path) for path in paths]
                finally:
                    gc.enable()
                assert len(kept) == size

            def whole() -> None:
                batch = load_scans(paths, latest_per_organisation=True, checklists=checklists)
                assert not batch.skipped, batch.skipped[:3]
                stats = metric_statistics(checklists, batch.assessments)
                benchmarks = build_benchmarks(checklists, batch.assessments, label="Alle gemeenten 2026",
                                              date="2026", statistics_=stats)
                out.write_text(benchmarks_yaml(benchmarks, title="bench"), encoding="utf-8")

            t_floor = best_of(floor)
            t_whole = best_of(whole)
            if size == 400:
                result_400 = t_whole
            print(f"{size:>6}  {t_floor:>12.3f} s  {t_whole:>13.3f} s  {t_whole / t_floor:>10.2f}  "
                  f"{t_whole / size * 1e3:>6.2f} ms")
    if result_400 is not None:
        verdict = "gehaald" if result_400 < TARGET_400 else "NIET gehaald"
        print(f"doel: 400 scans in minder dan {TARGET_400:.0f} s: {verdict} ({result_400:.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
