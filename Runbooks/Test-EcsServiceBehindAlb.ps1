<#
.SYNOPSIS
    Seed 001 (an ECS service behind an ALB whose targets time out): the deploy check and validation with every
    acceptance criterion, the fix-ecs-sg repair, and the rollback to a named or the last good revision.

.DESCRIPTION
    The criteria of runbook 001's validation, each with its fix:
    - the service is ACTIVE and runs its desired count (Get-EcsServiceHealth);
    - at least one target is healthy (Test-AlbTargetHealth);
    - the tasks carry -SecurityGroup, and the load balancer reaches them on the container port, across the network
      ACLs, with the ports consistent (Test-EcsNetworkPath);
    - the health URL answers 200 with -ExpectJson (Test-HttpEndpoint), when -HealthUrl is given;
    - every task of the service's deployment logged -LogLine (Test-EcsServiceLog), when given.
    -Repair applies fix-ecs-sg when the network path fails: the load balancer's group admitted on the container port
    and, with -SecurityGroup, the service moved onto that group (Repair-EcsSecurityGroup), then waits for a healthy
    target and the log line. -Rollback returns the service to the revision that last completed a deployment
    (Undo-EcsDeployment), -RollbackTo to a named revision (Start-EcsDeployment), before the checks. Changes are made
    only with -Force; without it they are planned and the run fails. -WhatIf plans every change and makes none.

    Writes one summary object (and -OutputPath as JSON); exits 0 when every criterion passed, 1 when one failed or a
    change was only planned, 2 when a step failed. Lists and tables may be passed as schedulers pass them.

.EXAMPLE
    pwsh -NonInteractive -File ./Test-EcsServiceBehindAlb.ps1 -Cluster kaviar-cluster -ServiceName kaviar-backend-service `
        -SecurityGroup kaviar-ecs-sg -HealthUrl "http://$albDns/api/health" -ExpectJson '{"success":true}' `
        -LogLine 'Backend running on port 3001' -Repair -Force -Region us-east-2 -OutputPath ./seed001.json
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $Cluster,
    [Parameter(Mandatory)] [string] $ServiceName,
    # The tasks' intended security group (seed 001: kaviar-ecs-sg), checked on their ENIs.
    [string] $SecurityGroup,
    # The health URL through the load balancer; skipped when omitted.
    [uri] $HealthUrl,
    [string] $HostHeader,
    # JSON fields the health answer must have: a hashtable, or a JSON object.
    [object] $ExpectJson,
    # A line every task of the deployment logs once it is up (seed 001: 'Backend running on port 3001').
    [string] $LogLine,
    # Apply fix-ecs-sg when the network path fails (with -Force).
    [switch] $Repair,
    # Roll back to the revision that last completed a deployment (with -Force).
    [switch] $Rollback,
    # Roll back to this revision (family:revision) instead (with -Force).
    [string] $RollbackTo,
    # Seconds to wait for a rollback, for a healthy target and for the log line once something changed.
    [int] $Timeout = 600,
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

$ExpectJson = ConvertFrom-RunbookArgument -Table $ExpectJson
$aws = @{}
foreach ($name in 'Region', 'ProfileName', 'EndpointUrl') {
    if ($PSBoundParameters.ContainsKey($name)) { $aws[$name] = $PSBoundParameters[$name] }
}
$apply = $Force -and -not $WhatIfPreference
$changed = $false
$on = ($aws.GetEnumerator() | Where-Object Name -ne 'EndpointUrl' | ForEach-Object { "-$($_.Name) $($_.Value)" }) -join ' '
$groupArgument = if ($SecurityGroup) { " -SecurityGroup $SecurityGroup" } else { '' }

