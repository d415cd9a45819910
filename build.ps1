#!/usr/bin/env pwsh
<#
.SYNOPSIS
Runs a target of build/build.cake: ./build.ps1 <Target> [--parameter value ...]

.DESCRIPTION
The PowerShell twin of build.sh. Checks the system packages (build/prerequisites.sh, Linux only), restores
Cake (build/dotnet-tools.json) and runs build/build.cake with the target; every other argument reaches Cake
verbatim (Cake accepts both --name value and --name=value). ./build.ps1 --help lists targets and parameters.
The exit code is Cake's.

.EXAMPLE
./build.ps1 Reproduce --experiment 003-lenet5 --device cuda
#>
[CmdletBinding()]
param(
    # All arguments in their order: the target first (when not an option), then --name value pairs.
    [Parameter(Position = 0, ValueFromRemainingArguments = $true)]
    [string[]]$BuildArguments
)

$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

# The first argument, when it is not an option, is the target; -h/--help anywhere asks for Help.
$arguments = @($BuildArguments | Where-Object { $null -ne $_ })
$target = ''
if ($arguments.Count -gt 0 -and -not $arguments[0].StartsWith('-')) {
    $target = $arguments[0]
    $arguments = @($arguments | Select-Object -Skip 1)
}
$cakeArguments = @()
foreach ($argument in $arguments) {
    if ($argument -in @('-h', '--help', '-?')) { $target = 'Help' } else { $cakeArguments += $argument }
}

# The target that will run: the positional one, else --target given as an option, else Cake's default (Help).
$effectiveTarget = if ($target) { $target } else { 'Help' }
for ($i = 0; $i -lt $cakeArguments.Count; $i++) {
    if ($cakeArguments[$i] -like '--target=*') {
        $effectiveTarget = $cakeArguments[$i].Substring('--target='.Length)
    }
    elseif ($cakeArguments[$i] -eq '--target' -and $i + 1 -lt $cakeArguments.Count) {
        $effectiveTarget = $cakeArguments[$i + 1]
    }
}

# System packages: Debian/Ubuntu only (Windows PowerShell has no $IsLinux: skipped there).
if ($IsLinux -and $effectiveTarget -notin @('Help', 'Clean')) {
    & bash (Join-Path $PSScriptRoot 'build/prerequisites.sh')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error 'dotnet not found: install the .NET 10 SDK (https://dot.net).'
    exit 1
}

dotnet tool restore --tool-manifest build/dotnet-tools.json
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

if ($target) { $cakeArguments = @("--target=$target") + $cakeArguments }

# `dotnet tool run` finds build/dotnet-tools.json from inside build/; the script sets the repo root itself.
# `--`: everything after it reaches Cake, even options `dotnet tool run` knows itself (-h, --help).
Push-Location build
try {
    dotnet tool run dotnet-cake -- build.cake @cakeArguments
    $exitCode = $LASTEXITCODE
}
finally {
    Pop-Location
}
exit $exitCode
