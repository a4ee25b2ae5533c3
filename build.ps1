<#
.SYNOPSIS
    Builds, tests or packages Kaviar.Ops. A thin wrapper over the dotnet commands in README.md.
.EXAMPLE
    ./build.ps1            # Build: artifacts/Release/Kaviar.Ops is the ready module folder
.EXAMPLE
    ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Package   # artifacts/Kaviar.Ops.zip, named as Azure Automation requires
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

switch ($Task) {
    'Build' {
        Invoke-Dotnet build src/Cmdlets -c $Configuration
        Write-Host "Module: $(Join-Path $PSScriptRoot "artifacts/$Configuration/Kaviar.Ops")"
    }
    'Test' {
        Invoke-Dotnet test Kaviar.Ops.sln -c $Configuration
    }
    'Package' {
        Invoke-Dotnet build src/Cmdlets -c $Configuration
        $module = Join-Path $PSScriptRoot "artifacts/$Configuration/Kaviar.Ops"
        # Azure Automation takes a module zip only when it is named after the module, with the module folder inside.
        $zip = Join-Path $PSScriptRoot 'artifacts/Kaviar.Ops.zip'
        Compress-Archive -Path $module -DestinationPath $zip -Force
        Write-Host "Package: $zip"
    }
}
