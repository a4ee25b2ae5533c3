# Kaviar.Ops in a real pwsh, as users run it: imported from its manifest, no default region, credentials from the
# environment, a simulated account served by another process, child shells for schedulers. Windows PowerShell 5.1 syntax.
param(
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $Rehearsal
)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SimulatedAccount.psm1') -Force
    Import-Module $Module -Force

    $script:savedEnvironment = @{}
    foreach ($name in 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'PSModulePath') {
        $script:savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
    }

    # Keys from the environment and no region anywhere: every command must get its region from -Region, the objects
    # piped to it, or an ARN.
    $env:AWS_ACCESS_KEY_ID = 'AKIDPESTERSUITE'
    $env:AWS_SECRET_ACCESS_KEY = 'pester-suite-secret'
    foreach ($name in 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE') { Remove-Item "env:$name" -ErrorAction SilentlyContinue }

    $script:account = Start-SimulatedAccount -Rehearsal $Rehearsal -Scenario seed001
    $script:aws = @{ Region = 'us-east-2'; EndpointUrl = $account.Endpoint }
    $script:cluster = 'kaviar-cluster'
    $script:service = 'kaviar-backend-service'
    $script:repository = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $script:moduleFolder = Split-Path (Split-Path $Module -Parent) -Parent
}

AfterAll {
    Stop-SimulatedAccount -Account $account
    # Unset what was unset: PowerShell passes $null to a .NET string parameter as '', which leaves AWS_PROFILE='' behind.
    foreach ($name in $savedEnvironment.Keys) {
        if ($savedEnvironment[$name]) { Set-Item "env:$name" $savedEnvironment[$name] } else { Remove-Item "env:$name" -ErrorAction SilentlyContinue }
    }
}

