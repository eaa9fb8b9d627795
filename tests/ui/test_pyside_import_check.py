"""The quicker answer to PySide's import-hook question (dienstscan.ui) is PySide's own answer."""

from __future__ import annotations

import inspect
import json
import sys

import dienstscan.model.checklist
import dienstscan.ui
import dienstscan.ui.main_window


def _by_inspect(module) -> bool:
    """PySide's own answer (``shibokensupport.feature._mod_uses_pyside``)."""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


def test_the_import_check_reads_the_file_and_agrees_with_inspect():
    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside
    assert getattr(check, "reads_file", False), "dienstscan.ui zet de snellere controle niet op zijn plaats"
    modules = [dienstscan.ui.main_window, dienstscan.model.checklist, json, sys, dienstscan.ui]
    assert [check(m) for m in modules] == [_by_inspect(m) for m in modules] == [True, False, False, False, True]


def test_the_import_check_agrees_with_inspect_on_every_loaded_module():
    """Also where it answers without reading (the standard library, Dienstscan outside ui)."""
    check = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    modules = [m for m in list(sys.modules.values()) if m is not None and isinstance(getattr(m, "__file__", None), str)
               and m.__file__.endswith(".py")]
    assert len(modules) > 100
    differ = [m.__name__ for m in modules if check(m) != _by_inspect(m)]
    assert differ == []
