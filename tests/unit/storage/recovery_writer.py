"""Helper process for test_recovery_paths: a Dienstscan that opens a scan, changes it, writes its
recovery copy and is then killed (``kill -9``) by the test, as a crash would end it.

Run as ``python recovery_writer.py SCAN ORGANISATION``. It reads SCAN, renames the organisation to
ORGANISATION (the unsaved change), writes the recovery copy, prints ``ready <copy path>`` and waits
on stdin for ever. The test kills it once it has read that line: no clock is involved.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dienstscan.storage import read_scan, write_recovery


def main() -> None:
    scan_path, organisation = Path(sys.argv[1]), sys.argv[2]
    assessment = read_scan(scan_path).assessment
    assessment.organisation.name = organisation
    written = write_recovery(assessment, scan_path)
    print(f"ready {written}", flush=True)
    sys.stdin.read()  # until killed


if __name__ == "__main__":
    main()
