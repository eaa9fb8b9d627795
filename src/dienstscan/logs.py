"""The log file a helpdesk asks for: one size-rotating file in the user's own log folder.

``setup_logging()`` is called once at program start (GUI and command line). It writes to
``platformdirs.user_log_dir("Dienstscan")`` (on Windows ``%LOCALAPPDATA%\\Dienstscan\\Logs``),
never next to the program. The file is rotated by size: at most ``MAX_BYTES`` per file and
``BACKUP_COUNT`` older files (``dienstscan.log.1`` …), so a laptop never fills up with logs.

``DIENSTSCAN_LOG_DIR`` replaces the folder (portable use, tests). When the tests switch off the
user's settings (``DIENSTSCAN_NO_SETTINGS=1``) the log goes to a temporary folder as well, so a
test run never writes into the user's own log.

Logging must never stop the program: a log folder that cannot be created or written leaves the
program running without a log file (``log_problem()`` says why, the about dialog shows it).
No Qt here.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import tempfile
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

from . import __version__

ENV_LOG_DIR = "DIENSTSCAN_LOG_DIR"
ENV_NO_SETTINGS = "DIENSTSCAN_NO_SETTINGS"
LOG_NAME = "dienstscan.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

_handler: RotatingFileHandler | None = None
_problem: str | None = None
_temp_dir: tempfile.TemporaryDirectory[str] | None = None


class _QuietRotatingFileHandler(RotatingFileHandler):
    """A log line that cannot be written (full disk, log folder gone) is dropped, not printed.

    The standard handler prints "--- Logging error ---" with a traceback on stderr, right under
    the Dutch message the command line just gave. The reason goes into ``log_problem()``.
    """

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        global _problem
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):
            from .storage.messages import describe_os_error

            _problem = f"kan niet in het logbestand {self.baseFilename} schrijven ({describe_os_error(exc)})"
            return
        super().handleError(record)


def log_dir() -> Path:
    """The folder of the log file (see the module docstring for the order)."""
    global _temp_dir
    override = os.environ.get(ENV_LOG_DIR)
    if override:
        return Path(override).expanduser()
    if os.environ.get(ENV_NO_SETTINGS) == "1":
        if _temp_dir is None:
            _temp_dir = tempfile.TemporaryDirectory(prefix="dienstscan-log-")
        return Path(_temp_dir.name)
    return Path(platformdirs.user_log_dir("Dienstscan", appauthor=False))


def log_path() -> Path:
    """The current log file: the one ``setup_logging`` opened, else where it would be."""
    if _handler is not None:
        return Path(_handler.baseFilename)
    return log_dir() / LOG_NAME


def log_problem() -> str | None:
    """Why there is no log file (Dutch), or None when logging to the file works."""
    return _problem


def setup_logging(*, max_bytes: int = MAX_BYTES, backup_count: int = BACKUP_COUNT,
                  level: int = logging.INFO) -> Path:
    """Send the ``dienstscan`` loggers to the rotating log file; returns the file's path.

    Calling it again replaces the earlier handler (e.g. after ``DIENSTSCAN_LOG_DIR`` changed),
    so it is never attached twice.
    """
    global _handler, _problem
    stop_logging()
    logger = logging.getLogger("dienstscan")
    logger.setLevel(level)
    folder = log_dir()
    path = folder / LOG_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = _QuietRotatingFileHandler(path, maxBytes=max_bytes, backupCount=backup_count,
                                      encoding="utf-8", delay=False)
    except OSError as exc:
        _problem = f"kan geen logbestand maken in {folder} ({exc.strerror or exc})"
        return path
    _problem = None
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    _handler = handler
    # not platform.platform(): on Linux it reads the Python executable to find the C library (1% of a start)
    logger.info("Dienstscan %s gestart (Python %s, %s %s %s, %s)", __version__, platform.python_version(),
                platform.system(), platform.release(), platform.machine(),
                "gebundeld" if getattr(sys, "frozen", False) else "Python")
    return path


def stop_logging() -> None:
    """Detach and close the log file (tests; a second ``setup_logging`` does this itself)."""
    global _handler
    if _handler is not None:
        logging.getLogger("dienstscan").removeHandler(_handler)
        _handler.close()
        _handler = None


def log_uncaught(exc_type: type[BaseException], exc: BaseException, tb: object) -> None:
    """``sys.excepthook`` replacement: an unexpected error goes into the log with its traceback.

    The GUI may install it (``sys.excepthook = log_uncaught``) and show its own Dutch message;
    the traceback is then in the log for the helpdesk instead of lost in a console nobody sees.
    """
    logging.getLogger("dienstscan").critical("Onverwachte fout", exc_info=(exc_type, exc, tb))  # type: ignore[arg-type]
    if sys.__excepthook__ is not None and sys.stderr is not None:
        sys.__excepthook__(exc_type, exc, tb)  # type: ignore[arg-type]
