"""The names a screen reader gets, read through AT-SPI on Linux (issue 27 point 3).

``test_accessibility.py`` asks Qt's accessibility layer in-process; this reads what actually goes
out over AT-SPI, the way the Orca screen reader reads it, from a real X server (Xvfb): every
focusable, showing object must have a name; a cell of a tree or table may be empty when another
cell of its row is named (a row is read as a whole). Skipped with the reason when Debian's
python3-pyatspi, at-spi2-core, dbus or Xvfb is missing (tools/bootstrap.sh installs them).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"


def _missing() -> str:
    for tool in ("dbus-run-session", "xvfb-run", "Xvfb"):
        if shutil.which(tool) is None:
            return f"{tool} ontbreekt (apt-get install dbus xvfb)"
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        return "at-spi-bus-launcher ontbreekt (apt-get install at-spi2-core)"
    check = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True) if Path(SYSTEM_PYTHON).exists() else None
    if check is None or check.returncode != 0:
        return "pyatspi ontbreekt voor /usr/bin/python3 (apt-get install python3-pyatspi)"
    return ""


pytestmark = [pytest.mark.slow, pytest.mark.skipif(bool(_missing()), reason=_missing() or "-")]

CELL_ROLES = {"table cell", "tree item", "list item"}


def read_tree(page: str, folder: Path) -> list[dict]:
    out, err = folder / "uit.txt", folder / "fouten.txt"
    # to files, not pipes: the accessibility bus's daemons outlive the reader and would hold a pipe
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        subprocess.run(["dbus-run-session", "--", "xvfb-run", "-a", "-s", "-screen 0 1366x768x24",
                        SYSTEM_PYTHON, str(HERE / "atspi_reader.py"), sys.executable, page],
                       stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL, timeout=300)
    text = out.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith("{")]
    assert lines, text[-2000:] + err.read_text(encoding="utf-8", errors="replace")[-2000:]
    data = json.loads(lines[-1])
    assert "error" not in data, data
    return data["focusable"]


def nameless(found: list[dict]) -> list[dict]:
    named_rows = {(f["parent"], f["parent_name"]) for f in found if f["name"] and f["role"] in CELL_ROLES}
    problems = []
    for entry in found:
        if entry["name"]:
            continue
        if entry["role"] in CELL_ROLES and (entry["parent"], entry["parent_name"]) in named_rows:
            continue  # an empty cell in a row (tree, table) whose other cells are read
        problems.append(entry)
    return problems


@pytest.mark.parametrize("page", ["start", "item:BSC-01", "item:ANT-FASE", "BSC", "dashboard", "kengetallen",
                                  "verbeterplan"])
def test_a_screen_reader_gets_a_name_for_every_focusable_object(page, tmp_path):
    found = read_tree(page, tmp_path)
    assert len(found) >= 3, found  # the tree really was read (menus, navigation, page)
    assert nameless(found) == [], nameless(found)


def test_the_reader_sees_a_nameless_object():
    found = [{"role": "push button", "name": "", "parent": "panel", "parent_name": ""},
             {"role": "table cell", "name": "", "parent": "tree", "parent_name": "Navigatie"},
             {"role": "table cell", "name": "BSC-01", "parent": "tree", "parent_name": "Navigatie"}]
    assert nameless(found) == [found[0]]
