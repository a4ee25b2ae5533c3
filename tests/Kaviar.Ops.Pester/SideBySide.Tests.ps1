# Kaviar.Ops beside another module's AWSSDK.Core (AWS.Tools 4 ships 3.7, AWS.Tools 5 ships 4.x), loaded before or
# after the module in one fresh pwsh: both sides keep working. Each case is its own child shell, as a user's session.
param(
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $Rehearsal,
    [Parameter(Mandatory)] [string] $ForeignAwsSdkCores
)

BeforeDiscovery {
    $script:cases = foreach ($package in $ForeignAwsSdkCores -split ';' | Where-Object { $_ }) {
        $version = Split-Path $package -Leaf
        foreach ($order in 'before', 'after') { @{ Version = $version; Package = $package; Order = $order } }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SimulatedAccount.psm1') -Force
    $script:account = Start-SimulatedAccount -Rehearsal $Rehearsal -Scenario seed001

    function Get-AwsSdkCorePath([string] $package) {
        # The build AWS.Tools would load on this runtime: the newest .NET one the package has, else netstandard2.0.
        foreach ($framework in 'net8.0', 'netcoreapp3.1', 'netstandard2.0') {
            $path = Join-Path $package "lib/$framework/AWSSDK.Core.dll"
            if (Test-Path $path) { return $path }
        }

        throw "No AWSSDK.Core.dll in $package"
    }
}

AfterAll {
    Stop-SimulatedAccount -Account $account
}

Describe 'Kaviar.Ops beside another AWSSDK.Core' {
    It 'works with AWSSDK.Core <Version> loaded <Order> it, and so does the other' -ForEach $cases {
        $foreign = Get-AwsSdkCorePath $Package
        $loadForeign = "Add-Type -Path '$foreign'"
        $importModule = "Import-Module '$Module'"
        # Calls through the other AWSSDK.Core, then through Kaviar.Ops, given the other's credentials object.
        $useBoth = @(
            "`$credentials = [Amazon.Runtime.BasicAWSCredentials]::new('AKIDOTHERSDK', 'other-sdk-secret')"
            "'other: ' + [Amazon.RegionEndpoint]::GetBySystemName('us-east-2').SystemName + ' ' + `$credentials.GetCredentials().AccessKey"
            "'other file version: ' + [System.Diagnostics.FileVersionInfo]::GetVersionInfo([Amazon.Runtime.BasicAWSCredentials].Assembly.Location).FileVersion"
            "`$health = Get-EcsServiceHealth kaviar-backend-service -Cluster kaviar-cluster -Region us-east-2 -EndpointUrl '$($account.Endpoint)' -Credential `$credentials -ErrorAction Stop"
            "'kaviar: ' + `$health.ServiceName + ' ' + `$health.Region"
        ) -join '; '
        $steps = if ($Order -eq 'before') { "$loadForeign; $importModule; $useBoth" } else {
            # The module's own AWSSDK.Core is in use before the other one arrives.
            "$importModule; `$null = Get-EcsServiceHealth kaviar-backend-service -Cluster kaviar-cluster -Region us-east-2 -EndpointUrl '$($account.Endpoint)' -AccessKey AKIDFIRST -SecretKey first-secret; $loadForeign; $useBoth"
        }

        $run = Invoke-ChildPwsh -Arguments @('-NoProfile', '-NonInteractive', '-Command', "`$ErrorActionPreference = 'Stop'; $steps")

        ($run.Output -join "`n") | Should -Match 'other: us-east-2 AKIDOTHERSDK'
        # The other module's own file, not the module's: AWSSDK keeps one assembly version per major line.
        ($run.Output -join "`n") | Should -Match ('other file version: ' + [regex]::Escape($Version))
        ($run.Output -join "`n") | Should -Match 'kaviar: kaviar-backend-service us-east-2'
        $run.ExitCode | Should -Be 0
    }
}
