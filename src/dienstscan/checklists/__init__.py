"""Load the checklist YAML (``checklists/``), validate it and check the files against each other.

``load_checklists(folder)`` returns a ``ChecklistSet`` or raises ``ChecklistError`` with every
problem found, each with file, line and a Dutch message. ``describe`` is the summary
``dienstscan validate`` prints. No Qt here.
"""

from .loader import ENV_VAR, checklist_files, default_checklist_dir, load_checklists
from .problems import ChecklistError, ChecklistProblem
from .schema import checklist_schema, checklist_schema_text
from .summary import describe

__all__ = [
    "ENV_VAR",
    "ChecklistError",
    "ChecklistProblem",
    "checklist_files",
    "checklist_schema",
    "checklist_schema_text",
    "default_checklist_dir",
    "describe",
    "load_checklists",
]
