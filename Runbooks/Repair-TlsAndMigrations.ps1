<#
.SYNOPSIS
    Seed 000 (revisions failing one after another: TLS to RDS, then an unmigrated database): the version table, the TLS
    preflight with the RDS bundle, the migrations, the schema gate, and the deployment of the revision that proved TLS
    works, followed to COMPLETED.

.DESCRIPTION
    1. The version table (Get-EcsDeploymentHistory): each deployment's revision, images, outcome and the cause its
       failed tasks logged, kept as the report's notes.
    2. TLS preflight (Test-PostgresConnection, verify-full with -CaBundlePath): the app's connection, as the app makes it.
    3. The schema (Test-PostgresSchema): when tables are missing, the migrations run as a one-off task (Invoke-EcsMigration,
       with -MigrationTaskDefinition when the migrations have a family of their own) and the schema is checked again.
    4. The deployment of -TaskDefinition (by default the revision the service runs), on the migrated schema
       (Start-EcsDeployment -Wait), when the service does not already run it at its desired count.
    Nothing changes while TLS fails (the migrations and the app would fail the same way). Changes are made only with
    -Force; without it they are planned and the run fails. -WhatIf plans every change and makes none.

    Writes one summary object (and -OutputPath as JSON); exits 0 when every criterion passed, 1 when one failed or a
    change was only planned, 2 when a step failed. Lists may be passed as schedulers pass them.

