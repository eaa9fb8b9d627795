"""The desktop application (PySide6). The only package that imports Qt."""

import os
import sys

# The layers under the UI first: PySide's import hook (below) looks at every module imported
# after it, and pydantic alone is a hundred modules (about 1% of a start).
from .. import checklists, model, plan, scoring, storage  # noqa: F401
import shiboken6  # noqa: F401 - loads PySide's import hook (shibokensupport.feature), patched below  # noqa: E402


def _quicker_pyside_import_check() -> None:
    """Let PySide's import hook answer its question without ``inspect.getsource``.

    After PySide is loaded, every import asks ``shibokensupport.feature._mod_uses_pyside``
    whether the module's source mentions "PySide6" (a module that does starts with no PySide
    *feature*, such as ``snake_case``; any other is left out of feature switching). It does so with
    ``inspect.getsource``, whose ``getmodule`` walks all of ``sys.modules`` on each call: about
    100 ms of CPU for the few hundred modules of a start (benchmarks/bench_startup.py). The same
    question, answered without reading what cannot mention PySide: Python's standard library,
    and Dienstscan's packages outside ``dienstscan.ui`` (only ``dienstscan.ui`` may import Qt:
    the import-linter contract in pyproject.toml). Other modules' ``.py`` files are read (about
    7 ms less per start than reading them all); anything else goes to PySide's own check.
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "reads_file", False):
        return
    stdlib = os.path.dirname(os.__file__) + os.sep
    third_party = ("site-packages", "dist-packages")

    def mod_uses_pyside(module) -> bool:
        name = getattr(module, "__name__", "")
        if name.startswith("dienstscan.") and not (name == __name__ or name.startswith(__name__ + ".")):
            return False
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        if path.startswith(stdlib) and path[len(stdlib):].split(os.sep, 1)[0] not in third_party:
            return False
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    mod_uses_pyside.reads_file = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside


_quicker_pyside_import_check()
