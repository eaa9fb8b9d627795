"""The layer contract: only ``dienstscan.ui`` touches Qt, and the layers import only downwards.

(a) every non-ui module imports with PySide6/shiboken6 blocked, in a fresh interpreter;
(b) ``lint-imports`` passes on the real tree with the contracts in ``pyproject.toml``;
(c) those contracts do break on a small tree that violates them, so (b) is not vacuous.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import dienstscan

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(dienstscan.__file__).resolve().parent
LINT_IMPORTS = Path(sys.executable).parent / ("lint-imports.exe" if os.name == "nt" else "lint-imports")

_BLOCKER = textwrap.dedent(
    """
    import importlib, importlib.abc, sys

    QT = ("PySide6", "shiboken6")

    class BlockQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in QT:
                raise ImportError(f"{name} is geblokkeerd in deze test")
            return None

    sys.meta_path.insert(0, BlockQt())
    try:
        import PySide6  # noqa: F401
    except ImportError:
        pass
    else:
        raise SystemExit("blokkeren werkt niet")

    for name in sys.argv[1:]:
        importlib.import_module(name)
    leaked = sorted(m for m in sys.modules if m.split(".")[0] in QT)
    assert not leaked, leaked
    print("geimporteerd:", len(sys.argv) - 1)
    """
)


def core_modules() -> list[str]:
    """Every module of dienstscan outside ``ui`` (``__main__`` runs the CLI, so not that one)."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[0] == "ui" or parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(("dienstscan", *parts)))
    return names


