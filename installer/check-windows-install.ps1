<#
.SYNOPSIS
  Install the built Dienstscan per user, start the installed program, uninstall it; fail on any
  broken promise. Run by .github/workflows/windows.yml after installer\build-windows.ps1.

.DESCRIPTION
  From the repository root, in PowerShell 5.1 or 7:

    powershell -ExecutionPolicy Bypass -File installer\check-windows-install.ps1 [-Setup dist\Dienstscan-X.Y.Z-setup.exe] [-WorkDir MAP]

  1. the installer asks for no administrator rights: its manifest says level="asInvoker"
     (NSIS's "RequestExecutionLevel user"), so Windows shows no UAC prompt;
  2. a silent install ("/S") into %LOCALAPPDATA%\Programs\Dienstscan, with the uninstall entry
     and the .dienstscan association under HKCU only: nothing in HKLM or Program Files;
  3. dienstscan-cli.exe --version from the installed folder equals pyproject's version;
  4. the installed Dienstscan.exe started with "--afsluiten-na" on the real Windows desktop
     (not offscreen), with the log in a fresh folder: exit code 0, and the log says the main
     window was visible and Qt's Dutch translation was loaded;
  5. the silent uninstall removes the program folder and the HKCU entries.
#>
[CmdletBinding()]
param(
    [string]$Setup = "",
    [int]$QuitAfterSeconds = 5,
    # where the log and data folders of the started program go (CI keeps them on failure)
    [string]$WorkDir = [IO.Path]::GetTempPath()
)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
$Root = (Get-Location).Path

function Fail($text) { Write-Error "MISLUKT: $text"; exit 1 }
function Ok($text) { Write-Host "   ok: $text" }

$Version = (Select-String -Path pyproject.toml -Pattern '^version = "([^"]+)"').Matches[0].Groups[1].Value
if (-not $Setup) { $Setup = Join-Path $Root "dist\Dienstscan-$Version-setup.exe" }
if (-not (Test-Path $Setup)) { Fail "het installatieprogramma $Setup bestaat niet (eerst installer\build-windows.ps1)" }
$InstDir = Join-Path $env:LOCALAPPDATA "Programs\Dienstscan"
$UninstallKey = "Software\Microsoft\Windows\CurrentVersion\Uninstall\Dienstscan"

# --- 1. no administrator rights asked ---------------------------------------------------------
$bytes = [IO.File]::ReadAllBytes($Setup)
$text = [Text.Encoding]::ASCII.GetString($bytes)
if ($text -notmatch 'requestedExecutionLevel level="asInvoker"') { Fail "het manifest vraagt om beheerdersrechten (geen asInvoker)" }
Ok "manifest: asInvoker (geen UAC-vraag)"

# --- 2. silent per-user install ---------------------------------------------------------------
$inst = Start-Process -FilePath $Setup -ArgumentList "/S" -Wait -PassThru
if ($inst.ExitCode -ne 0) { Fail "installeren eindigde met code $($inst.ExitCode)" }
foreach ($f in "Dienstscan.exe", "dienstscan-cli.exe", "uninstall.exe") {
    if (-not (Test-Path (Join-Path $InstDir $f))) { Fail "$f ontbreekt in $InstDir" }
}
$entry = Get-ItemProperty -Path "HKCU:\$UninstallKey" -ErrorAction SilentlyContinue
if (-not $entry) { Fail "geen uninstall-vermelding onder HKCU" }
if ($entry.DisplayVersion -ne $Version) { Fail "DisplayVersion is '$($entry.DisplayVersion)', niet '$Version'" }
if ((Get-ItemProperty -Path "HKCU:\Software\Classes\.dienstscan" -ErrorAction SilentlyContinue).'(default)' -ne "Dienstscan.Scan") {
    Fail ".dienstscan is niet aan Dienstscan gekoppeld (HKCU\Software\Classes)"
}
if (Test-Path "HKLM:\$UninstallKey") { Fail "het installatieprogramma schreef in HKLM" }
foreach ($pf in $env:ProgramFiles, ${env:ProgramFiles(x86)}) {
    if ($pf -and (Test-Path (Join-Path $pf "Dienstscan"))) { Fail "het installatieprogramma schreef in $pf" }
}
Ok "geïnstalleerd in $InstDir, alleen HKCU"

# --- 3 and 4. the installed program starts ----------------------------------------------------
$Run = Join-Path $WorkDir ("dienstscan-installatietest-" + [guid]::NewGuid())
New-Item -ItemType Directory -Force "$Run\logs", "$Run\data" | Out-Null
$env:DIENSTSCAN_LOG_DIR = "$Run\logs"
$env:DIENSTSCAN_DATA_DIR = "$Run\data"
$env:DIENSTSCAN_NO_SETTINGS = "1"
try {
    $out = & (Join-Path $InstDir "dienstscan-cli.exe") --version
    if ($out -ne "Dienstscan $Version") { Fail "--version gaf '$out'" }
    Ok "dienstscan-cli.exe --version: $out"
    $gui = Start-Process -FilePath (Join-Path $InstDir "Dienstscan.exe") -ArgumentList "--afsluiten-na", "$QuitAfterSeconds" -Wait -PassThru
    $logFile = "$Run\logs\dienstscan.log"
    if (Test-Path $logFile) { Get-Content -Encoding UTF8 $logFile | Write-Host }
    if ($gui.ExitCode -ne 0) { Fail "Dienstscan.exe eindigde met code $($gui.ExitCode)" }
    if (-not (Test-Path $logFile)) { Fail "Dienstscan.exe schreef geen log in $Run\logs" }
    $log = Get-Content -Raw -Encoding UTF8 $logFile
    if ($log -notmatch "Rooktest: venster 'Dienstscan' zichtbaar") { Fail "de geïnstalleerde GUI meldde geen venster" }
    if ($log -notmatch "Rooktest: Qt-vertaling van 'Cancel' is 'Annuleren'") { Fail "Qt's Nederlandse vertaling is niet geladen" }
    if ($log -match "Traceback") { Fail "de log bevat een Python-traceback" }
    Ok "Dienstscan.exe --afsluiten-na $QuitAfterSeconds`: code 0, venster zichtbaar, Nederlandse Qt-teksten"
} finally {
    Remove-Item Env:\DIENSTSCAN_LOG_DIR, Env:\DIENSTSCAN_DATA_DIR, Env:\DIENSTSCAN_NO_SETTINGS -ErrorAction SilentlyContinue
}

# --- 5. silent uninstall ----------------------------------------------------------------------
# "_?=" makes the uninstaller run in place and wait; it then leaves itself and the folder behind.
$un = Start-Process -FilePath (Join-Path $InstDir "uninstall.exe") -ArgumentList "/S", "_?=$InstDir" -Wait -PassThru
if ($un.ExitCode -ne 0) { Fail "verwijderen eindigde met code $($un.ExitCode)" }
if (Test-Path (Join-Path $InstDir "Dienstscan.exe")) { Fail "Dienstscan.exe staat er na verwijderen nog" }
if (Test-Path "HKCU:\$UninstallKey") { Fail "de uninstall-vermelding staat er na verwijderen nog" }
Remove-Item -Recurse -Force $InstDir -ErrorAction SilentlyContinue
Ok "verwijderd"
Write-Host "Installatietest geslaagd"
