#!/usr/bin/env bash
# Look at the Excel plan as a manager does: export a scan (default: the example scan) to .xlsx,
# convert it to PDF with LibreOffice and render every page as PNG with pdftoppm.
#   tools/look-plan.sh [SCAN] [OUTDIR] [DPI]
# Prints the PNG paths; open each one. Needs LibreOffice and poppler-utils (look-document installs
# them when run as root). Falls back to a plan built in Python when no example scan exists yet.
set -euo pipefail
cd "$(dirname "$0")/.."
scan=${1:-examples/gemeente-voorbeeld.dienstscan}
outdir=${2:-/tmp/dienstscan-look-plan}
dpi=${3:-70}
mkdir -p "$outdir"
rm -f "$outdir"/*.png "$outdir"/*.pdf
xlsx="$outdir/verbeterplan.xlsx"
if [ -f "$scan" ]; then
    .venv/bin/dienstscan export "$scan" -o "$xlsx"
else
    echo "($scan ontbreekt: voorbeeldplan uit tests/unit/export/plan_factory.py)" >&2
    PYTHONPATH=tests/unit/export .venv/bin/python -c "
from pathlib import Path
from plan_factory import make_assessment, make_checklists
from dienstscan.export.excel_plan import export_plan
c = make_checklists()
export_plan(c, make_assessment(c), Path('$xlsx'))"
fi
look=/work/shared/tools/look-document
if [ -x "$look" ]; then
    "$look" "$xlsx" "$outdir" "$dpi"
else
    prof=$(mktemp -d)
    soffice -env:UserInstallation=file://$prof --headless --convert-to pdf --outdir "$outdir" "$xlsx" >/dev/null 2>&1
    rm -rf "$prof"
    pdftoppm -r "$dpi" -png "$outdir/verbeterplan.pdf" "$outdir/verbeterplan-page"
    ls "$outdir"/verbeterplan-page*.png
fi
