"""installer/make_icons.py: every size rendered from the SVG, and an ICO Windows can read."""

from __future__ import annotations

import importlib.util
import struct
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def make_icons():
    spec = importlib.util.spec_from_file_location("make_icons", REPO / "installer" / "make_icons.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_icons"] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("make_icons", None)


def _read_ico(data: bytes) -> list[tuple[int, bytes]]:
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    images = []
    for i in range(count):
        width, height, colours, _res, planes, bits, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert width == height and colours == 0 and planes == 1 and bits == 32
        images.append((width or 256, data[offset:offset + size]))
    return images


def test_ico_holds_every_size_as_png(make_icons, tmp_path, qapp):
    pngs = make_icons.make_icons(tmp_path)
    assert sorted(pngs) == sorted(make_icons.SIZES)
    images = _read_ico((tmp_path / "dienstscan.ico").read_bytes())
    assert [size for size, _ in images] == sorted(make_icons.SIZES)
    for size, png in images:
        assert png.startswith(PNG_SIGNATURE)
        width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
        assert (width, height) == (size, size)
        assert png == (tmp_path / f"dienstscan-{size}.png").read_bytes()


def test_rendered_icon_has_the_svg_colours(make_icons, tmp_path, qapp):
    from PySide6.QtGui import QColor, QImage

    make_icons.make_icons(tmp_path, sizes=(64,))
    image = QImage(str(tmp_path / "dienstscan-64.png"))
    assert image.pixelColor(0, 0).alpha() == 0  # outside the rounded square: transparent
    assert image.pixelColor(6, 32).name() == QColor("#154273").name()  # the blue background


def test_ico_refuses_sizes_windows_cannot_hold(make_icons):
    with pytest.raises(ValueError, match="1 tot 256"):
        make_icons.ico_bytes({512: PNG_SIGNATURE})
