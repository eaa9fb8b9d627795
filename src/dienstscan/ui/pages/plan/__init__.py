"""The improvement plan page, in three parts: the table (``model``), the form (``form``) and the
page that holds them (``page``)."""

from .form import ActionForm
from .model import COLUMNS, ID_ROLE, SORT_ROLE, ActionFilterModel, ActionTableModel
from .page import PlanPage, choose_merge_target, confirm_delete

__all__ = [
    "COLUMNS",
    "ID_ROLE",
    "SORT_ROLE",
    "ActionFilterModel",
    "ActionForm",
    "ActionTableModel",
    "PlanPage",
    "choose_merge_target",
    "confirm_delete",
]
