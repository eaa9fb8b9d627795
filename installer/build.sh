#!/usr/bin/env bash
# Build and check the Dienstscan bundle on Linux: what can be proven without a Windows machine.
#
#   installer/build.sh [--no-nsis] [--release]
#
# 1. icons from assets/dienstscan.svg (installer/make_icons.py)
# 2. the one-folder bundle dist/Dienstscan with installer/dienstscan.spec (the same spec Windows uses)
# 3. smoke test of the bundled executables, run from an empty folder with HOME, XDG folders,
#    log and data folders in a temporary directory: --version, validate, export of the bundled
#    example scan to .xlsx (re-opened with openpyxl), and the GUI started offscreen and
#    closed by itself; then checks that the log was written in the user's log folder and that
#    nothing was written into the program folder
# 4. the portable zip dist/Dienstscan-VERSION-linux-portable.zip
# 5. makensis compiles installer/dienstscan.nsi with the Linux bundle as payload (zlib; --release
#    uses the real installer's lzma), so a broken installer script fails here
#
# Needs: .venv with the package (tools/bootstrap.sh); PyInstaller is installed into .venv from
# the "build" extra when missing; makensis from Debian's "nsis" (apt-get install nsis; installed
# here when running as root). Exit code 0 only when every step passed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-$ROOT/.venv/bin/python}

nsis=1
compressor=zlib
for arg in "$@"; do
    case "$arg" in
        --no-nsis) nsis=0 ;;
        --release) compressor="/SOLID lzma" ;;
        *) echo "onbekende optie: $arg (gebruik --no-nsis of --release)" >&2; exit 2 ;;
    esac
done

start_all=$SECONDS
step_start=$SECONDS
step() { echo; echo "== $* (na $((SECONDS - start_all)) s)"; step_start=$SECONDS; }
done_step() { echo "   klaar in $((SECONDS - step_start)) s"; }
fail() { echo "MISLUKT: $*" >&2; exit 1; }

VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
VERSION4=$("$PY" -c 'import re, sys; n = [int(re.sub(r"\D", "", p) or 0) for p in sys.argv[1].split(".")[:4]]; print(".".join(map(str, n + [0] * (4 - len(n)))))' "$VERSION")
echo "Dienstscan $VERSION ($VERSION4)"

