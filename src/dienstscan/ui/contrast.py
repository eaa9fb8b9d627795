"""Windows high contrast: whether it is on, so our own colours step aside for the system's.

The application never sets a palette: Qt's Windows platform theme gives it the system colours,
those of a high-contrast theme included. What we draw or style ourselves (charts, grey notes)
uses fixed colours chosen for contrast on a light background; under high contrast those give way
to the palette's roles (text, window, highlight), as Windows asks of every program.
``DIENSTSCAN_HOOG_CONTRAST=1`` (or ``0``) overrides what the system says, on any platform.
"""

from __future__ import annotations

import os
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
