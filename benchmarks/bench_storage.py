"""Benchmark: save + load of a scan with 10,000 actions against a plain-JSON floor in the same run.

Not a test. The scan is the example scan with its actions copied until there are 10,000 (each
with its own id, texts and dates), so the file is as large as a decade of plans. Timed:

- ``save_scan`` (validation, envelope, temporary file, fsync, ``os.replace``, backup) and
  ``load_scan`` (read, decode, migrate, validate into the model);
- the floor: ``json.dumps`` of the same data written with ``Path.write_text`` (no fsync) and
  ``json.loads`` of the text read back: what any program must at least do with this data.

Run:  .venv/bin/python benchmarks/bench_storage.py [ACTIONS]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import timeit
from pathlib import Path

from dienstscan.resources import example_scan_path
from dienstscan.storage import load_scan, save_scan


def best(stmt, repeat: int = 5) -> float:
    return min(timeit.repeat(stmt, number=1, repeat=repeat))


def big_scan(actions: int):
    scan = load_scan(example_scan_path())
    template = list(scan.actions)
    copies = []
    for n in range(actions):
        source = template[n % len(template)]
        copies.append(source.model_copy(update={
            "id": f"E-{n + 1}", "origin": "eigen", "item_id": source.item_id,
            "title": f"{source.title} ({n + 1})", "start": dt.date(2012, 1, 1) + dt.timedelta(days=n % 700),
        }))
    scan.actions = copies
    return scan


def main(argv: list[str]) -> int:
    count = int(argv[1]) if len(argv) > 1 else 10_000
    scan = big_scan(count)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "groot.dienstscan"
        plain = Path(folder) / "groot.json"
        data = scan.model_dump(mode="json")

        save = best(lambda: save_scan(scan, path))
        load = best(lambda: load_scan(path))
        floor_save = best(lambda: plain.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8"))
        floor_load = best(lambda: json.loads(plain.read_text(encoding="utf-8")))
        size = path.stat().st_size
        assert len(load_scan(path).actions) == count

    print(f"scan met {count:,} acties, {size / 1e6:.1f} MB op schijf")
    print(f"opslaan (atomair, fsync, reservekopie): {save * 1e3:8.1f} ms   vloer json.dumps + schrijven: {floor_save * 1e3:7.1f} ms"
          f"   verhouding {save / floor_save:5.2f}")
    print(f"openen (lezen, migreren, valideren):    {load * 1e3:8.1f} ms   vloer lezen + json.loads:     {floor_load * 1e3:7.1f} ms"
          f"   verhouding {load / floor_load:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
