"""A phone in a real browser: Debian's chromium, headless, driven by Playwright's Python package.

Playwright never downloads a browser here: it is pointed at the system's ``/usr/bin/chromium``
(``tools/bootstrap.sh`` installs it). ``phone(browser)`` opens a 360x740 touch viewport, the size of
a common Android phone. Used by the participant-page tests (issue 17).
"""

from __future__ import annotations

import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2, "locale": "nl-NL"}
#: Where screenshots go when DIENSTSCAN_SCREENSHOTS names a folder (to look at them), else nowhere.
SCREENSHOTS = os.environ.get("DIENSTSCAN_SCREENSHOTS")


def chromium_path() -> str:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    if sys.platform.startswith("linux"):
        pytest.fail("chromium ontbreekt: tools/bootstrap.sh installeert het (apt-get install chromium)")
    pytest.skip("de browsertest draait op Linux met Debian's chromium")
    raise AssertionError  # unreachable


@contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)
