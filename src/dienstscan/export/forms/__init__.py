"""Workshop forms: one Excel form per participant, and reading the filled-in forms back."""

from .workbook import (
    FormFileError,
    FormsResult,
    read_participant_forms,
    write_participant_form,
    write_participant_forms,
)

__all__ = [
    "FormFileError",
    "FormsResult",
    "read_participant_forms",
    "write_participant_form",
    "write_participant_forms",
]
