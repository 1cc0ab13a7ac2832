; Inno Setup 6 script: a per-user installer for LSCP Desktop that needs no admin rights.
;
; Build on Windows after PyInstaller has made dist\lscp-desktop\ (see packaging\README.md):
;   ISCC packaging\lscp-desktop.iss                    (version read from lscp-desktop.exe)
;   ISCC /DAppVersion=0.1.0 packaging\lscp-desktop.iss (or given explicitly)
; The installer appears as dist\installer\LSCP-Desktop-<version>-setup.exe.
;
; Installs into %LOCALAPPDATA%\Programs\LSCP Desktop with a Start menu shortcut. The user's
; data (database, backups and logs) lives in %LOCALAPPDATA%\LSCP Desktop, a different folder
; that this installer never creates, changes or removes: uninstalling keeps it.
;
; Silent install for IT, run as the user (not SYSTEM), e.g. from Intune in the user context:
;   LSCP-Desktop-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /SP- /LOG="%TEMP%\lscp-desktop-setup.log"
;   add /TASKS="desktopicon" for a desktop shortcut as well
; Silent uninstall:
;   "%LOCALAPPDATA%\Programs\LSCP Desktop\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART

#define AppName "LSCP Desktop"
#define AppExe "lscp-desktop.exe"
#define BundleDir "..\dist\lscp-desktop"
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(AddBackslash(SourcePath) + BundleDir + "\" + AppExe)
#endif

[Setup]
; The AppId identifies the installation for upgrades and uninstalling: never change it.
AppId={{6E1C0D52-3F0B-4C8E-9B7A-2D4F5A6B7C81}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
; Per-user: no UAC prompt, works on a locked-down council laptop.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DisableDirPage=auto
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist\installer
OutputBaseFilename=LSCP-Desktop-{#AppVersion}-setup
SetupIconFile=..\resources\lscp-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; Close a running copy (Restart Manager) before replacing its files on upgrade.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder, so no file of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Local Safeguarding Children Partnership business manager's tool"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section: the uninstaller removes only the files it installed, and the
; data folder %LOCALAPPDATA%\LSCP Desktop is outside {app}.
