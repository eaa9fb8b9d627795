"""Dutch wording for what goes wrong: operating-system errors and pydantic validation errors.

Validation errors name the field the way a user knows it ("acties › nr. 3 › einddatum"), not as
a Python path, and say in Dutch what the value should be.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..model.assessment import ACTION_FIELD_LABELS, in_sentence

#: Dutch names of the scan's fields, as a user reads them.
FIELD_LABELS: dict[str, str] = {
    "organisation": "organisatie",
    "name": "naam",
    "kind": "soort organisatie",
    "inhabitants": "inwoners",
    "peildatum": "peildatum",
    "participants": "deelnemers",
    "role": "rol",
    "frameworks": "kaders",
    "checklist_versions": "versies van de vragenlijsten",
    "out_of_scope": "buiten scope",
    "justification": "onderbouwing",
    "answers": "antwoorden",
    "option": "gekozen antwoord",
    "explanation": "uitleg",
    "notes": "notities",
    "evidence": "basis van het antwoord",
    "basis": "soort basis",
    "reference": "verwijzing",
    "date": "datum",
    "barriers": "belemmeringen",
    "causes": "oorzaken",
    "solutions": "oplossingen",
    "poll": "draagvlakpeiling",
    "ja": "aantal ja",
    "twijfel": "aantal twijfel",
    "nee": "aantal nee",
    "individual": "individuele antwoorden",
    "from_previous_cycle": "overgenomen uit vorige cyclus",
    "answered_at": "beantwoord op",
    "key_figures": "kengetallen",
    "value": "waarde",
    "note": "toelichting",
    "actions": "acties",
    "previous_scan_id": "vorige scan",
    "created": "aangemaakt",
    "modified": "gewijzigd",
    "scan": "scan",
    # an action's fields (only actions have these names) are named as the plan page names them
    **{name: in_sentence(label) for name, label in ACTION_FIELD_LABELS.items()},
}

#: Fields whose next path element is a key chosen by the user or the checklist (quoted as is).
_KEYED_FIELDS = {"answers", "key_figures", "out_of_scope", "checklist_versions"}

_MAX_ERRORS_SHOWN = 5


def field_path(loc: tuple[Any, ...]) -> str:
    """A Dutch, readable path for a pydantic error location."""
    parts: list[str] = []
    previous: Any = None
    for element in loc:
        if isinstance(element, int):
            parts.append(f"nr. {element + 1}")
        elif previous in _KEYED_FIELDS:
            parts.append(f"'{element}'")
        else:
            parts.append(FIELD_LABELS.get(str(element), str(element)))
        previous = element
    return " › ".join(parts) if parts else "de scan als geheel"


def _short_number(value: Any) -> str:
    """A bound as a person reads it: 1000000000000 rather than 1e+12."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def problem_text(error: dict[str, Any]) -> str:
    """What is wrong with one pydantic error's value, in Dutch (without where it is)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "ontbreekt"
    if kind == "extra_forbidden":
        return "is een onbekend veld"
    found = f" (gevonden: {_short(error.get('input'))})"
    if kind == "string_type":
        return "moet tekst zijn" + found
    if kind == "string_too_short":
        return "mag niet leeg zijn"
    if kind == "string_too_long":
        return f"is te lang (hoogstens {ctx.get('max_length')} tekens)"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "moet een geheel getal zijn" + found
    if kind == "finite_number":
        return ("moet een eindig getal zijn, niet oneindig of NaN" + found
                + "; vervang het door een getal, of door null als de waarde onbekend is")
    if kind == "string_unicode":
        where = _lone_surrogate(error.get("input"))
        return (f"bevat een ongeldig teken{where} (een losse helft van een UTF-16-tekenpaar, vaak een "
                "afgebroken emoji uit een plakactie); haal het weg met een teksteditor (in de JSON staat "
                "het als \\ud800 tot \\udfff)")
    if kind in ("float_type", "float_parsing"):
        return "moet een getal zijn" + found
    if kind in ("greater_than_equal", "greater_than"):
        return f"mag niet kleiner zijn dan {_short_number(ctx.get('ge', ctx.get('gt')))}" + found
    if kind in ("less_than_equal", "less_than"):
        return f"mag niet groter zijn dan {_short_number(ctx.get('le', ctx.get('lt')))}" + found
    if kind.startswith("dienstscan_"):  # our own validators word their message in Dutch already
        return str(error.get("msg", "heeft een ongeldige waarde")) + found
    if kind in ("bool_type", "bool_parsing"):
        return "moet true of false zijn" + found
    if kind.startswith("date_"):
        return "moet een datum zijn in de vorm JJJJ-MM-DD" + found
    if kind.startswith("datetime_"):
        return "moet een datum met tijd zijn in de vorm JJJJ-MM-DDTUU:MM:SS" + found
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", " of ")
        return f"moet een van deze waarden zijn: {expected}" + found
    if kind == "dict_type":
        return "moet een JSON-object zijn (namen met waarden)" + found
    if kind in ("list_type", "tuple_type", "set_type"):
        return "moet een lijst zijn" + found
    if kind in ("model_type", "model_attributes_type"):
        return "moet een JSON-object zijn" + found
    return "heeft een ongeldige waarde" + found


def _lone_surrogate(value: Any) -> str:
    """Where the first lone surrogate in ``value`` stands, as ' (teken nr. N, U+D83D)'."""
    if not isinstance(value, str):
        return ""
    for index, char in enumerate(value):
        if 0xD800 <= ord(char) <= 0xDFFF:
            return f" (teken nr. {index + 1}, U+{ord(char):04X})"
    return ""


#: What the user can do about a scan refused for its content, after the list of problems.
WHAT_TO_DO = ("Wat u kunt doen: open het bestand met een teksteditor (bewaar eerst een kopie) en verbeter de "
              "genoemde plaatsen, of open de reservekopie '.bak' naast het bestand als die er is.")


def describe_validation_error(exc: ValidationError, prefix: tuple[Any, ...] = ()) -> str:
    """The errors of a failed validation as Dutch lines, at most a handful."""
    errors = exc.errors(include_url=False)
    lines = [f"- {field_path(prefix + tuple(e['loc']))}: {problem_text(e)}" for e in errors[:_MAX_ERRORS_SHOWN]]
    if len(errors) > _MAX_ERRORS_SHOWN:
        lines.append(f"- en nog {len(errors) - _MAX_ERRORS_SHOWN} fouten")
    return "\n".join(lines)


def is_disk_full(exc: OSError) -> bool:
    """ENOSPC or EDQUOT, or Windows' "disk full" (39) and "not enough space" (112)."""
    return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)) or getattr(exc, "winerror", None) in (39, 112)


