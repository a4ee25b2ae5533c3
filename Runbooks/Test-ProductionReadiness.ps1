<#
.SYNOPSIS
    Seed 004 (the production checklist of an ECS Fargate service): the task definition and service lint, Cloud Map
    service discovery with the consumer's reach to it, and the health endpoint through the load balancer.

.DESCRIPTION
    Read-only: it changes nothing, so it needs no -Force.
    1. Test-EcsServiceReadiness over the service: one criterion per checklist rule that found a Warning or an Error
       (image pinning, secrets in plain environment, log configuration, stopTimeout against the deregistration delay,
       health checks against the grace period, Fargate sizes, duplicate tag keys, Container Insights, the four
       recommended alarms…), each with its fix; one passing criterion when none did.
    2. Test-EcsServiceDiscovery for each -DiscoveryService: its registry, instances that match its tasks, its name
       resolving to healthy instances, and -ConsumerService's reach to its port; one criterion per problem found.
    3. The health URL (Test-HttpEndpoint with -ExpectJson), when given.
    Info findings are kept as notes. Writes one summary object (and -OutputPath as JSON); exits 0 when every criterion
    passed, 1 when one failed, 2 when a step failed. Lists and tables may be passed as schedulers pass them.

.EXAMPLE
    pwsh -NonInteractive -File ./Test-ProductionReadiness.ps1 -Cluster tinyurl-prod -Service go-backend `
        -DiscoveryService observability -DiscoveryName observability.internal.tinyurl.local -ConsumerService go-backend `
        -HealthUrl "http://$albDns/healthz" -ExpectJson '{"status":"ok"}' -MinimumStopTimeout 45 -Region us-east-1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Cluster,
    # The service to hold to the checklist (seed 004: go-backend).
    [Parameter(Mandatory)] [string] $Service,
    # Services registered in Cloud Map whose discovery is checked (seed 004: observability).
    [string[]] $DiscoveryService = @(),
    # The name consumers resolve (observability.internal.tinyurl.local), checked through DiscoverInstances.
    [string] $DiscoveryName,
    # The service that connects to the discovered ones; its reach to their port is checked.
    [string] $ConsumerService,
    # The seconds the application needs between SIGTERM and exit (seed 004's graceful shutdown: 30 s of requests).
    [int] $MinimumStopTimeout = 30,
    [uri] $HealthUrl,
    [string] $HostHeader,
    [object] $ExpectJson,
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

$DiscoveryService = @(ConvertFrom-RunbookArgument -List $DiscoveryService)
$ExpectJson = ConvertFrom-RunbookArgument -Table $ExpectJson
$aws = @{}
foreach ($name in 'Region', 'ProfileName', 'EndpointUrl') {
    if ($PSBoundParameters.ContainsKey($name)) { $aws[$name] = $PSBoundParameters[$name] }
}

function Add-FindingCriteria {
    # One criterion per code with a Warning or an Error (its findings' messages, the first fix); Info findings as notes.
    param($Report, [string] $Prefix, $Findings, [string] $PassedName)
    $problems = @($Findings | Where-Object { $_.Severity -ne 'Info' })
    foreach ($group in @($problems | Group-Object Code)) {
        # A kernel Finding's fix line is FixLine (its command, or the manual line); a discovery finding's is Fix.
        $fix = @($group.Group | ForEach-Object { if ($_.FixLine) { $_.FixLine } elseif ($_.Fix) { "$($_.Fix)" } })
        Add-RunbookCriterion -Report $Report "$Prefix$($group.Name)" $false -Detail (@($group.Group.Message) -join ' ') -Fix $(if ($fix) { $fix[0] } else { '' })
    }
    if ($problems.Count -eq 0) { Add-RunbookCriterion -Report $Report $PassedName $true -Detail "$(@($Findings).Count) finding(s), none a Warning or an Error." }
    @($Findings | Where-Object Severity -eq 'Info' | ForEach-Object { "$($_.Code): $($_.Message)" }) | Add-RunbookNote -Report $Report
}

$report = New-RunbookReport -Name 'Test-ProductionReadiness' -Procedure 'Seed 004: production checklist of an ECS Fargate service'
try {
    # 1. The checklist's rules over the live service.
    $readiness = Test-EcsServiceReadiness $Cluster $Service -MinimumStopTimeout $MinimumStopTimeout @aws
    Add-FindingCriteria $report '' $readiness.Findings "$Service passes the checklist's rules"
    @($readiness.Skipped | ForEach-Object { "Skipped $_" }) | Add-RunbookNote -Report $report

    # 2. Service discovery, and the consumer's reach to what it discovers.
    foreach ($name in $DiscoveryService) {
        $discovery = @{}
        if ($DiscoveryName) { $discovery.Name = $DiscoveryName }
        if ($ConsumerService) { $discovery.ConsumerService = $ConsumerService }
        $found = @(Test-EcsServiceDiscovery $Cluster $name @discovery @aws)
        Add-FindingCriteria $report "$name " $found "$name is discoverable$(if ($ConsumerService) { " and reachable from $ConsumerService" })"
    }

    # 3. The health answer through the load balancer.
    if ($HealthUrl) {
        $smoke = @{ Uri = $HealthUrl; ExpectJson = $ExpectJson }
        if ($HostHeader) { $smoke.HostHeader = $HostHeader }
        $answer = Test-HttpEndpoint @smoke
        Add-RunbookCriterion -Report $report "$($HealthUrl.AbsolutePath) answers" $answer.Passed `
            -Detail "HTTP $($answer.StatusCode): $($answer.BodyExcerpt) $(@($answer.Reasons) -join ' ')" -Fix "Test-AlbTargetHealth $Service -Cluster $Cluster$(if ($Region) { " -Region $Region" })"
    }
}
catch {
    Add-RunbookStep -Report $report -InputObject $_
}

$summary = Complete-RunbookReport -Report $report -OutputPath $OutputPath
$summary
exit $summary.ExitCode
