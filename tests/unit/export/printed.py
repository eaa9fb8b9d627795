"""Print a workbook or document the way a director does (LibreOffice to PDF) and read the pages
back as word boxes (``pdftotext -bbox``), so tests can assert what ends up on paper: page count,
text size, words inside the page, words whole.

LibreOffice prints Calibri as DejaVu Sans here. pdftotext makes a word box from the font's
bounding box, not its line height: an 11 pt cell printed by LibreOffice at 100% gives 14.3 pt boxes
(1.30 em; ``test_printed_workbook.test_word_box_calibration`` measures it), so a workbook word's
font size on paper is its box height / 1.30. ``EM_BOX`` (1.164 em, DejaVu's ascent + descent) is
kept for documents that were calibrated against it (the report).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
#: ascent + descent of DejaVu Sans, in em: the height pdftotext gives a word box
EM_BOX = 1.164
#: the word box height of a LibreOffice-printed DejaVu Sans word, in em (measured)
LO_EM_BOX = 1.30
#: a source file name as the checklists cite it (seeds/000_82fd8fda93fd0ad4.txt)
SOURCE_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def size(self) -> float:
        """The font size in points, on the report's scale (``EM_BOX``)."""
        return (self.y1 - self.y0) / EM_BOX

    @property
    def lo_size(self) -> float:
        """The font size in points of a word LibreOffice printed (``LO_EM_BOX``)."""
        return (self.y1 - self.y0) / LO_EM_BOX


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def header(self) -> str:
        """The running header line (organisation left, sheet name right: Excel's &A)."""
        top = [w for w in self.words if w.y1 < 40]
        return " ".join(w.text for w in sorted(top, key=lambda w: w.x0))

    def sheet(self, names: list[str]) -> str:
        """Which of ``names`` the running header ends with (the longest that fits)."""
        header = self.header()
        return max((n for n in names if header.endswith(" " + n) or header == n), key=len, default="")

    def column(self, header: str, next_header: str) -> list[Word]:
        """The words below ``header`` and left of ``next_header`` (a table column on this page)."""
        head = next(w for w in self.words if w.text == header)
        right = min(w.x0 for w in self.words if w.text == next_header.split()[0] and w.x0 > head.x0)
        return [w for w in self.words if w.y0 > head.y1 and head.x0 - 1 <= w.x0 < right - 1 and w.y1 < self.height - 40]

    def outside(self) -> list[Word]:
        """Words that do not lie wholly on the paper."""
        return [w for w in self.words
                if w.x0 < -0.5 or w.y0 < -0.5 or w.x1 > self.width + 0.5 or w.y1 > self.height + 0.5]


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')


def to_pdf(path: Path, outdir: Path) -> Path:
    """``path`` printed to PDF by LibreOffice (a private profile, so parallel runs do not clash)."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / "lo-profiel"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), str(path)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    pdf = outdir / (path.stem + ".pdf")
    assert result.returncode == 0 and pdf.is_file(), (result.stdout, result.stderr)
    return pdf


def read_pages(pdf: Path) -> list[Page]:
    out = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for n, (width, height, body) in enumerate(_PAGE.findall(out), start=1):
        words = [Word(html.unescape(t), float(a), float(b), float(c), float(d)) for a, b, c, d, t in _WORD.findall(body)]
        pages.append(Page(n, float(width), float(height), words))
    return pages


def body_size(page: Page, *, top: float = 60, bottom_margin: float = 40, libreoffice: bool = False) -> float:
    """The most common font size of the words between the running header and footer
    (``libreoffice``: of a page LibreOffice printed, measured with ``LO_EM_BOX``)."""
    sizes = [round(w.lo_size if libreoffice else w.size, 1) for w in page.words
             if top < w.y0 < page.height - bottom_margin]
    return max(set(sizes), key=sizes.count)
