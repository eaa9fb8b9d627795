"""Exports: the Excel improvement plan (openpyxl) and the report (jinja2). No Qt."""
