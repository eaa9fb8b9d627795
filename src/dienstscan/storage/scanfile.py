"""Reading and writing ``.dienstscan`` files: a UTF-8 JSON envelope around the scan.

The envelope::

    {"format": "dienstscan", "format_version": 3, "app_version": "0.1.0",
     "saved_at": "2024-05-01T10:00:00+02:00", "scan": {...Assessment...}}

Saving is atomic (see ``atomic``) and keeps the previous version as ``<name>.bak``. Loading
recognises every way a file can be wrong (empty, cut off, not JSON, an Excel file renamed, wrong
types, a newer format) and raises ``ScanFileError`` with a Dutch message that names the file.
Older formats are upgraded through ``migrations``; a newer one is refused and never overwritten.

What a hand-edited file can hide is refused at load too, never silently resolved: a key twice in
one JSON object (which answer is meant?), an action id twice, a framework twice in the scope, and,
when the checklists are given, a key figure value outside its unit's range (a percentage of 140,
a negative waiting time). Non-finite numbers (``NaN``, ``Infinity``, ``1e999``) and absurd sizes
are refused by the model itself.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import __version__
from ..model.assessment import Assessment
from ..model.checklist import ChecklistSet
from .atomic import atomic_write
from .limited import MAX_SCAN_BYTES, FileTooLarge, NotARegularFile, megabytes, read_limited
from .errors import RepairableScanError, ScanFileError
from .filenames import COMPANION_ROOM, exists_quietly, name_problem
from .jsontext import looks_cut_off
from .messages import WHAT_TO_DO, describe_os_error, describe_validation_error, field_path, save_failed_message
from .migrations import CURRENT_FORMAT_VERSION, OLDEST_FORMAT_VERSION, MigrationError, upgrade
from .scan_cache import ScanCache, cached_assessment, remember_assessment, scan_key

log = logging.getLogger(__name__)

FORMAT_NAME = "dienstscan"
FILE_SUFFIX = ".dienstscan"
BACKUP_SUFFIX = ".bak"

_VERSION_RE = re.compile(rb'"format_version"\s*:\s*(\d+)')
#: The envelope's own keys; anything else at the top level is kept as read.
_STANDARD_KEYS = frozenset({"format", "format_version", "app_version", "saved_at", "scan"})
#: Top-level keys this version writes itself besides the standard ones (a recovery copy's metadata).
_OWN_EXTRA_KEYS = frozenset({"recovery"})


@dataclass
class LoadedScan:
    """A scan as read from disk, with what the envelope said about it."""

    assessment: Assessment
    path: Path
    format_version: int
    app_version: str
    saved_at: str
    #: True when the file had an older format and was upgraded in memory (not on disk).
    migrated: bool = False
    #: Envelope keys other than the standard ones (the recovery copy's own metadata, and what a
    #: newer version wrote: kept in ``Assessment._unknown_envelope`` and written back on save).
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def unknown_keys(self) -> list[str]:
        """Top-level keys of a newer version that this one keeps but does not use."""
        return sorted(self.assessment._unknown_envelope)
    #: What ``repair=True`` changed in memory (Dutch lines); the file itself is not changed.
    repairs: list[str] = field(default_factory=list)


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept: ``<name>.dienstscan.bak`` beside it."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def encode_scan(assessment: Assessment, extra: dict[str, Any] | None = None) -> bytes:
    """The file content for ``assessment``: the envelope as indented UTF-8 JSON."""
    header: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": CURRENT_FORMAT_VERSION,
        "app_version": __version__,
        "saved_at": now_iso(),
    }
    # What a newer version wrote at the top level is written back as it was read (never dropped).
    header.update({k: v for k, v in assessment._unknown_envelope.items() if k not in _STANDARD_KEYS})
    if extra:
        header.update(extra)
    head = json.dumps(header, ensure_ascii=False, indent=1)
    # pydantic writes the (large) scan part much faster than json.dumps of model_dump would.
    # JSON strings hold no raw newlines, so indenting every line by one is safe.
    body = assessment.model_dump_json(indent=1).replace("\n", "\n ")
    return (head[:-2] + ',\n "scan": ' + body + "\n}\n").encode("utf-8")


# ---------------------------------------------------------------------------------------- save


def _format_version_on_disk(path: Path) -> int | None:
    """The format version of an existing file, read from its first bytes; None if not found."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    match = _VERSION_RE.search(head)
    return int(match.group(1)) if match else None


