"""What differs between two .xlsx files, as a reader of the workbook would see it.

For checking that a change to how the Excel plan is written (a faster way to make its cells, say)
leaves the workbook as it was: every cell's value, type and style (font, fill, border, alignment,
number format, protection, quote prefix; as openpyxl reads it and as the file holds it), merged
ranges, row heights and column widths, data validations, conditional formatting, tables,
filters, frozen panes, print setup, sheet protection and state, defined names, and the chart
parts as written. The time of the export
(document properties, the hidden sheet's ``geexporteerd``) and the scan's generated id (a
new one each time a test scan is made) are left out.

Run:  .venv/bin/python tests/unit/export/workbook_diff.py A.xlsx B.xlsx [A2.xlsx B2.xlsx ...]
"""

from __future__ import annotations

import re
import sys
import zipfile
from copy import copy
from pathlib import Path

from openpyxl.xml.functions import fromstring, tostring

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

#: An ISO timestamp (the moment of the export), masked before comparing.
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?")
#: A generated id (uuid4), masked too.
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
#: How many differences are listed per workbook before the rest is only counted.
LIMIT = 40


def _style(cell) -> tuple:
    # copy() unwraps openpyxl's style proxies into the style objects, which compare by content
    return (copy(cell.font), copy(cell.fill), copy(cell.border), copy(cell.alignment), cell.number_format,
            copy(cell.protection), cell.quotePrefix)


def _xml(obj) -> str:
    """An openpyxl object as the XML it is written as (None when it writes nothing)."""
    tree = obj.to_tree()
    return None if tree is None else tostring(tree).decode()


def _value(cell) -> object:
    value = cell.value
    return _UUID.sub("<id>", _STAMP.sub("<tijd>", value)) if isinstance(value, str) else value


def _dims(dimensions, attrs: tuple[str, ...]) -> dict:
    return {key: tuple(getattr(d, a) for a in attrs) for key, d in dimensions.items()
            if any(getattr(d, a) not in (None, False, 0) for a in attrs)}


def _sheet_facts(ws: Worksheet) -> dict[str, object]:
    """Everything of a sheet except its cells, as comparable values."""
    return {
        "state": ws.sheet_state,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "rows": _dims(ws.row_dimensions, ("ht", "hidden", "outlineLevel")),
        "columns": _dims(ws.column_dimensions, ("width", "hidden", "outlineLevel")),
        "validations": sorted(_xml(dv) for dv in ws.data_validations.dataValidation),
        "conditional": sorted((str(rng.sqref), _xml(rule)) for rng in ws.conditional_formatting
                              for rule in rng.rules),
        "tables": sorted(_xml(t) for t in ws.tables.values()),
        "filter": _xml(ws.auto_filter),
        "freeze": ws.freeze_panes,
        "print_area": ws.print_area,
        "print_titles": (ws.print_title_rows, ws.print_title_cols),
        "page_setup": _xml(ws.page_setup),
        "margins": _xml(ws.page_margins),
        "print_options": _xml(ws.print_options),
        "fit": _xml(ws.sheet_properties),
        "header_footer": _xml(ws.HeaderFooter),
        "protection": _xml(ws.protection),
        "views": _xml(ws.views),
    }


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _written_styles(path: Path) -> dict[tuple[str, str], tuple]:
    """(sheet, cell reference) -> the cell's style as written in the file, by content (font, fill,
    border, number format, alignment, protection), whatever its index. openpyxl's reader gives
    merged cells their borders from the range's first cell again, so what a merge wrote on the
    other cells is only seen here."""
    with zipfile.ZipFile(path) as z:
        styles = fromstring(z.read("xl/styles.xml"))
        formats = {f.get("numFmtId"): f.get("formatCode") for f in styles.iter(f"{_MAIN}numFmt")}

        def parts(tag: str) -> list[str]:
            group = styles.find(f"{_MAIN}{tag}s")
            return [] if group is None else [tostring(e).decode() for e in group]

        fonts, fills, borders = parts("font"), parts("fill"), parts("border")
        xfs = []
        for xf in styles.find(f"{_MAIN}cellXfs"):
            number = xf.get("numFmtId", "0")
            xfs.append((fonts[int(xf.get("fontId", 0))], fills[int(xf.get("fillId", 0))],
                        borders[int(xf.get("borderId", 0))], formats.get(number, number),
                        tuple(tostring(child).decode() for child in xf), xf.get("quotePrefix")))
        book = fromstring(z.read("xl/workbook.xml"))
        rels = {r.get("Id"): r.get("Target") for r in fromstring(z.read("xl/_rels/workbook.xml.rels"))}
        found = {}
        for sheet in book.iter(f"{_MAIN}sheet"):
            target = rels[sheet.get(f"{_REL}id")].lstrip("/")
            xml = fromstring(z.read(target if target.startswith("xl/") else f"xl/{target}"))
            for cell in xml.iter(f"{_MAIN}c"):
                found[(sheet.get("name"), cell.get("r"))] = xfs[int(cell.get("s", 0))]
    return found


