"""A lock file beside an open scan, so a second Dienstscan does not overwrite the first one's work.

``acquire_lock(path)`` creates ``~<name>.dienstscan.lock`` next to the scan (exclusively: of two
programs racing, one wins) with who holds it: user, computer, process id, since when. Another
Dienstscan then gets ``ScanLockedError`` naming that person. A lock left by a crash is stale and
is taken over: its process is gone (same computer), or it is older than ``STALE_AFTER``
(another computer, where the process cannot be checked). ``force=True`` takes any lock over.
The holder calls ``refresh()`` now and then during long sessions so its lock never looks stale.

A lock file whose content this version cannot read (garbage, binary, another version's format,
a holder's clock days ahead) is *damaged*. It is taken over at once (and ``ScanLock.note`` says
so) only when no live Dienstscan can be behind it: it names a process on this computer that is
gone, or an impossible one, or it has not been touched for ``STALE_AFTER``. Otherwise, a live
process on this computer, or a holder that cannot be checked and was active recently, it is
refused like a sound lock (``ScanLockedError``, naming the lock file): the GUI asks before it
takes it over, the command line wants ``--overnemen``. An empty, fresh lock file is respected for
a moment: that is another Dienstscan between creating the file and writing it.

Before each save the holder checks that the lock is still its own (``ensure_held``): another
Dienstscan may have taken it over with "Toch openen"; saving then would overwrite that one's work,
so ``LockLostError`` says who has it and the GUI offers "Opslaan als".
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import sys
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType

from .. import __version__
from .atomic import atomic_write, remove_stale_temps
from .errors import ScanFileError, ScanLockedError
from .messages import describe_os_error

#: A lock whose holder cannot be checked counts as abandoned after this long.
STALE_AFTER = dt.timedelta(hours=12)
#: An empty lock file (another Dienstscan is writing it) counts as abandoned after this long.
_UNREADABLE_STALE_SECONDS = 30.0
#: Our lock files are a few hundred bytes; anything much larger is not one of ours.
_MAX_LOCK_BYTES = 64 * 1024
#: Process ids fit in 32 bits on every platform we run on.
_MAX_PID = 2**32 - 1
#: A holder's clock may run ahead of ours a little; a lock from further in the future is damaged.
_FUTURE_SLACK = dt.timedelta(days=1)


def _printable(value: object, limit: int = 100) -> str:
    """Text from a lock file as it may be shown: no control characters, not endless."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(value)).strip()
    return text[:limit] or "onbekend"


