"""Opening a scan file: read it (Dutch ``ScanFileError`` when it cannot be) and propose its plan."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from ..model import ChecklistSet
from ..plan import PlanChanges
from ..storage.scan_cache import ScanCache
from ..storage.scanfile import LoadedScan, read_scan
from .changes import follow_answers


@dataclass
class OpenedScan(LoadedScan):
    """A scan as opened: everything ``storage.LoadedScan`` says about the file (format, whether it
    was upgraded, repairs, unknown keys), the assessment with its plan proposed, and ``plan``."""

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
    read = {f.name: getattr(loaded, f.name) for f in dataclasses.fields(loaded)}
    return OpenedScan(**read, plan=plan)
