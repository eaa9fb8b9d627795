"""Entry script of the PyInstaller bundle: one script, two executables (see dienstscan.spec).

``Dienstscan`` (windowed, what the Start menu and a double-clicked ``.dienstscan`` file start)
runs ``gui_main``: ``Dienstscan.exe [SCAN] [--afsluiten-na SECONDEN]``.
``dienstscan-cli`` (console) runs the full command line: ``dienstscan-cli validate``, ``export``...
The executable's own name decides, so both share one set of libraries in the same folder.
"""

import multiprocessing
import sys
from pathlib import Path

from dienstscan.cli import gui_main, main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen program that ever starts a process needs this first
    if Path(sys.executable).stem.lower() == "dienstscan-cli":
        sys.exit(main())
    sys.exit(gui_main())
