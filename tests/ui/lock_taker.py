"""Helper process for test_lock_takeover: a second Dienstscan that takes a scan over ("Toch openen"),
saves its own work and keeps the scan open until the test closes its stdin.

Run as ``python lock_taker.py SCAN``. It takes the lock with ``force=True`` as the app does after
the user confirmed, saves with the organisation renamed to "Werk van B", prints ``ready`` and waits.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dienstscan.storage import acquire_lock, read_scan, save_scan


def main() -> None:
    path = Path(sys.argv[1])
    lock = acquire_lock(path, force=True)
    assessment = read_scan(path).assessment
    assessment.organisation.name = "Werk van B"
    save_scan(assessment, path)
    print("ready", flush=True)
    sys.stdin.read()
    lock.release()


if __name__ == "__main__":
    main()
