#!/usr/bin/env python3
"""Regenerate ``checklists/schema/checklist.schema.json`` from the ``ChecklistFile`` model.

Run after changing ``dienstscan.model.checklist``:  ``.venv/bin/python tools/gen_schema.py``
With ``--check`` it only reports whether the committed schema is up to date (exit code 1 if not).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # also works without the editable install
sys.path.insert(0, str(ROOT))

from dienstscan.checklists.schema import SCHEMA_RELPATH, checklist_schema_text  # noqa: E402
from tools.generated import write_if_changed  # noqa: E402

TARGET = ROOT / "checklists" / SCHEMA_RELPATH


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Schrijf het JSON-schema van de checklist-bestanden.")
    parser.add_argument("--check", action="store_true", help="alleen controleren of het schema actueel is")
    args = parser.parse_args(argv)
    text = checklist_schema_text()
    return write_if_changed(TARGET, ROOT, text, check=args.check, command="tools/gen_schema.py")


if __name__ == "__main__":
    sys.exit(main())