def test_core_imports_without_qt() -> None:
    modules = core_modules()
    # the walk found the layers, not an empty list
    for expected in ("dienstscan", "dienstscan.cli", "dienstscan.model.checklist", "dienstscan.checklists.loader"):
        assert expected in modules
    result = subprocess.run(
        [sys.executable, "-c", _BLOCKER, *modules],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"geimporteerd: {len(modules)}" in result.stdout


def _lint(cwd: Path, *, pythonpath: Path | None = None, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    assert LINT_IMPORTS.exists(), f"lint-imports niet gevonden naast {sys.executable}; installeer de test-extra's"
    env = dict(os.environ, COLUMNS="200")  # a contract's name on one line, however long
    if pythonpath is not None:
        # the repository too: the contract type of our own is tools/import_contracts.py
        env["PYTHONPATH"] = os.pathsep.join([str(pythonpath), str(ROOT)])
    args = [str(LINT_IMPORTS), "--no-logo", "--no-cache"]
    if config is not None:
        args += ["--config", str(config)]
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=env, check=False)


def test_lint_imports_passes() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


QT = "Alleen dienstscan.ui importeert Qt"
LAYERED = "Lagen: ui > operations > participation > export > cycle > plan > scoring > checklists/storage > model"
OPERATIONS = "ui en cli openen scans en volgen het plan via dienstscan.operations"
EXPORTS = "Export: plan, rapport en formulieren los van elkaar"
CLI = "Opdrachtregel en haar teksttabellen (cli, cli_tables) staan boven alle lagen"
MAIN_WINDOW = "Alleen ui.app importeert het hoofdvenster (ui.main_window)"
LAYERS = ("model", "checklists", "storage", "scoring", "plan", "cycle", "export", "participation", "operations", "ui")
EXPORT_PARTS = ("common", "excel_plan", "report", "forms")


def _fake_tree(tmp_path: Path) -> Path:
    """A small dienstscan of empty layers on which each contract can be broken on purpose."""
    package = tmp_path / "dienstscan"
    for layer in LAYERS:
        (package / layer).mkdir(parents=True)
        (package / layer / "__init__.py").write_text('"""x"""\n', encoding="utf-8")
    for part in EXPORT_PARTS:
        (package / "export" / part).mkdir()
        (package / "export" / part / "__init__.py").write_text('"""x"""\n', encoding="utf-8")
    (package / "export" / "excel_plan" / "workbook.py").write_text('"""x"""\n', encoding="utf-8")
    (package / "__init__.py").write_text('"""x"""\n', encoding="utf-8")
    for top in ("cli", "cli_tables"):
        (package / f"{top}.py").write_text('"""x"""\n', encoding="utf-8")
    (package / "ui" / "app.py").write_text("from PySide6 import QtWidgets\nfrom dienstscan.ui import main_window\n",
                                           encoding="utf-8")
    (package / "ui" / "main_window.py").write_text('"""x"""\n', encoding="utf-8")
    return package


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        ("model", "import PySide6\n", {QT}),
        ("export", "from shiboken6 import isValid\n", {QT}),
        ("checklists", "def later():\n    from PySide6 import QtCore\n", {QT}),  # a lazy import counts too
        ("model", "from dienstscan import scoring\n", {LAYERED}),
        ("checklists", "import dienstscan.storage\n", {LAYERED}),
        ("export", "from dienstscan.ui import app\n", {QT, LAYERED}),  # Qt through the ui: both
        ("export.report", "from dienstscan.export.excel_plan import workbook\n", {EXPORTS}),
        ("export.forms", "import dienstscan.export.report\n", {EXPORTS}),
        ("scoring", "from dienstscan.cli_tables import format_report\n", {CLI}),  # terminal tables: CLI side
        ("cycle", "def later():\n    from dienstscan import cli\n", {CLI}),
        ("participation", "import PySide6.QtCore\n", {QT}),  # the phones' server stays Qt-free
        ("export", "import dienstscan.participation\n", {LAYERED}),
        ("ui", "from dienstscan.ui.main_window import MainWindow\n", {MAIN_WINDOW}),  # a feature module
        ("ui", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from dienstscan.ui import main_window\n",
         {MAIN_WINDOW}),  # for type hints too: that import made the cycle
        ("operations", "import PySide6\n", {QT}),  # the operations are the CLI's too: Qt-free
        ("operations", "from dienstscan import ui\n", {LAYERED}),
        ("participation", "from dienstscan import operations\n", {LAYERED}),
        # opening a scan or proposing the plan in the ui or the CLI, by name or through the package
        ("ui", "from dienstscan.storage import read_scan\n", {OPERATIONS}),
        ("ui", "from .. import storage\n\ndef f(p):\n    return storage.load_scan(p)\n", {OPERATIONS}),
        ("ui", "def f(c, a):\n    from ..plan import propose_actions as p\n    return p(c, a)\n", {OPERATIONS}),
        ("ui", "import dienstscan.plan.actions\n\ndienstscan.plan.actions.propose_actions(1, 2)\n", {OPERATIONS}),
        ("ui", "from ..export import excel_plan\n\nexcel_plan.apply_plan_import(1, 2)\n", {OPERATIONS}),
    ],
)
def test_contracts_catch_a_violation(tmp_path: Path, module: str, source: str, broken: set[str]) -> None:
    package = _fake_tree(tmp_path)
    (package.joinpath(*module.split(".")) / "bad.py").write_text(source, encoding="utf-8")

    result = _lint(tmp_path, pythonpath=tmp_path, config=ROOT / "pyproject.toml")

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"dienstscan.{module}.bad" in result.stdout
    # "<name> BROKEN", or "<name> BROKEN (1 ignored import)" for a contract with ignore_imports
    reported = {m.group(1) for m in re.finditer(r"^(.*) BROKEN(?: \(\d+ ignored imports?\))?$", result.stdout, re.M)}
    assert reported == broken, result.stdout


def test_names_contract_covers_the_command_line(tmp_path: Path) -> None:
    """The command line (a module, not a package) is held to the same rule as the ui."""
    package = _fake_tree(tmp_path)
    (package / "cli.py").write_text("def export(p):\n    from .storage import ScanFileError, load_scan\n"
                                    "    return load_scan(p)\n", encoding="utf-8")

    result = _lint(tmp_path, pythonpath=tmp_path, config=ROOT / "pyproject.toml")

    assert result.returncode == 1, result.stdout + result.stderr
    assert "dienstscan.cli:2 gebruikt dienstscan.storage.load_scan" in result.stdout
    reported = {m.group(1) for m in re.finditer(r"^(.*) BROKEN(?: \(\d+ ignored imports?\))?$", result.stdout, re.M)}
    assert reported == {OPERATIONS}, result.stdout
