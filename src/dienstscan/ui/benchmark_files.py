"""Extra benchmark sets in the app: Scan > "Extra benchmarks…" and "Alleen meegeleverde benchmarks".

A region or association builds a benchmark file from many scans (``dienstscan benchmark``, the
same format as ``checklists/benchmarks.yaml``). The user adds such files here; they are checked
by the checklist loader (every problem in Dutch with file and line), used at once for the open
scan (dashboard, key figures, exports) and remembered for the next start (QSettings).

Only benchmarks change, never items, so the open scan keeps its answers, undo history and file.
The menu entries are rows in ``ui/actions.py``; their callbacks here take an ``ActionContext``
and switch the checklists through ``Shell.use_checklists``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ..checklists import ChecklistError, default_checklist_dir, load_checklists
from ..checklists.cache import CACHE_NAME
from ..model import ChecklistSet
from ..storage.cache import FileCache
from . import dialogs, settings
from .shell import ActionContext


def choose_benchmark_files(parent: QWidget | None, folder: Path) -> list[Path] | None:
    """The files to use from now on (empty list: none), or None when cancelled. Tests patch this."""
    files, _ = QFileDialog.getOpenFileNames(parent, "Extra benchmarkbestanden kiezen", str(folder),
                                            "Benchmarkbestanden (*.yaml *.yml)")
    return [Path(f) for f in files] if files else None


def load_with_extras(paths: list[Path], folder: Path | None = None) -> ChecklistSet:
    """The shipped (or given) checklists plus ``paths``; raises ``ChecklistError`` with every problem."""
    return load_checklists(folder or default_checklist_dir(), extra_benchmarks=list(paths),
                           cache=FileCache(CACHE_NAME))


def problems_text(exc: ChecklistError, limit: int = 15) -> str:
    lines = [str(p) for p in exc.problems[:limit]]
    if len(exc.problems) > limit:
        lines.append(f"… en nog {len(exc.problems) - limit}")
    return "\n".join(lines)


def choose_extra_benchmarks(ctx: ActionContext) -> bool:
    """Let the user pick extra benchmark files; True when they are in use now."""
    current = settings.extra_benchmark_files()
    folder = current[0].parent if current and current[0].parent.is_dir() else settings.last_folder()
    paths = choose_benchmark_files(ctx.parent, folder)
    if paths is None:
        return False
    try:
        checklists = load_with_extras(paths, ctx.shell.checklist_dir)
    except ChecklistError as exc:
        dialogs.show_error(ctx.parent, "Extra benchmarks",
                           f"Deze benchmarkbestanden zijn niet gebruikt, want ze bevatten fouten:\n\n{problems_text(exc)}")
        return False
    ctx.shell.use_checklists(checklists)
    settings.set_extra_benchmark_files(paths)
    names = ", ".join(p.name for p in paths)
    ctx.shell.show_status(f"Extra benchmarks in gebruik: {names}", 8000)
    return True


def clear_extra_benchmarks(ctx: ActionContext) -> None:
    """Back to the shipped benchmarks only."""
    try:
        checklists = load_with_extras([], ctx.shell.checklist_dir)
    except ChecklistError as exc:  # the shipped files themselves broke: say so, keep what we have
        dialogs.show_error(ctx.parent, "Extra benchmarks", problems_text(exc))
        return
    ctx.shell.use_checklists(checklists)
    settings.set_extra_benchmark_files([])
    ctx.shell.show_status("Alleen de meegeleverde benchmarks in gebruik", 8000)


def startup_checklists(folder: Path, parent: QWidget | None = None) -> ChecklistSet:
    """At start: the checklists with the remembered extra files (through the checklist cache, so an
    unchanged set is not read and checked again); a broken or missing extra file is
    reported and left out, so the app still starts (the shipped checklists' own errors propagate)."""
    extras = settings.extra_benchmark_files()
    if extras:
        missing = [p for p in extras if not p.is_file()]
        usable = [p for p in extras if p.is_file()]
        try:
            checklists = load_with_extras(usable, folder)
        except ChecklistError as exc:
            dialogs.show_error(parent, "Extra benchmarks",
                               f"De extra benchmarkbestanden zijn deze keer niet gebruikt:\n\n{problems_text(exc)}")
        else:
            if missing:
                dialogs.show_error(parent, "Extra benchmarks", "Niet gevonden, deze keer niet gebruikt:\n"
                                   + "\n".join(str(p) for p in missing))
            return checklists
    return load_with_extras([], folder)
