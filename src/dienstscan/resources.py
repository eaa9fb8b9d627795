"""Where the program finds what it ships (checklists, templates, example scan, icons).

The same code runs in three shapes, and each keeps the read-only files somewhere else:

1. a source checkout (also an editable install): the top-level ``checklists/``, ``examples/`` and
   ``assets/`` folders of the repository, and ``src/dienstscan/export/report/templates``;
2. a PyInstaller bundle (``installer/dienstscan.spec``): ``sys._MEIPASS`` holds ``checklists/``,
   ``examples/`` and ``assets/`` with the same names, and the package data under ``dienstscan/``;
3. an installed wheel: ``setup.py`` copies ``checklists/``, ``examples/`` and ``assets/`` into the
   package as ``dienstscan/_shipped/`` at build time, found with ``importlib.resources``.

Everything found here is read-only: the program never writes next to itself (an install in
``%LOCALAPPDATA%\\Programs`` or a portable folder on a network share may not even be writable).
What the program writes goes to the user's own folders: settings (QSettings), recovery copies
(``storage.recovery.data_dir``) and logs (``dienstscan.logs``).

No Qt here: the core (``checklists``, ``export``) uses these functions too.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

#: Environment variable that points the application at another checklist folder.
CHECKLISTS_ENV_VAR = "DIENSTSCAN_CHECKLISTS"

#: Folder inside the installed package where ``setup.py`` puts the shipped data of a wheel.
SHIPPED_PACKAGE_DIR = "_shipped"

EXAMPLE_SCAN_NAME = "gemeente-voorbeeld.dienstscan"

#: This file is src/dienstscan/resources.py in a checkout: two levels up is the repository.
_CHECKOUT_ROOT = Path(__file__).resolve().parents[2]


def bundle_dir() -> Path | None:
    """The unpacked PyInstaller bundle (``sys._MEIPASS``), or None when not running frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else None


def package_dir() -> Path:
    """The ``dienstscan`` package folder, wherever it was imported from (checkout, wheel, bundle)."""
    return Path(str(resources.files("dienstscan")))


def _shipped(name: str) -> Path:
    """A folder of the shipped read-only data: bundle, else installed wheel, else checkout.

    The checkout is the last resort rather than checked for existence: a missing folder then
    gets a message naming the checkout path, which is what a developer needs to see.
    """
    bundle = bundle_dir()
    if bundle is not None:
        return bundle / name
    wheel = package_dir() / SHIPPED_PACKAGE_DIR / name
    if wheel.is_dir():
        return wheel
    return _CHECKOUT_ROOT / name


def checklist_dir() -> Path:
    """The folder with the checklists: ``$DIENSTSCAN_CHECKLISTS`` if set, else the shipped ones."""
    env = os.environ.get(CHECKLISTS_ENV_VAR)
    if env:
        return Path(env).expanduser()
    return _shipped("checklists")


def example_scan_path() -> Path:
    """The shipped example scan ``gemeente-voorbeeld.dienstscan`` (used by ``dienstscan demo``)."""
    return _shipped("examples") / EXAMPLE_SCAN_NAME


def assets_dir() -> Path:
    """The folder with the application icon (``dienstscan.svg``, ``dienstscan.png``)."""
    return _shipped("assets")


def template_dir() -> Path:
    """The jinja2 templates of the report: package data of ``dienstscan.export.report``, in every shape."""
    bundle = bundle_dir()
    if bundle is not None:
        return bundle / "dienstscan" / "export" / "report" / "templates"
    return package_dir() / "export" / "report" / "templates"


def running_from() -> str:
    """A Dutch phrase for the helpdesk: how this copy of the program was installed."""
    if bundle_dir() is not None:
        return "geïnstalleerd programma"
    if (package_dir() / SHIPPED_PACKAGE_DIR).is_dir():
        return "Python-pakket"
    return "broncode"