def save_scan(assessment: Assessment, path: Path, *, keep_backup: bool = True,
              cache: ScanCache | None = None) -> None:
    """Save ``assessment`` to ``path`` atomically; the previous version becomes ``<name>.bak``.

    Updates ``assessment.modified``. Raises ``ScanFileError`` (code ``save_failed`` or ``newer``)
    with the existing file untouched and no temporary file left behind. With ``cache``, the saved
    bytes are read back into it (``scan_cache``), so the next opening of this file is quick.
    """
    path = Path(path)
    problem = name_problem(path, room=COMPANION_ROOM)  # room for its lock and backup beside it
    if problem:
        raise ScanFileError(path, f"Kan de scan niet opslaan als '{path}': {problem}. Er is niets opgeslagen.",
                            "save_failed")
    existed = exists_quietly(path)
    on_disk = _format_version_on_disk(path) if existed else None
    if on_disk is not None and on_disk > CURRENT_FORMAT_VERSION:
        raise ScanFileError(
            path,
            f"'{path}' is gemaakt met een nieuwere versie van Dienstscan (formaat {on_disk}); deze "
            f"versie kan formaat {CURRENT_FORMAT_VERSION} lezen en schrijven. Het bestand is niet "
            "overschreven; sla de scan onder een andere naam op.",
            "newer",
        )
    previous_modified = assessment.modified
    assessment.modified = dt.datetime.now()
    try:
        data = encode_scan(assessment)
        atomic_write(path, data, backup=backup_path(path) if keep_backup else None)
    except OSError as exc:
        assessment.modified = previous_modified
        raise ScanFileError(
            path, save_failed_message(path, exc, existed=existed, what="de scan"), "save_failed"
        ) from exc
    except BaseException:
        assessment.modified = previous_modified
        raise
    _observed(path, data)
    if cache is not None:
        try:
            decode_scan(data, path, cache=cache)  # exactly what a read of the saved file gives
        except Exception:  # the file is saved; a cache that fails only costs time at the next opening
            log.warning("de opgeslagen scan %s kon niet in de cache", path, exc_info=True)


# ---------------------------------------------------------------------------------------- load


_BINARY_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "een PDF-bestand"),
    (b"\xd0\xcf\x11\xe0", "een ouder Office-bestand (Excel 97-2003 of Word)"),
    (b"\x1f\x8b", "een gzip-archief"),
    (b"\x89PNG", "een PNG-afbeelding"),
    (b"\xff\xd8\xff", "een JPEG-afbeelding"),
)


def _fail(path: Path, problem: str, code: str) -> ScanFileError:
    return ScanFileError(path, f"Kan '{path}' niet openen: {problem}", code)


def _backup_hint(path: Path) -> str:
    backup = backup_path(path)
    if backup.exists():
        return f" Naast het bestand staat een reservekopie van de vorige versie: '{backup.name}'."
    return ""


def _truncated(path: Path, data: bytes) -> ScanFileError:
    return _fail(
        path,
        f"het bestand is afgebroken: het houdt midden in de gegevens op (na {len(data)} bytes). "
        "Mogelijk is het kopiëren of opslaan onderbroken." + _backup_hint(path),
        "truncated",
    )


class _Duplicates(Exception):
    """A JSON object holds a key twice."""


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)  # built in C: this hook costs little on a large scan
    if len(obj) != len(pairs):
        raise _Duplicates()
    return obj


