"""Recovery copies of unsaved work, in the user's own data folder (local, not OneDrive).

The GUI writes a recovery copy every few minutes while a scan has unsaved changes and discards
it after a normal save or close. At start it asks ``find_recoveries`` which copies are newer
than their scan file (or belong to a scan that was never saved) and offers to restore them.

The folder is ``platformdirs.user_data_dir("Dienstscan") / "herstel"``; the environment variable
``DIENSTSCAN_DATA_DIR`` replaces the data folder (tests, portable installs). One copy per scan id:
a newer copy replaces the older one, atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from ..model.assessment import Assessment
from .atomic import atomic_write
from .errors import ScanFileError
from .messages import describe_os_error
from .scanfile import FILE_SUFFIX, encode_scan, read_scan

ENV_DATA_DIR = "DIENSTSCAN_DATA_DIR"
RECOVERY_FOLDER = "herstel"
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,80}$")


def data_dir() -> Path:
    """The user's local Dienstscan data folder (``DIENSTSCAN_DATA_DIR`` overrides it)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("Dienstscan", appauthor=False, roaming=False))


def recovery_dir() -> Path:
    return data_dir() / RECOVERY_FOLDER


def _file_for(scan_id: str) -> Path:
    stem = scan_id if _SAFE_ID.match(scan_id) else hashlib.sha256(scan_id.encode("utf-8")).hexdigest()[:32]
    return recovery_dir() / f"{stem}{FILE_SUFFIX}"


@dataclass(frozen=True)
class RecoveryCopy:
    """One recovery copy found at start."""

    path: Path
    scan_id: str
    #: The file the scan was last saved to or opened from; None for a scan never saved.
    scan_path: Path | None
    saved_at: dt.datetime
    organisation: str


def write_recovery(assessment: Assessment, scan_path: Path | None) -> Path:
    """Write (or replace) the recovery copy of ``assessment``; returns where it went.

    Raises ``ScanFileError`` (code ``save_failed``) in Dutch if the data folder is not writable.
    """
    target = _file_for(assessment.id)
    written_at = dt.datetime.now().astimezone()
    extra = {
        "recovery": {
            "scan_id": assessment.id,
            "scan_path": str(Path(scan_path).resolve()) if scan_path is not None else None,
            "written_at": written_at.isoformat(),
        }
    }
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, encode_scan(assessment, extra))
    except OSError as exc:
        raise ScanFileError(
            target,
            f"Kan geen herstelkopie schrijven in '{target.parent}': {describe_os_error(exc)}. "
            "Sla de scan zelf op om geen werk te verliezen.",
            "save_failed",
        ) from exc
    return target


def _copy_from(path: Path) -> RecoveryCopy | None:
    try:
        loaded = read_scan(path)
    except ScanFileError:
        return None  # a damaged copy cannot be restored; it is not offered
    meta = loaded.extra.get("recovery")
    if not isinstance(meta, dict):
        return None
    try:
        written_at = dt.datetime.fromisoformat(str(meta.get("written_at")))
    except ValueError:
        return None
    if written_at.tzinfo is None:
        written_at = written_at.astimezone()
    scan_path = meta.get("scan_path")
    return RecoveryCopy(
        path=path,
        scan_id=loaded.assessment.id,
        scan_path=Path(scan_path) if isinstance(scan_path, str) and scan_path else None,
        saved_at=written_at,
        organisation=loaded.assessment.organisation.name,
    )


def _newer_than_scan(copy: RecoveryCopy) -> bool:
    if copy.scan_path is None:
        return True
    try:
        scan_mtime = copy.scan_path.stat().st_mtime
    except OSError:
        return True  # the scan file is gone or unreachable: the copy is all there is
    return copy.saved_at.timestamp() > scan_mtime


def find_recoveries() -> list[RecoveryCopy]:
    """Recovery copies worth offering: newer than their scan file, or of a never-saved scan.

    Newest first. Damaged copies are skipped.
    """
    folder = recovery_dir()
    try:
        candidates = sorted(folder.glob(f"*{FILE_SUFFIX}"))
    except OSError:
        return []
    copies = [copy for path in candidates if (copy := _copy_from(path)) is not None]
    return sorted((c for c in copies if _newer_than_scan(c)), key=lambda c: c.saved_at, reverse=True)


def load_recovery(copy: RecoveryCopy) -> Assessment:
    """The scan in a recovery copy (``ScanFileError`` if it was damaged meanwhile)."""
    return read_scan(copy.path).assessment


def discard_recovery(scan_id_or_copy: str | RecoveryCopy) -> None:
    """Delete the recovery copy of a scan (after a normal save or close). Missing is fine."""
    path = scan_id_or_copy.path if isinstance(scan_id_or_copy, RecoveryCopy) else _file_for(scan_id_or_copy)
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # a copy we cannot delete is offered again next start, which is harmless
