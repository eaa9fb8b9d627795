; Dienstscan: per-user Windows installer (NSIS 3). No administrator rights, no UAC prompt.
;
; Installs the PyInstaller one-folder build (dist\Dienstscan) into
; %LOCALAPPDATA%\Programs\Dienstscan, adds a Start menu entry, opens .dienstscan files with
; Dienstscan (for this user only, HKCU\Software\Classes) and registers an uninstall entry under
; HKCU, so "Apps en onderdelen" lists it. Silent: "Dienstscan-X.Y.Z-setup.exe /S" installs,
; "uninstall.exe /S" removes; "/D=C:\pad" (last, without quotes) picks another folder.
;
; Compiled by installer/build.sh (Linux, as a check) and installer/build-windows.ps1 with:
;   makensis -DVERSION=X.Y.Z -DVERSION4=X.Y.Z.0 -DSOURCE_DIR=dist\Dienstscan
;            -DOUTFILE=dist\Dienstscan-X.Y.Z-setup.exe -DICON=build\icons\dienstscan.ico
;            [-DSIGN_CMD=build\sign-file.cmd] installer\dienstscan.nsi
; VERSION comes from pyproject.toml; nothing in this file repeats it.
;
; The user's own files are not touched by the uninstaller: scans, settings, recovery copies
; (%LOCALAPPDATA%\Dienstscan) and the log (%LOCALAPPDATA%\Dienstscan\Logs) stay.

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
; lzma for the real installer; the Linux check passes -DCOMPRESSOR=zlib (same script, 10x faster).
!ifndef COMPRESSOR
  !define COMPRESSOR "/SOLID lzma"
!endif
SetCompressor ${COMPRESSOR}

!ifndef VERSION
  !error "Geef de versie mee: makensis -DVERSION=x.y.z (uit pyproject.toml; installer/build.sh doet dit)"
!endif
!ifndef VERSION4
  !define VERSION4 "${VERSION}.0"
!endif
!ifndef SOURCE_DIR
  !error "Geef de map van de PyInstaller-build mee: -DSOURCE_DIR=dist\Dienstscan"
!endif
!ifndef OUTFILE
  !define OUTFILE "Dienstscan-${VERSION}-setup.exe"
!endif

!define APP_NAME "Dienstscan"
!define APP_EXE "Dienstscan.exe"
!define PUBLISHER "Dienstscan"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Dienstscan"
!define PROGID "Dienstscan.Scan"
!define EXTENSION ".dienstscan"

; Code signing of the installer and of the uninstaller it writes (NSIS >= 3.08): SIGN_CMD is a
; script that signs the file it is given (build-windows.ps1 writes build\sign-file.cmd).
!ifdef SIGN_CMD
  !finalize '"${SIGN_CMD}" "%1"'
  !uninstfinalize '"${SIGN_CMD}" "%1"'
!endif

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"
ShowInstDetails hide
ShowUninstDetails hide

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=1043 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1043 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1043 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1043 "FileDescription" "Installatieprogramma van ${APP_NAME} ${VERSION}"
VIAddVersionKey /LANG=1043 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1043 "LegalCopyright" "EUPL-1.2"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "${APP_NAME} nu starten"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Dutch"

; A running Dienstscan keeps its files open: replacing them half-way leaves a broken install.
; Opening the .exe for writing fails while it runs (sharing violation), without killing anything.
!macro REFUSE_WHILE_RUNNING
  ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
    ClearErrors
    FileOpen $0 "$INSTDIR\${APP_EXE}" a
    ${If} ${Errors}
      MessageBox MB_OK|MB_ICONEXCLAMATION "${APP_NAME} is nog geopend. Sluit ${APP_NAME} en probeer het opnieuw." /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
    FileClose $0
  ${EndIf}
!macroend

Section "${APP_NAME}" SecMain
  SectionIn RO
  SetShellVarContext current
  !insertmacro REFUSE_WHILE_RUNNING

  ; An update replaces the program folder whole: no stale libraries of the previous version.
  ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
    RMDir /r "$INSTDIR\_internal"
  ${EndIf}

  SetOutPath "$INSTDIR"
  File /r "${SOURCE_DIR}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 \
    SW_SHOWNORMAL "" "Volwassenheid van de dienstverlening meten en een verbeterplan maken"

  ; .dienstscan opens with Dienstscan, for this user only.
  WriteRegStr HKCU "Software\Classes\${EXTENSION}" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${EXTENSION}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Dienstscan-scan"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  ; Tell Explorer the associations changed (SHCNE_ASSOCCHANGED), so icons update at once.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; The uninstall entry of "Apps en onderdelen", for this user.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "Uninstall"
  !insertmacro REFUSE_WHILE_RUNNING

  Delete "$SMPROGRAMS\${APP_NAME}.lnk"

  ; Only remove the association while it is still ours (another program may have taken it).
  ReadRegStr $0 HKCU "Software\Classes\${EXTENSION}" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey HKCU "Software\Classes\${EXTENSION}"
  ${Else}
    DeleteRegValue HKCU "Software\Classes\${EXTENSION}\OpenWithProgids" "${PROGID}"
  ${EndIf}
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINSTALL_KEY}"

  ; Remove the program folder only when it holds Dienstscan: /D= may have pointed at a folder
  ; with other files, and "RMDir /r" on it would take those along.
  ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
    RMDir /r "$INSTDIR\_internal"
    Delete "$INSTDIR\${APP_EXE}"
    Delete "$INSTDIR\dienstscan-cli.exe"
    Delete "$INSTDIR\uninstall.exe"
    RMDir "$INSTDIR"
  ${EndIf}
SectionEnd
