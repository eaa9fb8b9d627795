"""Application start: Qt's own texts in Dutch, Dutch number and date format, the window icon."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QLocale


def test_dutch_qt_translation_and_locale(qapp):
    from dienstscan.ui.app import _translators, create_application

    app = create_application()
    assert _translators, "qtbase_nl (of qt_nl) uit de vertalingenmap van PySide6 is niet geladen"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"
    assert QCoreApplication.translate("QPlatformTheme", "Save") == "Opslaan"
    assert QLocale().toString(1234.5, "f", 1) == "1.234,5"
    assert QLocale().toString(QDate(2011, 7, 5), "d MMMM yyyy") == "5 juli 2011"
    assert not app.windowIcon().isNull()


def test_first_start_maximised_then_the_saved_geometry(qtbot, checklists, monkeypatch):
    """No saved geometry: the window fills the screen (maximised); after a quit it comes back where it was."""
    from PySide6.QtCore import QRect, Qt

    from dienstscan.ui import settings
    from dienstscan.ui.app import fit_to_screen, remember_geometry
    from dienstscan.ui.main_window import MainWindow

    monkeypatch.setattr(settings, "window_geometry", lambda: None)
    first = MainWindow(checklists)
    qtbot.addWidget(first)
    fit_to_screen(first)
    assert first.windowState() & Qt.WindowState.WindowMaximized
    assert first.geometry().width() >= first.screen().availableGeometry().width() - 20

    stored: list[bytes] = []
    monkeypatch.setattr(settings, "set_window_geometry", stored.append)
    first.setWindowState(Qt.WindowState.WindowNoState)
    first.setGeometry(QRect(40, 50, 1000, 640))
    remember_geometry(first)
    assert stored and isinstance(stored[0], bytes)

    monkeypatch.setattr(settings, "window_geometry", lambda: stored[0])
    second = MainWindow(checklists)
    qtbot.addWidget(second)
    fit_to_screen(second)
    assert not second.windowState() & Qt.WindowState.WindowMaximized
    # the offscreen screen is 800x800, so Qt narrows and shifts the window sideways; height and top stay
    assert (second.geometry().y(), second.geometry().height()) == (50, 640)


def test_saved_geometry_off_every_screen_still_opens_on_a_screen(qtbot, checklists, monkeypatch):
    from PySide6.QtCore import QRect, Qt

    from dienstscan.ui import settings
    from dienstscan.ui.app import fit_to_screen
    from dienstscan.ui.main_window import MainWindow

    elsewhere = MainWindow(checklists)
    qtbot.addWidget(elsewhere)
    elsewhere.setGeometry(QRect(9000, 9000, 1000, 640))  # where a second monitor used to be
    saved = bytes(elsewhere.saveGeometry())
    monkeypatch.setattr(settings, "window_geometry", lambda: saved)
    window = MainWindow(checklists)
    qtbot.addWidget(window)
    fit_to_screen(window)
    screen = window.screen().availableGeometry()
    # Qt moves a restored window onto a screen, else fit_to_screen maximises it: either way in view
    assert screen.intersects(window.frameGeometry())
    assert window.windowState() & Qt.WindowState.WindowMaximized or screen.contains(window.frameGeometry().topLeft())


def test_settings_keep_geometry_and_navigation_choice():
    from dienstscan.ui import settings

    settings.set_window_geometry(b"\x01\x02geometry")
    assert settings.window_geometry() == b"\x01\x02geometry"
    assert settings.navigation_visible() is True
    settings.set_navigation_visible(False)
    assert settings.navigation_visible() is False
    settings.set_navigation_visible(True)
    assert settings.navigation_visible() is True
