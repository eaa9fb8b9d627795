"""Load every checklist file in a folder, validate it and check the files against each other.

``load_checklists`` parses each file once, validates it as a ``ChecklistFile``, runs the
cross-file checks of ``integrity`` and returns one ``ChecklistSet``; or raises a
``ChecklistError`` holding every problem found, each with file, line and a Dutch message.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from ..model.checklist import ChecklistFile, ChecklistSet, SourceDocument, SourceRef
from .cache import ChecklistCache, content_key, from_cache, to_cache
from .problems import ChecklistError, ChecklistProblem

if TYPE_CHECKING:
    from .yamlfile import YamlDocument

#: Environment variable that points the application at another checklist folder.
ENV_VAR = "DIENSTSCAN_CHECKLISTS"

_BLOCKS = "'framework:', 'scales:', 'themes:', 'benchmarks:', 'key_figures:' of 'current_notes:'"


def default_checklist_dir() -> Path:
    """The folder with the checklists to use.

    ``$DIENSTSCAN_CHECKLISTS`` if set; in a PyInstaller build the bundled ``checklists``; in an
    installed wheel the copy in the package; else the top-level ``checklists/`` of the checkout.
    """
    # One place decides where shipped data lives (checkout, PyInstaller bundle, wheel).
    from ..resources import checklist_dir

    return checklist_dir()


def checklist_files(folder: Path) -> list[Path]:
    """The ``*.yaml`` and ``*.yml`` files directly in ``folder``, sorted by name."""
    return sorted(
        (p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file()),
        key=lambda p: p.name,
    )


def _folder_problem(folder: Path, message: str) -> ChecklistError:
    return ChecklistError([ChecklistProblem(folder, None, message, shown_as=str(folder))])


def _validate(doc: YamlDocument) -> tuple[ChecklistFile | None, list[ChecklistProblem]]:
    from .messages import validation_problems

    if not isinstance(doc.data, dict):
        line = doc.line_of(())
        return None, [ChecklistProblem(doc.path, line or 1, f"het bestand moet bestaan uit blokken als {_BLOCKS}")]
    if not doc.data:
        return None, [ChecklistProblem(doc.path, None, "het bestand is leeg")]
    try:
        return ChecklistFile.model_validate(doc.data), []
    except ValidationError as exc:
        return None, validation_problems(exc.errors(include_url=False), doc)


def load_checklists(folder: Path | None = None, *, extra_benchmarks: Sequence[Path] = (),
                    cache: ChecklistCache | None = None) -> ChecklistSet:
    """Read, validate and cross-check every checklist file in ``folder`` (default: the shipped ones).

    ``extra_benchmarks``: further files holding only ``benchmarks:`` (e.g. one written by
    ``dienstscan benchmark``, "Regio Noord-Holland 2026"), checked like the rest (unique ids,
    metrics that exist) and added to the set's benchmarks.

    ``cache``: where an earlier result for exactly these files may be kept (see ``checklists.cache``):
    a hit skips reading the YAML; a miss reads the files and stores the valid result.

    Raises ``ChecklistError`` with all problems (never only the first) when anything is wrong.
    """
    folder = Path(folder) if folder is not None else default_checklist_dir()
    if not folder.exists():
        raise _folder_problem(folder, "de map bestaat niet")
    if not folder.is_dir():
        raise _folder_problem(folder, "dit is geen map; geef de map met de checklist-bestanden op")
    try:
        files = checklist_files(folder)
    except OSError as exc:
        from .yamlfile import os_reason  # with the YAML reader: only needed when something is wrong

        raise _folder_problem(folder, f"de map kan niet worden gelezen ({os_reason(exc)})") from None
    if not files:
        raise _folder_problem(folder, "de map bevat geen checklist-bestanden (*.yaml of *.yml)")

    key = None
    if cache is not None and all(Path(p).is_file() for p in extra_benchmarks):
        key = content_key([*files, *extra_benchmarks])
        cached = from_cache(cache, key) if key is not None else None
        if cached is not None:
            return cached
    result = _read_and_check(folder, files, extra_benchmarks)
    # stored only when the files still hold what the key was made of (no edit during the read)
    if cache is not None and key is not None and content_key([*files, *extra_benchmarks]) == key:
        to_cache(cache, key, result)
    return result


def _read_and_check(folder: Path, files: list[Path], extra_benchmarks: Sequence[Path]) -> ChecklistSet:
    # the YAML reader with line numbers (ruamel) and the checks, imported only when the files are
    # really read: a start that finds the set in the cache does not need them
    from ruamel.yaml import YAML

    from .integrity import Checker
    from .yamlfile import read_yaml_file

    problems: list[ChecklistProblem] = []
    docs: list[YamlDocument] = []
    valid: list[tuple[YamlDocument, ChecklistFile]] = []
    unreadable = False
    loader = YAML(typ="rt")
    extras = [Path(p) for p in extra_benchmarks]
    for path in extras:
        if not path.is_file():
            problems.append(ChecklistProblem(path, None, "het extra benchmarkbestand bestaat niet of is geen bestand"))
    extras = [p for p in extras if p.is_file()]
    for path in [*files, *extras]:
        doc, read_problems = read_yaml_file(path, loader)
        problems.extend(read_problems)
        if doc is None:
            unreadable = True
            continue
        docs.append(doc)
        unreadable = unreadable or not isinstance(doc.data, dict)
        content, invalid = _validate(doc)
        problems.extend(invalid)
        if path in extras and isinstance(doc.data, dict):
            others = sorted(str(key) for key in doc.data if key != "benchmarks")
            if others:
                problems.append(ChecklistProblem(
                    path, doc.line_of((others[0],)),
                    "een extra benchmarkbestand mag alleen 'benchmarks:' bevatten, niet "
                    + ", ".join(f"'{key}:'" for key in others),
                ))
                content = None
        if content is not None:
            valid.append((doc, content))

    # Ids are gathered from every file that parsed, valid or not, so one mistake does not make all
    # references to that file look dangling. A file that could not be parsed at all may hold the
    # ids others refer to: then "bestaat niet" would mostly be noise, so references wait until
    # it reads again.
    checker = Checker(check_references=not unreadable)
    checker.declare_all(docs)
    for doc in docs:
        checker.check_file(doc)
    problems.extend(checker.problems)

    if not unreadable and not any(d.kind == "framework" for d in checker.known.values()):
        problems.append(
            ChecklistProblem(folder, None, "geen enkel bestand bevat een kader ('framework:')", shown_as=str(folder))
        )

    if problems:
        order = {path: index for index, path in enumerate([*files, *extras])}
        problems.sort(key=lambda p: (order.get(p.file, -1), p.line or 0))
        raise ChecklistError(problems)

    documents = {d.id: d for _, c in valid for d in c.documents}
    titled = [_with_titles(c, documents) for _, c in valid] if documents else [c for _, c in valid]
    frameworks = [c.framework for c in titled if c.framework is not None]
    # files are read in name order; a framework's ``order`` puts it where the user expects it
    frameworks.sort(key=lambda fw: (fw.order is None, fw.order or 0))
    checklists = ChecklistSet(
        frameworks=frameworks,
        scales={s.id: s for c in titled for s in c.scales},
        themes={t.id: t for c in titled for t in c.themes},
        benchmarks=[b for c in titled for b in c.benchmarks],
        key_figures={k.id: k for c in titled for k in c.key_figures},
        documents=documents,
        current_notes={n.item: n for c in titled for n in c.current_notes},
    )
    problems = _kinds_without_not_applicable(checklists, valid)
    if problems:
        raise ChecklistError(problems)
    return checklists


def _kinds_without_not_applicable(checklists: ChecklistSet, valid: list[tuple[YamlDocument, ChecklistFile]]) -> list[ChecklistProblem]:
    """An item that applies to some kinds of organisation only (``applies_to``) is answered *Niet van
    toepassing* for the others (``model.answer_not_applicable``): its scale must have that option."""
    problems = []
    for fw, _section, item in checklists.walk():
        if not item.applies_to or checklists.scale_for(item.id).not_applicable_option() is not None:
            continue
        scale = checklists.scale_for(item.id)
        doc = next((d for d, c in valid if c.framework is not None and c.framework.id == fw.id), None)
        problems.append(ChecklistProblem(
            doc.path if doc is not None else Path(fw.id), _item_line(doc, item.id) if doc is not None else None,
            f"item '{item.id}' heeft 'applies_to', maar zijn schaal '{scale.id}' heeft geen antwoord 'nvt' "
            "(Niet van toepassing, gewicht leeg) voor de andere soorten organisaties",
        ))
    return problems


def _item_line(doc: YamlDocument, item_id: str) -> int | None:
    framework = doc.data.get("framework") if isinstance(doc.data, dict) else None
    if not isinstance(framework, dict):
        return None
    places = [(("framework", "items", i), it) for i, it in enumerate(framework.get("items") or [])]
    for s, section in enumerate(framework.get("sections") or []):
        if isinstance(section, dict):
            places += [(("framework", "sections", s, "items", i), it) for i, it in enumerate(section.get("items") or [])]
    for loc, entry in places:
        if isinstance(entry, dict) and entry.get("id") == item_id:
            return doc.line_of((*loc, "id"))
    return None


def _with_titles(model: Any, documents: dict[str, SourceDocument]) -> Any:
    """``model`` with every ``SourceRef`` inside it given its document's readable title.

    The YAML cites by file name (traceable to ``seeds/``); readers see the title from
    ``documents:``. A title written in the source itself wins.
    """
    if isinstance(model, SourceRef):
        doc = documents.get(model.document)
        return model.model_copy(update={"title": doc.title}) if doc is not None and not model.title else model
    if isinstance(model, BaseModel):
        update = {}
        for name in type(model).model_fields:
            value = getattr(model, name)
            new = _with_titles(value, documents)
            if new is not value:
                update[name] = new
        return model.model_copy(update=update) if update else model
    if isinstance(model, list):
        new_list = [_with_titles(v, documents) for v in model]
        return new_list if any(a is not b for a, b in zip(new_list, model)) else model
    return model
