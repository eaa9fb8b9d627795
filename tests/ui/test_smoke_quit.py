"""``dienstscan gui --afsluiten-na``: the GUI starts offscreen, reports its window and quits by itself.

Run as a separate process: the quit timer would otherwise quit the test run's QApplication.
"""

from __future__ import annotations

import os
import subprocess
import sys


def test_gui_starts_and_closes_by_itself(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DIENSTSCAN_NO_SETTINGS": "1",
           "DIENSTSCAN_LOG_DIR": str(tmp_path / "logs"), "DIENSTSCAN_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-m", "dienstscan", "gui", "--afsluiten-na", "0.5"],
                            env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Venster: Dienstscan" in result.stdout.splitlines()
    assert "Qt-vertaling: Annuleren" in result.stdout.splitlines()
    log = (tmp_path / "logs" / "dienstscan.log").read_text(encoding="utf-8")
    assert "Rooktest: afsluiten na 0.5 s" in log