def _chart_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith(("xl/charts/", "xl/drawings/"))}


def workbook_differences(a: Path, b: Path, limit: int = LIMIT) -> list[str]:
    """The differences between workbooks ``a`` and ``b``, in words; empty when they are the same."""
    found: list[str] = []

    def note(text: str) -> None:
        found.append(text)

    wa, wb = load_workbook(a), load_workbook(b)
    if wa.sheetnames != wb.sheetnames:
        note(f"bladen: {wa.sheetnames} / {wb.sheetnames}")
    names_a = {n: repr(d) for n, d in wa.defined_names.items()}
    names_b = {n: repr(d) for n, d in wb.defined_names.items()}
    if names_a != names_b:
        note(f"namen: {names_a} / {names_b}")
    for title in [t for t in wa.sheetnames if t in wb.sheetnames]:
        sa, sb = wa[title], wb[title]
        facts_a, facts_b = _sheet_facts(sa), _sheet_facts(sb)
        for key in facts_a:
            if facts_a[key] != facts_b[key]:
                note(f"{title}: {key}: {facts_a[key]!r} / {facts_b[key]!r}")
        coords = sorted(set(sa._cells) | set(sb._cells))
        for coord in coords:
            ca, cb = sa._cells.get(coord), sb._cells.get(coord)
            where = f"{title}!R{coord[0]}C{coord[1]}"
            if ca is None or cb is None:
                only = ca if cb is None else cb
                if only.value is not None or only.has_style:
                    note(f"{where}: alleen in {'a' if cb is None else 'b'}: {only.value!r}")
                continue
            if (_value(ca), ca.data_type) != (_value(cb), cb.data_type):
                note(f"{where}: waarde {ca.value!r} ({ca.data_type}) / {cb.value!r} ({cb.data_type})")
            if _style(ca) != _style(cb):
                diff = [name for name, x, y in zip(("font", "fill", "border", "alignment", "number_format",
                                                    "protection", "quotePrefix"), _style(ca), _style(cb),
                                                   strict=True) if x != y]
                note(f"{where}: stijl verschilt in {', '.join(diff)}")
    written_a, written_b = _written_styles(a), _written_styles(b)
    for title, ref in sorted(set(written_a) | set(written_b)):
        if written_a.get((title, ref)) != written_b.get((title, ref)):
            note(f"{title}!{ref}: stijl in het bestand verschilt")
    charts_a, charts_b = _chart_parts(a), _chart_parts(b)
    for name in sorted(set(charts_a) | set(charts_b)):
        if charts_a.get(name) != charts_b.get(name):
            note(f"grafiekdeel {name} verschilt")
    if len(found) > limit:
        return [*found[:limit], f"... en nog {len(found) - limit} verschillen"]
    return found


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv[1:]]
    if not paths or len(paths) % 2:
        print(__doc__)
        return 2
    failed = 0
    for a, b in zip(paths[::2], paths[1::2], strict=True):
        differences = workbook_differences(a, b)
        print(f"{a.name}: {'gelijk' if not differences else f'{len(differences)} verschillen'}")
        for line in differences:
            print(f"  {line}")
        failed += bool(differences)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
