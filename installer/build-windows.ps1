<#
.SYNOPSIS
  Build the Windows release of Dienstscan: bundle, smoke test, signing, installer, portable zip.

.DESCRIPTION
  Run on a Windows build machine from the repository root, in PowerShell 5.1 or 7:

    powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1 [-CertThumbprint <sha1>] [-SkipSign]

  Needs: Python 3.11 (py launcher), NSIS 3.08 or newer (makensis on PATH or in
  "C:\Program Files (x86)\NSIS"), and for signing the Windows SDK's signtool.exe with a
  code-signing certificate in the user's certificate store (or on a token), given by thumbprint.

  Steps (the same as installer/build.sh on Linux, plus signing):
    1. .venv with the package and the "build" extra (PyInstaller)
    2. icons from assets\dienstscan.svg (installer\make_icons.py)
    3. PyInstaller one-folder build dist\Dienstscan (installer\dienstscan.spec)
    4. smoke test of dist\Dienstscan\dienstscan-cli.exe (--version, validate, export) and of
       Dienstscan.exe (GUI started offscreen and closed by itself)
    5. signing of both .exe files (before they go into the zip and the installer)
    6. portable zip dist\Dienstscan-<versie>-portable.zip
    7. makensis installer\dienstscan.nsi -> dist\Dienstscan-<versie>-setup.exe, itself signed and
       with a signed uninstaller (!finalize / !uninstfinalize)
#>
[CmdletBinding()]
param(
    [string]$CertThumbprint = $env:DIENSTSCAN_CERT_THUMBPRINT,
    [string]$TimestampUrl = "http://timestamp.digicert.com",
    [switch]$SkipSign,
    # Pango and its DLLs (MSYS2's mingw-w64-ucrt-x86_64-pango) for the tagged PDF report; the
    # bundle carries them and the smoke test checks the PDF is tagged. -WithoutPango builds
    # without them: the report is then printed through Qt, untagged (say so when handing it out).
    [string]$PangoBin = "C:\msys64\ucrt64\bin",
    [switch]$WithoutPango
)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
$Root = (Get-Location).Path
$Started = Get-Date

function Step($text) { Write-Host ""; Write-Host ("== {0} (na {1:n0} s)" -f $text, ((Get-Date) - $Started).TotalSeconds) }
function Fail($text) { Write-Error "MISLUKT: $text"; exit 1 }
function Run($exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { Fail "$exe $($arguments -join ' ') (code $LASTEXITCODE)" }
}

# --- 1. environment ----------------------------------------------------------------------------
Step "1. Python-omgeving"
if (-not (Test-Path .venv\Scripts\python.exe)) { Run py @("-3.11", "-m", "venv", ".venv") }
$Py = Join-Path $Root ".venv\Scripts\python.exe"
Run $Py @("-m", "pip", "install", "-q", "--upgrade", "pip")
Run $Py @("-m", "pip", "install", "-q", "-e", ".[build]")
$Version = & $Py -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
$Version4 = & $Py -c "import re, sys; n = [int(re.sub(r'\D', '', p) or 0) for p in sys.argv[1].split('.')[:4]]; print('.'.join(map(str, n + [0] * (4 - len(n)))))" $Version
Write-Host "Dienstscan $Version ($Version4)"
if (-not (Test-Path examples\gemeente-voorbeeld.dienstscan)) { Fail "examples\gemeente-voorbeeld.dienstscan ontbreekt" }

# --- 2 and 3. icons and bundle -----------------------------------------------------------------
Step "2. Pictogrammen"
Run $Py @("installer\make_icons.py", "--out", "build\icons")

Step "3. Bundel (PyInstaller, one-folder)"
if ($WithoutPango) {
    Remove-Item Env:\DIENSTSCAN_PANGO_BIN -ErrorAction SilentlyContinue
    Write-Host "   LET OP: zonder Pango (-WithoutPango): het PDF-rapport wordt niet getagd"
} else {
    if (-not (Test-Path "$PangoBin\libpango-1.0-0.dll")) {
        Fail "Pango ontbreekt in $PangoBin (installeer MSYS2 en: pacman -S mingw-w64-ucrt-x86_64-pango), of geef -WithoutPango"
    }
    $env:DIENSTSCAN_PANGO_BIN = $PangoBin  # read by installer\dienstscan.spec
}
if (Test-Path dist\Dienstscan) { Remove-Item -Recurse -Force dist\Dienstscan }
Run $Py @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN", "--distpath", "dist",
          "--workpath", "build\pyinstaller", "installer\dienstscan.spec")
$Bundle = Join-Path $Root "dist\Dienstscan"
if (-not (Test-Path "$Bundle\_internal\PySide6\translations\qtbase_nl.qm") -and
    -not (Test-Path "$Bundle\_internal\PySide6\Qt\translations\qtbase_nl.qm")) { Fail "qtbase_nl.qm ontbreekt in de bundel" }