def lock_path(path: Path) -> Path:
    """The lock file for a scan: ``~<name>.lock`` in the same folder."""
    path = Path(path)
    return path.with_name(f"~{path.name}.lock")


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (services, odd containers)
        return "onbekende gebruiker"


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock."""

    user: str
    host: str
    pid: int
    since: dt.datetime
    app_version: str
    token: str

    @classmethod
    def current(cls) -> LockOwner:
        return cls(
            user=_user(),
            host=socket.gethostname(),
            pid=os.getpid(),
            since=dt.datetime.now().astimezone(),
            app_version=__version__,
            token=uuid.uuid4().hex,
        )

    def to_bytes(self) -> bytes:
        data = asdict(self)
        data["since"] = self.since.isoformat()
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> LockOwner | None:
        """The owner written in a lock file; None when the content is not a sound lock of ours."""
        if len(raw) > _MAX_LOCK_BYTES:
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
            pid = data["pid"]
            if type(pid) is not int or not 0 < pid <= _MAX_PID:
                return None
            since = dt.datetime.fromisoformat(data["since"])
            if since.tzinfo is None:
                since = since.astimezone()
            # Out-of-range moments (year 1 with an offset, year 9999) overflow here, not later.
            if not 1971 <= since.year <= 9998 or since.timestamp() > time.time() + _FUTURE_SLACK.total_seconds():
                return None
            return cls(
                user=_printable(data["user"]),
                host=_printable(data["host"]),
                pid=pid,
                since=since,
                app_version=_printable(data.get("app_version", ""), 40),
                token=str(data["token"])[:200],
            )
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, OverflowError, RecursionError, OSError):
            return None

    def describe(self) -> str:
        since = self.since.astimezone()
        return f"{self.user} op computer {self.host}, sinds {since:%d-%m-%Y} om {since:%H:%M}"


def _read_lock_bytes(path: Path) -> bytes | None:
    """The first bytes of the lock file of scan ``path`` (enough to see it is too large); None if absent."""
    try:
        with open(lock_path(path), "rb") as handle:
            return handle.read(_MAX_LOCK_BYTES + 1)
    except OSError:
        return None


def read_lock(path: Path) -> LockOwner | None:
    """Who holds the lock on scan ``path``; None when there is no readable lock."""
    raw = _read_lock_bytes(path)
    return LockOwner.from_bytes(raw) if raw is not None else None


def _pid_alive(pid: int) -> bool:
    if not 0 < pid <= _MAX_PID:
        return False
    if sys.platform == "win32":
        import ctypes  # os.kill(pid, 0) would terminate the process on Windows

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists, owned by someone else
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OSError, OverflowError):
        return False
    return True


def _damaged_holder(raw: bytes) -> tuple[int | None, str | None]:
    """The process id and computer a damaged lock still names, as far as they can be read."""
    try:
        data = json.loads(raw[:_MAX_LOCK_BYTES].decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None, None
    if not isinstance(data, dict):
        return None, None
    pid = data.get("pid")
    host = data.get("host")
    return (pid if type(pid) is int and 0 < pid <= _MAX_PID else None,
            host if isinstance(host, str) and host.strip() else None)


def _damaged_may_be_alive(raw: bytes, mtime: float) -> tuple[bool, str]:
    """Whether a live Dienstscan may hold a lock we cannot read, and a Dutch clause saying why."""
    pid, host = _damaged_holder(raw)
    here = socket.gethostname()
    if host == here:
        if pid is None:
            return False, ""  # no process of ours writes an impossible pid
        if _pid_alive(pid):
            return True, f" van proces {pid} op deze computer, dat nog draait"
        return False, ""
    if time.time() - mtime > STALE_AFTER.total_seconds():
        return False, ""
    changed = dt.datetime.fromtimestamp(mtime).astimezone()
    where = f" op computer {_printable(host)}" if host else ""
    return True, f"{where}, voor het laatst bijgewerkt op {changed:%d-%m-%Y} om {changed:%H:%M}"


def _damaged_alive(raw: bytes | None, file: Path) -> bool:
    try:
        return _damaged_may_be_alive(raw or b"", file.stat().st_mtime)[0]
    except OSError:
        return False


def _is_stale(owner: LockOwner | None, file: Path, damaged: bool = False) -> bool:
    try:
        mtime = file.stat().st_mtime
    except OSError:
        return True
    if damaged:
        return True
    if owner is None:
        return time.time() - mtime > _UNREADABLE_STALE_SECONDS
    last_sign_of_life = max(owner.since.timestamp(), mtime)
    if time.time() - last_sign_of_life > STALE_AFTER.total_seconds():
        return True
    return owner.host == socket.gethostname() and not _pid_alive(owner.pid)


class ScanLock:
    """A held lock. Release it when the scan is closed; usable as a context manager."""

    def __init__(self, path: Path, owner: LockOwner, *, took_over: LockOwner | None = None,
                 took_over_damaged: bool = False, forced: bool = False) -> None:
        self.path = Path(path)
        self.lock_path = lock_path(self.path)
        self.owner = owner
        #: The previous holder when a stale (or forced) lock was taken over.
        self.took_over = took_over
        #: True when the lock taken over was damaged (its content unreadable or absurd).
        self.took_over_damaged = took_over_damaged
        #: True when a lock that was not abandoned was taken over because the user asked.
        self.forced = forced
        self._released = False

    @property
    def note(self) -> str | None:
        """A Dutch sentence about the lock this one replaced, if any."""
        if self.took_over_damaged and self.forced:
            return (f"De onleesbare vergrendeling naast '{self.path.name}' is op uw verzoek overgenomen; ze was "
                    "beschadigd of van een andere versie.")
        if self.took_over_damaged:
            return (f"De vergrendeling naast '{self.path.name}' was beschadigd (onleesbare of onmogelijke "
                    "inhoud); ze is als verlaten vergrendeling beschouwd en vervangen.")
        if self.took_over is not None and self.forced:
            return f"De vergrendeling van {self.took_over.describe()} is op uw verzoek overgenomen."
        if self.took_over is not None:
            return f"De vergrendeling van {self.took_over.describe()} was verlaten en is overgenomen."
        return None

    @property
    def released(self) -> bool:
        return self._released

    def still_held(self) -> bool:
        """False when someone else took the lock over meanwhile (with ``force``)."""
        current = read_lock(self.path)
        return not self._released and current is not None and current.token == self.owner.token

    def refresh(self) -> None:
        """Show that the holder is still alive, so a long session never looks abandoned."""
        if self.still_held():
            try:
                os.utime(self.lock_path)
            except OSError:
                pass

    def release(self) -> None:
        """Remove the lock file, unless another Dienstscan has taken it over meanwhile."""
        if self._released:
            return
        if self.still_held():
            try:
                self.lock_path.unlink()
            except OSError:
                pass
        self._released = True

    def __enter__(self) -> ScanLock:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"ScanLock({str(self.path)!r}, released={self._released})"


def _locked_error(path: Path, owner: LockOwner | None) -> ScanLockedError:
    who = owner.describe() if owner else "een andere Dienstscan (de vergrendeling wordt net geschreven)"
    return ScanLockedError(
        path,
        owner,
        f"'{path.name}' is al geopend door {who}. Als u de scan nu ook opent, kan de een het werk "
        "van de ander overschrijven. Open hem later opnieuw, of neem hem over als u zeker weet dat "
        f"die Dienstscan niet meer open is. (De vergrendeling is het bestand '{lock_path(path)}'.)",
    )


def _damaged_locked_error(path: Path, why: str) -> ScanLockedError:
    return ScanLockedError(
        path,
        None,
        f"'{path.name}' is mogelijk geopend in een andere Dienstscan: naast de scan staat een vergrendeling "
        f"die deze versie niet kan lezen ('{lock_path(path)}'){why}. Ze kan van een andere versie van "
        "Dienstscan zijn of beschadigd. Neem haar alleen over als u zeker weet dat de scan nergens anders "
        "open is; anders kan de een het werk van de ander overschrijven.",
    )


class LockLostError(ScanLockedError):
    """The lock this program held was taken over by another Dienstscan (or removed) meanwhile."""


def ensure_held(lock: ScanLock) -> None:
    """Raise ``LockLostError`` (Dutch, says who has it now) unless ``lock`` is still this program's."""
    if lock.still_held():
        return
    current = read_lock(lock.path)
    if current is not None:
        who = f"{current.describe()} heeft de scan sindsdien geopend en de vergrendeling overgenomen"
    else:
        who = f"de vergrendeling naast de scan ('{lock.lock_path.name}') is weggehaald of onleesbaar geworden"
    raise LockLostError(
        lock.path,
        current,
        f"'{lock.path.name}' is niet meer door u vergrendeld: {who}. Als u nu opslaat, kunt u het werk van "
        "een ander overschrijven. Sla uw werk onder een andere naam op (Opslaan als) en vergelijk daarna "
        "beide scans. Er is niets overschreven.",
    )


