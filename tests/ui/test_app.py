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
