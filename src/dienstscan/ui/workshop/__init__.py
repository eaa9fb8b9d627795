"""Workshop mode: the scan on a projector with a team (presentation window, quick rounds, forms).

``start_presentation(parent, doc)`` opens the presentation full screen on the projector (with
two screens the one the main window is not on) and returns it; ``make_forms``/``read_forms``
generate and read back the per-participant Excel forms (see ``forms_ui``).
"""

from __future__ import annotations

from .forms_ui import make_forms, read_forms
from .keymap import KEYMAP
from .presentation import PresentationWindow, choose_screen, start_presentation

__all__ = ["KEYMAP", "PresentationWindow", "choose_screen", "make_forms", "read_forms", "start_presentation"]
