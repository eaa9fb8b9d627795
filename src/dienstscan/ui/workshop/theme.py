"""Colours of the presentation mode (light and dark) and the WCAG contrast arithmetic behind them.

A projector washes colours out, so the palettes are near black on white (or the reverse) and the
accent is only ever used with a second cue (bold, a check mark, a frame). ``text_pairs`` lists
every foreground/background pair the window draws text with, and what it needs: AAA (7:1) for
body text, AA for large text (3:1; we still aim higher). The tests compute them all.
"""

from __future__ import annotations

from dataclasses import dataclass

#: WCAG 2.x thresholds.
AA_NORMAL = 4.5
AA_LARGE = 3.0
AAA_NORMAL = 7.0


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio (1..21) of two ``#RRGGBB`` colours."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class Palette:
    name: str
    background: str
    text: str
    muted: str  # secondary text (framework line, hints): still body text, so AAA
    accent: str  # headings and the frame of the chosen answer
    chosen_background: str
    chosen_text: str
    frame: str  # borders of the answer boxes (not text)
    overlay_background: str
    blank: str = "#000000"

    def text_pairs(self) -> list[tuple[str, str, str, float]]:
        """(what, foreground, background, required ratio) for every text the window draws."""
        return [
            ("hoofdtekst", self.text, self.background, AAA_NORMAL),
            ("secundaire tekst", self.muted, self.background, AAA_NORMAL),
            ("accent (koppen)", self.accent, self.background, AAA_NORMAL),
            ("gekozen antwoord", self.chosen_text, self.chosen_background, AAA_NORMAL),
            ("tekst op overlay", self.text, self.overlay_background, AAA_NORMAL),
            ("secundair op overlay", self.muted, self.overlay_background, AAA_NORMAL),
            ("kader antwoord", self.frame, self.background, AA_LARGE),
        ]


LIGHT = Palette(
    name="light",
    background="#FFFFFF",
    text="#111111",
    muted="#3D3D3D",
    accent="#0A3A82",
    chosen_background="#0A3A82",
    chosen_text="#FFFFFF",
    frame="#555555",
    overlay_background="#F2F2F2",
)

DARK = Palette(
    name="dark",
    background="#101010",
    text="#F5F5F5",
    muted="#CFCFCF",
    accent="#A8CBFF",
    chosen_background="#A8CBFF",
    chosen_text="#101010",
    frame="#9A9A9A",
    overlay_background="#202020",
)

PALETTES = {"light": LIGHT, "dark": DARK}


def palette(theme: str) -> Palette:
    try:
        return PALETTES[theme]
    except KeyError:
        raise ValueError(f"onbekend thema {theme!r}; kies 'light' of 'dark'") from None


def stylesheet(p: Palette) -> str:
    """The presentation window's style sheet; widgets pick their colours by object name."""
    return f"""
        #presentation, #page {{ background: {p.background}; }}
        QLabel {{ color: {p.text}; background: transparent; }}
        QLabel#muted {{ color: {p.muted}; }}
        QLabel#accent {{ color: {p.accent}; }}
        QLabel#option {{ color: {p.text}; background: {p.background}; border: 3px solid {p.frame};
                         border-radius: 6px; padding: 0.3em 0.5em; }}
        QLabel#chosen {{ color: {p.chosen_text}; background: {p.chosen_background};
                         border: 6px solid {p.text}; border-radius: 6px; padding: 0.3em 0.5em; }}
        #blank {{ background: {p.blank}; }}
        QFrame#overlay {{ background: {p.overlay_background}; border: 4px solid {p.accent}; }}
        QFrame#overlay QLabel {{ background: transparent; }}
        QPlainTextEdit#editor {{ color: {p.text}; background: {p.background}; border: 3px solid {p.frame}; }}
    """
