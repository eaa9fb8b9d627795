#!/usr/bin/env python3
"""Regenerate the table of legal statements in ``docs/stand-2026.md`` from the checklists.

Run after changing a note or an item's legal status:  ``.venv/bin/python tools/gen_stand_doc.py``
With ``--check`` it only reports whether the page is up to date (exit code 1 if not). The text
around the table is written by hand; only the part between the marks is replaced.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # also works without the editable install
sys.path.insert(0, str(ROOT))

from dienstscan.checklists import load_checklists  # noqa: E402
from dienstscan.checklists.statements import BEGIN_MARK, END_MARK, statements_markdown  # noqa: E402
from tools.generated import write_if_changed  # noqa: E402

TARGET = ROOT / "docs" / "stand-2026.md"


def updated(page: str, table: str) -> str:
    """``page`` with the generated part replaced by ``table`` (appended when the marks are missing)."""
    start, end = page.find(BEGIN_MARK), page.find(END_MARK)
    if start < 0 or end < start:
        return page.rstrip("\n") + "\n\n" + table
    return page[:start] + table + page[end + len(END_MARK):].lstrip("\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Schrijf de tabel met juridische uitspraken in docs/stand-2026.md.")
    parser.add_argument("--check", action="store_true", help="alleen controleren of de tabel actueel is")
    args = parser.parse_args(argv)
    current = TARGET.read_text(encoding="utf-8")
    text = updated(current, statements_markdown(load_checklists(ROOT / "checklists")))
    return write_if_changed(TARGET, ROOT, text, check=args.check, command="tools/gen_stand_doc.py")


if __name__ == "__main__":
    sys.exit(main())
