<#
.SYNOPSIS
    Seed 002 (QA down: migrations never ran, the listener's default action answers 404), from the first check to the
    last verification: migrate, confirm the schema, deploy, point the listener's default action, smoke through the
    host-header rules.

.DESCRIPTION
    Checks first, then changes only what a check found wrong, then checks again:
    1. The schema (Test-PostgresSchema): when tables are missing, the migrations run as a one-off task with the
       service's task definition and network (Invoke-EcsMigration), and the schema is checked again.
    2. The services (Get-EcsServiceHealth): when the service is not running its desired count, a new deployment
       starts on the migrated schema and is followed to COMPLETED (Start-EcsDeployment -ForceNewDeployment -Wait).
    3. The listener (Test-AlbListener): a default action answering a fixed 404 is pointed at -TargetGroup
       (Repair-AlbListener).
    4. The health endpoint through the load balancer (Test-HttpEndpoint), once per -HostHeader and once without.
    Changes are made only with -Force (a scheduler cannot answer a prompt); without it they are planned, the run fails
    and each failed criterion names its fix. -WhatIf plans every change and makes none. A second run on a fixed
    environment changes nothing.

    Writes one summary object (also to -OutputPath as JSON) and exits 0 when every criterion passed, 1 when one failed
    or a change was only planned, 2 when a step failed. Lists and tables may be passed as schedulers pass them:
    -Command 'npm,run,migrate', -ExpectJson '{"status":["ok","degraded"]}'.

.EXAMPLE
    pwsh -NonInteractive -File ./Repair-MigrationsAndRouting.ps1 -Cluster faxi-qa-cluster -Service faxi-qa-backend `
        -OtherService faxi-qa-admin -Command 'npm,run,migrate' -SecretId qa/faxi/db -CaBundlePath ./global-bundle.pem `
        -RequiredTable 'users,application_logs' -LoadBalancer qa-faxi-alb -TargetGroup qa-faxi-backend-tg `
        -BaseUrl "http://$albDns" -HostHeader qa-fax.faxi.jp -ExpectJson '{"status":["ok","degraded"]}' `
        -Region us-east-1 -Force -OutputPath ./seed002.json
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $Cluster,
    # The service whose tasks need the migrated schema (seed 002: faxi-qa-backend).
    [Parameter(Mandatory)] [string] $Service,
    # Other services of the environment that must be up too (seed 002: faxi-qa-admin).
    [string[]] $OtherService = @(),
    # The migration command, in the service's own container.
    [Parameter(Mandatory)] [string[]] $Command,
    # The database: an RDS-format Secrets Manager secret, or a connection string.
    [string] $SecretId,
    [string] $ConnectionString,
    [string] $CaBundlePath,
    [string[]] $RequiredTable = @(),
    [Parameter(Mandatory)] [string] $LoadBalancer,
    [int] $ListenerPort = 80,
    # Where the listener's default action should forward (seed 002: qa-faxi-backend-tg).
    [Parameter(Mandatory)] [string] $TargetGroup,
    # The load balancer as the smoke test reaches it: http://<its DNS name>.
    [Parameter(Mandatory)] [string] $BaseUrl,
    [string] $HealthPath = '/health',
    [string[]] $HostHeader = @(),
    # JSON fields the health answer must have: a hashtable, or a JSON object.
    [object] $ExpectJson,
    # Seconds to wait for a deployment and for the health endpoint once something changed.
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

$Command = @(ConvertFrom-RunbookArgument -List $Command)
$OtherService = @(ConvertFrom-RunbookArgument -List $OtherService)
$RequiredTable = @(ConvertFrom-RunbookArgument -List $RequiredTable)
$HostHeader = @(ConvertFrom-RunbookArgument -List $HostHeader)
$ExpectJson = ConvertFrom-RunbookArgument -Table $ExpectJson
$aws = @{}
foreach ($name in 'Region', 'ProfileName', 'EndpointUrl') {
    if ($PSBoundParameters.ContainsKey($name)) { $aws[$name] = $PSBoundParameters[$name] }
}
$database = @{}
foreach ($name in 'SecretId', 'ConnectionString', 'CaBundlePath') {
    if ($PSBoundParameters.ContainsKey($name)) { $database[$name] = $PSBoundParameters[$name] }
}
$apply = $Force -and -not $WhatIfPreference
$changed = $false
$on = ($aws.GetEnumerator() | Where-Object Name -ne 'EndpointUrl' | ForEach-Object { "-$($_.Name) $($_.Value)" }) -join ' '

$report = New-RunbookReport -Name 'Repair-MigrationsAndRouting' -Procedure 'Seed 002: migrations never ran, listener default 404'
try {
    # 1. The schema, migrated when it is not.
    $schema = Test-PostgresSchema @database -RequiredTable $RequiredTable @aws
    $migrate = "Invoke-EcsMigration -Cluster $Cluster -Service $Service -Command $($Command -join ', ') $on"
    if ($schema.Passed) {
        Add-RunbookStep -Report $report 'Run the migrations' AlreadyInPlace -Detail 'The schema is complete.'
    }
    elseif (-not $apply) {
        Add-RunbookStep -Report $report 'Run the migrations' Planned -Detail $migrate
    }
    else {
        $migration = Invoke-EcsMigration -Cluster $Cluster -Service $Service -Command $Command -Timeout $Timeout -Force @aws
        Add-RunbookStep -Report $report 'Run the migrations' Applied -Detail "Task $($migration.TaskId) exited $($migration.ExitCode)."
        $changed = $true
        $schema = Test-PostgresSchema @database -RequiredTable $RequiredTable @aws
    }
    Add-RunbookCriterion -Report $report 'Schema migrated' $schema.Passed -Detail (@($schema.Reasons) -join ' ') -Fix "Run this runbook with -Force, or: $migrate"

    # 2. The service, deployed again on the migrated schema when it is not up.
    $health = Get-EcsServiceHealth -Cluster $Cluster -ServiceName $Service @aws
    $deploy = "Start-EcsDeployment $Cluster $Service -ForceNewDeployment -Wait -Force $on"
    # Healthy, not only running: a crash-looping task is briefly RUNNING too.
    $up = $health.Healthy -and $health.RunningCount -eq $health.DesiredCount -and $health.DesiredCount -gt 0
    if ($up -and -not $changed) {
        Add-RunbookStep -Report $report 'Deploy the service' AlreadyInPlace -Detail "$($health.RunningCount)/$($health.DesiredCount) running."
    }
    elseif (-not $apply -or -not $schema.Passed) {
        Add-RunbookStep -Report $report 'Deploy the service' Planned -Detail $deploy
    }
    else {
        # The deployment step (how it ended), then its result once COMPLETED; a failed or rolled-back one throws.
        $deployment = @(Start-EcsDeployment $Cluster $Service -ForceNewDeployment -Wait -Timeout $Timeout -Force @aws)
        $deployment[0] | Add-RunbookStep -Report $report
        $changed = $true
    }
    foreach ($name in @($Service) + $OtherService) {
        $health = Get-EcsServiceHealth -Cluster $Cluster -ServiceName $name @aws
        $running = $health.Healthy -and $health.Status -eq 'ACTIVE' -and $health.RunningCount -eq $health.DesiredCount -and $health.DesiredCount -gt 0
        Add-RunbookCriterion -Report $report "Service $name healthy and running = desired" $running `
            -Detail "$($health.Status), $($health.RunningCount)/$($health.DesiredCount) running on $($health.TaskDefinition). $(@($health.Reasons)[0])" -Fix $deploy
    }

    # 3. The listener's default action.
    $wrongDefault = @(Test-AlbListener $LoadBalancer @aws | Where-Object { $_.Severity -eq 'Error' -and $_.Port -eq $ListenerPort -and $_.Priority -eq 'default' })
    $route = "Repair-AlbListener $LoadBalancer $ListenerPort $TargetGroup -Confirm:`$false $on"
    if ($wrongDefault.Count -eq 0) {
        Add-RunbookStep -Report $report 'Forward the default action' AlreadyInPlace -Detail "The :$ListenerPort default action forwards."
    }
    elseif (-not $apply) {
        Add-RunbookStep -Report $report 'Forward the default action' Planned -Detail $route
    }
    else {
        Repair-AlbListener $LoadBalancer $ListenerPort $TargetGroup -Confirm:$false @aws | Add-RunbookStep -Report $report
        $changed = $true
    }
    $listener = @(Test-AlbListener $LoadBalancer @aws | Where-Object { $_.Severity -eq 'Error' -and $_.Port -eq $ListenerPort })
    $wrongDefault = @($listener | Where-Object Priority -eq 'default')
    $wrongRules = @($listener | Where-Object Priority -ne 'default')
    Add-RunbookCriterion -Report $report "Listener :$ListenerPort default action forwards" ($wrongDefault.Count -eq 0) `
        -Detail (@($wrongDefault.Finding) -join ' ') -Fix $route
    Add-RunbookCriterion -Report $report "Listener :$ListenerPort rules reach healthy targets" ($wrongRules.Count -eq 0) `
        -Detail (@($wrongRules.Finding) -join ' ') -Fix 'Deploy the services behind the failing rules (see the criteria above).'

    # 4. The health answer through the load balancer, by each host rule and by the default action.
    $smokeTimeout = if ($changed) { $Timeout } else { 0 }
    foreach ($hostName in @($HostHeader) + @('')) {
        $smoke = @{ Uri = $BaseUrl.TrimEnd('/') + $HealthPath; ExpectJson = $ExpectJson }
        if ($hostName) { $smoke.HostHeader = $hostName }
        $via = if ($hostName) { "Host: $hostName" } else { 'the default action' }
        try {
            if ($smokeTimeout -gt 0) { $smoke.Timeout = $smokeTimeout }
            $answer = Test-HttpEndpoint @smoke
            Add-RunbookCriterion -Report $report "$HealthPath answers through $via" $answer.Passed `
                -Detail "HTTP $($answer.StatusCode): $($answer.BodyExcerpt) $(@($answer.Reasons) -join ' ')" -Fix "Fix the checks above, then: Test-HttpEndpoint $($smoke.Uri)"
        }
        catch {
            Add-RunbookCriterion -Report $report "$HealthPath answers through $via" $false -Detail $_.Exception.Message -Fix 'Fix the checks above and run again.'
        }
    }
}
catch {
    Add-RunbookStep -Report $report -InputObject $_
}

$summary = Complete-RunbookReport -Report $report -OutputPath $OutputPath
$summary
exit $summary.ExitCode
