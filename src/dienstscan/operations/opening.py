"""Opening a scan file: read it (Dutch ``ScanFileError`` when it cannot be) and propose its plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Assessment, ChecklistSet
from ..plan import PlanChanges
from ..storage.scan_cache import ScanCache
from ..storage.scanfile import read_scan
from .changes import follow_answers


@dataclass(kw_only=True)
class OpenedScan:
    """A scan as opened: the assessment (plan proposed), what the file said, what opening changed."""

    assessment: Assessment
    path: Path
    #: True when the file had an older format and was upgraded in memory (not on disk).
    migrated: bool = False
    #: What ``repair=True`` set right in memory (Dutch lines); the file itself is not changed.
    repairs: list[str] = field(default_factory=list)
    #: What proposing the plan changed: the file's plan did not follow its answers (an older
    #: version, another program, a hand edit). In memory only, like ``migrated``.
    plan: PlanChanges = field(default_factory=PlanChanges)


def open_scan(path: Path, checklists: ChecklistSet, *, repair: bool = False,
              cache: ScanCache | None = None) -> OpenedScan:
    """Read the scan at ``path`` and bring its plan in step with its answers.

    Raises ``storage.ScanFileError`` (``RepairableScanError`` without ``repair``) with a Dutch
    message naming the file; the file itself is never changed. ``cache``: ``storage.scan_file_cache()``
    in the application.
    """
    loaded = read_scan(Path(path), checklists, repair=repair, cache=cache)
    plan = follow_answers(checklists, loaded.assessment)
    return OpenedScan(assessment=loaded.assessment, path=loaded.path, migrated=loaded.migrated,
                      repairs=list(loaded.repairs), plan=plan)
