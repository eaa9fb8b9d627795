"""The Werkblad PDCA as it prints: no word of a decided action's printed text is broken inside
("Toegankelijkh|eidsstatus", "Terugmeldi|ngen" on paper before), measured in DejaVu Sans, the
font LibreOffice prints Calibri with (wider than Calibri)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from test_summary_print_size import DEJAVU, column_points

from dienstscan.checklists import load_checklists
from dienstscan.export.excel_plan import export_plan
from dienstscan.export.excel_plan.workbook import PLAN_COLUMNS, PRINTED_WORK_COLUMNS, WORD_WIDTH_LIMIT, WORK_SHEET
from dienstscan.storage import load_scan

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans (fonts-dejavu-core) is niet geïnstalleerd")
@pytest.mark.parametrize("example", ["gemeente-2026.dienstscan", "gemeente-voorbeeld.dienstscan"])
def test_every_printed_word_fits_its_column(tmp_path, example):
    from PIL import ImageFont

    font = ImageFont.truetype(str(DEJAVU), 1100)
    path = tmp_path / "plan.xlsx"
    export_plan(load_checklists(), load_scan(EXAMPLES / example), path)
    ws = load_workbook(path)[WORK_SHEET]
    limit = column_points(WORD_WIDTH_LIMIT)
    header = next(r for r in range(1, 10) if ws.cell(row=r, column=1).value == "ID")
    broken = []
    for r in range(header + 1, ws.max_row + 1):
        if ws.cell(row=r, column=1).value in (None, "") or str(ws.cell(row=r, column=1).value).startswith("Voorstellen"):
            break  # the decided actions end (the proposals below do not print)
        for c, column in enumerate(PLAN_COLUMNS[:PRINTED_WORK_COLUMNS], start=1):
            value = ws.cell(row=r, column=c).value
            if not column.wrap or not isinstance(value, str):
                continue
            room = column_points(ws.column_dimensions[get_column_letter(c)].width)
            for word in value.split():
                needed = font.getlength(word) / 100 + 4
                if needed > room and needed <= limit:
                    broken.append((column.header, word, round(needed), round(room)))
    assert not broken, broken
