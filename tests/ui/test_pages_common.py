"""The pages' labels: selectable from the first hover, and drawn the same before and after."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication

from dienstscan.ui.pages.common import bold_label, heading, text_label

TEXTS = [
    "Met 50% (20 van 40 toepasselijke instrumenten ingevoerd): gelijk aan Bergen op 5 juli 2011 (50%); "
    "lager dan de top-10 gemeenten op 5 juli 2011 (85%). De 5 beloften-lijst is een reconstructie, niet "
    "de officiële: de vergelijking is indicatief.\n• Bergen (referentieniveau, 50%): gelijk. Bron: Gemeente "
    "Bergen (NH), Op weg naar de top in dienstverlening (2011), 2.6, 4.5",
    "Score berekend over alle 10 normen.",
    "Beantwoord: 78 van 78 items. Uitleg ontbreekt bij 1 antwoord. Kengetallen ingevuld: 7 van 26.",
]
MAKERS = {"tekst": lambda t: text_label(t), "grijs": lambda t: text_label(t, muted=True),
          "kop": lambda t: heading(t), "vet": lambda t: bold_label(t)}


def _hover(label) -> None:
    QApplication.sendEvent(label, QEnterEvent(QPointF(2, 2), QPointF(2, 2), QPointF(2, 2)))


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_selection_is_switched_on_by_the_first_hover_and_works(qtbot, kind):
    label = MAKERS[kind](TEXTS[1])
    qtbot.addWidget(label)
    assert not label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    label.setSelection(0, 5)
    assert label.selectedText() == ""  # not selectable yet: the cheap layout
    _hover(label)
    assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    label.setSelection(0, 5)
    assert label.selectedText() == TEXTS[1][:5]


@pytest.mark.parametrize("kind", sorted(MAKERS))
@pytest.mark.parametrize("width", [260, 640, 1100])
def test_a_label_looks_the_same_before_and_after_the_hover(qtbot, kind, width):
    for text in TEXTS:
        label = MAKERS[kind](text)
        qtbot.addWidget(label)
        hints = (label.sizeHint(), label.minimumSizeHint())
        before_height = label.heightForWidth(width)
        label.resize(width, before_height)
        before = label.grab().toImage()
        _hover(label)
        assert (label.sizeHint(), label.minimumSizeHint()) == hints, text[:30]  # no layout moves
        after_height = label.heightForWidth(width)
        assert after_height == before_height, text[:30]
        label.resize(width, after_height)
        assert label.grab().toImage() == before, (kind, width, text[:30])


def test_the_remembered_height_follows_text_font_wrapping_and_margins(qtbot):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel

    label = text_label(TEXTS[0])
    qtbot.addWidget(label)
    plain = QLabel(TEXTS[0])  # what Qt itself says, every time
    plain.setWordWrap(True)
    plain.setTextFormat(Qt.TextFormat.PlainText)

    def same(width: int) -> int:
        assert label.heightForWidth(width) == plain.heightForWidth(width)
        return label.heightForWidth(width)

    long_height = same(260)
    assert same(1100) < long_height
    label.setText(TEXTS[1])
    plain.setText(TEXTS[1])
    assert same(260) < long_height
    big = QFont(label.font())
    big.setPointSizeF(big.pointSizeF() * 2.5)
    for widget in (label, plain):
        widget.setFont(big)
    same(260)
    label.setWordWrap(False)
    plain.setWordWrap(False)
    same(260)
    label.setContentsMargins(0, 20, 0, 20)
    plain.setContentsMargins(0, 20, 0, 20)
    same(260)
    label.setStyleSheet("font-size: 40px;")
    plain.setStyleSheet("font-size: 40px;")
    same(260)
    for widget in (label, plain):
        widget.setWordWrap(True)
    label.setText(TEXTS[0])
    plain.setText(TEXTS[0])
    assert same(260) > 100
    label.clear()
    plain.clear()
    same(260)
    label.setNum(12345)
    plain.setNum(12345)
    same(260)
