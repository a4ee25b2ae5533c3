<#
.SYNOPSIS
    Validates an ECS service behind an ALB the way runbook 001 ("Validação") does, and says what to fix.

.DESCRIPTION
    1. The service: ACTIVE, running = desired, one completed deployment, no failing tasks (Get-EcsServiceHealth).
    2. The load balancer: at least one healthy target, each unhealthy reason explained (Test-AlbTargetHealth).
    3. The network path: tasks carry the expected group, the ALB's group is admitted on the port, the subnets
       reach ECR, S3, CloudWatch Logs and Secrets Manager (Test-EcsNetworkPath).
    4. Optionally the HTTP health endpoint through the ALB (Test-HttpEndpoint).
    Writes one summary object with every check. Throws when a check fails, so a scheduled runbook (Azure
    Automation, SSM) ends failed with the reasons; every check's objects are in the summary either way.

.EXAMPLE
    ./Test-EcsServiceBehindAlb.ps1 -Cluster kaviar-cluster -ServiceName kaviar-backend-service -Region us-east-2 `
        -HealthUrl "http://$albDns/api/health" -ExpectJson @{ success = $true }
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Cluster,
    [Parameter(Mandatory)] [string] $ServiceName,
    # The tasks' intended security group (seed 001: kaviar-ecs-sg), checked on their ENIs.
    [string] $SecurityGroup,
    # The health URL through the load balancer; skipped when omitted.
    [uri] $HealthUrl,
    [string] $HostHeader,
    [hashtable] $ExpectJson = @{},
    [int] $Timeout = 0,
    [string] $Region,
    [string] $ProfileName,
    [string] $EndpointUrl
)

$ErrorActionPreference = 'Stop'
$aws = @{}
foreach ($name in 'Region', 'ProfileName', 'EndpointUrl') {
    if ($PSBoundParameters.ContainsKey($name)) { $aws[$name] = $PSBoundParameters[$name] }
}

$reasons = [System.Collections.Generic.List[string]]::new()

$service = Get-EcsServiceHealth -Cluster $Cluster -ServiceName $ServiceName @aws
foreach ($reason in $service.Reasons) { $reasons.Add("Service: $reason") }

$targets = @()
if ($service.TargetGroupArn) {
    $targets = @($service | Test-AlbTargetHealth @aws)
    foreach ($group in $targets) { foreach ($reason in $group.Reasons) { $reasons.Add("Targets: $reason") } }
}

$pathArgs = @{ Cluster = $Cluster; Service = $ServiceName }
if ($SecurityGroup) { $pathArgs.SecurityGroup = $SecurityGroup }
$network = @(Test-EcsNetworkPath @pathArgs @aws)
foreach ($link in $network) { if (-not $link.Passed) { $reasons.Add("Network: $($link.Detail) Fix: $($link.Fix)") } }

$smoke = $null
if ($HealthUrl) {
    $smokeArgs = @{ Uri = $HealthUrl; ExpectJson = $ExpectJson; Timeout = $Timeout; ErrorAction = 'SilentlyContinue' }
    if ($HostHeader) { $smokeArgs.HostHeader = $HostHeader }
    $smoke = Test-HttpEndpoint @smokeArgs
    foreach ($reason in $smoke.Reasons) { $reasons.Add("HTTP: $reason") }
}

[pscustomobject]@{
    Cluster     = $Cluster
    ServiceName = $ServiceName
    Passed      = $reasons.Count -eq 0
    Reasons     = $reasons.ToArray()
    Service     = $service
    Targets     = $targets
    Network     = $network
    Http        = $smoke
}

if ($reasons.Count -gt 0) {
    throw "$ServiceName in $Cluster is not healthy:`n - " + ($reasons -join "`n - ")
}
