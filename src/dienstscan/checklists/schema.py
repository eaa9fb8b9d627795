"""The JSON Schema of a checklist file, generated from ``ChecklistFile`` for editor completion.

The committed copy is ``checklists/schema/checklist.schema.json``; ``tools/gen_schema.py``
rewrites it and a test fails when it no longer matches the model.
"""

from __future__ import annotations

import json

from ..model.checklist import ChecklistFile

#: Where the schema lives, relative to the checklist folder.
SCHEMA_RELPATH = "schema/checklist.schema.json"

REGENERATE_HINT = "python tools/gen_schema.py"


def checklist_schema() -> dict:
    """The JSON Schema (draft 2020-12) of one checklist YAML file."""
    schema = ChecklistFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Dienstscan checklist-bestand"
    schema["description"] = (
        "Eén bestand in checklists/: een kader (framework) en/of schalen, thema's, benchmarks en "
        "kengetallen. Controleer met 'dienstscan validate'."
    )
    return schema


def checklist_schema_text() -> str:
    """The schema as committed: sorted keys, two-space indent, UTF-8 text, trailing newline."""
    return json.dumps(checklist_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
