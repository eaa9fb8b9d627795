"""Build hook: put the shipped data (checklists, example scan, icon) into the wheel.

Everything else about the package is in ``pyproject.toml``. The checklists, ``examples/`` and
``assets/`` live at the top of the repository, where people edit them and where a source
checkout and the PyInstaller spec read them. A wheel has no such top level, so ``build_py``
copies them into the package as ``dienstscan/_shipped/`` (``dienstscan.resources`` looks
there). An editable install skips the copy: it reads the checkout itself.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: (folder in the repository, file pattern) copied to dienstscan/_shipped/<folder>
SHIPPED = [
    ("checklists", "*.yaml"),
    ("checklists/schema", "*.json"),
    ("examples", "*.dienstscan"),
    ("assets", "dienstscan.*"),
    ("assets/help", "*.md"),  # the manual (Help > Handleiding, F1) and its screenshots
    ("assets/help", "*.png"),
]


class BuildWithShippedData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False) or self.dry_run:
            return
        target = Path(self.build_lib) / "dienstscan" / "_shipped"
        for folder, pattern in SHIPPED:
            for source in sorted((ROOT / folder).glob(pattern)):
                if source.is_file():
                    dest = target / folder / source.name
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, dest)


setup(cmdclass={"build_py": BuildWithShippedData})
