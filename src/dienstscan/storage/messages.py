"""Dutch wording for what goes wrong: operating-system errors and pydantic validation errors.

Validation errors name the field the way a user knows it ("acties › nr. 3 › einddatum"), not as
a Python path, and say in Dutch what the value should be.
"""

from __future__ import annotations

import errno
from typing import Any

from pydantic import ValidationError

from ..model.assessment import ACTION_FIELD_LABELS, in_sentence
from .atomic import is_disk_full

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


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _problem(error: dict[str, Any]) -> str:
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
    if kind in ("float_type", "float_parsing", "finite_number"):
        return "moet een getal zijn" + found
    if kind in ("greater_than_equal", "greater_than"):
        return f"mag niet kleiner zijn dan {ctx.get('ge', ctx.get('gt'))}" + found
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


def describe_validation_error(exc: ValidationError, prefix: tuple[Any, ...] = ()) -> str:
    """The errors of a failed validation as Dutch lines, at most a handful."""
    errors = exc.errors(include_url=False)
    lines = [f"- {field_path(prefix + tuple(e['loc']))}: {_problem(e)}" for e in errors[:_MAX_ERRORS_SHOWN]]
    if len(errors) > _MAX_ERRORS_SHOWN:
        lines.append(f"- en nog {len(errors) - _MAX_ERRORS_SHOWN} fouten")
    return "\n".join(lines)


def describe_os_error(exc: OSError) -> str:
    """What an operating-system error means, in Dutch, without the English strerror."""
    if is_disk_full(exc):
        return "de schijf is vol"
    if isinstance(exc, FileNotFoundError):
        return "de map of het bestand bestaat niet"
    if isinstance(exc, IsADirectoryError):
        return "dit is een map, geen bestand"
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return "geen toestemming (u heeft geen rechten, of een ander programma houdt het bestand vast)"
    if exc.errno == errno.EROFS:
        return "de schijf is alleen-lezen"
    if exc.errno == errno.ENAMETOOLONG:
        return "de bestandsnaam of het pad is te lang"
    if exc.errno == errno.EIO:
        return "een lees- of schrijffout van de schijf of het netwerk"
    return f"systeemfout {exc.errno or ''}".strip()
