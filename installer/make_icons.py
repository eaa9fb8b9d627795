"""Render the application icon from ``assets/dienstscan.svg``: PNG sizes and a Windows ``.ico``.

Run from the repository root (``installer/build.sh`` does it before PyInstaller)::

    .venv/bin/python installer/make_icons.py [--out build/icons] [--update-assets]

Writes ``dienstscan-16.png`` … ``dienstscan-256.png`` and ``dienstscan.ico`` (all sizes 16 to
256, each entry PNG-compressed, which Windows reads since Vista) into ``--out``.
``--update-assets`` also rewrites ``assets/dienstscan.png`` (256 px), the fallback the running
program uses next to the SVG; that one file is committed, the rest are build output.

The SVG is drawn with Qt's own ``QSvgRenderer`` (PySide6-Essentials ships QtSvg), so no image
library is needed; the ICO container is written here (a 6-byte header, a 16-byte entry per
image, then the PNG data).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "assets" / "dienstscan.svg"
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG drawn at ``size`` x ``size`` pixels, transparent around it, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"PNG van {size} px kon niet worden gemaakt")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding the given square PNG images (size -> PNG bytes), smallest first.

    ICONDIR: reserved 0, type 1 (icon), count. ICONDIRENTRY per image: width and height (0 means
    256), colour count 0, reserved 0, planes 1, bits per pixel 32, data size, data offset.
    """
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        if not 1 <= size <= 256:
            raise ValueError(f"een pictogram is 1 tot 256 pixels, niet {size}")
        data = pngs[size]
        dim = 0 if size == 256 else size
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset))
        blobs.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(blobs)


def make_icons(out: Path, svg: Path = SVG, sizes: tuple[int, ...] = SIZES) -> dict[int, bytes]:
    """Write the PNGs and ``dienstscan.ico`` into ``out``; returns the PNG bytes per size."""
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # QImage text/fonts need it
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: geen geldige SVG")
    out.mkdir(parents=True, exist_ok=True)
    pngs = {size: render_png(renderer, size) for size in sizes}
    for size, data in pngs.items():
        (out / f"dienstscan-{size}.png").write_bytes(data)
    (out / "dienstscan.ico").write_bytes(ico_bytes(pngs))
    return pngs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Maak de pictogrammen (.png, .ico) uit assets/dienstscan.svg.")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "icons", help="uitvoermap (standaard build/icons)")
    parser.add_argument("--update-assets", action="store_true", help="schrijf ook assets/dienstscan.png (256 px)")
    args = parser.parse_args(argv)
    pngs = make_icons(args.out)
    if args.update_assets:
        (ROOT / "assets" / "dienstscan.png").write_bytes(pngs[256])
    print(f"Pictogrammen geschreven naar {args.out} ({len(pngs)} maten en dienstscan.ico)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
