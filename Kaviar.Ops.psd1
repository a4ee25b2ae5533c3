@{
    RootModule           = 'Kaviar.Ops.Cmdlets.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f4d8e-3c7a-4c1e-9a57-2f6d4b7e8a31'
    Author               = 'Kaviar.Ops'
    CompanyName          = 'Kaviar.Ops'
    Copyright            = '(c) Kaviar.Ops. All rights reserved.'
    Description          = 'On-call commands for an ECS Fargate service behind an ALB with a Postgres database: service health, migrations, target health, security-group repair and runbooks.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('Kaviar.Ops.Format.ps1xml')
    # Makes the engine and its dependencies (Dependencies/) loadable, apart from other modules', before the cmdlets load.
    ScriptsToProcess     = @('Kaviar.Ops.Dependencies.ps1')
    CmdletsToExport      = @(
        'Get-EcsServiceHealth'
        'Invoke-EcsMigration'
        'Test-AlbTargetHealth'
        'Test-AlbListener'
        'Resolve-AlbRoute'
        'Repair-AlbListener'
        'Test-HttpEndpoint'
        'Test-PostgresConnection'
        'Test-PostgresSchema'
        'Confirm-PostgresMigrated'
        'Repair-EcsSecurityGroup'
        'Repair-DatabaseIngress'
        'Test-EcsNetworkPath'
        'Invoke-LambdaMigration'
        'Start-EcsDeployment'
        'Wait-EcsDeployment'
        'Undo-EcsDeployment'
        'Get-EcsDeploymentHistory'
        'Compare-EcsTaskDefinition'
        'Test-LambdaNetworkPath'
        'Get-EcsServiceLog'
        'Test-EcsServiceLog'
        'New-EcsMigrationTaskDefinition'
        'New-RunbookReport'
        'Add-RunbookCriterion'
        'Add-RunbookStep'
        'Add-RunbookNote'
        'Complete-RunbookReport'
        'ConvertFrom-RunbookArgument'
        'Test-EcsTaskDefinition'
        'Test-EcsServiceReadiness'
        'Test-LambdaConfiguration'
        'Test-EcsServiceDiscovery'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('AWS', 'ECS', 'Fargate', 'ALB', 'Postgres', 'RDS', 'Aurora', 'Migrations', 'OnCall', 'Runbook')
        }
    }
}
