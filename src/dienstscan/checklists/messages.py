"""Dutch messages for pydantic validation errors, pointed at the line of the YAML node.

pydantic reports where an error is as a ``loc`` tuple (``("framework", "items", 3, "theme")``);
``YamlDocument.line_of`` turns that into a line. Here we turn the error type into a sentence a
content editor understands, with a hint where one helps (a near key name, quoting an id).
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from ..model.checklist import ChecklistFile
from .problems import ChecklistProblem
from .yamlfile import YamlDocument

#: Dutch key names people are likely to type, and the English key the model uses.
_DUTCH_KEYS = {
    "titel": "title",
    "korte_titel": "short_title",
    "tekst": "text",
    "omschrijving": "description",
    "beschrijving": "description",
    "toelichting": "explanation",
    "bron": "source",
    "herkomst": "provenance",
    "status": "legal_status",
    "wettelijke_status": "legal_status",
    "thema": "theme",
    "schaal": "scale",
    "actie": "suggested_action",
    "voorgestelde_actie": "suggested_action",
    "kengetallen": "key_figures",
    "secties": "sections",
    "onderdelen": "sections",
    "opties": "options",
    "antwoorden": "options",
    "gewicht": "weight",
    "niveau": "level",
    "uitleg": "requires_explanation",
    "eenheid": "unit",
    "waarde": "value",
    "datum": "date",
    "naam": "label",
    "recht": "right",
    "plicht": "duty",
    "versie": "version",
    "thema's": "themes",
    "schalen": "scales",
    "kader": "framework",
    "norm": "text",
    "soort": "kind",
    "richting": "direction",
    "doeljaar": "goal_year",
    "kanttekening": "caveat",
    "inwoners": "inhabitants",
}

#: Required fields whose absence needs more than "ontbreekt": what to choose (issue 15).
_MISSING_HINTS = {
    ("Benchmark", "kind"): (
        "de soort benchmark bepaalt hoe een zin erover spreekt; kies 'norm' (een grens die geldt: "
        "alleen die is gehaald of niet), 'referentie' (een niveau dat anderen haalden), 'belofte' "
        "(de eigen belofte van één organisatie) of 'doel' (een doel voor een jaar, met 'goal_year')"
    ),
    ("KeyFigure", "direction"): (
        "de richting bepaalt of een zin 'beter' of 'slechter' mag zeggen; kies 'higher_is_better', "
        "'lower_is_better' of 'neither' (geen oordeel, bijvoorbeeld bij kanaalgebruik)"
    ),
}


def _describe_value(value: Any, literal: str | None) -> str:
    shown = literal if literal is not None else repr(value)
    if len(shown) > 60:  # a pasted page or a 100,000-digit number: show its start
        shown = shown[:57] + "..."
    if isinstance(value, bool):
        return f"{shown} (YAML leest dat als ja/nee-waarde)"
    if isinstance(value, (int, float)):
        return f"{shown} (YAML leest dat als getal)"
    if value is None:
        return "leeg"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een mapping"
    text = str(value)
    return f"'{text[:57]}...'" if len(text) > 60 else f"'{text}'"


def _unwrap(annotation: Any) -> Any:
    """The model or list type inside Optional/Annotated wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class whose fields apply at ``loc`` (e.g. ``Item`` for a framework item)."""
    current: Any = ChecklistFile
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            if typing.get_origin(current) is not list:
                return None
            current = typing.get_args(current)[0]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                return None
            current = info.annotation
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unknown_key(key: str, loc: tuple[str | int, ...]) -> str:
    model = model_at(loc[:-1])
    message = f"onbekende sleutel '{key}'"
    if model is None:
        return message
    allowed = list(model.model_fields)
    guess = _DUTCH_KEYS.get(key.lower())
    if guess not in allowed:
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        guess = close[0] if close else None
    if guess:
        return f"{message} (bedoelt u '{guess}'?)"
    return f"{message}; toegestaan: {', '.join(allowed)}"


def _field(loc: tuple[str | int, ...]) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "waarde"


def _dutch_or(expected: str) -> str:
    return expected.replace(" or ", " of ")


def dutch_message(error: ErrorDetails, doc: YamlDocument) -> str:
    """One pydantic error as a Dutch sentence (without file and line)."""
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    literal = doc.literals.get(loc)
    name = _field(loc)
    element = f"een element van '{name}'" if loc and isinstance(loc[-1], int) else f"'{name}'"

    if kind == "extra_forbidden":
        return _unknown_key(str(loc[-1]), loc)
    if kind == "missing":
        model = model_at(loc[:-1])
        hint = _MISSING_HINTS.get((model.__name__ if model else "", name))
        return f"verplicht veld '{name}' ontbreekt: {hint}" if hint else f"verplicht veld '{name}' ontbreekt"
    if kind == "string_type":
        if value is None:
            return f"{element} is leeg; vul een tekst in"
        if isinstance(value, (bool, int, float)):
            what = "id" if name in ("id", "metric", "theme", "scale", "key_figures") else "waarde"
            shown = literal if literal is not None else str(value)
            return (
                f"{what} {shown} moet tussen aanhalingstekens staan (\"{shown}\"): zonder aanhalingstekens "
                f"leest YAML het als {'ja/nee-waarde' if isinstance(value, bool) else 'getal'} "
                f"{value!r}"
            )
        return f"{element} moet een tekst zijn, maar is {_describe_value(value, literal)}"
    if kind == "string_too_short":
        return f"{element} mag niet leeg zijn"
    if kind == "string_too_long":
        return f"{element} is te lang (hoogstens {ctx.get('max_length')} tekens)"
    if kind == "string_pattern_mismatch":
        if name == "date":
            return f"'{value}' is geen geldige datum; schrijf JJJJ, JJJJ-MM of JJJJ-MM-DD"
        return (
            f"'{value}' is geen geldige id; gebruik letters, cijfers, '.', '_' en '-' "
            "(zonder spaties, beginnend met een letter of cijfer)"
        )
    if kind == "finite_number":
        return f"{_describe_value(value, literal)} bij '{name}' is geen eindig getal (geen .inf of .nan)"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        whole = kind.startswith("int")
        noun = "geheel getal" if whole else "getal"
        if value is None:
            return f"{element} is leeg; vul een {noun} in"
        return f"{_describe_value(value, literal)} bij '{name}' is geen {noun}"
    if kind in ("bool_parsing", "bool_type"):
        return f"{_describe_value(value, literal)} bij '{name}' is geen ja/nee-waarde; schrijf true of false"
    if kind == "literal_error":
        return f"{_describe_value(value, literal)} is geen toegestane waarde voor '{name}'; kies uit {_dutch_or(str(ctx.get('expected', '')))}"
    if kind == "greater_than_equal":
        return f"'{name}' moet minstens {ctx.get('ge')} zijn, niet {value}"
    if kind == "less_than_equal":
        return f"'{name}' mag hoogstens {ctx.get('le')} zijn, niet {value}"
    if kind == "too_short":
        return f"'{name}' mag niet leeg zijn (minstens {ctx.get('min_length')} nodig)"
    if kind == "list_type":
        return f"'{name}' moet een lijst zijn (regels die met '- ' beginnen), maar is {_describe_value(value, literal)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{element} moet een mapping zijn (regels 'sleutel: waarde'), maar is {_describe_value(value, literal)}"
    if kind in ("value_error", "assertion_error"):
        reason = ctx.get("error")
        text = str(reason) if reason is not None else error["msg"]
        return f"{element}: {text}" if loc else text
    if kind in ("greater_than", "less_than"):
        side = "groter" if kind == "greater_than" else "kleiner"
        return f"'{name}' moet {side} zijn dan {ctx.get('gt', ctx.get('lt'))}, niet {value}"
    if kind == "too_long":
        return f"'{name}' is te lang (hoogstens {ctx.get('max_length')} elementen)"
    # Never pydantic's English: name the place and the value.
    where = ".".join(str(p) for p in loc) or "bestand"
    return f"ongeldige waarde bij '{where}': {_describe_value(value, literal)}"


def validation_problems(errors: list[ErrorDetails], doc: YamlDocument) -> list[ChecklistProblem]:
    """Every pydantic error of one file as a problem with its line."""
    return [ChecklistProblem(doc.path, doc.line_of(tuple(e["loc"])), dutch_message(e, doc)) for e in errors]
