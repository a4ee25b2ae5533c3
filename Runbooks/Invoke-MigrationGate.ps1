<#
.SYNOPSIS
    Runs the migrations as a one-off ECS task and confirms the schema, so the deploy that follows cannot start on an
    unmigrated database (seeds 000 and 002: "relation … does not exist").

.DESCRIPTION
    1. Invoke-EcsMigration with the service's task definition and network (or a dedicated migrations task
       definition): waits, tails the log, fails unless the task exits 0.
    2. Confirm-PostgresMigrated: fails unless the required tables exist, the history is clean and no migration file
       is pending.
    Writes the migration result and the schema report. Any failure throws: the caller's deploy step never runs.

.EXAMPLE
    ./Invoke-MigrationGate.ps1 -Cluster faxi-qa-cluster -Service faxi-qa-backend -Command npm, run, migrate `
        -SecretId qa/faxi/db -CaBundlePath ./global-bundle.pem -RequiredTable users, application_logs -Region us-east-1
    Start-EcsDeployment faxi-qa-cluster faxi-qa-backend -ForceNewDeployment -Wait -Force -Region us-east-1
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $Cluster,
    [Parameter(Mandatory)] [string] $Service,
    [Parameter(Mandatory)] [string[]] $Command,
    [string] $TaskDefinition,
    [int] $Timeout = 900,
    # The database: a Secrets Manager secret in the RDS format, or a connection string.
    [string] $SecretId,
    [string] $ConnectionString,
    [string] $CaBundlePath,
    [string[]] $RequiredTable = @(),
    [string] $MigrationsPath,
    [string] $Region,
    [string] $ProfileName,
    [string] $EndpointUrl
)

$ErrorActionPreference = 'Stop'
$aws = @{}
foreach ($name in 'Region', 'ProfileName', 'EndpointUrl') {
    if ($PSBoundParameters.ContainsKey($name)) { $aws[$name] = $PSBoundParameters[$name] }
}

$migration = @{ Cluster = $Cluster; Service = $Service; Command = $Command; Timeout = $Timeout; WhatIf = $WhatIfPreference }
if ($TaskDefinition) { $migration.TaskDefinition = $TaskDefinition }
Invoke-EcsMigration @migration @aws
if ($WhatIfPreference) { return }

$database = @{ RequiredTable = $RequiredTable }
if ($SecretId) { $database.SecretId = $SecretId } else { $database.ConnectionString = $ConnectionString }
if ($CaBundlePath) { $database.CaBundlePath = $CaBundlePath }
if ($MigrationsPath) { $database.MigrationsPath = $MigrationsPath }
Confirm-PostgresMigrated @database @aws
