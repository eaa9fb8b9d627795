"""Write a generated file only when its text changed, or (``--check``) only say whether it is stale.

Shared by ``tools/gen_schema.py`` and ``tools/gen_stand_doc.py``; the messages are what a developer
reads, in Dutch like the rest of the tools.
"""

from __future__ import annotations

import sys
from pathlib import Path


def write_if_changed(target: Path, root: Path, text: str, *, check: bool, command: str) -> int:
    """Exit code: 0 when ``target`` holds ``text`` (or now does), 1 when ``check`` finds it stale."""
    name = target.relative_to(root)
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if current == text:
        print(f"{name} {'is' if check else 'was al'} actueel.")
        return 0
    if check:
        print(f"{name} is verouderd; voer uit: python {command}", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(f"{name} geschreven.")
    return 0
