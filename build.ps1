#!/usr/bin/env pwsh
# Pipeline bootstrap for PowerShell (Windows, or pwsh on Linux/macOS): same behaviour as build.sh.
# Usage: ./build.ps1 [targets] [--parameter value ...]
[CmdletBinding()]
Param(
    [Parameter(Position = 0, Mandatory = $false, ValueFromRemainingArguments = $true)]
    [string[]]$BuildArguments
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = "Stop"
$ConfirmPreference = "None"

$ScriptDir = $PSScriptRoot
$BuildProject = Join-Path $ScriptDir "build/_build.csproj"
$TempDir = Join-Path $ScriptDir ".nuke/temp"
$BuildOutput = Join-Path $ScriptDir "build/bin/publish"
$BuildDll = Join-Path $BuildOutput "_build.dll"
$Stamp = Join-Path $TempDir "build.stamp"

$env:DOTNET_CLI_TELEMETRY_OPTOUT = 1
$env:DOTNET_NOLOGO = 1
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = 1
$env:DOTNET_ROLL_FORWARD = "Major"

# 1. dotnet: on PATH with an SDK that global.json accepts, else a local install under .nuke/temp.
#    Only needed to compile: the stamp of the last good compile records which dotnet made it, so a run with
#    nothing to compile skips this check (it costs as much as starting a short target).
function Find-Sdk {
    $SdkVersion = (Get-Content (Join-Path $ScriptDir "global.json") -Raw | ConvertFrom-Json).sdk.version
    $script:DotNet = $null
    $OnPath = Get-Command "dotnet" -ErrorAction SilentlyContinue
    if ($OnPath) {
        Push-Location $ScriptDir
        try { & $OnPath.Source --version *> $null; if ($LASTEXITCODE -eq 0) { $script:DotNet = $OnPath.Source } } finally { Pop-Location }
    }
    if (-not $DotNet) {
        $LocalDotNet = Join-Path $TempDir $(if ($IsWindows -or $env:OS -eq "Windows_NT") { "dotnet-win/dotnet.exe" } else { "dotnet-unix/dotnet" })
        if (Test-Path $LocalDotNet) {
            $script:DotNet = $LocalDotNet
        } else {
            Write-Output "No .NET SDK matching global.json ($SdkVersion, roll forward to the latest feature band) was found."
            Write-Output "Installing it into $(Split-Path $LocalDotNet) with the official dotnet-install script..."
            New-Item -ItemType Directory -Force -Path $TempDir | Out-Null
            $Windows = $IsWindows -or $env:OS -eq "Windows_NT"
            $Installer = Join-Path $TempDir $(if ($Windows) { "dotnet-install.ps1" } else { "dotnet-install.sh" })
            try {
                [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
                (New-Object Net.WebClient).DownloadFile($(if ($Windows) { "https://dot.net/v1/dotnet-install.ps1" } else { "https://dot.net/v1/dotnet-install.sh" }), $Installer)
            } catch {
                Write-Error "Could not download the dotnet-install script (offline?). Install the .NET SDK $SdkVersion yourself and run this script again."
                exit 1
            }
            if ($Windows) { & powershell -NoProfile -ExecutionPolicy Bypass -File $Installer -InstallDir (Split-Path $LocalDotNet) -Version $SdkVersion -NoPath }
            else { & bash $Installer --install-dir (Split-Path $LocalDotNet) --version $SdkVersion --no-path }
            if ($LASTEXITCODE -ne 0) { Write-Error "dotnet-install failed; install the .NET SDK $SdkVersion yourself and run this script again."; exit 1 }
            $script:DotNet = $LocalDotNet
        }
    }
}

# 2. Compile the build only when something it is made of changed since the last good compile.
#    It is published ReadyToRun (precompiled for this machine): JIT is otherwise most of a short target's
#    time. That needs the runtime pack and crossgen from NuGet; when they cannot be had (offline), the plain
#    build is the fallback, said so. A first compile takes most of a minute, so it says what it is doing:
#    a line per phase (restore, compile, ReadyToRun) with its seconds, on stderr like build.sh.
function Test-NeedsBuild {
    if (-not (Test-Path $BuildDll) -or -not (Test-Path $Stamp)) { return $true }
    $Since = (Get-Item $Stamp).LastWriteTimeUtc
    $Inputs = @(Get-ChildItem -Path (Join-Path $ScriptDir "build"), (Join-Path $ScriptDir "src") -Recurse -File |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' })
    $Inputs += Get-ChildItem -Path $ScriptDir -File -Filter "Directory.*.props"
    $Inputs += Get-Item (Join-Path $ScriptDir "global.json")
    return [bool]($Inputs | Where-Object { $_.LastWriteTimeUtc -gt $Since } | Select-Object -First 1)
}
function Write-Progress-Line([string]$Text) { [Console]::Error.WriteLine("build.ps1: $Text") }
function Complete-Phase([string]$Phase, [Diagnostics.Stopwatch]$Watch, [string]$Note = "") {
    Write-Progress-Line ("{0}: {1:0} s{2}" -f $Phase, $Watch.Elapsed.TotalSeconds, $(if ($Note) { " ($Note)" } else { "" }))
    $Watch.Restart()
}
function Invoke-Compile {
    $Log = Join-Path $TempDir "compile.log"
    $Total = [Diagnostics.Stopwatch]::StartNew()
    $Watch = [Diagnostics.Stopwatch]::StartNew()
    Write-Progress-Line "compiling the build (first run, or its sources changed); later runs start at once."
    & $DotNet restore $BuildProject -p:PipelineReadyToRun=true --nologo -v quiet *> $Log
    if ($LASTEXITCODE -eq 0) {
        Complete-Phase "restore" $Watch
        # One publish: "X -> X.dll" as each project is compiled; the build's own dll ends the compile, ReadyToRun follows.
        $script:Phase = "compile"
        $script:Projects = 0
        & $DotNet publish $BuildProject -c Release -p:PipelineReadyToRun=true --no-restore --nologo -v minimal -clp:NoSummary -o $BuildOutput 2>&1 |
            ForEach-Object {
                $Line = "$_"
                Add-Content -Path $Log -Value $Line
                if ($Line -match ' -> .*\.dll$') {
                    $script:Projects++
                    if ($Line -match '_build -> ') { Complete-Phase "compile" $Watch "$($script:Projects) projects"; $script:Phase = "ReadyToRun" }
                }
            }
        $Code = $LASTEXITCODE
        Complete-Phase $script:Phase $Watch
        if ($Code -eq 0) { Write-Progress-Line ("ready after {0:0} s." -f $Total.Elapsed.TotalSeconds); return }
    } else {
        Complete-Phase "restore" $Watch "failed"
    }
    $Output = @(Get-Content $Log -ErrorAction SilentlyContinue)
    $ReadyToRunError = @($Output | Where-Object { "$_" -match 'error' } | Select-Object -First 1) + @($Output | Select-Object -First 1) | Select-Object -First 1
    $Output = & $DotNet build $BuildProject -c Release --nologo -v quiet -clp:ErrorsOnly -o $BuildOutput 2>&1
    if ($LASTEXITCODE -ne 0) { Complete-Phase "compile without ReadyToRun" $Watch "failed"; $Output | Write-Host; Write-Error "The build project did not compile (see above)."; exit 1 }
    Complete-Phase "compile without ReadyToRun" $Watch
    Write-Warning "The ReadyToRun compile failed ($ReadyToRunError); the build runs without it (slower start)."
}
$DotNet = $null
if (Test-NeedsBuild) {
    Find-Sdk
    New-Item -ItemType Directory -Force -Path $TempDir | Out-Null
    Invoke-Compile
    Set-Content -Path $Stamp -Value $DotNet
} else {
    $DotNet = @(Get-Content $Stamp -ErrorAction SilentlyContinue | Select-Object -First 1)[0]
    if (-not $DotNet -or -not (Test-Path $DotNet)) { Find-Sdk } # a stamp without it, or that dotnet is gone
}

# 3. Run it.
& $DotNet $BuildDll @BuildArguments
exit $LASTEXITCODE