def describe_os_error(exc: OSError) -> str:
    """What an operating-system error means, in Dutch, without the English strerror.

    The one place where error numbers become words: reading and writing, scans and every other
    file the program makes (``save_failed_message``).
    """
    if exc.errno == getattr(errno, "EDQUOT", None):
        return "de schijf is vol (uw quotum is op)"
    if is_disk_full(exc):
        return "de schijf is vol"
    if isinstance(exc, FileNotFoundError):
        return "de map of het bestand bestaat niet"
    if isinstance(exc, IsADirectoryError):
        return "dit is een map, geen bestand"
    if exc.errno == errno.EROFS:
        return "de map is alleen-lezen"
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return "geen toestemming (u heeft geen rechten, of een ander programma houdt het bestand vast)"
    if exc.errno == errno.ENAMETOOLONG:
        return "de bestandsnaam of het pad is te lang"
    if exc.errno == errno.EFBIG:
        return "het bestand is te groot voor deze schijf"
    if exc.errno == errno.EIO:
        return "een lees- of schrijffout van de schijf of het netwerk"
    # Reading: what a path on a network drive, a USB stick or a hand-typed name runs into.
    if exc.errno == errno.ENOTDIR:
        return "een deel van het pad is een bestand, geen map"
    if exc.errno == errno.ELOOP:
        return "het pad verwijst in een kring naar zichzelf (snelkoppelingen)"
    if exc.errno in (errno.ETIMEDOUT, errno.EHOSTDOWN, errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ESTALE):
        return "de netwerkschijf reageert niet (meer); controleer de verbinding"
    if exc.errno == errno.EBUSY:
        return "het bestand is in gebruik door een ander programma"
    if exc.errno == errno.EINVAL:
        return "de bestandsnaam is ongeldig"
    return f"systeemfout {exc.errno or ''}".strip()


#: The program a user most likely has a file of this kind open in (Windows locks it while open).
_OPENED_IN = {
    ".xlsx": "Excel", ".xlsm": "Excel", ".xls": "Excel", ".docx": "Word", ".doc": "Word",
    ".pdf": "de pdf-lezer", ".html": "de browser", ".htm": "de browser",
}


def is_held_open(exc: OSError, path: Path) -> bool:
    """Whether ``exc`` is Windows refusing to replace ``path`` because a program has it open.

    Excel, Word and Acrobat open a file without FILE_SHARE_DELETE, so ``os.replace`` onto it fails
    with PermissionError (winerror 5 or 32) naming the target as its second file; a read-only
    folder fails earlier, creating the temporary file, with only one file name.
    """
    target = getattr(exc, "filename2", None)
    return isinstance(exc, PermissionError) and target is not None and Path(target) == Path(path)


def held_open_advice(path: Path) -> str:
    """"Sluit 'plan.xlsx' in Excel en probeer opnieuw."."""
    program = _OPENED_IN.get(Path(path).suffix.lower(), "het programma dat het geopend heeft")
    return f"Sluit '{Path(path).name}' in {program} en probeer opnieuw."


def save_failed_message(path: Path, exc: OSError, *, existed: bool, what: str | None = None) -> str:
    """The Dutch sentence for a save that failed: the file, why, and that nothing was lost.

    ``what`` names the kind of file ("de scan") when the sentence reads better with it.
    """
    kept = "Het bestaande bestand is niet gewijzigd." if existed else "Er is niets opgeslagen."
    subject = f"{what} niet opslaan als '{path}'" if what else f"'{path}' niet opslaan"
    if is_held_open(exc, path):
        return f"Kan {subject}: het bestand is geopend in een ander programma. {held_open_advice(path)} {kept}"
    return f"Kan {subject}: {describe_os_error(exc)}. {kept}"


def failure_message(what: str, exc: BaseException, log_file: Path | None = None) -> str:
    """A Dutch sentence for a failure the user cannot act on by itself: never the library's English
    text or an exception's class name (those go to the log). ``what``: "Het verbeterplan kon niet
    worden gemaakt". An ``OSError`` is said in words (``describe_os_error``)."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return f"{what}: {describe_os_error(exc)}."
    if isinstance(exc, MemoryError):
        return f"{what}: er is niet genoeg geheugen vrij. Sluit andere programma's en probeer het opnieuw."
    where = f" De technische details staan in het logbestand '{log_file}'." if log_file else ""
    return (f"{what} door een onverwachte fout in Dienstscan.{where} Probeer het opnieuw; gebeurt het weer, "
            "stuur dan dat logbestand naar de beheerder van Dienstscan.")
