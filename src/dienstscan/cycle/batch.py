"""Reading many scans at once (benchmark, rank): every bad file reported by name, the rest used.

``load_scans(paths)`` reads each file with ``dienstscan.storage.read_scan`` (older formats are
upgraded in memory) and returns the scans it can use plus, per skipped file, the Dutch reason:

- a damaged or unreadable file (the storage message, which names the file);
- a duplicate: the same scan id as a file given earlier, or the same organisation (name and kind)
  with the same peildatum; the first one given is kept;
- with ``latest_per_organisation`` (benchmark, rank): an older scan of an organisation that also
  has a newer one, so no organisation counts twice.

Scans of an older file format and scans answered against other checklist versions are used, with a
note each (``notes``); the caller decides the exit code (``skipped`` non-empty -> 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..gcpause import paused_collection
from ..model.assessment import Assessment
from ..model.checklist import ChecklistSet
from ..storage import CURRENT_FORMAT_VERSION, ScanFileError, read_scan


@dataclass(frozen=True)
class BatchScan:
    path: Path
    assessment: Assessment
    format_version: int


@dataclass(frozen=True)
class SkippedScan:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.reason}"


@dataclass
class ScanBatch:
    scans: list[BatchScan] = field(default_factory=list)
    skipped: list[SkippedScan] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def assessments(self) -> list[Assessment]:
        return [s.assessment for s in self.scans]


def _org_key(scan: Assessment) -> tuple[str, str]:
    return " ".join(scan.organisation.name.split()).casefold(), scan.organisation.kind


def load_scans(paths: Sequence[Path], *, latest_per_organisation: bool = False,
               checklists: ChecklistSet | None = None) -> ScanBatch:
    """Read every file in ``paths``; see the module docstring for what is skipped and why.

    With ``checklists``, a scan answered against another version of a framework gets a note.
    """
    # Hundreds of scans held at once are hundreds of thousands of live objects; Python's cyclic
    # garbage collector would walk them again and again while they are read (4-5 times the time
    # of the reading itself for 800 scans). Loading creates no cycles to collect, so it pauses.
    with paused_collection():
        return _load(paths, latest_per_organisation, checklists)


def _load(paths: Sequence[Path], latest_per_organisation: bool, checklists: ChecklistSet | None) -> ScanBatch:
    batch = ScanBatch()
    by_id: dict[str, Path] = {}
    by_org_date: dict[tuple[tuple[str, str], str], Path] = {}
    seen_paths: dict[Path, Path] = {}
    for raw in paths:
        path = Path(raw)
        resolved = path.resolve()
        if resolved in seen_paths:
            batch.skipped.append(SkippedScan(path, f"dit bestand is al eerder opgegeven ({seen_paths[resolved]})"))
            continue
        seen_paths[resolved] = path
        try:
            loaded = read_scan(path, checklists)
        except ScanFileError as exc:
            batch.skipped.append(SkippedScan(path, str(exc)))
            continue
        scan = loaded.assessment
        first = by_id.get(scan.id)
        if first is not None:
            batch.skipped.append(SkippedScan(
                path, f"dezelfde scan (id {scan.id}) als {first.name}; alleen {first.name} telt mee"))
            continue
        key = (_org_key(scan), scan.peildatum.isoformat())
        first = by_org_date.get(key)
        if first is not None:
            batch.skipped.append(SkippedScan(
                path, f"een tweede scan van {scan.organisation.name} met peildatum {scan.peildatum.isoformat()} "
                      f"(de eerste is {first.name}); alleen {first.name} telt mee"))
            continue
        by_id[scan.id] = path
        by_org_date[key] = path
        if loaded.migrated or loaded.format_version != CURRENT_FORMAT_VERSION:
            batch.notes.append(f"{path.name}: opgeslagen in bestandsformaat {loaded.format_version}; bij het lezen "
                               f"bijgewerkt naar formaat {CURRENT_FORMAT_VERSION} (het bestand zelf is niet gewijzigd).")
        if checklists is not None:
            batch.notes.extend(_version_notes(path, scan, checklists))
        batch.scans.append(BatchScan(path, scan, loaded.format_version))

    if latest_per_organisation:
        latest: dict[tuple[str, str], BatchScan] = {}
        for entry in batch.scans:
            key = _org_key(entry.assessment)
            if key not in latest or entry.assessment.peildatum > latest[key].assessment.peildatum:
                latest[key] = entry
        kept = []
        for entry in batch.scans:
            newest = latest[_org_key(entry.assessment)]
            if newest is entry:
                kept.append(entry)
            else:
                batch.skipped.append(SkippedScan(
                    entry.path,
                    f"een oudere scan van {entry.assessment.organisation.name} "
                    f"(peildatum {entry.assessment.peildatum.isoformat()}); alleen de nieuwste, {newest.path.name} "
                    f"(peildatum {newest.assessment.peildatum.isoformat()}), telt mee"))
        batch.scans = kept
    return batch


_ITEM_IDS: dict[int, tuple[ChecklistSet, frozenset[str]]] = {}


def _item_ids(checklists: ChecklistSet) -> frozenset[str]:
    hit = _ITEM_IDS.get(id(checklists))
    if hit is None or hit[0] is not checklists:
        _ITEM_IDS.clear()
        hit = (checklists, frozenset(i.id for fw in checklists.frameworks for i in fw.all_items()))
        _ITEM_IDS[id(checklists)] = hit
    return hit[1]


def _version_notes(path: Path, scan: Assessment, checklists: ChecklistSet) -> list[str]:
    notes = []
    loaded = {fw.id: fw for fw in checklists.frameworks}
    for fw_id in scan.frameworks:
        fw = loaded.get(fw_id)
        version = scan.checklist_versions.get(fw_id)
        if fw is None:
            notes.append(f"{path.name}: het kader '{fw_id}' staat niet in de checklists en telt niet mee.")
        elif version and version != fw.version:
            notes.append(f"{path.name}: ingevuld met versie {version} van {fw.short_title}, nu is versie "
                         f"{fw.version} geladen; vergeleken per item op id.")
    known = _item_ids(checklists)
    unknown = sorted(i for i in scan.answers if i not in known)
    if unknown:
        notes.append(f"{path.name}: {len(unknown)} antwoord(en) op items die de checklists niet kennen "
                     f"({', '.join(unknown[:5])}{' …' if len(unknown) > 5 else ''}); die tellen niet mee.")
    return notes
