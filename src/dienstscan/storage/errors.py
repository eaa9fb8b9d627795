"""The errors storage raises, each with a Dutch message a person can act on.

``ScanFileError`` covers everything that can go wrong reading or writing a ``.dienstscan`` file;
its ``str()`` names the file and what is wrong, and ``code`` says the same for programs (tests,
the CLI's exit status, the GUI's choice of dialog). ``ScanLockedError`` says who has the scan open.
"""

from __future__ import annotations

from pathlib import Path

#: Machine-readable kinds of ``ScanFileError``.
ERROR_CODES = (
    "not_found",  # the file does not exist
    "unreadable",  # permission denied, a folder, a pipe or device, I/O error
    "too_large",  # larger than any scan (refused before reading)
    "empty",  # 0 bytes or only whitespace
    "truncated",  # JSON that stops in the middle
    "not_json",  # text that is not JSON
    "not_text",  # binary that is not UTF-8 text
    "excel",  # an .xlsx (zip) renamed
    "foreign",  # JSON or a known binary type, but not a Dienstscan file
    "invalid",  # a Dienstscan file whose content has wrong types or missing fields
    "newer",  # a newer format version than this program reads
    "save_failed",  # disk full, unwritable folder, file kept open elsewhere
    "lock_failed",  # the lock file beside the scan could not be written
)


class ScanFileError(Exception):
    """A scan file could not be read or written. ``str()`` is a complete Dutch message."""

    def __init__(self, path: Path | str, message: str, code: str) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(message)
        self.path = Path(path)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message


class RepairableScanError(ScanFileError):
    """A scan that reads, but holds what its rules forbid and Dienstscan can set right without
    losing anything (an action id twice, a framework twice in scope, a key figure value outside
    its unit's range). ``repairs`` says, in Dutch, what opening it with ``repair=True`` changes."""

    def __init__(self, path: Path | str, message: str, repairs: list[str]) -> None:
        super().__init__(path, message, "invalid")
        self.repairs = repairs


class ScanLockedError(Exception):
    """The scan is open in another Dienstscan. ``owner`` says who, on which computer, since when."""

    def __init__(self, path: Path, owner: object, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)
        self.owner = owner
        self.message = message

    def __str__(self) -> str:
        return self.message


class SaveError(OSError):
    """A file the program makes (plan, report, forms, benchmark) could not be saved.

    ``str()`` is a complete Dutch sentence naming the file and the reason; the previous file, if
    there was one, is unchanged. It stays an ``OSError`` (same ``errno``), so code that handles
    operating-system errors in general still catches it.
    """

    def __init__(self, path: Path | str, message: str, cause: OSError) -> None:
        super().__init__(cause.errno, message, str(path))
        self.path = Path(path)
        self.message = message

    def __str__(self) -> str:
        return self.message