def _duplicate_key_places(text: str) -> list[tuple[str, tuple[Any, ...], int]]:
    """Every key that stands twice in one object: (key, path of the object, line the object starts).

    Only called once a duplicate is known: it parses with the (slower) pure-Python scanner, which
    lets us see where each object starts.
    """
    from json.decoder import JSONObject
    from json.scanner import py_make_scanner

    twice: dict[int, tuple[int, list[str]]] = {}
    keep: list[dict[str, Any]] = []  # keep every object alive so no id() is reused

    def parse_object(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):
        source, start = s_and_end
        line = source.count("\n", 0, start) + 1

        def hook(pairs):
            obj: dict[str, Any] = {}
            keys = []
            for key, value in pairs:
                if key in obj and key not in keys:
                    keys.append(key)
                obj[key] = value
            if keys:
                twice[id(obj)] = (line, keys)
            keep.append(obj)
            return obj

        return JSONObject(s_and_end, strict, scan_once, object_hook, hook, memo)

    decoder = json.JSONDecoder()
    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = py_make_scanner(decoder)  # type: ignore[attr-defined]
    document = decoder.decode(text)
    places: list[tuple[str, tuple[Any, ...], int]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(document, ())]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            if id(node) in twice:
                line, keys = twice[id(node)]
                places += [(key, where, line) for key in keys]
            stack += [(value, (*where, key)) for key, value in node.items()]
        elif isinstance(node, list):
            stack += [(value, (*where, index)) for index, value in enumerate(node)]
    return sorted(places, key=lambda place: place[2])


def _where(path: tuple[Any, ...]) -> str:
    """A place in the file named as validation errors name it (inside the scan, without 'scan ›')."""
    if not path:
        return "het bestand als geheel"
    return field_path(path[1:] if path[0] == "scan" and len(path) > 1 else path)


def _duplicate_keys_error(path: Path, text: str) -> ScanFileError:
    try:
        places = _duplicate_key_places(text)
    except (ValueError, RecursionError):
        places = []
    lines = [f"- de sleutel '{key}' staat twee keer in {_where(where)} (het deel dat op regel {line} begint)"
             for key, where, line in places[:5]]
    if len(places) > 5:
        lines.append(f"- en nog {len(places) - 5} keer")
    return _fail(
        path,
        "in het bestand staat dezelfde sleutel twee keer in één onderdeel, zodat niet zeker is welke waarde "
        "bedoeld is:\n" + "\n".join(lines) + "\nHaal met een teksteditor een van beide weg (bewaar eerst een "
        "kopie). Het bestand is niet gewijzigd.",
        "invalid",
    )


