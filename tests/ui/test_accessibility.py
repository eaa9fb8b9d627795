"""The desktop app for everyone (EN 301 549 chapter 11; issue 27 point 3).

- every widget the Tab key can reach has an accessible name and role, as Qt's accessibility
  layer hands them to a screen reader (UI Automation on Windows, AT-SPI on Linux): the whole
  widget tree of every page, every item kind, the overview pages, the wizard, the dialogs and
  the presentation window;
- the Tab order follows the reading order on each page (never back up and to the left);
- every chart has a text equivalent naming each bar and its value;
- the palette is the system's (the app never sets one), and under Windows high contrast the
  charts and muted labels take the system's colours instead of their own.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QImage, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from dienstscan.ui.workspace import registered_pages

#: Item kinds worth walking on their own: a BSC norm (right/duty, analysis fields), a 5 beloften
#: instrument, the Antwoord phase (its own scale), an Antwoord building block, a 2026 obligation.
ITEMS = ["BSC-01", "5B-1.01", "ANT-FASE", "ANT-PK-01", "DO26-1.01"]


def _tab_target(widget: QWidget) -> QWidget:
    """The widget that really gets focus (and so is announced) when Tab reaches ``widget``."""
    while widget.focusProxy() is not None:
        widget = widget.focusProxy()
    return widget


def _reachable(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isVisible() and widget.isEnabled()


def nameless(root: QWidget) -> list[str]:
    """Every visible, enabled widget under ``root`` that Tab reaches without a name or a role."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _reachable(widget):
            continue
        target = _tab_target(widget)
        iface = QAccessible.queryAccessibleInterface(target)
        name = iface.text(QAccessible.Text.Name).strip() if iface is not None else ""
        role = iface.role() if iface is not None else QAccessible.Role.NoRole
        if not name or role == QAccessible.Role.NoRole:
            problems.append(f"{type(target).__name__} {target.objectName()!r} (rol {role.name}, naam {name!r}, "
                            f"in {type(target.parentWidget()).__name__})")
    return problems


def tab_chain(window: QWidget) -> list[QWidget]:
    """The widgets Tab visits in ``window``, in order, once round."""
    chain: list[QWidget] = []
    current = window.nextInFocusChain()
    while current is not window and len(chain) < 5000:
        if _reachable(current) and current.focusProxy() is None and current.window() is window:
            chain.append(current)
        current = current.nextInFocusChain()
    return chain


def _reading_rect(widget: QWidget, other: QWidget, window: QWidget) -> QRect:
    """Where ``widget`` is read, seen from ``other``: inside a scroll area that does not hold
    ``other``, the scroll area's place (its content may lie far below the window's edge)."""
    shown = widget
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and not parent.isAncestorOf(other):
            shown = parent
        parent = parent.parentWidget()
    return QRect(shown.mapTo(window, QPoint(0, 0)), shown.size())


def backwards_steps(window: QWidget) -> list[str]:
    """Tab steps that go back up and to the left: against the reading order (left to right, top
    to bottom; a column to the right may start higher). Tab goes round, so the chain is read from
    the widget that comes first on the screen, and its one step back to the start is allowed."""
    chain = tab_chain(window)
    if chain:
        first = min(range(len(chain)), key=lambda i: (chain[i].mapTo(window, QPoint(0, 0)).y(),
                                                      chain[i].mapTo(window, QPoint(0, 0)).x()))
        chain = chain[first:] + chain[:first]
    problems = []
    for a, b in zip(chain, chain[1:]):
        ra, rb = _reading_rect(a, b, window), _reading_rect(b, a, window)
        if rb.top() < ra.top() - 4 and rb.left() < ra.right() - 4:
            problems.append(f"{type(a).__name__} {a.accessibleName()!r} op {ra.topLeft().toTuple()} -> "
                            f"{type(b).__name__} {b.accessibleName()!r} op {rb.topLeft().toTuple()}")
    return problems


