<#
.SYNOPSIS
    Runs the Pester suites of this folder in this pwsh and prints the one-line summary `dotnet test` prints for xunit
    ("Passed!  - Failed: F, Passed: P, Skipped: S, Total: T"), so CI adds the counts up; exits 1 when a test failed.
#>
param(
    [Parameter(Mandatory)] [string] $Pester,
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $Rehearsal
)

$ErrorActionPreference = 'Stop'
Import-Module $Pester -MinimumVersion 5.7.1 -Force

$configuration = New-PesterConfiguration
$configuration.Run.Container = New-PesterContainer -Path (Join-Path $PSScriptRoot '*.Tests.ps1') -Data @{ Module = $Module; Rehearsal = $Rehearsal }
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$result = Invoke-Pester -Configuration $configuration

$outcome = if ($result.FailedCount -gt 0 -or $result.FailedContainersCount -gt 0) { 'Failed!' } else { 'Passed!' }
$failed = $result.FailedCount + $result.FailedContainersCount
'{0}  - Failed: {1,5}, Passed: {2,5}, Skipped: {3,5}, Total: {4,5} - Kaviar.Ops.Pester (pwsh {5}, Pester {6})' -f $outcome, $failed,
    $result.PassedCount, $result.SkippedCount, $result.TotalCount, $PSVersionTable.PSVersion, (Get-Module Pester).Version
if ($failed -gt 0) { exit 1 }
