"""Helper process for test_storage_kill: saves numbered versions of a big scan, step by step.

Run as ``python kill_saver.py PATH``. It prints ``ready`` once set up, then saves version 1, 2,
... with ``save_scan``. The ``os`` that ``dienstscan.storage.atomic`` sees is replaced by one that
stops before and after every file-system call of the save (open, each write of at most
``CHUNK`` bytes, fsync, close, chmod, link, replace, the folder's fsync): at each such point the
process prints ``point VERSION WHAT`` and waits for a line on stdin before it goes on. The test
thus kills it at a point it chose by count, where the process is known to stand, on a fast
machine or a slow one alike.

``base()``, ``apply_version()`` and ``version_of()`` are imported by the test to know what
version N looks like.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from types import SimpleNamespace

from dienstscan.model import Action, Answer, Assessment, Evidence, Organisation, Poll

ACTIONS = 400
#: Writes are split into pieces of at most this size, so a kill can land between two of them.
CHUNK = 64 * 1024
#: The calls the save is stopped around.
STEPPED_CALLS = ("open", "write", "fsync", "close", "chmod", "link", "replace", "unlink")


def base() -> Assessment:
    """Version 0 of the scan: about 400 kB on disk, so a save writes several chunks."""
    actions = [
        Action(
            id=f"E-{n}",
            title=f"Actie {n}: wachttijd aan de balie verkorten (ë, é, €)",
            description="Onderzoek de oorzaken van de wachttijd en maak afspraken met het team. " * 6,
            owner="Teamleider Publiekszaken",
            start=dt.date(2024, 1, 1) + dt.timedelta(days=n % 300),
            end=dt.date(2025, 1, 1) + dt.timedelta(days=n % 300),
            priority=("hoog", "midden", "laag")[n % 3],
        )
        for n in range(ACTIONS)
    ]
    answers = {
        f"BSC-{n:02d}": Answer(
            option="pas_toe",
            explanation="Uitleg " * 20,
            evidence=Evidence(basis="document", reference="Jaarverslag", date=dt.date(2023, 12, 31)),
            poll=Poll(ja=n, twijfel=1, nee=2),
        )
        for n in range(60)
    }
    return Assessment(
        id="00000000-0000-4000-8000-00000000a11e",
        organisation=Organisation(name="Versie 0"),
        peildatum=dt.date(2024, 3, 1),
        answers=answers,
        actions=actions,
        created=dt.datetime(2024, 3, 1, 9, 0),
    )


def apply_version(scan: Assessment, all_actions: list[Action], version: int) -> None:
    """Turn ``scan`` into version N: N in the organisation name, a length that differs per version."""
    scan.organisation.name = f"Versie {version}"
    scan.actions = all_actions[: ACTIONS - (version % 11)]


def version_of(scan: Assessment) -> int:
    return int(scan.organisation.name.removeprefix("Versie "))


def _describe(call: str, args: tuple) -> str:
    """One word for the point: the call, and for a replace the name of the file it replaces."""
    if call == "replace":
        return f"replace:{Path(args[1]).name}"
    if call == "write":
        return f"write:{len(args[1])}"
    return call


def stepping_os(version: list[int]):
    """An ``os`` whose file-system calls stop before and after themselves (see the module doc)."""

    def point(what: str) -> None:
        print(f"point {version[0]} {what}", flush=True)
        if not sys.stdin.readline():
            raise SystemExit(0)  # the test is gone

    def stepped(call: str):
        real = getattr(os, call)

        def run(*args, **kwargs):
            if call == "write":
                fd, data = args
                args = (fd, memoryview(data)[:CHUNK])  # atomic's loop writes the rest in later calls
            what = _describe(call, args)
            point(f"before-{what}")
            result = real(*args, **kwargs)
            point(f"after-{what}")
            return result

        return run

    fake = SimpleNamespace(**{name: getattr(os, name) for name in dir(os) if not name.startswith("__")})
    for call in STEPPED_CALLS:
        setattr(fake, call, stepped(call))
    return fake


def main(path: Path) -> None:
    from dienstscan.storage import atomic, save_scan

    scan = base()
    all_actions = list(scan.actions)
    version = [0]
    atomic.os = stepping_os(version)
    print("ready", flush=True)
    while True:
        version[0] += 1
        apply_version(scan, all_actions, version[0])
        save_scan(scan, path)
        print(f"done {version[0]}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
