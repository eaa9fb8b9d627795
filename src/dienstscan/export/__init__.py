"""Everything Dienstscan writes for people outside the app. No Qt.

One sub-package per output, each with its own public names in its ``__init__``:

- ``excel_plan``: the Excel improvement plan (``export_plan``) and its read-back (``read_plan``,
  ``apply_plan_import``), which changes the assessment from an edited workbook;
- ``report``: the management report as HTML (jinja2), Word (python-docx) and a tagged PDF
  (PDF/UA-1, WeasyPrint, ``report.pdf``); ``ui.pdf`` prints it with Qt only where WeasyPrint or its
  Pango cannot be loaded;
- ``forms``: one Excel form per workshop participant and reading the filled-in forms back;
- ``common``: what more than one output uses (the one rule for text XML cannot carry, row fitting, the wording of
  sources and progress). Sub-packages import ``common``, never each other's modules.
"""
