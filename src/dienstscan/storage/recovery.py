"""Recovery copies of unsaved work, in the user's own data folder (local, not OneDrive).

The GUI (and ``dienstscan sessie``) writes a recovery copy every few minutes while a scan has
unsaved changes and discards it after a normal save or close. At start ``find_recoveries`` lists
the copies left behind by a program that did not close normally, and the GUI offers each.

A copy belongs to one file path and one program (one lock): its name is a hash of the scan file's
path plus a token of the program that wrote it (``nieuw-<scan id>-<token>`` for a scan never
saved). Two copies of one scan (made in Explorer or by "Opslaan als", so with the same scan id)
therefore never share a recovery copy, and one program's save deletes only its own copies
(``discard_recovery(scan_id)``), never another's.

Whether a copy is still worth offering is not decided by clocks (a copy dated in the future, or a
command-line write that makes the scan file look newer, fooled that rule). Each copy records the
*base*: the size and SHA-256 of the scan file as this program last read or saved it. At start the
file is compared with that base: unchanged means the copy is the newer work; changed means someone
wrote the file since (the command line, another program): the copy is still offered, said so, and
restored as a separate unsaved scan so that it cannot silently undo the later change. Copies of a
program that is still running (same computer, live process) are left to that program.

The folder is ``data_dir() / "herstel"`` (``storage.folders``: the local user data folder, or
``DIENSTSCAN_DATA_DIR``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..model.assessment import Assessment
from .atomic import atomic_write
from .errors import ScanFileError
from .folders import ENV_DATA_DIR, data_dir
from .limited import MAX_SCAN_BYTES, read_limited
from .messages import describe_os_error
from .scanfile import FILE_SUFFIX, encode_scan, read_scan, set_base_observer

RECOVERY_FOLDER = "herstel"
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,80}$")

#: This program's token in the names of its recovery copies (one per process).
PROGRAM_TOKEN = uuid.uuid4().hex[:12]

#: path (normalised) -> (size, sha256) of the scan file as this program last read or saved it.
_bases: dict[str, tuple[int, str]] = {}
#: scan id -> the recovery copies this program wrote of it (found by name, not by reading them).
_written: dict[str, set[Path]] = {}

RecoveryState = Literal["nieuw", "ongewijzigd", "gewijzigd", "weg"]


def recovery_dir() -> Path:
    return data_dir() / RECOVERY_FOLDER


def _path_key(path: Path) -> str:
    """One spelling per file: absolute, resolved, case-folded where the platform folds case."""
    try:
        resolved = Path(path).resolve()
    except OSError:
        resolved = Path(os.path.abspath(path))
    return os.path.normcase(str(resolved))


def _id_part(scan_id: str) -> str:
    return scan_id if _SAFE_ID.match(scan_id) else hashlib.sha256(scan_id.encode("utf-8")).hexdigest()[:32]


def _file_for(scan_id: str, scan_path: Path | None) -> Path:
    token = PROGRAM_TOKEN
    if scan_path is None:
        stem = f"nieuw-{_id_part(scan_id)}-{token}"
    else:
        stem = f"{hashlib.sha256(_path_key(scan_path).encode('utf-8')).hexdigest()[:20]}-{token}"
    return recovery_dir() / f"{stem}{FILE_SUFFIX}"


def _digest(data: bytes) -> tuple[int, str]:
    return len(data), hashlib.sha256(data).hexdigest()


def note_base(path: Path, data: bytes) -> None:
    """Remember the bytes of scan ``path`` as this program read or saved them (the copy's base)."""
    _bases[_path_key(path)] = _digest(data)


set_base_observer(note_base)


def _current(path: Path) -> tuple[int, str] | None:
    try:
        return _digest(read_limited(path, MAX_SCAN_BYTES))
    except OSError:
        return None


@dataclass(frozen=True)
class RecoveryCopy:
    """One recovery copy found in the recovery folder."""

    path: Path
    scan_id: str
    #: The file the scan was last saved to or opened from; None for a scan never saved.
    scan_path: Path | None
    saved_at: dt.datetime
    organisation: str
    #: nieuw (never saved), ongewijzigd (the file is as the copy's program left it: the copy is
    #: newer work), gewijzigd (the file was written since), weg (the file is gone).
    state: RecoveryState = "ongewijzigd"
    #: The program (token) that wrote it, and whether that program is still running.
    token: str = ""
    alive: bool = False

    @property
    def own(self) -> bool:
        """Whether this program wrote the copy."""
        return self.token == PROGRAM_TOKEN

    @property
    def changed_since(self) -> bool:
        return self.state == "gewijzigd"

    def describe(self) -> str:
        """One Dutch line naming the copy: what, of which file, when."""
        when = self.saved_at.astimezone()
        where = f"van '{self.scan_path}'" if self.scan_path else "van een scan die nog nooit is opgeslagen"
        line = (f"herstelkopie {where} ({self.organisation}), gemaakt op {when:%d-%m-%Y} om {when:%H:%M}: "
                f"'{self.path}'")
        if self.state == "gewijzigd":
            line += "; het bestand is daarna nog gewijzigd"
        if self.alive:
            line += "; het programma dat haar schreef draait nog"
        return line


def write_recovery(assessment: Assessment, scan_path: Path | None) -> Path:
    """Write (or replace) this program's recovery copy of ``assessment``; returns where it went.

    Raises ``ScanFileError`` (code ``save_failed``) in Dutch if the data folder is not writable.
    """
    target = _file_for(assessment.id, scan_path)
    written_at = dt.datetime.now().astimezone()
    base = _bases.get(_path_key(scan_path)) if scan_path is not None else None
    extra = {
        "recovery": {
            "scan_id": assessment.id,
            "scan_path": str(Path(scan_path).resolve()) if scan_path is not None else None,
            "written_at": written_at.isoformat(),
            "base": {"size": base[0], "sha256": base[1]} if base else None,
            "program": {"token": PROGRAM_TOKEN, "pid": os.getpid(), "host": socket.gethostname()},
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
    # A scan saved under a new name ("Opslaan als") leaves no copy under its old name behind.
    mine = _written.setdefault(assessment.id, set())
    for old in mine - {target}:
        _unlink(old)
    mine.clear()
    mine.add(target)
    return target


def _alive(program: object) -> bool:
    if not isinstance(program, dict) or program.get("host") != socket.gethostname():
        return False
    pid = program.get("pid")
    if type(pid) is not int or pid == os.getpid() and program.get("token") != PROGRAM_TOKEN:
        return False  # our pid, but an earlier program: the pid was reused
    from .lock import _pid_alive

    return _pid_alive(pid)


def _state(scan_path: Path | None, base: object, written_at: dt.datetime) -> RecoveryState:
    if scan_path is None:
        return "nieuw"
    current = _current(scan_path)
    if current is None:
        return "weg"
    if isinstance(base, dict):
        return "ongewijzigd" if (base.get("size"), base.get("sha256")) == current else "gewijzigd"
    # A copy of an older Dienstscan has no base: compare times, but never trust one in the future.
    now = dt.datetime.now().astimezone()
    if written_at > now + dt.timedelta(minutes=5):
        return "gewijzigd"
    try:
        return "ongewijzigd" if written_at.timestamp() > scan_path.stat().st_mtime else "gewijzigd"
    except OSError:
        return "weg"


def _copy_from(path: Path) -> RecoveryCopy | None:
    try:
        loaded = read_scan(path, note=False)
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
    raw_path = meta.get("scan_path")
    scan_path = Path(raw_path) if isinstance(raw_path, str) and raw_path else None
    program = meta.get("program")
    token = str(program.get("token", "")) if isinstance(program, dict) else ""
    return RecoveryCopy(
        path=path,
        scan_id=loaded.assessment.id,
        scan_path=scan_path,
        saved_at=written_at,
        organisation=loaded.assessment.organisation.name,
        state=_state(scan_path, meta.get("base"), written_at),
        token=token,
        alive=token != PROGRAM_TOKEN and _alive(program),
    )


def _read_all() -> list[RecoveryCopy]:
    try:
        candidates = sorted(recovery_dir().glob(f"*{FILE_SUFFIX}"))
    except OSError:
        return []
    return [copy for path in candidates if (copy := _copy_from(path)) is not None]


def _same_as_file(copy: RecoveryCopy) -> bool:
    """Whether the copy holds exactly what its scan file holds (saved, then the program died)."""
    if copy.scan_path is None:
        return False
    try:
        saved = read_scan(copy.scan_path, note=False).assessment.model_dump(exclude={"modified"})
        kept = read_scan(copy.path, note=False).assessment.model_dump(exclude={"modified"})
    except ScanFileError:
        return False
    return saved == kept


def find_recoveries() -> list[RecoveryCopy]:
    """Recovery copies to offer: every copy except those of another program still running, and
    those whose content is already exactly in their scan file. Newest first; damaged copies are
    skipped. (This program's own copies are listed too: the GUI skips the scan it has open.)

    A copy whose file changed since (``state == "gewijzigd"``) is offered too: the caller says so
    and restores it as a separate, unsaved scan."""
    copies = [c for c in _read_all() if not c.alive]
    offered = [c for c in copies if c.state != "gewijzigd" or not _same_as_file(c)]
    return sorted(offered, key=lambda c: c.saved_at, reverse=True)


def recoveries_for(scan_path: Path) -> list[RecoveryCopy]:
    """Every recovery copy of the file ``scan_path`` (of any program, running or not), newest first:
    what a command must name before it writes that file."""
    key = _path_key(scan_path)
    found = [c for c in _read_all() if c.scan_path is not None and _path_key(c.scan_path) == key
             and c.token != PROGRAM_TOKEN]
    return sorted(found, key=lambda c: c.saved_at, reverse=True)


def load_recovery(copy: RecoveryCopy) -> Assessment:
    """The scan in a recovery copy (``ScanFileError`` if it was damaged meanwhile)."""
    return read_scan(copy.path, note=False).assessment


def _unlink(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # a copy we cannot delete is offered again next start, which is harmless


def discard_recovery(scan_id_or_copy: str | RecoveryCopy) -> None:
    """Delete a recovery copy the user chose to throw away, or (given a scan id) every copy this
    program wrote of that scan, after a normal save or close. Other programs' copies stay."""
    if isinstance(scan_id_or_copy, RecoveryCopy):
        _unlink(scan_id_or_copy.path)
        return
    for path in _written.pop(scan_id_or_copy, set()):
        _unlink(path)