def _pages(window):
    """Open every page of the example scan in turn; yields its label."""
    yield "start"
    assert window.open_example()
    for node in [*ITEMS, "BSC", "5B", "5B-1", "ANT", "ANT-PK", "DO26", *(spec.key for spec in registered_pages())]:
        assert window.navigate(node), node
        QApplication.processEvents()
        yield node


def test_every_focusable_widget_of_every_page_has_a_name_and_role(qtbot, cycle_window):
    problems = {}
    for page in _pages(cycle_window):
        found = nameless(cycle_window)
        if found:
            problems[page] = found
    assert not problems, problems


def test_the_tab_order_follows_the_reading_order_on_every_page(qtbot, cycle_window):
    problems = {}
    for page in _pages(cycle_window):
        found = backwards_steps(cycle_window)
        if found:
            problems[page] = found
        assert len(tab_chain(cycle_window)) >= 2, page
    assert not problems, problems


def test_the_order_check_can_fail(qtbot):
    """A button placed above another but reached after it is caught."""
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    top, middle, bottom = QPushButton("Boven"), QPushButton("Midden"), QPushButton("Onder")
    for button in (top, middle, bottom):
        layout.addWidget(button)
    window.show()
    qtbot.waitExposed(window)
    assert backwards_steps(window) == []
    QWidget.setTabOrder(bottom, middle)  # Boven, Onder, Midden
    assert len(backwards_steps(window)) == 1
    assert nameless(window) == []
    middle.setText("")
    assert len(nameless(window)) == 1


