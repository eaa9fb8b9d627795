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


class PhoneThread:
    """A browser phone on a thread of its own, so the Qt event loop keeps running in the test.

    ``do(qtbot, fn)`` runs ``fn(page)`` on the browser's thread and waits (``qtbot.waitUntil``)
    for its result; an exception there is raised here.
    """

    def __init__(self, url: str) -> None:
        import queue
        import threading

        self.url = url
        self.commands: queue.Queue = queue.Queue()
        self.results: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            with browser() as chromium:
                context = chromium.new_context(**PHONE)
                page = context.new_page()
                page.goto(self.url)
                self.results.put(("ok", None))
                while True:
                    fn = self.commands.get()
                    if fn is None:
                        break
                    try:
                        self.results.put(("ok", fn(page)))
                    except Exception as exc:  # noqa: BLE001 - handed to the test's thread
                        self.results.put(("error", exc))
                context.close()
        except BaseException as exc:  # noqa: BLE001 - the test must hear of it, not hang
            self.results.put(("error", exc))

    def wait(self, qtbot, timeout: int = 30_000):
        qtbot.waitUntil(lambda: not self.results.empty(), timeout=timeout)
        kind, value = self.results.get()
        if kind == "error":
            raise value
        return value

    def do(self, qtbot, fn, timeout: int = 30_000):
        self.commands.put(fn)
        return self.wait(qtbot, timeout)

    def close(self) -> None:
        self.commands.put(None)
        self.thread.join(timeout=30)
