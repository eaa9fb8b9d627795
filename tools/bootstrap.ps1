<#
.SYNOPSIS
  Set up Dienstscan for development and tests on Windows: the PowerShell twin of tools/bootstrap.sh.

.DESCRIPTION
  From the repository root, in PowerShell 5.1 or 7:

    powershell -ExecutionPolicy Bypass -File tools\bootstrap.ps1

  Creates .venv with Python 3.11 (the py launcher, or python on PATH) and installs the package
  with its test extras, as tools/bootstrap.sh does on Debian. Windows needs no system libraries
  for Qt. LibreOffice and Debian's chromium are not installed: the tests that need them skip
  with a reason. Safe to run again. Then:

    .venv\Scripts\python -m pytest -q
    .venv\Scripts\lint-imports
#>
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

if (-not (Test-Path .venv\Scripts\python.exe)) {
    # The py launcher when it knows a 3.11, else the python on PATH (e.g. a CI's setup-python).
    $made = $false
    if (Get-Command py -ErrorAction SilentlyContinue) {
        & py -3.11 -m venv .venv 2>$null
        $made = ($LASTEXITCODE -eq 0)
    }
    if (-not $made) { & python -m venv .venv }
    if ($LASTEXITCODE -ne 0) { Write-Error "Dienstscan: de virtuele omgeving .venv kon niet worden gemaakt (Python 3.11 nodig)"; exit 1 }
}
& .venv\Scripts\python.exe -m pip install -q --upgrade pip
& .venv\Scripts\python.exe -m pip install -q -e ".[test]"
if ($LASTEXITCODE -ne 0) { Write-Error "Dienstscan: installeren van het pakket met de testextra's mislukt"; exit 1 }
& .venv\Scripts\python.exe -c "import dienstscan, sys; print('Dienstscan', dienstscan.__version__, 'op Python', sys.version.split()[0])"
exit $LASTEXITCODE
