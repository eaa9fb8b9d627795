"""What a user does to a scan, once, for the application and the command line alike. No Qt.

The layer between ``export`` and ``ui``/``cli``: opening a scan, setting an answer, applying
participant forms, importing an edited plan, exporting the plan and writing the report. Each
operation changes the assessment it is given (the outputs change nothing) and leaves its plan
*proposed*: ``dienstscan.plan.propose_actions`` has run after the change, so the same answers give
the same plan in the app, in ``dienstscan export`` and in ``dienstscan report``. Each returns
what changed (``Changed``; ``OpenedScan.plan`` for an opened file).

``ui/document.py`` wraps these in undo commands; ``cli.py`` calls them directly. Neither calls
``storage.read_scan``/``load_scan`` or ``plan.propose_actions`` itself: the import-linter contract
"ui en cli openen scans en volgen het plan via dienstscan.operations" in ``pyproject.toml`` checks it.
"""

from .answers import answer_with_explanation, answer_with_option, put_answer, set_answer
from .changes import Changed, follow_answers
from .forms import apply_form_answers, form_answer_updates
from .opening import OpenedScan, open_scan
from .outputs import ReportFormatError, export_plan, write_report
from .plans import import_plan

__all__ = [
    "Changed",
    "OpenedScan",
    "ReportFormatError",
    "answer_with_explanation",
    "answer_with_option",
    "apply_form_answers",
    "export_plan",
    "follow_answers",
    "form_answer_updates",
    "import_plan",
    "open_scan",
    "put_answer",
    "set_answer",
    "write_report",
]
