<#
.SYNOPSIS
    Runs the Pester suites of this folder in this pwsh and prints the one-line summary `dotnet test` prints for xunit
    ("Passed!  - Failed: F, Passed: P, Skipped: S, Total: T"), so CI adds the counts up; exits 1 when a test failed.
#>
param(
    [Parameter(Mandatory)] [string] $Pester,
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $Rehearsal,
    # Package folders of other AWSSDK.Core versions, ';'-separated, to load beside the module.
    [string] $ForeignAwsSdkCores = ''
)

$ErrorActionPreference = 'Stop'
Import-Module $Pester -MinimumVersion 5.7.1 -Force

$configuration = New-PesterConfiguration
# Each suite gets the values its param block asks for.
$available = @{ Module = $Module; Rehearsal = $Rehearsal; ForeignAwsSdkCores = $ForeignAwsSdkCores }
$configuration.Run.Container = foreach ($suite in Get-ChildItem -Path $PSScriptRoot -Filter '*.Tests.ps1') {
    $declared = [System.Management.Automation.Language.Parser]::ParseFile($suite.FullName, [ref]$null, [ref]$null).ParamBlock.Parameters.Name.VariablePath.UserPath
    $data = @{}
    foreach ($name in $declared) { $data[$name] = $available[$name] }
    New-PesterContainer -Path $suite.FullName -Data $data
}
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$result = Invoke-Pester -Configuration $configuration

$outcome = if ($result.FailedCount -gt 0 -or $result.FailedContainersCount -gt 0) { 'Failed!' } else { 'Passed!' }
$failed = $result.FailedCount + $result.FailedContainersCount
'{0}  - Failed: {1,5}, Passed: {2,5}, Skipped: {3,5}, Total: {4,5} - Kaviar.Ops.Pester (pwsh {5}, Pester {6})' -f $outcome, $failed,
    $result.PassedCount, $result.SkippedCount, $result.TotalCount, $PSVersionTable.PSVersion, (Get-Module Pester).Version
if ($failed -gt 0) { exit 1 }
