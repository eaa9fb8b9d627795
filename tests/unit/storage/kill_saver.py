"""Helper process for test_storage_kill: saves numbered versions of a big scan until it is killed.

Run as ``python kill_saver.py PATH``. Prints ``ready`` once set up, then for every version
``start N`` before and ``done N`` after ``save_scan``, each line flushed at once, so the test
knows which versions may be on disk when it kills the process. ``build(N)`` is imported by the
test to know what version N looks like.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from dienstscan.model import Action, Answer, Assessment, Evidence, Organisation, Poll

ACTIONS = 1500


def base() -> Assessment:
    """Version 0 of the big scan: about 1.5 MB on disk."""
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


def main(path: Path) -> None:
    from dienstscan.storage import save_scan

    scan = base()
    all_actions = list(scan.actions)
    print("ready", flush=True)
    version = 0
    while True:
        version += 1
        apply_version(scan, all_actions, version)
        print(f"start {version}", flush=True)
        save_scan(scan, path)
        print(f"done {version}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
