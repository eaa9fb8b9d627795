"""Application settings (QSettings) and the recent-files list.

``DIENSTSCAN_NO_SETTINGS=1`` (set by the tests) switches to an INI file in a temporary folder,
so running the tests never touches the user's own settings.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "Dienstscan"
APPLICATION = "Dienstscan"
ENV_NO_SETTINGS = "DIENSTSCAN_NO_SETTINGS"
MAX_RECENT = 8

_temp_dir: tempfile.TemporaryDirectory[str] | None = None


def settings() -> QSettings:
    """The settings store: the user's own, or a throw-away INI file under ``DIENSTSCAN_NO_SETTINGS``."""
    global _temp_dir
    if os.environ.get(ENV_NO_SETTINGS) == "1":
        if _temp_dir is None:
            _temp_dir = tempfile.TemporaryDirectory(prefix="dienstscan-settings-")
        return QSettings(str(Path(_temp_dir.name) / "dienstscan.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANISATION, APPLICATION)


def recent_files() -> list[Path]:
    """Recently opened or saved scans, newest first, only those that still exist."""
    value = settings().value("recent_files", [])
    if isinstance(value, str):
        value = [value]
    paths = [Path(str(v)) for v in (value or [])]
    return [p for p in paths if p.is_file()]


def add_recent_file(path: Path) -> None:
    path = Path(path).resolve()
    current = [p for p in recent_files() if p.resolve() != path]
    store = settings()
    store.setValue("recent_files", [str(p) for p in [path, *current][:MAX_RECENT]])
    store.sync()


def remove_recent_file(path: Path) -> None:
    path = Path(path).resolve()
    store = settings()
    value = store.value("recent_files", [])
    if isinstance(value, str):
        value = [value]
    store.setValue("recent_files", [v for v in (value or []) if Path(str(v)).resolve() != path])
    store.sync()


def last_folder() -> Path:
    value = settings().value("last_folder", "")
    folder = Path(str(value)) if value else Path.home()
    return folder if folder.is_dir() else Path.home()


def set_last_folder(folder: Path) -> None:
    store = settings()
    store.setValue("last_folder", str(folder))
    store.sync()


def extra_benchmark_files() -> list[Path]:
    """Extra benchmark files (e.g. a region's, made with ``dienstscan benchmark``) the user chose."""
    value = settings().value("extra_benchmarks", [])
    if isinstance(value, str):
        value = [value]
    return [Path(str(v)) for v in (value or []) if str(v)]


def set_extra_benchmark_files(paths: list[Path]) -> None:
    store = settings()
    store.setValue("extra_benchmarks", [str(p) for p in paths])
    store.sync()


def window_geometry() -> bytes | None:
    """The main window's saved geometry (``QWidget.saveGeometry``), or None before the first quit."""
    value = settings().value("window_geometry")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    data = getattr(value, "data", None)  # a QByteArray
    return bytes(data()) if callable(data) else None


def set_window_geometry(geometry: bytes) -> None:
    store = settings()
    store.setValue("window_geometry", QByteArray(geometry))
    store.sync()


def navigation_visible() -> bool:
    """Whether the navigation tree is shown (the user can hide it for room; remembered)."""
    value = settings().value("navigation_visible", True)
    return value not in (False, "false", "0", 0)


def set_navigation_visible(visible: bool) -> None:
    store = settings()
    store.setValue("navigation_visible", bool(visible))
    store.sync()


def plan_columns(default: list[str]) -> list[str]:
    """The optional columns of the plan table the user chose to see (by header), or ``default``."""
    value = settings().value("plan_columns")
    if value is None:
        return list(default)
    if isinstance(value, str):
        value = [value] if value else []
    return [str(v) for v in value]


def set_plan_columns(columns: list[str]) -> None:
    store = settings()
    store.setValue("plan_columns", list(columns) if columns else "")
    store.sync()


def zoom_percent() -> int:
    """The text size of the application in percent of the system's (Ctrl+plus/minus; remembered)."""
    try:
        value = int(settings().value("zoom_percent", 100))
    except (TypeError, ValueError):
        return 100
    return value if 50 <= value <= 300 else 100


def set_zoom_percent(percent: int) -> None:
    store = settings()
    store.setValue("zoom_percent", int(percent))
    store.sync()
