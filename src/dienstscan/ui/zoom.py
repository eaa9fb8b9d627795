"""Text size of the whole application (Ga naar > Tekst groter / kleiner / Normale tekstgrootte: Ctrl+plus,
Ctrl+minus, Ctrl+0), remembered between sessions (``settings.zoom_percent``).

The application font is set to the system's size times the zoom; widgets that have a font of
their own (headings, bold labels: made from the font they had) are scaled by the same step, so
the proportions stay. The presentation window sizes its text to the projector itself and is left
alone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from . import settings

#: The sizes offered, in percent of the system's text size.
STEPS = (70, 80, 90, 100, 110, 125, 150, 175, 200)

_base_size: float | None = None
_current = 100


def current() -> int:
    return _current


def _own_size(widget: QWidget) -> bool:
    """Whether a widget's font is its own business (the projector fits its text to the screen)."""
    return widget.window().objectName() == "presentation"


def apply_zoom(percent: int, *, remember: bool = True) -> int:
    """Set the text size to ``percent`` (clamped to ``STEPS``' range); returns what was applied."""
    global _base_size, _current
    app = QApplication.instance()
    percent = max(STEPS[0], min(STEPS[-1], int(percent)))
    if app is None:
        return _current
    if _base_size is None:
        _base_size = app.font().pointSizeF()
    if percent != _current and _base_size > 0:
        ratio = percent / _current
        font = app.font()
        font.setPointSizeF(_base_size * percent / 100)
        app.setFont(font)
        for widget in app.allWidgets():
            if widget.testAttribute(Qt.WidgetAttribute.WA_SetFont) and not _own_size(widget):
                own = widget.font()
                if own.pointSizeF() > 0:
                    own.setPointSizeF(own.pointSizeF() * ratio)
                    widget.setFont(own)
        _current = percent
    if remember:
        settings.set_zoom_percent(percent)
    return _current


def zoom_in() -> int:
    return apply_zoom(next((s for s in STEPS if s > _current), STEPS[-1]))


def zoom_out() -> int:
    return apply_zoom(next((s for s in reversed(STEPS) if s < _current), STEPS[0]))


def zoom_reset() -> int:
    return apply_zoom(100)


def restore() -> int:
    """At the start: the size the user chose last time."""
    return apply_zoom(settings.zoom_percent(), remember=False)
