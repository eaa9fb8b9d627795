"""Windows high contrast: whether it is on, so our own colours step aside for the system's.

The application never sets a palette: Qt's Windows platform theme gives it the system colours,
those of a high-contrast theme included. What we draw or style ourselves (charts, grey notes)
uses fixed colours chosen for contrast on a light background; under high contrast those give way
to the palette's roles (text, window, highlight), as Windows asks of every program.
``DIENSTSCAN_HOOG_CONTRAST=1`` (or ``0``) overrides what the system says, on any platform.
"""

from __future__ import annotations

import os
import re
import sys

ENV_HIGH_CONTRAST = "DIENSTSCAN_HOOG_CONTRAST"

_SPI_GETHIGHCONTRAST = 0x0042
_HCF_HIGHCONTRASTON = 0x00000001


def _windows_high_contrast() -> bool:
    import ctypes
    from ctypes import wintypes

    class HIGHCONTRASTW(ctypes.Structure):  # noqa: N801 - the Windows name
        _fields_ = [("cbSize", wintypes.UINT), ("dwFlags", wintypes.DWORD), ("lpszDefaultScheme", wintypes.LPWSTR)]

    info = HIGHCONTRASTW()
    info.cbSize = ctypes.sizeof(HIGHCONTRASTW)
    user32 = ctypes.windll.user32  # type: ignore[attr-defined]
    if not user32.SystemParametersInfoW(_SPI_GETHIGHCONTRAST, info.cbSize, ctypes.byref(info), 0):
        return False
    return bool(info.dwFlags & _HCF_HIGHCONTRASTON)


def system_high_contrast() -> bool:
    """Whether the user has a high-contrast theme on (Windows), or asked for it by the variable."""
    override = os.environ.get(ENV_HIGH_CONTRAST)
    if override in ("0", "1"):
        return override == "1"
    if sys.platform == "win32":
        try:
            return _windows_high_contrast()
        except (OSError, AttributeError, ValueError):
            return False
    return False


# --------------------------------------------------------------------------- style sheets

#: A literal colour in a style sheet or an HTML style attribute: #rgb/#rrggbb(aa), rgb()/rgba(),
#: or a colour name Qt knows (the ones our sheets could use).
LITERAL_COLOUR = re.compile(
    r"#[0-9a-fA-F]{3,8}\b|\brgba?\([^)]*\)|\b(?:white|black|red|green|blue|yellow|orange|gr[ae]y|"
    r"darkgr[ae]y|lightgr[ae]y|navy|maroon)\b", re.IGNORECASE)
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")


def _palette_role(prop: str, selector: str) -> str | None:
    """The palette role that replaces a literal colour of ``prop`` in a rule for ``selector``;
    None: drop the declaration and let the system's palette decide (hover, disabled)."""
    selector = selector.lower()
    if ":hover" in selector or ":disabled" in selector:
        return None
    if prop == "color":
        if ":checked" in selector:
            return "highlighted-text"
        return "text" if ("lineedit" in selector or "textedit" in selector) else "window-text"
    if prop.startswith("background"):
        if ":checked" in selector:
            return "highlight"
        return "button" if "button" in selector else "window"
    if prop.startswith("border") or prop.startswith("outline"):
        return "highlight" if (":focus" in selector or ":checked" in selector) else "window-text"
    return None


def _declarations(body: str, selector: str) -> str:
    out = []
    for declaration in body.split(";"):
        if ":" not in declaration:
            if declaration.strip():
                out.append(declaration.strip())
            continue
        prop, value = (part.strip() for part in declaration.split(":", 1))
        if not LITERAL_COLOUR.search(value):
            out.append(f"{prop}: {value}")
            continue
        role = _palette_role(prop.lower(), selector)
        if role is not None:
            out.append(f"{prop}: {LITERAL_COLOUR.sub(f'palette({role})', value)}")
    return "; ".join(out) + (";" if out else "")


def palette_sheet(sheet: str) -> str:
    """``sheet`` with every literal colour replaced by the palette role it stands for (text,
    window, button, highlight...), as Windows high contrast asks: the system's colours, with our
    borders, weights and padding kept. Declarations whose colour only decorates (hover, disabled)
    are dropped, so the system's palette draws them."""
    if "{" not in sheet:
        return _declarations(sheet, "")
    return "".join(f"{selector.strip()} {{ {_declarations(body, selector)} }}"
                   for selector, body in _RULE.findall(sheet))


def themed(sheet: str) -> str:
    """The style sheet to set: ``sheet`` as written, or under high contrast in the palette's colours."""
    return palette_sheet(sheet) if sheet and system_high_contrast() else sheet


#: The style sheet a widget was given as written (before ``themed``), to restyle it when the
#: system switches high contrast on or off while Dienstscan runs.
SHEET_PROPERTY = "dienstscanOwnSheet"


def set_sheet(widget, sheet: str) -> None:
    """Give ``widget`` our style sheet: as written, or under high contrast in the palette's colours;
    ``restyle_all`` sets it again when high contrast changes."""
    widget.setProperty(SHEET_PROPERTY, sheet)
    widget.setStyleSheet(themed(sheet))


def restyle_all() -> bool:
    """After a palette change: if high contrast went on or off, set every widget's own style sheet
    again for the new state (only where it differs, so restyling causes no further round).
    Returns whether any changed."""
    from PySide6.QtWidgets import QApplication

    changed = False
    for widget in QApplication.allWidgets():
        sheet = widget.property(SHEET_PROPERTY)
        if isinstance(sheet, str) and widget.styleSheet() != (wanted := themed(sheet)):
            widget.setStyleSheet(wanted)
            changed = True
    return changed