def acquire_lock(path: Path, *, force: bool = False) -> ScanLock:
    """Lock scan ``path`` for this program.

    Raises ``ScanLockedError`` if a live owner holds it (unless ``force``), ``ScanFileError``
    (code ``lock_failed``) if the lock file cannot be written.
    """
    path = Path(path)
    file = lock_path(path)
    me = LockOwner.current()
    for _attempt in range(5):
        try:
            fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            pass
        except OSError as exc:
            raise _lock_failed(path, exc) from exc
        else:
            try:
                try:
                    os.write(fd, me.to_bytes())
                finally:
                    os.close(fd)
            except OSError as exc:
                file.unlink(missing_ok=True)
                raise _lock_failed(path, exc) from exc
            remove_stale_temps(path)  # ours now: what killed saves of this scan left can go
            return ScanLock(path, me)

        raw = _read_lock_bytes(path)
        if raw is None and not file.exists():
            continue  # released between our attempt and the read: try again
        holder = LockOwner.from_bytes(raw) if raw is not None else None
        damaged = holder is None and bool(raw) and bool(raw.strip() or len(raw) > _MAX_LOCK_BYTES)
        if damaged and not force:
            try:
                mtime = file.stat().st_mtime
            except OSError:
                continue  # released meanwhile: try again
            alive, why = _damaged_may_be_alive(raw or b"", mtime)
            if alive:
                raise _damaged_locked_error(path, why)
        stale = _is_stale(holder, file, damaged) and not (damaged and _damaged_alive(raw, file))
        if not (force or stale):
            raise _locked_error(path, holder)
        try:
            atomic_write(file, me.to_bytes())
        except OSError as exc:
            raise _lock_failed(path, exc) from exc
        current = read_lock(path)
        if current is not None and current.token == me.token:
            remove_stale_temps(path)
            return ScanLock(path, me, took_over=holder, took_over_damaged=damaged, forced=force and not stale)
        # another program took the abandoned lock at the same moment; look again
    raise _locked_error(path, read_lock(path))


def _lock_failed(path: Path, exc: OSError) -> ScanFileError:
    return ScanFileError(
        path,
        f"Kan '{path}' niet vergrendelen voor bewerken: {describe_os_error(exc)}. "
        "Zonder vergrendeling merkt een collega niet dat u de scan open heeft.",
        "lock_failed",
    )
