"""Checks across all checklist files: unique ids and references that resolve.

The models check each file on its own; only here are all files known at once. Ids are collected
from the parsed data of every file, also one that failed validation, so a mistake in one file
does not make every reference to it look dangling, and duplicates are found everywhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .problems import ChecklistProblem, display_name
from .yamlfile import YamlDocument

#: The kinds of things that carry an id, as a person reads them.
KIND_LABELS = {
    "framework": "kader",
    "section": "sectie",
    "item": "item",
    "scale": "schaal",
    "theme": "thema",
    "benchmark": "benchmark",
    "key_figure": "kengetal",
}

#: What a benchmark's ``metric`` may point to.
METRIC_KINDS = ("framework", "section", "item", "key_figure")


@dataclass(frozen=True)
class Declaration:
    """Where an id is defined."""

    kind: str
    id: str
    doc: YamlDocument
    loc: tuple[str | int, ...]

    @property
    def line(self) -> int | None:
        return self.doc.line_of((*self.loc, "id"))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _declared(kind: str, entry: Any, doc: YamlDocument, loc: tuple[str | int, ...]) -> Iterator[Declaration]:
    if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"]:
        yield Declaration(kind, entry["id"].strip(), doc, loc)


def declarations(doc: YamlDocument) -> Iterator[Declaration]:
    """Every id the file defines, read from the plain data (best effort for a broken file)."""
    data = doc.data
    if not isinstance(data, dict):
        return
    framework = data.get("framework")
    if isinstance(framework, dict):
        yield from _declared("framework", framework, doc, ("framework",))
        for i, item in enumerate(_list(framework.get("items"))):
            yield from _declared("item", item, doc, ("framework", "items", i))
        for s, section in enumerate(_list(framework.get("sections"))):
            yield from _declared("section", section, doc, ("framework", "sections", s))
            if isinstance(section, dict):
                for i, item in enumerate(_list(section.get("items"))):
                    yield from _declared("item", item, doc, ("framework", "sections", s, "items", i))
    for block, kind in (("scales", "scale"), ("themes", "theme"), ("benchmarks", "benchmark"), ("key_figures", "key_figure")):
        for i, entry in enumerate(_list(data.get(block))):
            yield from _declared(kind, entry, doc, (block, i))


def _place(decl: Declaration, here: YamlDocument) -> str:
    line = decl.line
    if decl.doc is here:
        return f"op regel {line}" if line else "eerder in dit bestand"
    where = display_name(decl.doc.path)
    return f"in {where}, regel {line}" if line else f"in {where}"


class Checker:
    """Collects problems across files; ``known`` maps every declared id to its first declaration.

    With ``check_references=False`` dangling references are not reported (a file could not be
    parsed, so the ids it declares are unknown); duplicates and scale options still are.
    """

    def __init__(self, *, check_references: bool = True) -> None:
        self.problems: list[ChecklistProblem] = []
        self.known: dict[str, Declaration] = {}
        self.check_references = check_references
        #: item id -> where its "stand van nu" note is (one per item).
        self.noted_items: dict[str, tuple[YamlDocument, tuple[str | int, ...]]] = {}

    def declare_all(self, docs: list[YamlDocument]) -> None:
        for doc in docs:
            for decl in declarations(doc):
                first = self.known.get(decl.id)
                if first is None:
                    self.known[decl.id] = decl
                    continue
                self.problems.append(
                    ChecklistProblem(
                        doc.path,
                        decl.line,
                        f"id '{decl.id}' ({KIND_LABELS[decl.kind]}) bestaat al {_place(first, doc)} "
                        f"({KIND_LABELS[first.kind]}); elke id mag maar één keer voorkomen, in alle bestanden samen",
                    )
                )

    def _ids_of(self, kinds: tuple[str, ...]) -> list[str]:
        return [i for i, d in self.known.items() if d.kind in kinds]

    def reference(
        self,
        doc: YamlDocument,
        loc: tuple[str | int, ...],
        target: str,
        kinds: tuple[str, ...],
        noun: str,
    ) -> None:
        """``target`` (at ``loc`` in ``doc``) must be the id of something of one of ``kinds``."""
        decl = self.known.get(target)
        if not self.check_references or (decl is not None and decl.kind in kinds):
            return
        if decl is not None:
            message = f"{noun} '{target}' bestaat niet: '{target}' is een {KIND_LABELS[decl.kind]}"
        else:
            message = f"{noun} '{target}' bestaat niet"
            close = difflib.get_close_matches(target, self._ids_of(kinds), n=1, cutoff=0.6)
            if close:
                message += f" (bedoelt u '{close[0]}'?)"
        self.problems.append(ChecklistProblem(doc.path, doc.line_of(loc), message))

    def check_file(self, doc: YamlDocument) -> None:
        """References and scale options of one file, read from its plain data.

        Works on the data, not the model, so a file with a validation error elsewhere still gets
        its references checked; values of the wrong type are left to the model's messages.
        """
        data = doc.data
        if not isinstance(data, dict):
            return
        fw = data.get("framework")
        if isinstance(fw, dict):
            self._scale_ref(doc, ("framework",), fw)
            for i, item in enumerate(_list(fw.get("items"))):
                self._item(doc, ("framework", "items", i), item)
            for s, section in enumerate(_list(fw.get("sections"))):
                if not isinstance(section, dict):
                    continue
                loc = ("framework", "sections", s)
                self._scale_ref(doc, loc, section)
                self._key_figure_refs(doc, loc, section)
                for i, item in enumerate(_list(section.get("items"))):
                    self._item(doc, (*loc, "items", i), item)
        for b, benchmark in enumerate(_list(data.get("benchmarks"))):
            if isinstance(benchmark, dict) and isinstance(benchmark.get("metric"), str):
                self.reference(
                    doc,
                    ("benchmarks", b, "metric"),
                    benchmark["metric"].strip(),
                    METRIC_KINDS,
                    "kader, sectie, item of kengetal",
                )
        for s, scale in enumerate(_list(data.get("scales"))):
            if isinstance(scale, dict):
                self._scale_options(doc, s, scale)
        for n, note in enumerate(_list(data.get("current_notes"))):
            if isinstance(note, dict) and isinstance(note.get("item"), str):
                target = note["item"].strip()
                self.reference(doc, ("current_notes", n, "item"), target, ("item",), "item")
                first = self.noted_items.setdefault(target, (doc, ("current_notes", n)))
                if first[1] != ("current_notes", n) or first[0] is not doc:
                    self.problems.append(ChecklistProblem(
                        doc.path, doc.line_of(("current_notes", n, "item")),
                        f"item '{target}' heeft al een stand van nu (regel {first[0].line_of(first[1])} van "
                        f"{first[0].path.name}); geef per item één stand",
                    ))

    def _scale_ref(self, doc: YamlDocument, loc: tuple[str | int, ...], entry: dict) -> None:
        if isinstance(entry.get("scale"), str):
            self.reference(doc, (*loc, "scale"), entry["scale"].strip(), ("scale",), "schaal")

    def _key_figure_refs(self, doc: YamlDocument, loc: tuple[str | int, ...], entry: dict) -> None:
        for k, figure in enumerate(_list(entry.get("key_figures"))):
            if isinstance(figure, str):
                self.reference(doc, (*loc, "key_figures", k), figure.strip(), ("key_figure",), "kengetal")

    def _item(self, doc: YamlDocument, loc: tuple[str | int, ...], item: Any) -> None:
        if not isinstance(item, dict):
            return
        if isinstance(item.get("theme"), str):
            self.reference(doc, (*loc, "theme"), item["theme"].strip(), ("theme",), "thema")
        self._scale_ref(doc, loc, item)
        self._key_figure_refs(doc, loc, item)

    def _scale_options(self, doc: YamlDocument, s: int, scale: dict) -> None:
        scale_id = scale.get("id")
        ids: dict[str, int | None] = {}
        labels: dict[str, int | None] = {}
        for o, option in enumerate(_list(scale.get("options"))):
            if not isinstance(option, dict):
                continue
            loc = ("scales", s, "options", o)
            option_id = option.get("id")
            if isinstance(option_id, str):
                option_id = option_id.strip()
                id_line = doc.line_of((*loc, "id"))
                if option_id in ids:
                    self.problems.append(
                        ChecklistProblem(
                            doc.path,
                            id_line,
                            f"antwoord '{option_id}' staat twee keer in schaal '{scale_id}' (eerder op regel {ids[option_id]})",
                        )
                    )
                else:
                    ids[option_id] = id_line
            label = option.get("label")
            if isinstance(label, str) and label.strip():
                label_key = " ".join(label.casefold().split())
                label_line = doc.line_of((*loc, "label"))
                if label_key in labels:
                    self.problems.append(
                        ChecklistProblem(
                            doc.path,
                            label_line,
                            f"label '{label.strip()}' staat twee keer in schaal '{scale_id}' (eerder op regel {labels[label_key]})",
                        )
                    )
                else:
                    labels[label_key] = label_line