def decode_scan(data: bytes, path: Path, checklists: ChecklistSet | None = None, *,
                repair: bool = False, cache: ScanCache | None = None) -> LoadedScan:
    """Turn file bytes into a scan, or raise ``ScanFileError`` saying what is wrong.

    With ``checklists`` the key figure values are checked against their units' ranges too. What
    can be set right without losing anything raises ``RepairableScanError``; with ``repair=True``
    it is set right in memory instead and listed in ``LoadedScan.repairs``. With ``cache``, the
    validated scan of exactly these bytes is taken from there or stored there (``scan_cache``).
    """
    if not data.strip():
        size = "0 bytes" if not data else "alleen witruimte"
        raise (_fail(path, f"het bestand is leeg ({size}).{_backup_hint(path)}", "empty"))
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        raise (
            _fail(
                path,
                "dit lijkt een Excel-bestand (of een ander zip-archief), geen Dienstscan-bestand. "
                "Een verbeterplan uit Excel leest u in met 'dienstscan import-plan'. "
                "Het bestand is niet gewijzigd.",
                "excel",
            )
        )
    for magic, kind in _BINARY_KINDS:
        if data.startswith(magic):
            raise (_fail(path, f"dit lijkt {kind}, geen Dienstscan-bestand.", "foreign"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise (
            _fail(path, "het bestand is als UTF-16 opgeslagen; een Dienstscan-bestand is UTF-8.", "not_text")
        )
    try:
        text = data.decode("utf-8-sig")  # a BOM from Notepad is harmless
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # cut off in the middle of a character like ë
            raise _truncated(path, data) from None
        raise (
            _fail(
                path,
                f"het bestand is geen UTF-8-tekst (onleesbare byte op positie {exc.start}); "
                "het is geen Dienstscan-bestand of het is beschadigd.",
                "not_text",
            )
        )
    if "\x00" in text:
        raise (_fail(path, "het bestand bevat binaire gegevens; het is geen Dienstscan-bestand.", "not_text"))
    try:
        document = json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
    except _Duplicates:
        raise _duplicate_keys_error(path, text) from None
    except json.JSONDecodeError as exc:
        stripped = text.lstrip()
        if stripped[:1] in ("{", "[") and looks_cut_off(text):
            raise _truncated(path, data) from None
        raise (
            _fail(
                path,
                f"het bestand bevat geen geldige JSON (fout op regel {exc.lineno}, kolom {exc.colno}); "
                "het is geen Dienstscan-bestand of het is met de hand beschadigd.",
                "not_json",
            )
        )
    except (ValueError, RecursionError):
        raise (_fail(path, "het bestand bevat geen bruikbare JSON.", "not_json"))
    loaded = _from_document(document, path, cache, scan_key(data) if cache is not None else "")
    loaded.repairs = _check_loaded(loaded.assessment, path, checklists, repair=repair)
    return loaded


#: The most an action id may hold (``Action.id``), and a key figure's note (``ShortText``).
_ID_LIMIT = 60
_NOTE_LIMIT = 20_000


def _check_loaded(assessment: Assessment, path: Path, checklists: ChecklistSet | None, *,
                  repair: bool = False) -> list[str]:
    """What the model alone cannot see: ids twice, and key figures outside their unit's range.

    Each problem has a repair that loses nothing: a later action with an id already used gets a
    free id with a suffix (its content stays), a framework named twice in scope once, and a key
    figure value outside its range moves into the figure's note (the figure is then empty). With
    ``repair`` they are made in ``assessment`` and returned as Dutch lines; without, the scan is
    refused with ``RepairableScanError`` (the file is never changed here). A value whose note has
    no room for it cannot be moved: the scan is then refused as before, repair or not."""
    problems: list[str] = []
    repairs: list[str] = []
    fixes: list[Callable[[], None]] = []
    repairable = True
    places: dict[str, list[int]] = {}
    for number, action in enumerate(assessment.actions, start=1):
        places.setdefault(action.id, []).append(number)
    taken = set(places)
    for action_id, numbers in places.items():
        if len(numbers) > 1:
            where = ", ".join(f"nr. {n}" for n in numbers)
            problems.append(f"- de actie-ID '{action_id}' staat {len(numbers)} keer in het plan (acties {where}); "
                            "geef elke actie een eigen ID")
            for number in numbers[1:]:
                n = 2
                while (new_id := f"{action_id[:_ID_LIMIT - 4]}-{n}") in taken:
                    n += 1
                taken.add(new_id)
                repairs.append(f"- actie nr. {number} had de ID '{action_id}' van actie nr. {numbers[0]} en heet nu "
                               f"'{new_id}'")
                fixes.append(lambda action=assessment.actions[number - 1], new_id=new_id: setattr(action, "id", new_id))
    kept = list(dict.fromkeys(assessment.frameworks))
    for framework_id in kept:
        if assessment.frameworks.count(framework_id) > 1:
            problems.append(f"- het kader '{framework_id}' staat twee keer in de scope (kaders)")
            repairs.append(f"- het kader '{framework_id}' staat nog één keer in de scope")
    if len(kept) != len(assessment.frameworks):
        fixes.append(lambda: setattr(assessment, "frameworks", kept))
    for figure_id, problem, reason in _key_figure_problems(assessment, checklists) if checklists else []:
        problems.append(problem)
        entered = assessment.key_figures[figure_id]
        moved = f"Bij openen weggehaald: de waarde {_plain_number(entered.value)} {reason}."
        note = f"{entered.note}\n{moved}" if entered.note.strip() else moved
        repairable = repairable and len(note) <= _NOTE_LIMIT
        repairs.append(f"- kengetal '{checklists.key_figures[figure_id].label}': de waarde staat nu in de "
                       "toelichting, het kengetal is leeg")
        fixes.append(lambda entered=entered, note=note: (setattr(entered, "note", note), setattr(entered, "value", None)))
    if not problems:
        return []
    if not (repair and repairable):
        remedy = ("Open de scan in Dienstscan en kies 'Herstellen en openen': dat zet dit recht zonder iets weg "
                  "te gooien." if repairable else WHAT_TO_DO)
        refused = _fail(path, "de scan bevat ongeldige gegevens:\n" + "\n".join(problems)
                        + f"\nHet bestand is niet gewijzigd. {remedy}", "invalid")
        if repairable:
            raise RepairableScanError(path, refused.message, repairs)
        raise refused
    for fix in fixes:
        fix()
    return repairs


def _plain_number(value: float) -> str:
    text = f"{value:.6g}" if abs(value) < 1e15 else f"{value:.3g}"
    return text.replace(".", ",")


def key_figure_problems(assessment: Assessment, checklists: ChecklistSet) -> list[str]:
    """Key figure values that break their key figure's rule (``KeyFigure.out_of_range``), in Dutch."""
    return [problem for _, problem, _ in _key_figure_problems(assessment, checklists)]


def _key_figure_problems(assessment: Assessment, checklists: ChecklistSet) -> list[tuple[str, str, str]]:
    """(figure id, the Dutch problem line, the reason) per key figure value that breaks its rule."""
    problems = []
    for figure_id, entered in sorted(assessment.key_figures.items()):
        figure = checklists.key_figures.get(figure_id)
        if figure is None or entered.value is None:
            continue
        problem = figure.out_of_range(entered.value)
        if problem is None:
            continue
        kind, limit = problem
        found = f"{_plain_number(entered.value)} ({figure.unit})"
        if kind == "geen getal":
            reason = "is geen getal"
        elif kind == "minimum":
            reason = f"ligt onder het minimum {_plain_number(limit)}"
        else:
            reason = f"ligt boven het maximum {_plain_number(limit)}"
        problems.append((figure_id, f"- kengetal '{figure.label}' ({figure_id}): de waarde {found} {reason}", reason))
    return problems


def _from_document(document: Any, path: Path, cache: ScanCache | None = None, key: str = "") -> LoadedScan:
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise (
            _fail(
                path,
                "het bestand is JSON, maar geen Dienstscan-bestand (de kenmerking "
                "\"format\": \"dienstscan\" ontbreekt). Het bestand is niet gewijzigd.",
                "foreign",
            )
        )
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < OLDEST_FORMAT_VERSION:
        raise (
            _fail(path, f"de formaatversie ({version!r}) ontbreekt of is ongeldig.", "invalid")
        )
    app_version = str(document.get("app_version", ""))
    if version > CURRENT_FORMAT_VERSION:
        install = f"Dienstscan {app_version} of nieuwer" if app_version else "de nieuwste Dienstscan"
        raise (
            ScanFileError(
                path,
                f"'{path}' is gemaakt met een nieuwere versie van Dienstscan (formaat {version}); "
                f"deze versie kan formaat {CURRENT_FORMAT_VERSION} lezen. Het bestand is niet gewijzigd. "
                f"Installeer {install} om het te openen.",
                "newer",
            )
        )
    scan = document.get("scan")
    if not isinstance(scan, dict):
        raise (
            _fail(path, "het onderdeel 'scan' ontbreekt of is geen JSON-object.", "invalid")
        )
    migrated = version < CURRENT_FORMAT_VERSION
    if migrated:  # upgraded first, so a cached scan is checked against the file's content as well
        scan = _upgraded(scan, version, path)
    assessment = cached_assessment(cache, key, scan) if cache is not None else None
    if assessment is None:
        assessment = _validate(scan, CURRENT_FORMAT_VERSION, path)
        if cache is not None:
            remember_assessment(cache, key, assessment)
    extra = {k: v for k, v in document.items() if k not in _STANDARD_KEYS}
    assessment._unknown_envelope = {k: v for k, v in extra.items() if k not in _OWN_EXTRA_KEYS}
    return LoadedScan(
        assessment=assessment,
        path=path,
        format_version=version,
        app_version=app_version,
        saved_at=str(document.get("saved_at", "")),
        migrated=migrated,
        extra=extra,
    )


def _upgraded(scan: dict[str, Any], version: int, path: Path) -> dict[str, Any]:
    """The scan part of a document of the older format ``version`` in the current format."""
    try:
        return upgrade(scan, version)
    except MigrationError as exc:
        raise (
            _fail(path, f"het bestand heeft het oudere formaat {version} en kan niet worden bijgewerkt: {exc}.", "invalid")
        )


def _validate(scan: dict[str, Any], version: int, path: Path) -> Assessment:
    """The scan part of a document of format ``version``, upgraded and validated."""
    if version < CURRENT_FORMAT_VERSION:
        scan = _upgraded(scan, version, path)
    try:
        return Assessment.model_validate(scan)
    except ValidationError as exc:
        raise (
            _fail(path, "de scan bevat ongeldige gegevens:\n" + describe_validation_error(exc)
                  + f"\nHet bestand is niet gewijzigd. {WHAT_TO_DO}", "invalid")
        )


def read_file_bytes(path: Path, limit: int = MAX_SCAN_BYTES) -> bytes:
    """The bytes of ``path``, or ``ScanFileError`` (not_found / unreadable / too_large) in Dutch.

    Only a regular file of at most ``limit`` bytes is read (``storage.limited``): a pipe, a device
    or a huge file is refused at once, before anything is read."""
    try:
        return read_limited(Path(path), limit)
    except NotARegularFile as exc:
        raise _fail(path, f"dit is {exc.kind}, geen bestand. Kies een Dienstscan-bestand (.dienstscan).",
                    "unreadable") from exc
    except FileTooLarge as exc:
        raise _fail(path, f"het bestand is te groot ({megabytes(exc.size)}; een scan is hooguit "
                    f"{megabytes(exc.limit)}). Het is geen Dienstscan-bestand, of het is beschadigd. "
                    "Het bestand is niet gewijzigd.", "too_large") from exc
    except FileNotFoundError as exc:
        raise _fail(path, "het bestand bestaat niet (meer). Is het verplaatst of hernoemd?", "not_found") from exc
    except IsADirectoryError as exc:
        raise _fail(path, "dit is een map, geen bestand.", "unreadable") from exc
    except PermissionError as exc:
        raise _fail(
            path,
            "u heeft geen toestemming om het te lezen, of een ander programma houdt het vast.",
            "unreadable",
        ) from exc
    except OSError as exc:
        raise _fail(path, f"het kan niet worden gelezen ({describe_os_error(exc)}).", "unreadable") from exc


#: Told the bytes of every scan file read or saved (``recovery.note_base``): what a recovery copy
#: of that file is based on.
_base_observer: Callable[[Path, bytes], None] | None = None


def set_base_observer(observer: Callable[[Path, bytes], None] | None) -> None:
    global _base_observer
    _base_observer = observer


def _observed(path: Path, data: bytes) -> None:
    if _base_observer is not None:
        _base_observer(path, data)


def read_scan(path: Path, checklists: ChecklistSet | None = None, *, repair: bool = False,
              cache: ScanCache | None = None, note: bool = True) -> LoadedScan:
    """Load a scan with what its envelope says (format version, whether it was upgraded).

    With ``checklists``, key figure values outside their unit's range are refused too. With
    ``repair``, what ``RepairableScanError`` would refuse is set right in memory instead
    (``LoadedScan.repairs``); the file is not changed. With ``cache``, the validated scan is
    taken from the cache when the file is byte for byte the one stored there (``scan_cache``).
    ``note``: remember these bytes as the base of this program's recovery copies of ``path``."""
    path = Path(path)
    data = read_file_bytes(path)
    loaded = decode_scan(data, path, checklists, repair=repair, cache=cache)
    if note:  # not for reading recovery copies themselves
        _observed(path, data)
    return loaded


def load_scan(path: Path, checklists: ChecklistSet | None = None) -> Assessment:
    """Load the scan at ``path``; older formats are upgraded in memory, the file is not changed.

    Raises ``ScanFileError`` with a Dutch message naming the file and what is wrong. With
    ``checklists``, key figure values outside their unit's range are refused too.
    """
    return read_scan(path, checklists).assessment