.EXAMPLE
    pwsh -NonInteractive -File ./Repair-TlsAndMigrations.ps1 -Cluster production-ysh-b2b-cluster -Service ysh-b2b-backend `
        -TaskDefinition ysh-b2b-backend:11 -Command 'npx,medusa,db:migrate' -SecretId production/ysh-b2b/db `
        -CaBundlePath ./global-bundle.pem -RequiredTable 'currency,region_country,tax_provider,payment_provider,notification_provider' `
        -Region us-east-1 -Force -OutputPath ./seed000.json
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $Cluster,
    [Parameter(Mandatory)] [string] $Service,
    # The revision to deploy (family:revision): the one whose image trusts the RDS bundle. By default the one it runs.
    [string] $TaskDefinition,
    [Parameter(Mandatory)] [string[]] $Command,
    # A migrations task definition of its own (New-EcsMigrationTaskDefinition); by default the service's own.
    [string] $MigrationTaskDefinition,
    # The database: an RDS-format Secrets Manager secret, or a connection string.
    [string] $SecretId,
    [string] $ConnectionString,
    # RDS's CA bundle (global-bundle.pem): what the app must trust.
    [Parameter(Mandatory)] [string] $CaBundlePath,
    [string[]] $RequiredTable = @(),
    [int] $Timeout = 900,
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
$RequiredTable = @(ConvertFrom-RunbookArgument -List $RequiredTable)
$aws = @{}
foreach ($name in 'Region', 'ProfileName', 'EndpointUrl') {
    if ($PSBoundParameters.ContainsKey($name)) { $aws[$name] = $PSBoundParameters[$name] }
}
$database = @{ CaBundlePath = $CaBundlePath }
foreach ($name in 'SecretId', 'ConnectionString') {
    if ($PSBoundParameters.ContainsKey($name)) { $database[$name] = $PSBoundParameters[$name] }
}
$apply = $Force -and -not $WhatIfPreference
$changed = $false
$on = ($aws.GetEnumerator() | Where-Object Name -ne 'EndpointUrl' | ForEach-Object { "-$($_.Name) $($_.Value)" }) -join ' '

$report = New-RunbookReport -Name 'Repair-TlsAndMigrations' -Procedure 'Seed 000: TLS with the RDS bundle, migrations, deploy the revision that works'
try {
    # 1. The version table.
    Get-EcsDeploymentHistory $Cluster $Service @aws | ForEach-Object {
        "$($_.TaskDefinition) [$(@($_.Images) -join ', ')] $($_.Outcome)$(if ($_.Cause) { ': ' + $_.Cause } elseif ($_.Reason) { ': ' + $_.Reason })"
    } | Add-RunbookNote -Report $report

    # 2. TLS as the app connects: verify-full with the bundle.
    try {
        $probe = Test-PostgresConnection @database @aws
        $tls = $probe.Succeeded
        $tlsDetail = "$($probe.Target): TLS $($probe.TlsMode), PostgreSQL $($probe.ServerVersion)."
    }
    catch {
        $tls = $false
        $tlsDetail = $_.Exception.Message
    }
    Add-RunbookCriterion -Report $report 'Postgres verify-full with the RDS bundle' $tls -Detail $tlsDetail `
        -Fix 'Ship the RDS bundle in the image (NODE_EXTRA_CA_CERTS=/certs/global-bundle.pem for Node) and deploy that revision.'

    # 3. The schema, migrated when it is not (and only once TLS works: the migration connects the same way).
    $schema = Test-PostgresSchema @database -RequiredTable $RequiredTable @aws
    $migration = @{ Cluster = $Cluster; Service = $Service; Command = $Command; Timeout = $Timeout }
    if ($MigrationTaskDefinition) { $migration.TaskDefinition = $MigrationTaskDefinition }
    $migrate = "Invoke-EcsMigration $Cluster $Service$(if ($MigrationTaskDefinition) { " -TaskDefinition $MigrationTaskDefinition" }) -Command $($Command -join ', ') $on"
    if ($schema.Passed) {
        Add-RunbookStep -Report $report 'Run the migrations' AlreadyInPlace -Detail 'The schema is complete.'
    }
    elseif (-not $apply -or -not $tls) {
        Add-RunbookStep -Report $report 'Run the migrations' Planned -Detail $migrate
    }
    else {
        $ran = Invoke-EcsMigration @migration -Force @aws
        Add-RunbookStep -Report $report 'Run the migrations' Applied -Detail "Task $($ran.TaskId) exited $($ran.ExitCode)."
        $changed = $true
        $schema = Test-PostgresSchema @database -RequiredTable $RequiredTable @aws
    }
    Add-RunbookCriterion -Report $report 'Schema migrated' $schema.Passed -Detail (@($schema.Reasons) -join ' ') -Fix "Run this runbook with -Force, or: $migrate"

    # 4. The revision that works, deployed on the migrated schema.
    $health = Get-EcsServiceHealth -Cluster $Cluster -ServiceName $Service @aws
    $revision = if ($TaskDefinition) { $TaskDefinition } else { $health.TaskDefinition }
    $deploy = "Start-EcsDeployment $Cluster $Service $revision -ForceNewDeployment -Wait -Force $on"
    # Healthy, not only running: a crash-looping task is briefly RUNNING too.
    $up = $health.Healthy -and $health.TaskDefinition -eq $revision -and $health.RunningCount -eq $health.DesiredCount -and $health.DesiredCount -gt 0
    if ($up -and -not $changed) {
        Add-RunbookStep -Report $report "Deploy $revision" AlreadyInPlace -Detail "$($health.RunningCount)/$($health.DesiredCount) running."
    }
    elseif (-not $apply -or -not $schema.Passed -or -not $tls) {
        Add-RunbookStep -Report $report "Deploy $revision" Planned -Detail $deploy
    }
    else {
        $deployment = @(Start-EcsDeployment $Cluster $Service $revision -ForceNewDeployment -Wait -Timeout $Timeout -Force @aws)
        $deployment[0] | Add-RunbookStep -Report $report
    }

    $health = Get-EcsServiceHealth -Cluster $Cluster -ServiceName $Service @aws
    $running = $health.Healthy -and $health.TaskDefinition -eq $revision -and $health.RunningCount -eq $health.DesiredCount -and $health.DesiredCount -gt 0
    Add-RunbookCriterion -Report $report "Service healthy on $revision at its desired count" $running `
        -Detail "$($health.Status), $($health.RunningCount)/$($health.DesiredCount) running on $($health.TaskDefinition). $(@($health.Reasons)[0])" -Fix $deploy
    if ($health.TargetGroupArn) {
        $targets = @(Test-AlbTargetHealth $Service -Cluster $Cluster @aws)
        $healthy = ($targets | Measure-Object -Property HealthyCount -Sum).Sum
        Add-RunbookCriterion -Report $report 'At least one healthy target' ($healthy -ge 1) -Detail "$healthy healthy. $(@($targets.Reasons) -join ' ')" `
            -Fix "Test-EcsNetworkPath $Cluster $Service $on"
    }
}
catch {
    Add-RunbookStep -Report $report -InputObject $_
}

$summary = Complete-RunbookReport -Report $report -OutputPath $OutputPath
$summary
exit $summary.ExitCode
