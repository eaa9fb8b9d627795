"""Python's cyclic garbage collector paused while much is made at once and nothing is thrown away.

The collector runs after every few hundred new objects and walks the objects that are alive; a
step that makes tens or hundreds of thousands of objects that all stay alive (hundreds of scans
read at once, a workbook of thousands of cells) has it walk them again and again for nothing:
4-5 times the reading of 800 scans, a sixth of building a plan of 1,000 actions. Such a step
runs inside ``paused_collection()``; the collector runs again as before once it is done. Any layer
may use it (no Qt, no I/O).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collection() -> Iterator[None]:
    """No cyclic garbage collection inside the block; switched back on after it only if it was on
    before (a caller that paused it already keeps it paused)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
