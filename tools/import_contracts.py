"""An import-linter contract type of our own: "these modules do not use these names".

import-linter's own contracts see modules, not names: ``from dienstscan.storage import read_scan``
is to them an import of ``dienstscan.storage``, which the ui needs for locks and errors. The rule
"ui and cli open scans and propose the plan only through ``dienstscan.operations``" is about two
functions that the packages ``storage`` and ``plan`` export beside much that the ui may use. This
contract reads the source of every module of ``source_modules`` (and their descendants) and
refuses each use of a name in ``forbidden_names``: imported by name (``from ..storage import
read_scan``, relative or absolute, at any depth in the module) or reached as an attribute of an
imported module (``storage.read_scan``, ``dienstscan.plan.actions.propose_actions``). A name is
written in full, as where it is defined and as where it is re-exported.

Configured in ``pyproject.toml`` (``contract_types``); ``lint-imports`` finds this module because
it puts the working directory (the repository) on ``sys.path``.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import grimp
from importlinter import Contract, ContractCheck, fields, output


def module_file(module: str) -> Path | None:
    """The source file of ``module`` (a package's ``__init__.py``), found without importing it."""
    root, *rest = module.split(".")
    spec = importlib.util.find_spec(root)
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(next(iter(spec.submodule_search_locations))).joinpath(*rest)
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _absolute(module: str | None, level: int, package: str) -> str:
    if level == 0:
        return module or ""
    parts = package.split(".")
    base = ".".join(parts[: len(parts) - (level - 1)])
    return f"{base}.{module}" if module else base


def _chain(node: ast.expr) -> list[str] | None:
    """``a.b.c`` as ["a", "b", "c"]; None when it does not start at a plain name."""
    names = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    names.append(node.id)
    return names[::-1]


def forbidden_uses(source: str, module: str, is_package: bool, forbidden: set[str]) -> list[tuple[int, str]]:
    """(line, full name) of every use of a forbidden name in ``source`` (the module ``module``)."""
    tree = ast.parse(source)
    package = module if is_package else module.rpartition(".")[0]
    bound: dict[str, str] = {}
    uses: set[tuple[int, str]] = set()
    for node in ast.walk(tree):  # every scope: the command line imports inside its functions
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    bound[top] = top
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module, node.level, package)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                bound[alias.asname or alias.name] = full
                if full in forbidden:
                    uses.add((node.lineno, full))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            chain = _chain(node)
            if chain and chain[0] in bound:
                full = ".".join([bound[chain[0]], *chain[1:]])
                if full in forbidden:
                    uses.add((node.lineno, full))
    return sorted(uses)


class ForbiddenNamesContract(Contract):
    """The modules of ``source_modules`` (with their descendants) use none of ``forbidden_names``.

    Configuration options:
        - source_modules:  the modules checked (packages include their descendants).
        - forbidden_names: full names (``package.module.name``) those modules may not use.
    """

    type_name = "forbidden_names"

    source_modules = fields.ListField(subfield=fields.ModuleField())
    forbidden_names = fields.ListField(subfield=fields.StringField())

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        forbidden = set(self.forbidden_names)  # type: ignore[arg-type]
        modules: set[str] = set()
        for source in self.source_modules:  # type: ignore[attr-defined]
            if source.name in graph.modules:
                modules |= {source.name, *graph.find_descendants(source.name)}
        found = []
        for module in sorted(modules):
            path = module_file(module)
            if path is None:
                continue
            text = path.read_text(encoding="utf-8")
            for line, name in forbidden_uses(text, module, path.name == "__init__.py", forbidden):
                found.append({"module": module, "line": line, "name": name})
        return ContractCheck(kept=not found, metadata={"uses": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for use in check.metadata["uses"]:
            output.print_error(f"{use['module']}:{use['line']} gebruikt {use['name']}", bold=False)
            output.new_line()
