"""The management report: one context (``html.report_context``) rendered as HTML (jinja2) and
as an editable Word document; ``ui.pdf`` prints the HTML to PDF."""

from .docx import build_docx, write_report_docx
from .html import render_context_html, render_report_html, report_context, write_report_html

__all__ = [
    "build_docx",
    "render_context_html",
    "render_report_html",
    "report_context",
    "write_report_docx",
    "write_report_html",
]
