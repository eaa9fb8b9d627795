"""Storage of scans: ``.dienstscan`` files, recovery copies, lock files and format migrations.

No Qt. The GUI and the CLI call:

- ``atomic_write_bytes(path, data)``: how every other file the program makes is written (plan,
  forms, report, benchmark); ``SaveError`` carries the Dutch message, the old file stays whole.
- ``save_scan(assessment, path, *, keep_backup=True)`` / ``load_scan(path)``: atomic save with a
  ``.bak`` of the previous version; load with Dutch ``ScanFileError`` messages; ``read_scan``
  also returns what the envelope said (format version, whether the file was upgraded); both take
  ``cache=scan_file_cache()`` in the application (the scan last read or saved, validated).
- ``check_against_checklists(assessment, checklists)``: what no longer matches the checklists.
- ``write_recovery`` / ``find_recoveries`` / ``recoveries_for`` / ``load_recovery`` /
  ``discard_recovery``: recovery copies, one per file path and program.
- ``acquire_lock(path, *, force=False)`` -> ``ScanLock``; ``ScanLockedError`` when in use;
  ``ensure_held(lock)`` before each save (``LockLostError`` when another took it over).
"""

from .atomic import atomic_write_bytes
from .compare import check_against_checklists
from .errors import RepairableScanError, SaveError, ScanFileError, ScanLockedError
from .lock import STALE_AFTER, LockLostError, LockOwner, ScanLock, acquire_lock, ensure_held, lock_path, read_lock
from .migrations import CURRENT_FORMAT_VERSION
from .recovery import (
    ENV_DATA_DIR,
    RecoveryCopy,
    data_dir,
    discard_recovery,
    find_recoveries,
    load_recovery,
    recoveries_for,
    recovery_dir,
    write_recovery,
)
from .scan_cache import scan_file_cache
from .scanfile import FILE_SUFFIX, LoadedScan, backup_path, load_scan, read_scan, save_scan

__all__ = [
    "CURRENT_FORMAT_VERSION",
    "ENV_DATA_DIR",
    "FILE_SUFFIX",
    "STALE_AFTER",
    "LoadedScan",
    "LockLostError",
    "LockOwner",
    "RecoveryCopy",
    "SaveError",
    "RepairableScanError",
    "ScanFileError",
    "ScanLock",
    "ScanLockedError",
    "acquire_lock",
    "atomic_write_bytes",
    "backup_path",
    "check_against_checklists",
    "data_dir",
    "discard_recovery",
    "ensure_held",
    "find_recoveries",
    "load_recovery",
    "load_scan",
    "lock_path",
    "read_lock",
    "read_scan",
    "recoveries_for",
    "recovery_dir",
    "save_scan",
    "scan_file_cache",
    "write_recovery",
]