Describe 'Kaviar.Ops in a real pwsh' {
    It 'imports from its manifest with every command named by an approved verb' {
        $commands = Get-Command -Module Kaviar.Ops
        $commands.Count | Should -BeGreaterOrEqual 14
        $approved = (Get-Verb).Verb
        $commands | Where-Object { $approved -notcontains $_.Verb } | Should -BeNullOrEmpty
    }

    It 'runs the README pipeline with no default region: the region and endpoint travel on the objects' {
        $groups = @(Get-EcsServiceHealth $service -Cluster $cluster @aws | Test-AlbTargetHealth)

        $groups.Count | Should -Be 1
        $groups[0].TargetGroupName | Should -Be 'kaviar-backend-tg'
        $groups[0].Region | Should -Be 'us-east-2'
        $groups[0].EndpointUrl | Should -Be $account.Endpoint
    }

    It 'rehearses a scenario file served by the host, as the README shows for an account shaped like yours' {
        $orders = Start-SimulatedAccount -Rehearsal $Rehearsal -Scenario (Join-Path $repository 'scenarios/orders-api.json')
        try {
            $on = @{ Region = 'eu-west-1'; EndpointUrl = $orders.Endpoint }
            (Get-EcsServiceHealth orders-api -Cluster orders @on).Healthy | Should -BeFalse
            $alb = Test-EcsNetworkPath orders orders-api @on | Where-Object Link -EQ 'LoadBalancerToTask'
            $alb.Passed | Should -BeFalse
            $alb.Destination | Should -Match '^orders-tasks-sg '
            $alb.Port | Should -Be 8080
        }
        finally {
            Stop-SimulatedAccount -Account $orders
        }
    }

    It 'answers a missing service with its error id, and -ErrorAction Stop makes it catchable' {
        Get-EcsServiceHealth ghost-service -Cluster $cluster @aws -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'EcsServiceNotFound,Kaviar.Ops.Cmdlets.GetEcsServiceHealthCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'

        { Get-EcsServiceHealth ghost-service -Cluster $cluster @aws -ErrorAction Stop } | Should -Throw -ErrorId 'EcsServiceNotFound,Kaviar.Ops.Cmdlets.GetEcsServiceHealthCommand'
    }

    It 'looks an ARN of another region up there, and refuses it against an explicit -Region' {
        $arn = "arn:aws:ecs:eu-west-1:123456789012:service/$cluster/$service"

        { Get-EcsServiceHealth $arn -EndpointUrl $account.Endpoint -ErrorAction Stop } | Should -Throw '*eu-west-1*'
        { Get-EcsServiceHealth $arn @aws -ErrorAction Stop } | Should -Throw -ErrorId 'ArnRegionConflict,Kaviar.Ops.Cmdlets.GetEcsServiceHealthCommand'
    }

    It 'plans a repair under -WhatIf and changes nothing' {
        $steps = @(Repair-EcsSecurityGroup $cluster $service kaviar-ecs-sg @aws -WhatIf)

        ($steps | ForEach-Object { '{0}:{1}' -f $_.Action, $_.Status }) | Should -Contain 'UpdateServiceNetwork:Planned'
        @(Test-EcsNetworkPath $cluster $service @aws | Where-Object { -not $_.Passed }).Count | Should -BeGreaterThan 0
    }

    It 'fails a repair that needs confirmation in a non-interactive shell, with its id and a non-zero exit code' {
        $repair = "Import-Module '$Module'; Repair-EcsSecurityGroup $cluster $service kaviar-ecs-sg -Region us-east-2 -EndpointUrl $($account.Endpoint)"

        $plain = Invoke-ChildPwsh -Arguments @('-NoProfile', '-NonInteractive', '-Command', $repair)
        $caught = Invoke-ChildPwsh -Arguments @('-NoProfile', '-NonInteractive', '-Command',
            "try { $repair -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; exit 3 }")

        $plain.ExitCode | Should -Not -Be 0
        $caught.ExitCode | Should -Be 3
        $caught.Output | Should -Contain 'ConfirmationRequired,Kaviar.Ops.Cmdlets.RepairEcsSecurityGroupCommand'
    }

    It 'runs a runbook with -File as a scheduler does, and exits non-zero when the service is broken' {
        $env:PSModulePath = $moduleFolder + [System.IO.Path]::PathSeparator + $savedEnvironment['PSModulePath']
        try {
            $run = Invoke-ChildPwsh -Arguments @('-NoProfile', '-NonInteractive', '-File', (Join-Path $repository 'Runbooks/Test-EcsServiceBehindAlb.ps1'),
                '-Cluster', $cluster, '-ServiceName', $service, '-SecurityGroup', 'kaviar-ecs-sg', '-Region', 'us-east-2', '-EndpointUrl', $account.Endpoint)
        }
        finally {
            $env:PSModulePath = $savedEnvironment['PSModulePath']
        }

        $run.ExitCode | Should -Not -Be 0
        ($run.Output -join "`n") | Should -Match 'FAIL Tasks carry kaviar-ecs-sg'
    }

    It 'renders its views within 120 columns' {
        $views = @(
            (Get-EcsServiceHealth $service -Cluster $cluster @aws),
            (Test-AlbTargetHealth $service -Cluster $cluster @aws),
            (Test-EcsNetworkPath $cluster $service @aws),
            (Get-EcsServiceLog $cluster $service -Since 1h @aws),
            (Test-EcsServiceLog $cluster $service 'Backend running on port 3001' @aws)
        ) | Out-String -Width 120 -Stream

        $views | Where-Object { $_.Length -gt 120 } | Should -BeNullOrEmpty
        ($views -join "`n") | Should -Match 'kaviar-backend-service'
    }

    It 'completes cluster, service, task definition, load balancer, security group, listener port, secret, function and region names from the account the line points at' {
        $on = "-Region us-east-2 -EndpointUrl $($account.Endpoint)"
        function Complete([string] $line) { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText }

        Complete "Get-EcsServiceHealth $on -Cluster kav" | Should -Be 'kaviar-cluster'
        Complete "Get-EcsServiceHealth $on -Cluster kaviar-cluster -ServiceName kaviar-b" | Should -Be 'kaviar-backend-service'
        Complete "Get-EcsServiceLog $on -Cluster kaviar-cluster -Service kaviar-b" | Should -Be 'kaviar-backend-service'
        Complete "Test-EcsServiceLog $on -Cluster kav" | Should -Be 'kaviar-cluster'
        Complete "Test-AlbListener $on -LoadBalancer " | Should -Contain 'kaviar-alb'
        Complete "Get-EcsServiceHealth -Region us-east-" | Should -Contain 'us-east-2'
        Complete "Repair-EcsSecurityGroup $on -Cluster kaviar-cluster -Service kaviar-backend-service -SecurityGroup kaviar-e" | Should -Be 'kaviar-ecs-sg'
        Complete "Repair-AlbListener $on -LoadBalancer kaviar-alb -Port " | Should -Be '80'
        Complete "Invoke-EcsMigration $on -Cluster kaviar-cluster -Command migrate -TaskDefinition kaviar-b" | Should -Contain 'kaviar-backend'
        $seed003 = Start-SimulatedAccount -Rehearsal $Rehearsal -Scenario seed003
        try {
            Complete "Test-PostgresSchema -Region us-east-1 -EndpointUrl $($seed003.Endpoint) -RequiredTable users -SecretId alq" |
                Should -Be 'alquimista/dev/aurora/credentials'
            Complete "Invoke-LambdaMigration -Region us-east-1 -EndpointUrl $($seed003.Endpoint) -FunctionName aurora" |
                Should -Be 'aurora-migrations-runner-dev'
        }
        finally {
            Stop-SimulatedAccount -Account $seed003
        }
    }

    It 'documents every parameter with the aliases the command really has' {
        $wrong = foreach ($command in Get-Command -Module Kaviar.Ops) {
            foreach ($parameter in $command.Parameters.Values | Where-Object { [System.Management.Automation.Cmdlet]::CommonParameters -notcontains $_.Name -and [System.Management.Automation.Cmdlet]::OptionalCommonParameters -notcontains $_.Name }) {
                $documented = (Get-Help $command.Name -Parameter $parameter.Name).aliases
                $actual = if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }
                if ($documented -ne $actual) { '{0} -{1}: help says "{2}", the command has "{3}"' -f $command.Name, $parameter.Name, $documented, $actual }
            }
        }

        $wrong | Should -BeNullOrEmpty
    }

    It 'has a view for every type its commands output' {
        # The module's own types; strings and hashtables (ConvertFrom-RunbookArgument) display as PowerShell shows them.
        $types = Get-Command -Module Kaviar.Ops | ForEach-Object { $_.OutputType } | ForEach-Object { $_.Type } |
            Where-Object { $_.FullName -like 'Kaviar.Ops.*' } | Sort-Object FullName -Unique

        $types.Count | Should -BeGreaterOrEqual 12
        $types | Where-Object { -not (Get-FormatData -TypeName $_.FullName) } | ForEach-Object FullName | Should -BeNullOrEmpty
    }

    It 'plans a deployment under -WhatIf, writes its status as a name, and refuses one nobody can confirm' {
        $step = Start-EcsDeployment $cluster $service -ForceNewDeployment @aws -WhatIf

        $step.Status | Should -Be 'Planned'
        $step.TaskDefinition | Should -Be 'kaviar-backend:2'
        ($step | ConvertTo-Json | ConvertFrom-Json).Status | Should -Be 'Planned'

        $deploy = "Import-Module '$Module'; try { Start-EcsDeployment $cluster $service -ForceNewDeployment -Region us-east-2 -EndpointUrl $($account.Endpoint) -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; exit 4 }"
        $run = Invoke-ChildPwsh -Arguments @('-NoProfile', '-NonInteractive', '-Command', $deploy)
        $run.ExitCode | Should -Be 4
        $run.Output | Should -Contain 'ConfirmationRequired,Kaviar.Ops.Cmdlets.StartEcsDeploymentCommand'
    }

    It 'ends a wait for a deployment that cannot complete with a timeout error carrying the last observation' {
        $failure = $null
        try { Wait-EcsDeployment $cluster $service @aws -Timeout 3 -ErrorAction Stop } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -Be 'EcsDeploymentTimeout,Kaviar.Ops.Cmdlets.WaitEcsDeploymentCommand'
        $failure.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $failure.TargetObject.RolloutState | Should -Be 'IN_PROGRESS'
    }

    It 'writes repair steps to JSON with their action and status as names' {
        $json = Repair-EcsSecurityGroup $cluster $service kaviar-ecs-sg @aws -WhatIf | ConvertTo-Json -Depth 5 | ConvertFrom-Json

        @($json).Action | Should -Contain 'UpdateServiceNetwork'
        @($json).Status | Should -Contain 'Planned'
    }

    It 'converts its outputs to JSON that reads back' {
        $json = Get-EcsServiceHealth $service -Cluster $cluster @aws | ConvertTo-Json -Depth 5
        $health = $json | ConvertFrom-Json

        $health.ServiceName | Should -Be $service
        $health.Region | Should -Be 'us-east-2'
        $health.Findings[0].Code | Should -Not -BeNullOrEmpty
        $health.Findings[0].Severity | Should -BeIn 'Info', 'Warning', 'Error'
    }

    It 'tells the load balancer''s own answer from the app''s at the listener $albDns names, in its view and its JSON' {
        # Seed 001's service has no target in service: whatever the moment, the load balancer answers itself (503, or 504 failing open).
        $check = Test-HttpEndpoint "http://$($account.AlbDns)/api/health" -ExpectJson @{ success = $true } -ErrorAction SilentlyContinue -ErrorVariable failed

        $check.AnsweredByLoadBalancer | Should -BeTrue
        $check.StatusCode | Should -BeIn 502, 503, 504
        $check.Reasons[0] | Should -Match 'The load balancer answered it itself: '
        @($failed)[0].FullyQualifiedErrorId | Should -Match '^HttpSmokeTestFailed,'
        # The table wraps its last column at 120, inside words too: read it with the wrapping taken out.
        (($check | Out-String -Width 120) -replace '\s', '') | Should -Match 'Theloadbalanceransweredititself'
        ($check | ConvertTo-Json -Depth 5 | ConvertFrom-Json).AnsweredByLoadBalancer | Should -BeTrue
    }

    It 'never shows a secret given to a migration, in any stream' {
        $everything = Invoke-EcsMigration $cluster $service -Command npm, run, migrate -Environment @{ DB_PASSWORD = 'pester-hunter2' } @aws -WhatIf -Verbose *>&1 |
            Out-String

        $everything | Should -Match 'DB_PASSWORD'
        $everything | Should -Not -Match 'pester-hunter2'
    }

    It 'keeps secrets out of a transcript, $Error as JSON and CLIXML, and outputs at depth 10' {
        $secrets = 'pester-env-7781', 'pester-secure-5519', 'pester-connstr-8812', 'pester-awskey-4417'
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $Error.Clear()
        Start-Transcript -Path $transcript | Out-Null
        $outputs = [System.Collections.Generic.List[object]]::new()
        $environment = @{ DATABASE_PASSWORD = $secrets[0]; API_TOKEN = (ConvertTo-SecureString $secrets[1] -AsPlainText -Force) }
        $outputs.AddRange([object[]]@(Invoke-EcsMigration $cluster $service -Command npm, run, seed -Environment $environment @aws -NoWait -Verbose))
        try { Invoke-EcsMigration $cluster $service -Command npm, run, migrate -Environment $environment @aws -NoWait -ErrorAction Stop } catch { $refused = $_ }
        $outputs.AddRange([object[]]@(Test-PostgresConnection -ConnectionString "Host=127.0.0.1;Port=1;Database=app;Username=app;Password=$($secrets[2])" -Verbose -ErrorAction SilentlyContinue))
        $outputs.AddRange([object[]]@(Get-EcsServiceHealth $service -Cluster $cluster @aws -AccessKey AKIDPESTERSCAN -SecretKey $secrets[3] -Verbose))
        Stop-Transcript | Out-Null

        # Outputs at depth 10; error records as a log sink keeps them, at the serialisers' default depth (at depth 10 an
        # ErrorRecord's exception drags in .NET reflection: hundreds of megabytes, whoever's the error).
        $outputsXml = Join-Path $TestDrive 'outputs.clixml'
        $errorsXml = Join-Path $TestDrive 'errors.clixml'
        $outputs | Export-Clixml -Path $outputsXml -Depth 10
        $Error | Export-Clixml -Path $errorsXml
        $json = ($outputs | ConvertTo-Json -Depth 10 -WarningAction SilentlyContinue) + ($Error | ConvertTo-Json -WarningAction SilentlyContinue)

        $refused.FullyQualifiedErrorId | Should -Match '^EcsMigrationAlreadyRunning,'
        $json | Should -Match 'EcsMigrationAlreadyRunning'
        foreach ($text in (Get-Content $transcript -Raw), $json, (Get-Content $outputsXml -Raw), (Get-Content $errorsXml -Raw)) {
            foreach ($secret in $secrets) { $text | Should -Not -Match ([regex]::Escape($secret)) }
        }
    }

    Context 'credentials as AWS.Tools gives them' {
        It 'takes -AccessKey and -SecretKey first, names the source in -Debug, and never shows the secret' {
            $everything = Get-EcsServiceHealth $service -Cluster $cluster @aws -AccessKey AKIDFROMPARAMETER -SecretKey 'pester-parameter-secret' -Debug *>&1 |
                Out-String

            $everything | Should -Match 'AWS credentials: -AccessKey/-SecretKey'
            $everything | Should -Not -Match 'pester-parameter-secret'
        }

        It 'refuses half a key pair' {
            { Get-EcsServiceHealth $service -Cluster $cluster @aws -AccessKey AKIDONLY -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidCredentialParameters,Kaviar.Ops.Cmdlets.GetEcsServiceHealthCommand'
        }

        It 'takes -Credential and $StoredAWSCredentials made by another copy of AWSSDK.Core' {
            # What AWS.Tools hands over, by shape only: GetCredentials() with AccessKey, SecretKey and Token.
            $foreign = [pscustomobject]@{}
            $foreign | Add-Member -MemberType ScriptMethod -Name GetCredentials -Value {
                [pscustomobject]@{ AccessKey = 'AKIDFOREIGNCOPY'; SecretKey = 'pester-foreign-secret'; Token = $null }
            }

            $byParameter = Get-EcsServiceHealth $service -Cluster $cluster @aws -Credential $foreign -Debug 5>&1 | Out-String
            $global:StoredAWSCredentials = [pscustomobject]@{ Credentials = $foreign }
            try {
                $byShell = Get-EcsServiceHealth $service -Cluster $cluster @aws -Debug 5>&1 | Out-String
            }
            finally {
                Remove-Variable -Name StoredAWSCredentials -Scope Global
            }

            $byParameter | Should -Match 'AWS credentials: -Credential'
            $byShell | Should -Match 'AWS credentials: \$StoredAWSCredentials'
            ($byParameter + $byShell) | Should -Not -Match 'pester-foreign-secret'
        }

        It 'reaches the endpoint AWS_ENDPOINT_URL names, as the CLI and the SDKs do' {
            $env:AWS_ENDPOINT_URL = $account.Endpoint
            try {
                $health = Get-EcsServiceHealth $service -Cluster $cluster -Region us-east-2
            }
            finally {
                Remove-Item env:AWS_ENDPOINT_URL
            }

            $health.ServiceName | Should -Be $service
        }

        It 'uses environment keys before AWS_PROFILE, as the CLI and the SDK do' {
            $env:AWS_PROFILE = 'no-such-profile-because-keys-win'
            try {
                $debug = Get-EcsServiceHealth $service -Cluster $cluster @aws -Debug 5>&1 | Out-String
            }
            finally {
                Remove-Item env:AWS_PROFILE
            }

            $debug | Should -Match 'AWS credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY \(environment\)'
        }
    }
}