[ -f examples/gemeente-voorbeeld.dienstscan ] || fail "examples/gemeente-voorbeeld.dienstscan ontbreekt (maak hem met examples/make_example.py)"
ls checklists/*.yaml >/dev/null 2>&1 || fail "geen checklists in checklists/*.yaml"

step "1. PyInstaller en pictogrammen"
"$PY" -c 'import PyInstaller' 2>/dev/null || "$PY" -m pip install -q -e '.[build]'
"$PY" installer/make_icons.py --out build/icons
done_step

step "2. Bundel bouwen (PyInstaller, one-folder)"
rm -rf dist/Dienstscan
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
    installer/dienstscan.spec > build/pyinstaller.log 2>&1 || { tail -40 build/pyinstaller.log; fail "PyInstaller"; }
BUNDLE=$ROOT/dist/Dienstscan
[ -x "$BUNDLE/Dienstscan" ] && [ -x "$BUNDLE/dienstscan-cli" ] || fail "de bundel mist Dienstscan of dienstscan-cli"
[ -f "$BUNDLE/_internal/PySide6/Qt/translations/qtbase_nl.qm" ] || fail "qtbase_nl.qm zit niet in de bundel"
echo "   $(du -sh "$BUNDLE" | cut -f1) in $BUNDLE"
done_step

step "3. Rooktest van de gebundelde programma's"
SMOKE=$(mktemp -d /tmp/dienstscan-rooktest-XXXXXX)
trap 'rm -rf "$SMOKE"' EXIT
mkdir -p "$SMOKE/home" "$SMOKE/cwd" "$SMOKE/logs" "$SMOKE/data"
before=$(cd "$BUNDLE" && find . -printf '%p %s %T@\n' | sort)
# A clean user: nothing from the checkout or the developer's environment may leak in.
run() {
    (cd "$SMOKE/cwd" && env -i PATH=/usr/bin:/bin HOME="$SMOKE/home" LANG=C.UTF-8 \
        XDG_CONFIG_HOME="$SMOKE/home/.config" XDG_DATA_HOME="$SMOKE/home/.local/share" \
        XDG_STATE_HOME="$SMOKE/home/.local/state" XDG_RUNTIME_DIR="$SMOKE/home" \
        DIENSTSCAN_LOG_DIR="$SMOKE/logs" DIENSTSCAN_DATA_DIR="$SMOKE/data" QT_QPA_PLATFORM=offscreen \
        timeout 120 "$@")
}

out=$(run "$BUNDLE/dienstscan-cli" --version) || fail "--version"
[ "$out" = "Dienstscan $VERSION" ] || fail "--version gaf '$out', verwacht 'Dienstscan $VERSION'"
echo "   --version: $out"

run "$BUNDLE/dienstscan-cli" validate > "$SMOKE/validate.txt" 2>&1 || { cat "$SMOKE/validate.txt"; fail "validate"; }
grep -q "_internal/checklists" "$SMOKE/validate.txt" || { cat "$SMOKE/validate.txt"; fail "validate las niet de meegeleverde checklists"; }
echo "   validate: $(head -1 "$SMOKE/validate.txt")"

cp "$BUNDLE/_internal/examples/gemeente-voorbeeld.dienstscan" "$SMOKE/cwd/scan.dienstscan"
run "$BUNDLE/dienstscan-cli" export scan.dienstscan -o plan.xlsx > "$SMOKE/export.txt" 2>&1 \
    || { cat "$SMOKE/export.txt"; fail "export"; }
"$PY" - "$SMOKE/cwd/plan.xlsx" <<'EOF' || fail "de geëxporteerde werkmap is niet te openen"
import sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
assert "Verbeterplan" in wb.sheetnames, wb.sheetnames
print(f"   export: {len(wb.sheetnames)} werkbladen ({', '.join(wb.sheetnames[:4])}, ...)")
EOF

gui_start=$SECONDS
run "$BUNDLE/Dienstscan" --afsluiten-na 2 > "$SMOKE/gui.txt" 2>&1 || { cat "$SMOKE/gui.txt"; fail "GUI starten en sluiten"; }
grep -q "^Venster: " "$SMOKE/gui.txt" || { cat "$SMOKE/gui.txt"; fail "de GUI meldde geen venster"; }
grep -q "(geen zichtbaar venster)" "$SMOKE/gui.txt" && { cat "$SMOKE/gui.txt"; fail "de GUI sloot zonder zichtbaar venster"; }
grep -q "^Qt-vertaling: Annuleren$" "$SMOKE/gui.txt" || { cat "$SMOKE/gui.txt"; fail "Qt's Nederlandse vertaling is niet geladen"; }
echo "   GUI: $(grep -m1 '^Venster: ' "$SMOKE/gui.txt") (gestart en gesloten in $((SECONDS - gui_start)) s), Qt in het Nederlands"

[ -s "$SMOKE/logs/dienstscan.log" ] || fail "geen logbestand in de logmap van de gebruiker"
grep -q "Dienstscan $VERSION gestart" "$SMOKE/logs/dienstscan.log" || fail "het logbestand mist de startregel"
echo "   log: $(wc -l < "$SMOKE/logs/dienstscan.log") regels in de logmap van de gebruiker"
after=$(cd "$BUNDLE" && find . -printf '%p %s %T@\n' | sort)
[ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after") | head; fail "er is geschreven in de programmamap"; }
echo "   programmamap ongewijzigd"
done_step

step "4. Draagbare zip"
ZIP=dist/Dienstscan-$VERSION-linux-portable.zip
rm -f "$ZIP"
"$PY" - "$ZIP" <<'EOF'
import sys, zipfile
from pathlib import Path
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
    for path in sorted(Path("dist/Dienstscan").rglob("*")):
        zf.write(path, path.relative_to("dist"))
EOF
echo "   $ZIP ($(du -h "$ZIP" | cut -f1))"
done_step

if [ "$nsis" -eq 1 ]; then
    step "5. NSIS-script compileren (makensis, Linux-bundel als inhoud)"
    if ! command -v makensis >/dev/null; then
        if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nsis >/dev/null \
                || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nsis >/dev/null; }
        fi
        command -v makensis >/dev/null || fail "makensis ontbreekt: sudo apt-get install nsis (of draai met --no-nsis)"
    fi
    SETUP=$ROOT/dist/Dienstscan-$VERSION-setup-linuxcheck.exe
    makensis -V2 -WX "-DVERSION=$VERSION" "-DVERSION4=$VERSION4" "-DSOURCE_DIR=$BUNDLE" \
        "-DOUTFILE=$SETUP" "-DICON=$ROOT/build/icons/dienstscan.ico" "-DCOMPRESSOR=$compressor" \
        installer/dienstscan.nsi || fail "makensis"
    echo "   $SETUP ($(du -h "$SETUP" | cut -f1))"
    done_step
fi

echo
echo "Alles geslaagd in $((SECONDS - start_all)) s."