$report = New-RunbookReport -Name 'Test-EcsServiceBehindAlb' -Procedure 'Seed 001: deploy check, validation, fix-ecs-sg, rollback'
try {
    # The rollback, when asked for, comes first: the checks then judge the revision it returned to.
    if ($Rollback -or $RollbackTo) {
        $undo = if ($RollbackTo) { "Start-EcsDeployment $Cluster $ServiceName $RollbackTo -Wait -Force $on" } else { "Undo-EcsDeployment $Cluster $ServiceName -Wait -Force $on" }
        if (-not $apply) {
            Add-RunbookStep -Report $report 'Roll back' Planned -Detail $undo
        }
        else {
            $rolledBack = if ($RollbackTo) { @(Start-EcsDeployment $Cluster $ServiceName $RollbackTo -Wait -Timeout $Timeout -Force @aws) }
            else { @(Undo-EcsDeployment $Cluster $ServiceName -Wait -Timeout $Timeout -Force @aws) }
            $rolledBack[0] | Add-RunbookStep -Report $report
            $changed = $true
        }
    }

    # fix-ecs-sg, when the network path fails and a repair was asked for.
    $pathArgs = @{ Cluster = $Cluster; Service = $ServiceName }
    if ($SecurityGroup) { $pathArgs.SecurityGroup = $SecurityGroup }
    $network = @(Test-EcsNetworkPath @pathArgs @aws)
    $fixSecurityGroup = "Repair-EcsSecurityGroup $Cluster $ServiceName$groupArgument -Force -Confirm:`$false $on"
    if ($Repair) {
        if (-not @($network | Where-Object { -not $_.Passed })) {
            Add-RunbookStep -Report $report 'fix-ecs-sg' AlreadyInPlace -Detail 'The network path passes.'
        }
        elseif (-not $apply) {
            Add-RunbookStep -Report $report 'fix-ecs-sg' Planned -Detail $fixSecurityGroup
        }
        else {
            $repairArgs = @{ Cluster = $Cluster; Service = $ServiceName }
            if ($SecurityGroup) { $repairArgs.SecurityGroup = $SecurityGroup }
            $repaired = @(Repair-EcsSecurityGroup @repairArgs -Force -Confirm:$false @aws)
            $repaired | Add-RunbookStep -Report $report
            if (@($repaired | Where-Object Status -eq 'Applied').Count -gt 0) { $changed = $true }
        }
    }

    # A change that started a deployment is judged once the deployment has completed (a failed one throws).
    if ($changed) {
        $null = Wait-EcsDeployment $Cluster $ServiceName -Timeout $Timeout @aws
        $network = @(Test-EcsNetworkPath @pathArgs @aws)
    }

    $health = Get-EcsServiceHealth -Cluster $Cluster -ServiceName $ServiceName @aws
    $running = $health.Status -eq 'ACTIVE' -and $health.RunningCount -eq $health.DesiredCount -and $health.DesiredCount -gt 0
    Add-RunbookCriterion -Report $report 'Service ACTIVE and running = desired' $running `
        -Detail "$($health.Status), $($health.RunningCount)/$($health.DesiredCount) running on $($health.TaskDefinition). $(@($health.Reasons)[0])" `
        -Fix "Get-EcsServiceHealth $ServiceName -Cluster $Cluster $on | Format-List   # the stopped tasks and their causes"

    $groups = @($network | Where-Object Link -eq 'TaskSecurityGroups')
    if ($SecurityGroup) {
        Add-RunbookCriterion -Report $report "Tasks carry $SecurityGroup" (@($groups | Where-Object { -not $_.Passed }).Count -eq 0) `
            -Detail (@($groups.Detail) -join ' ') -Fix $fixSecurityGroup
    }
    $broken = @($network | Where-Object { $_.Link -ne 'TaskSecurityGroups' -and -not $_.Passed })
    Add-RunbookCriterion -Report $report 'The load balancer reaches the tasks' ($broken.Count -eq 0) `
        -Detail (@($broken | ForEach-Object { "$($_.Link): $($_.Detail)" }) -join ' ') -Fix $(if ($broken) { @($broken)[0].Fix } else { '' })

    $waitArgs = if ($changed) { @{ Wait = $true; Timeout = $Timeout } } else { @{} }
    try {
        $targets = @(Test-AlbTargetHealth $ServiceName -Cluster $Cluster @waitArgs @aws)
        $healthy = ($targets | Measure-Object -Property HealthyCount -Sum).Sum
        Add-RunbookCriterion -Report $report 'At least one healthy target' ($healthy -ge 1) `
            -Detail "$healthy healthy. $(@($targets.Reasons) -join ' ')" -Fix $fixSecurityGroup
    }
    catch {
        Add-RunbookCriterion -Report $report 'At least one healthy target' $false -Detail $_.Exception.Message -Fix $fixSecurityGroup
    }

    if ($HealthUrl) {
        $smoke = @{ Uri = $HealthUrl; ExpectJson = $ExpectJson }
        if ($HostHeader) { $smoke.HostHeader = $HostHeader }
        if ($changed) { $smoke.Timeout = $Timeout }
        try {
            $answer = Test-HttpEndpoint @smoke
            Add-RunbookCriterion -Report $report "$($HealthUrl.AbsolutePath) answers" $answer.Passed `
                -Detail "HTTP $($answer.StatusCode): $($answer.BodyExcerpt) $(@($answer.Reasons) -join ' ')" -Fix 'Fix the checks above and run again.'
        }
        catch {
            Add-RunbookCriterion -Report $report "$($HealthUrl.AbsolutePath) answers" $false -Detail $_.Exception.Message -Fix 'Fix the checks above and run again.'
        }
    }

    if ($LogLine) {
        try {
            $logged = Test-EcsServiceLog $Cluster $ServiceName $LogLine @waitArgs @aws
            Add-RunbookCriterion -Report $report "Every task logged '$LogLine'" $logged.Passed -Detail $logged.Detail `
                -Fix "Get-EcsServiceLog $Cluster $ServiceName -Since 15m $on"
        }
        catch {
            Add-RunbookCriterion -Report $report "Every task logged '$LogLine'" $false -Detail $_.Exception.Message -Fix "Get-EcsServiceLog $Cluster $ServiceName -Since 15m $on"
        }
    }
}
catch {
    Add-RunbookStep -Report $report -InputObject $_
}

$summary = Complete-RunbookReport -Report $report -OutputPath $OutputPath
$summary
exit $summary.ExitCode