def test_the_wizard_and_dialogs_name_every_control(qtbot, cycle_window):
    from dienstscan.ui.about import AboutDialog
    from dienstscan.ui.cycle_dialogs import NextCycleDialog
    from dienstscan.ui.help import HelpWindow
    from dienstscan.ui.new_scan import NewScanWizard

    wizard = NewScanWizard(cycle_window.checklists, cycle_window)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    problems = {}
    for n in range(len(wizard.pageIds())):
        problems[f"wizard {n + 1}"] = nameless(wizard) + backwards_steps(wizard)
        wizard.fill(name="Gemeente Bergen") if n == 0 and hasattr(wizard, "fill") else None
        wizard.next()
    wizard.reject()
    from pathlib import Path

    for dialog in (NextCycleDialog(cycle_window, Path.home()), AboutDialog(cycle_window, cycle_window.checklists),
                   HelpWindow(cycle_window)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        if isinstance(dialog, HelpWindow):  # Terug in the chain too, as after a jump in the manual
            dialog.back_button.setEnabled(True)
            assert dialog.back_button in tab_chain(dialog)
        problems[type(dialog).__name__] = nameless(dialog) + backwards_steps(dialog)
        dialog.close()
    assert not any(problems.values()), {k: v for k, v in problems.items() if v}


def test_the_presentation_names_its_controls(qtbot, cycle_window):
    from dienstscan.ui.workshop.presentation import start_presentation

    assert cycle_window.open_example()
    window = start_presentation(cycle_window, cycle_window.doc, theme="light")
    qtbot.waitExposed(window)
    try:
        assert nameless(window) == []
        assert window.accessibleName() or window.windowTitle()
    finally:
        window.close()


def test_every_chart_has_a_text_equivalent(qtbot, cycle_window):
    from dienstscan.ui.charts import BarChart, PhaseLadder

    assert cycle_window.open_example()
    seen = 0
    for node in ["dashboard", "kengetallen", *ITEMS]:
        cycle_window.navigate(node)
        QApplication.processEvents()
        for chart in cycle_window.findChildren(BarChart):
            if not chart.isVisible():
                continue
            seen += 1
            text = chart.accessibleDescription()
            assert chart.accessibleName(), chart
            for bar in chart.bars():
                assert chart.bar_sentence(bar) in text
                assert bar.label in text
        for ladder in cycle_window.findChildren(PhaseLadder):
            if ladder.isVisible():
                seen += 1
                assert "Huidige fase:" in ladder.accessibleDescription()
    assert seen >= 3


# ------------------------------------------------------------------ colours


def test_the_palette_is_the_systems(qtbot, cycle_window):
    """No palette set by the program: Qt's platform theme (Windows: the system colours,
    high contrast included) decides, except in the presentation, whose theme the user picks."""
    app = QApplication.instance()
    assert not app.testAttribute(Qt.ApplicationAttribute.AA_SetPalette)
    assert cycle_window.open_example()
    assert not app.testAttribute(Qt.ApplicationAttribute.AA_SetPalette)


HIGH_CONTRAST_BLACK = {  # Windows' "Nachtlucht"/High Contrast Black system colours
    QPalette.ColorRole.Window: "#000000", QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#000000", QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.Button: "#000000", QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.Highlight: "#1aebff", QPalette.ColorRole.HighlightedText: "#000000",
    QPalette.ColorRole.PlaceholderText: "#ffff00",
}


@pytest.fixture
def high_contrast(qtbot, monkeypatch):
    from dienstscan.ui import contrast

    monkeypatch.setattr(contrast, "system_high_contrast", lambda: True)
    app = QApplication.instance()
    before = app.palette()
    palette = QPalette(before)
    for role, colour in HIGH_CONTRAST_BLACK.items():
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    yield palette
    app.setPalette(before)


def _colours(image: QImage) -> set[str]:
    return {image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}


def test_charts_take_the_high_contrast_colours(qtbot, high_contrast):
    from dienstscan.ui import charts

    chart = charts.BarChart(name="Scores")
    qtbot.addWidget(chart)
    lines = (charts.BenchmarkLine(60.0, "norm 60%", "norm"), charts.BenchmarkLine(50.0, "top-10: 50%"))
    chart.set_bars([charts.Bar("a", "Onderdeel A", 40.0, "40%", lines=lines),
                    charts.Bar("b", "Onderdeel B", 90.0, "90%")])
    chart.resize(600, chart.sizeHint().height())
    image = chart.grab().toImage()
    used = _colours(image)
    # the coloured ones (greys also come out of anti-aliasing white text on black)
    own = {c.name() for c in (charts.BAR_COLOUR, charts.TRACK, charts.LINE_NORM, charts.TRACK_BORDER)}
    assert not used & own, used & own
    assert "#ffffff" in used and "#1aebff" in used  # text and bars in the system's colours


def test_charts_keep_their_own_colours_without_high_contrast(qtbot):
    from dienstscan.ui import charts

    chart = charts.BarChart(name="Scores")
    qtbot.addWidget(chart)
    chart.set_bars([charts.Bar("a", "Onderdeel A", 40.0, "40%")])
    chart.resize(600, chart.sizeHint().height())
    assert charts.BAR_COLOUR.name() in _colours(chart.grab().toImage())


def test_muted_labels_use_the_system_colours_in_high_contrast(qtbot, high_contrast):
    from dienstscan.ui.pages.common import text_label

    assert text_label(muted=True).styleSheet() == "color: palette(window-text);"


def test_the_plan_page_keeps_the_reading_order_at_200_percent(qtbot, cycle_window):
    """At 683x310 logical pixels (1366x768 at 200%) the plan page's filters and buttons go over two
    columns and the form under the table (test_scaling); Tab still reads left to right, top down."""
    window = cycle_window
    assert window.open_example()
    window.resize(683, 310)
    window.navigate("verbeterplan")
    for _ in range(4):
        QApplication.processEvents()
    page = window.workspace.stack.currentWidget()
    assert page.narrow
    chain = tab_chain(window)
    assert page.add_button in chain and page.show_hidden in chain and page.form.title in chain
    assert not backwards_steps(window)


def _literal_colours(root: QWidget) -> dict[str, list[str]]:
    """Per widget (class and name): the literal colours in its style sheet or rich text."""
    from PySide6.QtWidgets import QLabel

    from dienstscan.ui.contrast import LITERAL_COLOUR

    found: dict[str, list[str]] = {}
    for widget in [root, *root.findChildren(QWidget)]:
        texts = [widget.styleSheet()]
        if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.PlainText:
            texts.append(widget.text())
        colours = [m.group(0) for text in texts for m in LITERAL_COLOUR.finditer(text)]
        if colours:
            found[f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()}"] = colours
    return found


def _every_page_and_state(window) -> dict[str, dict[str, list[str]]]:
    """Every page of the example scan, the error and notice states that restyle a widget, and the
    dialogs: the literal colours each shows."""
    from pathlib import Path

    from dienstscan.ui.about import AboutDialog
    from dienstscan.ui.cycle_dialogs import NextCycleDialog
    from dienstscan.ui.help import HelpWindow
    from dienstscan.ui.widgets import OptionalDateEdit

    seen = {}
    for page in _pages(window):
        seen[page] = _literal_colours(window)
    window.navigate("verbeterplan")
    QApplication.processEvents()
    for field in window.findChildren(OptionalDateEdit):  # a date that cannot be read: the red state
        field.edit.setText("31-02-2026")
        field.commit_text()
    window.status.recovery_failed("schijf vol")  # the status bar's red warning
    seen["foutmeldingen"] = _literal_colours(window)
    for dialog in (NextCycleDialog(window, Path.home()), AboutDialog(window, window.checklists), HelpWindow(window)):
        seen[type(dialog).__name__] = _literal_colours(dialog)
        dialog.deleteLater()
    return seen


def test_no_widget_draws_in_a_fixed_colour_under_high_contrast(qtbot, cycle_window, high_contrast):
    """Windows high contrast: every page's widgets (style sheets and rich text) take their colours
    from the palette, the error, notice and 'from the previous cycle' states included."""
    seen = _every_page_and_state(cycle_window)
    assert not any(seen.values()), {k: v for k, v in seen.items() if v}
    sheets = [w.styleSheet() for w in cycle_window.findChildren(QWidget) if "palette(" in w.styleSheet()]
    assert sheets  # our borders and notes are still there, in the system's colours


def test_without_high_contrast_the_app_keeps_its_own_colours(qtbot, cycle_window, monkeypatch):
    from dienstscan.ui import contrast

    monkeypatch.setattr(contrast, "system_high_contrast", lambda: False)
    seen = _every_page_and_state(cycle_window)
    assert any(seen.values())  # the scan above finds fixed colours when there are any
    assert any("#9c0006" in colours for page in seen.values() for colours in page.values())


def test_state_icons_take_the_high_contrast_colours(qtbot, high_contrast):
    from dienstscan.ui import icons

    for state in icons.STATE_LABELS:
        image = icons.state_icon(state).pixmap(48, 48).toImage()
        opaque = [image.pixelColor(x, y) for x in range(48) for y in range(48) if image.pixelColor(x, y).alpha() == 255]
        # white text and black base, and their mixes at the edges: greys only, no green or orange
        assert opaque and all(c.red() == c.green() == c.blue() for c in opaque), state
        assert "#ffffff" in {c.name() for c in opaque}, state


def test_palette_sheet_keeps_the_shape_and_replaces_the_colours():
    from dienstscan.ui.contrast import LITERAL_COLOUR, palette_sheet

    sheet = ("QPushButton { border: 2px solid #8a8a8a; padding: 4px 10px; background-color: #fafafa; }"
             "QPushButton:hover { background-color: #e8f0f8; }"
             "QPushButton:checked { background-color: #1f4e79; color: white; font-weight: bold; }")
    out = palette_sheet(sheet)
    assert not LITERAL_COLOUR.search(out)
    assert "border: 2px solid palette(window-text)" in out and "padding: 4px 10px" in out
    assert "background-color: palette(highlight)" in out and "color: palette(highlighted-text)" in out
    assert "e8f0f8" not in out and "font-weight: bold" in out
    assert palette_sheet("color: #9c0006; font-weight: bold;") == "color: palette(window-text); font-weight: bold;"
