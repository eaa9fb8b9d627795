"""The Qt binding keeps Python's reference counts straight (PySide6 6.12.0 did not, on Python 3.11).

PySide6-Essentials 6.12.0 decremented the reference count of None on every call of a method that
returns nothing (``QLabel.setText``, ``QFont.setPixelSize``); on Python 3.11, where None is not
immortal, the interpreter aborted with "deallocating None" after some ten thousand calls: within
minutes of a presentation. pyproject.toml keeps that version out; this test keeps it out.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel


def test_void_methods_keep_the_reference_counts_of_none_and_bools(qapp):
    label = QLabel()
    font = QFont()
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for n in range(500):
        font.setPixelSize(10 + n % 5)
        font.setBold(n % 2 == 0)
        label.setFont(font)
        label.setText("x")
        label.setVisible(False)
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    assert all(abs(a - b) < 50 for a, b in zip(after, before)), (before, after)
