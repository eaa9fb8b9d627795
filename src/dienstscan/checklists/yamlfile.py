"""Read one YAML file into plain Python data plus the line number of every key and list item.

ruamel.yaml composes the file into nodes that carry their position; we build plain dicts, lists
and scalars from those nodes ourselves (one pass, no round-trip objects) and remember, for every
path such as ``("framework", "sections", 2, "items", 4, "scale")``, the line it is on. That lets
the loader point at the exact line of any validation error. Building from nodes also lets us:

- report every duplicate key in a mapping, with both lines (the stock loader stops at the first);
- keep the literal text of a scalar, so an unquoted id can be shown as the user wrote it
  (``5.10``), not as YAML read it (``5.1``);
- follow YAML 1.2 (``no`` is text, not false) and keep dates as the text written (``2011-07-05``).

A hostile or broken file cannot hang or crash the loader: files above ``MAX_FILE_BYTES``, nesting
deeper than ``MAX_DEPTH``, aliases that expand to far more than the file holds ("billion laughs")
and numbers of absurd length each stop with a Dutch problem naming file and line, within a second.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import ChecklistProblem

Path_ = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_BOM = b"\xef\xbb\xbf"

#: The shipped checklists are at most some tens of kilobytes; a file this large is no checklist.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Checklists nest some eight levels; far deeper is a broken or hostile file (and would exhaust
#: Python's recursion limit in the YAML parser).
MAX_DEPTH = 64
#: Aliases may repeat parts of the file, but building more than this many values (and more than
#: ``_EXPANSION_FACTOR`` times the values written) is an alias bomb.
MAX_BUILT_VALUES = 20_000
_EXPANSION_FACTOR = 10
#: A number longer than this is no number a checklist needs (Python refuses 4300+ digits in English).
MAX_NUMBER_CHARS = 60


class _TooMuch(Exception):
    """Building stops: the file expands beyond the limits. ``line`` is where it was noticed."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class YamlDocument:
    """The plain data of one file, with where each part of it is."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    #: The text as written of every scalar YAML did not read as text (numbers, true/false, null).
    literals: dict[Path_, str] = field(default_factory=dict)

    def line_of(self, loc: Path_) -> int | None:
        """The line of ``loc``, or of the nearest enclosing key or list item that has one."""
        for end in range(len(loc), 0, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None


class _Builder:
    def __init__(self, doc: YamlDocument, problems: list[ChecklistProblem]) -> None:
        self.doc = doc
        self.problems = problems
        self._active: set[int] = set()
        self._distinct: set[int] = set()
        self._built = 0

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(ChecklistProblem(self.doc.path, node.start_mark.line + 1, message))

    def build(self, node: Node, path: Path_) -> Any:
        if id(node) in self._active:  # an alias that points into its own anchor
            self.problem(node, "een verwijzing (alias) verwijst naar zichzelf")
            return None
        self._built += 1
        self._distinct.add(id(node))
        if self._built > MAX_BUILT_VALUES and self._built > _EXPANSION_FACTOR * len(self._distinct):
            raise _TooMuch(node.start_mark.line + 1,
                           "de verwijzingen (aliassen, *naam) naar dit deel vouwen uit tot veel meer gegevens dan "
                           f"het bestand bevat (meer dan {MAX_BUILT_VALUES} waarden); gebruik minder of geen "
                           "aliassen")
        if len(self._active) >= MAX_DEPTH:
            raise _TooMuch(node.start_mark.line + 1, f"het bestand is te diep genest (meer dan {MAX_DEPTH} niveaus)")
        self._active.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
            if isinstance(node, SequenceNode):
                out = []
                for index, child in enumerate(node.value):
                    self.doc.lines.setdefault((*path, index), child.start_mark.line + 1)
                    out.append(self.build(child, (*path, index)))
                return out
            return self._scalar(node, path)
        finally:
            self._active.discard(id(node))

    def _mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        merged: list[Node] = []
        for key_node, value_node in node.value:
            if str(key_node.tag) == _TAG + "merge":
                merged.append(value_node)
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, "een sleutel moet een eenvoudige tekst zijn, geen lijst of mapping")
                continue
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in first_line:
                earlier = "dezelfde regel" if first_line[key] == line else f"regel {first_line[key]}"
                self.problem(key_node, f"sleutel '{key}' staat twee keer in dezelfde mapping (eerder op {earlier})")
                continue
            first_line[key] = line
            self.doc.lines[(*path, key)] = line
            out[key] = self.build(value_node, (*path, key))
        # ``<<: *anchor`` copies keys the mapping does not set itself (YAML merge keys).
        for source in merged:
            sources = source.value if isinstance(source, SequenceNode) else [source]
            for src in sources:
                if not isinstance(src, MappingNode):
                    self.problem(src, "'<<' moet naar een mapping verwijzen")
                    continue
                for key, value in self._mapping(src, path).items():
                    out.setdefault(key, value)
        return out

    def _scalar(self, node: Node, path: Path_) -> Any:
        tag = str(node.tag)
        text = node.value
        if getattr(node, "style", None) == ">":
            # ruamel.yaml's composer keeps the fold positions of a folded block (">-") as BEL
            # characters in the node's text; its own constructor removes them, so must we.
            text = text.replace("\a", "")
        if not tag.startswith(_TAG) or tag in (_TAG + "str", _TAG + "timestamp", _TAG + "binary"):
            # Dates stay the text written: the model wants "2011-07-05", not a date object.
            return text
        value: Any = text
        kind = tag[len(_TAG):]
        if kind in ("int", "float") and len(text) > MAX_NUMBER_CHARS:
            self.problem(node, f"een getal van {len(text)} tekens is te lang (hoogstens {MAX_NUMBER_CHARS}); "
                               "is hier iets misgegaan bij het plakken?")
            return text[:MAX_NUMBER_CHARS]
        if kind == "null":
            value = None
        elif kind == "bool":
            value = text.lower() in ("true", "yes", "on", "y")
        elif kind == "int":
            value = _to_int(text)
        elif kind == "float":
            value = _to_float(text)
        if not isinstance(value, str):
            self.doc.literals[path] = text
        return value


def _to_int(text: str) -> int | str:
    digits = text.replace("_", "")
    for base in (10, 0):
        try:
            return int(digits, base)
        except ValueError:
            continue
    return text


def _to_float(text: str) -> float | str:
    lowered = text.replace("_", "").lower()
    if lowered.lstrip("+-") in (".inf",):
        return -math.inf if lowered.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    try:
        return float(lowered)
    except ValueError:
        return text


_YAML_PROBLEMS: list[tuple[str, str]] = [
    ("mapping values are not allowed", "hier mag geen 'sleutel: waarde' staan; staat er een dubbele punt in een "
     "tekst zonder aanhalingstekens, of klopt de inspringing niet?"),
    ("cannot start any token", "een teken dat hier niet mag (een tab? gebruik spaties om in te springen)"),
    ("expected <block end>", "de inspringing klopt niet"),
    ("could not find expected ':'", "een dubbele punt na een sleutel ontbreekt, of een tekst loopt door op de "
     "volgende regel zonder aanhalingstekens"),
    ("found unexpected end of stream", "het bestand houdt onverwacht op; is een aanhalingsteken of haakje niet "
     "gesloten?"),
    ("while scanning a quoted scalar", "een aanhalingsteken is niet gesloten"),
    ("expected ',' or ']'", "een lijst tussen [ ] is niet goed gesloten"),
    ("expected ',' or '}'", "een mapping tussen { } is niet goed gesloten"),
    ("undefined alias", "een verwijzing (*alias) naar een anker dat niet bestaat"),
    ("another document", "het bestand bevat meer dan één YAML-document ('---'); gebruik één document per bestand"),
    ("expected <block end>, but found '-'", "een lijstelement ('-') staat op een plek waar het niet hoort"),
    ("did not find expected '-' indicator", "een lijstelement ('-') ontbreekt of de inspringing klopt niet"),
    ("did not find expected key", "een sleutel ontbreekt of de inspringing klopt niet"),
    ("found character", "een teken dat hier niet mag"),
]


def _too_deep_line(text: str) -> int | None:
    """The first line where brackets or indentation nest deeper than ``MAX_DEPTH``; None if none does.

    A cheap scan before parsing: ruamel.yaml's composer is recursive and would hit Python's recursion
    limit (RecursionError, no line) on a file nested a few hundred levels deep.
    """
    flow = 0
    indents: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        if flow == 0:
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            dashes = 0  # "- - - x": each dash opens a sequence on the same line
            while stripped.startswith("- ") or stripped == "-":
                dashes += 1
                stripped = stripped[2:].lstrip(" ")
            if len(indents) + dashes > MAX_DEPTH:
                return number
        quote = ""
        for char in line:
            if quote:
                if char == quote:
                    quote = ""
            elif char in "\"'":
                quote = char
            elif char == "#":
                break
            elif char in "[{":
                flow += 1
                if flow + len(indents) > MAX_DEPTH:
                    return number
            elif char in "]}":
                flow = max(flow - 1, 0)
    return None


def _dutch_yaml_problem(problem: str) -> str:
    for needle, dutch in sorted(_YAML_PROBLEMS, key=lambda pair: -len(pair[0])):
        if needle in problem:
            return f"ongeldige YAML: {dutch}"
    return f"ongeldige YAML ({problem})"


def read_yaml_file(path: Path, loader: YAML | None = None) -> tuple[YamlDocument | None, list[ChecklistProblem]]:
    """Read and parse ``path``. Returns the document (None if it could not be read) and the problems.

    Problems do not raise: a duplicate key is reported and the rest of the file is still read.
    """
    problems: list[ChecklistProblem] = []
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [ChecklistProblem(
                path, None, f"het bestand is te groot voor een checklist ({size / 1024 / 1024:.1f} MB; hoogstens "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB)".replace(".", ",", 1))]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [ChecklistProblem(path, None, f"het bestand kan niet worden gelezen ({os_reason(exc)})")]
    if raw.startswith(_BOM):  # Windows editors write one; harmless
        raw = raw[len(_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start]
        return None, [
            ChecklistProblem(
                path,
                line,
                f"het bestand is geen UTF-8 (byte 0x{byte:02X} is ongeldig); sla het op met codering UTF-8",
            )
        ]
    if not text.strip():
        return None, [ChecklistProblem(path, None, "het bestand is leeg")]

    deep = _too_deep_line(text)
    if deep is not None:
        return None, [ChecklistProblem(path, deep, f"het bestand is te diep genest (meer dan {MAX_DEPTH} niveaus)")]
    yaml = loader or YAML(typ="rt")
    try:
        root = yaml.compose(text)
    except RecursionError:
        return None, [ChecklistProblem(path, None, f"het bestand is te diep genest (meer dan {MAX_DEPTH} niveaus)")]
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        return None, [ChecklistProblem(path, line, _dutch_yaml_problem(exc.problem or exc.context or str(exc)))]
    except YAMLError as exc:  # e.g. ReaderError: a control character in the text
        position = getattr(exc, "position", None)
        line = text[:position].count("\n") + 1 if isinstance(position, int) else None
        character = getattr(exc, "character", None)
        if isinstance(character, int):
            message = f"ongeldig teken (U+{character:04X}) in het bestand"
        else:
            message = f"ongeldige YAML ({exc})"
        return None, [ChecklistProblem(path, line, message)]

    if root is None:
        return None, [ChecklistProblem(path, None, "het bestand is leeg (alleen commentaar)")]
    doc = YamlDocument(path=path, data=None)
    try:
        doc.data = _Builder(doc, problems).build(root, ())
    except _TooMuch as exc:
        return None, [ChecklistProblem(path, exc.line, exc.message)]
    except RecursionError:  # deeper than the scan above could see (e.g. nested flow in one scalar)
        return None, [ChecklistProblem(path, None, f"het bestand is te diep genest (meer dan {MAX_DEPTH} niveaus)")]
    return doc, problems


def os_reason(exc: OSError) -> str:
    """Why a file cannot be read, in Dutch (never the system's English text)."""
    if isinstance(exc, PermissionError):
        return "geen toestemming"
    if isinstance(exc, IsADirectoryError):
        return "dit is een map"
    if isinstance(exc, FileNotFoundError):
        return "het bestand bestaat niet"
    return f"systeemfout {exc.errno}" if exc.errno else "onbekende fout"