# --- 4. smoke test: a clean user profile in a temporary folder -------------------------------
Step "4. Rooktest"
$Smoke = Join-Path ([IO.Path]::GetTempPath()) ("dienstscan-rooktest-" + [guid]::NewGuid())
New-Item -ItemType Directory -Force "$Smoke\logs", "$Smoke\data", "$Smoke\cwd" | Out-Null
$env:DIENSTSCAN_LOG_DIR = "$Smoke\logs"
$env:DIENSTSCAN_DATA_DIR = "$Smoke\data"
$env:DIENSTSCAN_NO_SETTINGS = "1"
Push-Location "$Smoke\cwd"
try {
    $out = & "$Bundle\dienstscan-cli.exe" --version
    if ($out -ne "Dienstscan $Version") { Fail "--version gaf '$out'" }
    Run "$Bundle\dienstscan-cli.exe" @("validate")
    Copy-Item "$Bundle\_internal\examples\gemeente-voorbeeld.dienstscan" scan.dienstscan
    Run "$Bundle\dienstscan-cli.exe" @("export", "scan.dienstscan", "-o", "plan.xlsx")
    if (-not (Test-Path plan.xlsx)) { Fail "export schreef geen plan.xlsx" }
    if (-not $WithoutPango) {
        # the report through WeasyPrint with the bundled Pango: a tagged PDF has a structure tree
        Run "$Bundle\dienstscan-cli.exe" @("report", "scan.dienstscan", "-o", "rapport.pdf")
        $pdf = [IO.File]::ReadAllText((Join-Path (Get-Location) "rapport.pdf"), [Text.Encoding]::GetEncoding(28591))
        if ($pdf -notmatch "/StructTreeRoot") { Fail "het PDF-rapport is niet getagd: Pango is niet (goed) gebundeld" }
    }
    # The windowed exe has no console: start it, wait for it, judge by exit code and the log.
    $env:QT_QPA_PLATFORM = "offscreen"
    $gui = Start-Process -FilePath "$Bundle\Dienstscan.exe" -ArgumentList "--afsluiten-na", "3" -PassThru -Wait
    Remove-Item Env:\QT_QPA_PLATFORM
    if ($gui.ExitCode -ne 0) { Fail "Dienstscan.exe eindigde met code $($gui.ExitCode)" }
    $log = Get-Content -Raw -Encoding UTF8 "$Smoke\logs\dienstscan.log"
    if ($log -notmatch "Rooktest: venster 'Dienstscan' zichtbaar") { Fail "de GUI meldde geen venster (zie $Smoke\logs)" }
    if ($log -notmatch "Rooktest: Qt-vertaling van 'Cancel' is 'Annuleren'") { Fail "Qt's Nederlandse vertaling is niet geladen" }
} finally {
    Pop-Location
    Remove-Item Env:\DIENSTSCAN_LOG_DIR, Env:\DIENSTSCAN_DATA_DIR, Env:\DIENSTSCAN_NO_SETTINGS -ErrorAction SilentlyContinue
}
Write-Host "   rooktest geslaagd"

# --- 5. code signing ---------------------------------------------------------------------------
# AppLocker's default rules allow %LOCALAPPDATA% programs only by publisher rule or exception;
# a signed exe (and a signed installer and uninstaller) lets IT allow Dienstscan by publisher.
$SignCmd = $null
if (-not $SkipSign) {
    if (-not $CertThumbprint) { Fail "geef -CertThumbprint (of DIENSTSCAN_CERT_THUMBPRINT), of -SkipSign voor een proefbouw" }
    $SignTool = (Get-Command signtool.exe -ErrorAction SilentlyContinue).Source
    if (-not $SignTool) {
        $SignTool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
            Sort-Object FullName -Descending | Select-Object -First 1 -ExpandProperty FullName
    }
    if (-not $SignTool) { Fail "signtool.exe niet gevonden (Windows SDK)" }
    $SignArgs = @("sign", "/sha1", $CertThumbprint, "/fd", "SHA256", "/tr", $TimestampUrl, "/td", "SHA256",
                  "/d", "Dienstscan")
    Step "5. Ondertekenen"
    Run $SignTool ($SignArgs + @("$Bundle\Dienstscan.exe", "$Bundle\dienstscan-cli.exe"))
    Run $SignTool @("verify", "/pa", "$Bundle\Dienstscan.exe")
    # makensis signs the installer and the uninstaller it writes through this one-line script
    # (a path, so no quoting of signtool's arguments through makensis' command line).
    $SignCmd = Join-Path $Root "build\sign-file.cmd"
    Set-Content -Encoding ASCII -Path $SignCmd -Value ("@`"$SignTool`" " + ($SignArgs -join " ") + " %1")
} else {
    Write-Host "   LET OP: niet ondertekend (-SkipSign); niet uitleveren"
}

# --- 6. portable zip ---------------------------------------------------------------------------
Step "6. Draagbare zip"
$Zip = "dist\Dienstscan-$Version-portable.zip"
if (Test-Path $Zip) { Remove-Item $Zip }
Compress-Archive -Path $Bundle -DestinationPath $Zip -CompressionLevel Optimal
Write-Host "   $Zip"

# --- 7. installer ------------------------------------------------------------------------------
Step "7. Installatieprogramma (NSIS)"
$MakeNsis = (Get-Command makensis.exe -ErrorAction SilentlyContinue).Source
if (-not $MakeNsis) { $MakeNsis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
if (-not (Test-Path $MakeNsis)) { Fail "makensis.exe niet gevonden (installeer NSIS 3.08 of nieuwer)" }
$Setup = Join-Path $Root "dist\Dienstscan-$Version-setup.exe"
$NsisArgs = @("-V2", "-WX", "-DVERSION=$Version", "-DVERSION4=$Version4", "-DSOURCE_DIR=$Bundle",
              "-DOUTFILE=$Setup", "-DICON=$Root\build\icons\dienstscan.ico")
if ($SignCmd) { $NsisArgs += "-DSIGN_CMD=$SignCmd" }
Run $MakeNsis ($NsisArgs + @("installer\dienstscan.nsi"))
if ($SignCmd) { Run $SignTool @("verify", "/pa", $Setup) }

Write-Host ""
Write-Host ("Klaar in {0:n0} s: {1} en {2}" -f ((Get-Date) - $Started).TotalSeconds, $Setup, $Zip)
