"""Reading and writing ``.dienstscan`` files: a UTF-8 JSON envelope around the scan.

The envelope::

    {"format": "dienstscan", "format_version": 2, "app_version": "0.1.0",
     "saved_at": "2024-05-01T10:00:00+02:00", "scan": {...Assessment...}}

Saving is atomic (see ``atomic``) and keeps the previous version as ``<name>.bak``. Loading
recognises every way a file can be wrong (empty, cut off, not JSON, an Excel file renamed, wrong
types, a newer format) and raises ``ScanFileError`` with a Dutch message that names the file.
Older formats are upgraded through ``migrations``; a newer one is refused and never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import __version__
from ..model.assessment import Assessment
from .atomic import atomic_write
from .errors import ScanFileError
from .messages import describe_os_error, describe_validation_error, save_failed_message
from .migrations import CURRENT_FORMAT_VERSION, OLDEST_FORMAT_VERSION, MigrationError, upgrade

FORMAT_NAME = "dienstscan"
FILE_SUFFIX = ".dienstscan"
BACKUP_SUFFIX = ".bak"

_VERSION_RE = re.compile(rb'"format_version"\s*:\s*(\d+)')


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
    #: Envelope keys other than the standard ones (the recovery copy's own metadata).
    extra: dict[str, Any] = field(default_factory=dict)


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


def save_scan(assessment: Assessment, path: Path, *, keep_backup: bool = True) -> None:
    """Save ``assessment`` to ``path`` atomically; the previous version becomes ``<name>.bak``.

    Updates ``assessment.modified``. Raises ``ScanFileError`` (code ``save_failed`` or ``newer``)
    with the existing file untouched and no temporary file left behind.
    """
    path = Path(path)
    existed = path.exists()
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


# ---------------------------------------------------------------------------------------- load


def _looks_cut_off(text: str) -> bool:
    """Whether JSON text stops inside a string or with brackets still open."""
    depth = 0
    in_string = False
    escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth < 0:
                return False
    return in_string or depth > 0


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


def decode_scan(data: bytes, path: Path) -> LoadedScan:
    """Turn file bytes into a scan, or raise ``ScanFileError`` saying what is wrong."""
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
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        stripped = text.lstrip()
        if stripped[:1] in ("{", "[") and _looks_cut_off(text):
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
    return _from_document(document, path)


def _from_document(document: Any, path: Path) -> LoadedScan:
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
    if migrated:
        try:
            scan = upgrade(scan, version)
        except MigrationError as exc:
            raise (
                _fail(path, f"het bestand heeft het oudere formaat {version} en kan niet worden bijgewerkt: {exc}.", "invalid")
            )
    try:
        assessment = Assessment.model_validate(scan)
    except ValidationError as exc:
        raise (
            _fail(path, "de scan bevat ongeldige gegevens:\n" + describe_validation_error(exc), "invalid")
        )
    standard = {"format", "format_version", "app_version", "saved_at", "scan"}
    return LoadedScan(
        assessment=assessment,
        path=path,
        format_version=version,
        app_version=app_version,
        saved_at=str(document.get("saved_at", "")),
        migrated=migrated,
        extra={k: v for k, v in document.items() if k not in standard},
    )


def read_file_bytes(path: Path) -> bytes:
    """The bytes of ``path``, or ``ScanFileError`` (not_found / unreadable) in Dutch."""
    try:
        return Path(path).read_bytes()
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


def read_scan(path: Path) -> LoadedScan:
    """Load a scan with what its envelope says (format version, whether it was upgraded)."""
    path = Path(path)
    return decode_scan(read_file_bytes(path), path)


def load_scan(path: Path) -> Assessment:
    """Load the scan at ``path``; older formats are upgraded in memory, the file is not changed.

    Raises ``ScanFileError`` with a Dutch message naming the file and what is wrong.
    """
    return read_scan(path).assessment
