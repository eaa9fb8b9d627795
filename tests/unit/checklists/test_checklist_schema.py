"""The committed JSON Schema of the checklist files matches the model, and the generator works."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dienstscan.checklists import checklist_schema, checklist_schema_text
from dienstscan.model import ChecklistFile

ROOT = Path(__file__).resolve().parents[3]
COMMITTED = ROOT / "checklists" / "schema" / "checklist.schema.json"


def test_committed_schema_is_up_to_date() -> None:
    assert COMMITTED.is_file(), "het schema ontbreekt; maak het met: python tools/gen_schema.py"
    assert COMMITTED.read_text(encoding="utf-8") == checklist_schema_text(), (
        "checklists/schema/checklist.schema.json is verouderd ten opzichte van dienstscan.model.checklist; "
        "maak het opnieuw met: .venv/bin/python tools/gen_schema.py"
    )


def test_schema_is_stable_and_describes_the_file_blocks() -> None:
    text = checklist_schema_text()
    assert text == checklist_schema_text()
    assert text.endswith("}\n") and not text.endswith("\n\n")
    schema = json.loads(text)
    assert list(schema) == sorted(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["properties"]) == set(ChecklistFile.model_fields)
    assert schema["additionalProperties"] is False  # editors flag a mistyped key, like the loader
    item = schema["$defs"]["Item"]
    assert item["additionalProperties"] is False
    assert {"id", "text", "source", "theme", "suggested_action"} <= set(item["required"])
    assert checklist_schema()["$defs"]["Item"] == item


def test_generator_check_mode(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_schema.py"), "--check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "actueel" in result.stdout
