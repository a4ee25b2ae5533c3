<#
.SYNOPSIS
    Seed 003 (a migrations-runner Lambda in a VPC that times out on Aurora): the network preconditions, the missing
    database rule added, then the migration and its check.

.DESCRIPTION
    1. The function's network path (Test-LambdaNetworkPath -Database): it runs in a VPC, its group reaches the
       database's on the port, the network ACLs between let it through both ways, and its subnets reach Secrets Manager
       (a NAT gateway or an interface endpoint). A database link that fails is repaired as the check suggests
       (Repair-DatabaseIngress from the function's group); subnet egress is not something this runbook creates, so its
       criterion names the fix.
    2. Once every link passes, the migration (Invoke-LambdaMigration: one invocation, never retried) and its check:
       the runner answered with status success.
    Changes (the rule, the invocation) are made only with -Force; without it they are planned and the run fails.
    -WhatIf plans every change and makes none.

    Writes one summary object (and -OutputPath as JSON); exits 0 when every criterion passed, 1 when one failed or a
    change was only planned, 2 when a step failed (an outcome-unknown invocation among them).

.EXAMPLE
    pwsh -NonInteractive -File ./Invoke-LambdaMigrationWithPreflight.ps1 -FunctionName aurora-migrations-runner-dev `
        -Target 017 -Database alquimista-dev -Region us-east-1 -Force -OutputPath ./seed003.json
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $FunctionName,
    # The migration the runner applies (its payload's target), or -Payload for a runner that takes another shape.
    [string] $Target,
    [string] $Action = 'run-migration',
    # The whole payload as a JSON object, instead of -Action and -Target.
    [string] $Payload,
    # The RDS instance or Aurora cluster (its groups and port are read from RDS), or -DatabaseSecurityGroup.
    [string] $Database,
    [string] $DatabaseSecurityGroup,
    [int] $DatabasePort = 5432,
    [switch] $Force,
    [string] $OutputPath,
    [string] $Region,
    [string] $ProfileName,
    [string] $EndpointUrl
)

$ErrorActionPreference = 'Stop'
# The module: loaded already, the module folder this runbook ships in, or installed. Not #Requires -Modules, which
# stops before the folder it ships in can be tried.
if (-not (Get-Module Kaviar.Ops)) {
    $moduleFolder = Split-Path $PSScriptRoot -Parent
    if (Test-Path (Join-Path $moduleFolder 'Kaviar.Ops.Cmdlets.dll')) { Import-Module (Join-Path $moduleFolder 'Kaviar.Ops.psd1') }
    else { Import-Module Kaviar.Ops }
}

$aws = @{}
foreach ($name in 'Region', 'ProfileName', 'EndpointUrl') {
    if ($PSBoundParameters.ContainsKey($name)) { $aws[$name] = $PSBoundParameters[$name] }
}
$path = @{ FunctionName = $FunctionName; DatabasePort = $DatabasePort }
foreach ($name in 'Database', 'DatabaseSecurityGroup') {
    if ($PSBoundParameters.ContainsKey($name)) { $path[$name] = $PSBoundParameters[$name] }
}
$invocation = @{ FunctionName = $FunctionName }
if ($Payload) { $invocation.Payload = $Payload } else { $invocation.Action = $Action; $invocation.Target = $Target }
$apply = $Force -and -not $WhatIfPreference

# The link kinds of a function's path, each one criterion.
$linkNames = [ordered]@{
    FunctionVpc        = 'The function runs in a VPC'
    FunctionToDatabase = "The function reaches the database on $DatabasePort"
    NetworkAcls        = 'The network ACLs let the traffic through both ways'
    SubnetEgress       = "The function's subnets reach Secrets Manager"
}

function Invoke-Suggested {
    # Runs a check's suggested fix (a module command with its parameters) in this run's account.
    param($Suggestion)
    $parameters = @{}
    foreach ($parameter in $Suggestion.Parameters) {
        if ($parameter.Key -eq 'Region') { continue }
        $parameters[$parameter.Key] = if ($null -eq $parameter.Value) { $true } else { $parameter.Value }
    }
    & $Suggestion.Name @parameters -Confirm:$false @aws
}

$report = New-RunbookReport -Name 'Invoke-LambdaMigrationWithPreflight' -Procedure 'Seed 003: Lambda migration with its network preconditions'
try {
    # 1. The network preconditions, the database rule added when it is missing.
    $checks = @(Test-LambdaNetworkPath @path @aws)
    $blocked = @($checks | Where-Object { $_.Link -eq 'FunctionToDatabase' -and -not $_.Passed -and $_.FixCommand })
    if (-not @($checks | Where-Object { $_.Link -eq 'FunctionToDatabase' -and -not $_.Passed })) {
        Add-RunbookStep -Report $report 'Admit the function on the database' AlreadyInPlace -Detail "Its group reaches the database on $DatabasePort."
    }
    elseif (-not $apply -or -not $blocked) {
        Add-RunbookStep -Report $report 'Admit the function on the database' Planned -Detail (@($blocked.Fix) -join ' ')
    }
    else {
        foreach ($check in $blocked) { Invoke-Suggested $check.FixCommand | Add-RunbookStep -Report $report }
        $checks = @(Test-LambdaNetworkPath @path @aws)
    }
    foreach ($link in $linkNames.Keys) {
        $ofLink = @($checks | Where-Object Link -eq $link)
        if (-not $ofLink) { continue }
        $failed = @($ofLink | Where-Object { -not $_.Passed })
        Add-RunbookCriterion -Report $report $linkNames[$link] ($failed.Count -eq 0) -Detail (@($ofLink.Detail) -join ' ') `
            -Fix $(if ($failed) { @($failed)[0].Fix } else { '' })
    }

    # 2. The migration, once nothing stands in its way, and its answer.
    $reachable = -not @($checks | Where-Object { -not $_.Passed })
    $invoke = "Invoke-LambdaMigration $FunctionName $(if ($Payload) { "-Payload '$Payload'" } else { "-Action $Action -Target $Target" }) $(if ($Region) { "-Region $Region" })"
    if (-not $apply -or -not $reachable) {
        Add-RunbookStep -Report $report 'Run the migration' Planned -Detail $invoke
        Add-RunbookCriterion -Report $report 'The migration succeeded' $false -Detail 'Not run.' -Fix "Run this runbook with -Force once the network criteria pass, or: $invoke"
    }
    else {
        try {
            $result = Invoke-LambdaMigration @invocation @aws
            Add-RunbookStep -Report $report 'Run the migration' Applied -Detail "Status $($result.Status): $($result.Message)"
            Add-RunbookCriterion -Report $report 'The migration succeeded' ($result.Status -eq 'success') -Detail "$($result.Migration) $($result.Status): $($result.Message)" -Fix $invoke
        }
        catch {
            # The runner's own failure (status error, FunctionError) is the criterion; an unknown outcome is a failed step.
            if ($_.FullyQualifiedErrorId -like 'LambdaMigrationOutcomeUnknown*') { throw }
            Add-RunbookStep -Report $report 'Run the migration' Applied -Detail 'The function ran and reported a failure.'
            Add-RunbookCriterion -Report $report 'The migration succeeded' $false -Detail $_.Exception.Message -Fix 'Read the function''s log for the request, fix the migration, and run again.'
        }
    }
}
catch {
    Add-RunbookStep -Report $report -InputObject $_
}

$summary = Complete-RunbookReport -Report $report -OutputPath $OutputPath
$summary
exit $summary.ExitCode
