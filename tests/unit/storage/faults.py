"""Disk faults for the tests: the operating system refuses a write the way a full disk, a
read-only folder or a file held open by another program does.

``inject(monkeypatch, case)`` replaces the ``os`` that ``dienstscan.storage.atomic`` sees (only
that module's, so pytest and the rest of the program keep the real one) by one whose chosen call
fails with the case's errno. A failing ``write`` first writes half of what it was given, so the
temporary file really holds a fragment when the save gives up, as on a disk that fills up
mid-write.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from types import SimpleNamespace

from dienstscan.storage import atomic


@dataclass(frozen=True)
class Fault:
    call: str  # the os function that fails
    errno: int
    dutch: str  # what the message must say

    @property
    def id(self) -> str:
        return f"{self.call}-{errno.errorcode[self.errno]}"


FAULTS = [
    Fault("write", errno.ENOSPC, "de schijf is vol"),
    Fault("fsync", errno.EDQUOT, "de schijf is vol"),
    Fault("open", errno.EROFS, "de map is alleen-lezen"),
    Fault("open", errno.EACCES, "geen toestemming"),
    Fault("replace", errno.EPERM, "een ander programma houdt het bestand vast"),
    Fault("open", errno.ENAMETOOLONG, "de bestandsnaam of het pad is te lang"),
]
DISK_FULL = FAULTS[0]


def inject(monkeypatch, fault: Fault) -> list[str]:
    """Make ``fault`` happen on the next save; returns a list that records each failure."""
    failures: list[str] = []
    real = getattr(os, fault.call)

    def failing(*args, **kwargs):
        failures.append(fault.call)
        if fault.call == "write":
            fd, data = args
            real(fd, bytes(data[: len(data) // 2]))
        raise OSError(fault.errno, os.strerror(fault.errno))

    fake_os = SimpleNamespace(**{name: getattr(os, name) for name in dir(os) if not name.startswith("__")})
    setattr(fake_os, fault.call, failing)
    monkeypatch.setattr(atomic, "os", fake_os)
    monkeypatch.setattr(atomic, "REPLACE_RETRY_SECONDS", 0)  # a busy file is given up at once
    return failures
