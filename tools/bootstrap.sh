#!/usr/bin/env bash
# Sets up Dienstscan on a fresh machine: Qt's system libraries (Debian/Ubuntu, when missing and
# when we may install them), Debian's chromium for the real-browser test of the phones' page
# (Playwright drives it; it never downloads a browser of its own), a virtual environment in .venv
# and the package with its test extras.
# Safe to run again: it only installs what is missing. Usage: tools/bootstrap.sh [--with-office]
#   --with-office  also install LibreOffice (the Excel round-trip tests and tools/look-plan use it)
set -euo pipefail
cd "$(dirname "$0")/.."

want_office=0
[ "${1:-}" = "--with-office" ] && want_office=1

apt_install() {
    # Install Debian packages when we are root (CI, a fresh VM) or have password-less sudo.
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
            echo "Dienstscan: ontbrekende systeempakketten: $*" >&2
            echo "Installeer ze met: sudo apt-get install $*" >&2
            return 0
        fi
    fi
    command -v apt-get >/dev/null || return 0
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq || true
    $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing=()
if command -v dpkg-query >/dev/null; then
    # Qt 6 (PySide6-Essentials) needs these at run time, also offscreen; xcb ones for a real window.
    for pkg in libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
               libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
               libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 \
               libx11-xcb1 fonts-dejavu-core \
               libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; do
        # (the last three: Pango and HarfBuzz, which WeasyPrint lays out and subsets fonts with for the PDF report)
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    python3 -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv)
    # the participant page is tested in a real browser (tests/phone_browser.py)
    [ -x /usr/bin/chromium ] || command -v chromium >/dev/null || missing+=(chromium)
    # the screen-reader test reads the app's names over AT-SPI on Xvfb (tests/ui/test_atspi.py)
    for pkg in python3-pyatspi at-spi2-core dbus xvfb xauth; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    if [ "$want_office" -eq 1 ]; then
        # Calc prints the Excel plan, Writer the Word report, poppler reads the PDFs back
        for pkg in libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils; do
            dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
        done
    fi
fi
[ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e '.[test]' \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)  # noise of a pip config
