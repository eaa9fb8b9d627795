"""The quicker answer to PySide's import-hook question (dienstscan.ui) is PySide's own answer."""

from __future__ import annotations

import inspect
import json
import sys

import dienstscan.model.checklist
import dienstscan.ui
import dienstscan.ui.main_window


def test_the_import_check_reads_the_file_and_agrees_with_inspect():
    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside
    assert getattr(check, "reads_file", False), "dienstscan.ui zet de snellere controle niet op zijn plaats"
    modules = [dienstscan.ui.main_window, dienstscan.model.checklist, json, sys, dienstscan.ui]
    def by_inspect(module) -> bool:
        try:
            return "PySide6" in inspect.getsource(module)
        except (TypeError, OSError):
            return False

    assert [check(m) for m in modules] == [by_inspect(m) for m in modules] == [True, False, False, False, True]
