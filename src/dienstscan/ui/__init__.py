"""The desktop application (PySide6). The only package that imports Qt."""

import sys

import shiboken6  # noqa: F401 - loads PySide's import hook (shibokensupport.feature), patched below


def _quicker_pyside_import_check() -> None:
    """Let PySide's import hook answer its question without ``inspect.getsource``.

    After PySide is loaded, every import asks ``shibokensupport.feature._mod_uses_pyside``
    whether the module's source mentions "PySide6". It does so with ``inspect.getsource``,
    whose ``getmodule`` walks all of ``sys.modules`` on each call: about 100 ms of CPU for
    the few hundred modules of a start (benchmarks/bench_startup.py). The same question,
    answered by reading the module's ``.py`` file; anything else goes to PySide's own check.
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "reads_file", False):
        return

    def mod_uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    mod_uses_pyside.reads_file = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside


_quicker_pyside_import_check()
