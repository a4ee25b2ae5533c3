# The runbooks as schedulers run them: the copies shipped in the module folder, by path, in a fresh
# `pwsh -NonInteractive -File` with parameters as strings, against the seeds' accounts served by the rehearsal host.
# Windows PowerShell 5.1 syntax.
param(
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $Rehearsal
)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SimulatedAccount.psm1') -Force
    $script:runbooks = Join-Path (Split-Path $Module -Parent) 'Runbooks'
    # Keys from the environment and nothing else, as a scheduler's job would have them.
    $script:savedKeys = @{}
    foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION') {
        $script:savedKeys[$name] = [Environment]::GetEnvironmentVariable($name)
        Remove-Item "env:$name" -ErrorAction SilentlyContinue
    }
    $env:AWS_ACCESS_KEY_ID = 'AKIDRUNBOOKSUITE'
    $env:AWS_SECRET_ACCESS_KEY = 'runbook-suite-secret'

    function Invoke-Runbook {
        # The runbook in a new pwsh as SSM or Azure Automation starts it; its summary is read back from -OutputPath.
        param([string] $Name, [string[]] $Arguments)
        $output = Join-Path ([System.IO.Path]::GetTempPath()) ([guid]::NewGuid().ToString() + '.json')
        $run = Invoke-ChildPwsh -Arguments (@('-NoProfile', '-NonInteractive', '-File', (Join-Path $runbooks $Name)) + $Arguments + @('-OutputPath', $output))
        $summary = if (Test-Path $output) { Get-Content -Raw $output | ConvertFrom-Json } else { $null }
        Remove-Item $output -ErrorAction SilentlyContinue
        [pscustomobject]@{ ExitCode = $run.ExitCode; Output = ($run.Output -join "`n"); Summary = $summary }
    }
}

AfterAll {
    foreach ($name in $savedKeys.Keys) {
        if ($savedKeys[$name]) { Set-Item "env:$name" $savedKeys[$name] } else { Remove-Item "env:$name" -ErrorAction SilentlyContinue }
    }
}

Describe 'Repair-MigrationsAndRouting (seed 002)' {
    BeforeAll {
        $script:account = Start-SimulatedAccount -Rehearsal $Rehearsal -Scenario seed002 -Speed 30
        $script:arguments = @('-Cluster', 'faxi-qa-cluster', '-Service', 'faxi-qa-backend', '-OtherService', 'faxi-qa-admin',
            '-Command', 'npm,run,migrate', '-SecretId', 'qa/faxi/db', '-CaBundlePath', $account.CaBundlePath,
            '-RequiredTable', 'users,application_logs', '-LoadBalancer', 'qa-faxi-alb', '-TargetGroup', 'qa-faxi-backend-tg',
            '-BaseUrl', "http://$($account.AlbDns)", '-HostHeader', 'qa-fax.faxi.jp', '-ExpectJson', '{"status":["ok","degraded"]}',
            '-Region', 'us-east-1', '-EndpointUrl', $account.Endpoint)
    }

    AfterAll { Stop-SimulatedAccount -Account $account }

    It 'fails without -Force on the broken environment, planning every change and naming each fix, and changes nothing' {
        $run = Invoke-Runbook 'Repair-MigrationsAndRouting.ps1' $arguments

        $run.ExitCode | Should -Be 1
        $run.Summary.Passed | Should -BeFalse
        $failed = @($run.Summary.Criteria | Where-Object { -not $_.Passed })
        $failed.Name | Should -Contain 'Schema migrated'
        $failed.Name | Should -Contain 'Service faxi-qa-backend healthy and running = desired'
        $failed.Name | Should -Contain 'Listener :80 default action forwards'
        ($failed | Where-Object Name -eq 'Schema migrated').Fix | Should -Match 'Invoke-EcsMigration -Cluster faxi-qa-cluster -Service faxi-qa-backend -Command npm, run, migrate'
        ($failed | Where-Object Name -eq 'Listener :80 default action forwards').Fix | Should -Match 'Repair-AlbListener qa-faxi-alb 80 qa-faxi-backend-tg'
        @($run.Summary.Steps.Status | Sort-Object -Unique) | Should -Be @('Planned')
        $run.Output | Should -Match 'FAIL Schema migrated'
    }

    It 'fixes it with -Force, exits 0 with every criterion passed, and a second run changes nothing' {
        $fixed = Invoke-Runbook 'Repair-MigrationsAndRouting.ps1' ($arguments + '-Force')

        $fixed.ExitCode | Should -Be 0
        $fixed.Summary.Passed | Should -BeTrue
        @($fixed.Summary.Criteria).Count | Should -Be 7
        @($fixed.Summary.Steps.Status | Sort-Object -Unique) | Should -Be @('Applied')

        $again = Invoke-Runbook 'Repair-MigrationsAndRouting.ps1' ($arguments + '-Force')
        $again.ExitCode | Should -Be 0
        @($again.Summary.Steps.Status | Sort-Object -Unique) | Should -Be @('AlreadyInPlace')
    }

    It 'never writes the database password, in its output or its JSON' {
        $aws = Get-Command aws -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if (-not $aws) { Set-ItResult -Skipped -Because 'the aws CLI reads the secret to look for it'; return }
        $said = & $aws.Source --endpoint-url $account.Endpoint --region us-east-1 secretsmanager get-secret-value --secret-id qa/faxi/db --query SecretString --output text 2>&1
        $secret = ($said | Where-Object { $_ -is [string] }) -join '' | ConvertFrom-Json -ErrorAction SilentlyContinue
        $secret.password | Should -Not -BeNullOrEmpty -Because "aws secretsmanager get-secret-value said: $said"

        $run = Invoke-Runbook 'Repair-MigrationsAndRouting.ps1' ($arguments + '-Verbose')

        $run.Output | Should -Not -Match ([regex]::Escape($secret.password))
        ($run.Summary | ConvertTo-Json -Depth 10) | Should -Not -Match ([regex]::Escape($secret.password))
    }
}

Describe 'Test-EcsServiceBehindAlb (seed 001)' {
    BeforeAll {
        $script:account = Start-SimulatedAccount -Rehearsal $Rehearsal -Scenario seed001 -Speed 30
        $script:arguments = @('-Cluster', 'kaviar-cluster', '-ServiceName', 'kaviar-backend-service', '-SecurityGroup', 'kaviar-ecs-sg',
            '-HealthUrl', "http://$($account.AlbDns)/api/health", '-ExpectJson', '{"success":true}',
            '-LogLine', 'Backend running on port 3001', '-Region', 'us-east-2', '-EndpointUrl', $account.Endpoint)
    }

    AfterAll { Stop-SimulatedAccount -Account $account }

    It 'fails on the wrong security group, naming fix-ecs-sg, and -WhatIf plans the repair without making it' {
        $run = Invoke-Runbook 'Test-EcsServiceBehindAlb.ps1' ($arguments + @('-Repair', '-Force', '-WhatIf'))

        $run.ExitCode | Should -Be 1
        $run.Summary.WhatIf | Should -BeTrue
        $failed = @($run.Summary.Criteria | Where-Object { -not $_.Passed })
        $failed.Name | Should -Contain 'Tasks carry kaviar-ecs-sg'
        $failed.Name | Should -Contain 'At least one healthy target'
        ($failed | Where-Object Name -eq 'The load balancer reaches the tasks').Detail | Should -Match 'No inbound rule of kaviar-default-sg .* allows TCP 3001 from load balancer kaviar-alb'
        ($failed | Where-Object Name -eq 'Tasks carry kaviar-ecs-sg').Fix | Should -Match '^Repair-EcsSecurityGroup kaviar-cluster kaviar-backend-service -SecurityGroup kaviar-ecs-sg'
        @($run.Summary.Steps) | ForEach-Object { $_.Status } | Should -Be @('Planned')

        (Invoke-Runbook 'Test-EcsServiceBehindAlb.ps1' $arguments).ExitCode | Should -Be 1
    }

    It 'applies fix-ecs-sg with -Repair -Force and passes every criterion, the log line included' {
        $fixed = Invoke-Runbook 'Test-EcsServiceBehindAlb.ps1' ($arguments + @('-Repair', '-Force'))

        $fixed.ExitCode | Should -Be 0
        @($fixed.Summary.Criteria).Count | Should -Be 6
        @($fixed.Summary.Steps | Where-Object Status -eq 'Applied').Name | Should -Contain 'UpdateServiceNetwork'
        ($fixed.Summary.Criteria | Where-Object Name -like 'Every task logged*').Passed | Should -BeTrue
    }
}

Describe 'Repair-TlsAndMigrations (seed 000)' {
    BeforeAll {
        $script:account = Start-SimulatedAccount -Rehearsal $Rehearsal -Scenario seed000 -Speed 30
        $script:arguments = @('-Cluster', 'production-ysh-b2b-cluster', '-Service', 'ysh-b2b-backend', '-TaskDefinition', 'ysh-b2b-backend:11',
            '-Command', 'npx,medusa,db:migrate', '-SecretId', 'production/ysh-b2b/db', '-CaBundlePath', $account.CaBundlePath,
            '-RequiredTable', '["currency","region_country","tax_provider","payment_provider","notification_provider"]',
            '-Region', 'us-east-1', '-EndpointUrl', $account.Endpoint)
    }

    AfterAll { Stop-SimulatedAccount -Account $account }

    It 'proves TLS with the bundle, finds the schema unmigrated, and plans the migration and the deployment without -Force' {
        $run = Invoke-Runbook 'Repair-TlsAndMigrations.ps1' $arguments

        $run.ExitCode | Should -Be 1
        ($run.Summary.Criteria | Where-Object Name -eq 'Postgres verify-full with the RDS bundle').Passed | Should -BeTrue
        ($run.Summary.Criteria | Where-Object Name -eq 'Schema migrated').Detail | Should -Match 'public\.tax_provider'
        @($run.Summary.Steps.Status | Sort-Object -Unique) | Should -Be @('Planned')
        ($run.Summary.Notes -join "`n") | Should -Match 'ysh-b2b-backend:11'
    }

    It 'migrates and deploys the revision that works with -Force, and exits 0' {
        $fixed = Invoke-Runbook 'Repair-TlsAndMigrations.ps1' ($arguments + '-Force')

        $fixed.ExitCode | Should -Be 0
        ($fixed.Summary.Criteria | Where-Object { -not $_.Passed }) | Should -BeNullOrEmpty
        ($fixed.Summary.Steps | Where-Object Name -eq 'Run the migrations').Detail | Should -Match 'exited 0'
    }
}

Describe 'Invoke-LambdaMigrationWithPreflight (seed 003)' {
    BeforeAll {
        $script:account = Start-SimulatedAccount -Rehearsal $Rehearsal -Scenario seed003 -Speed 30
        $script:arguments = @('-FunctionName', 'aurora-migrations-runner-dev', '-Target', '017', '-Database', 'alquimista-dev',
            '-Region', 'us-east-1', '-EndpointUrl', $account.Endpoint)
    }

    AfterAll { Stop-SimulatedAccount -Account $account }

    It 'finds the missing Lambda to Aurora rule and neither adds it nor invokes without -Force' {
        $run = Invoke-Runbook 'Invoke-LambdaMigrationWithPreflight.ps1' $arguments

        $run.ExitCode | Should -Be 1
        $database = $run.Summary.Criteria | Where-Object Name -eq 'The function reaches the database on 5432'
        $database.Passed | Should -BeFalse
        $database.Fix | Should -Be 'Repair-DatabaseIngress -SourceSecurityGroup aurora-migrations-runner-sg -Database alquimista-dev -Region us-east-1'
        ($run.Summary.Criteria | Where-Object Name -eq "The function's subnets reach Secrets Manager").Passed | Should -BeTrue
        @($run.Summary.Steps.Status | Sort-Object -Unique) | Should -Be @('Planned')
    }

    It 'adds the rule, runs migration 017 once and exits 0 with -Force, never showing the database password' {
        $fixed = Invoke-Runbook 'Invoke-LambdaMigrationWithPreflight.ps1' ($arguments + @('-Force', '-Verbose'))

        $fixed.ExitCode | Should -Be 0
        @($fixed.Summary.Steps | Where-Object Status -eq 'Applied').Count | Should -Be 2
        ($fixed.Summary.Criteria | Where-Object Name -eq 'The migration succeeded').Detail | Should -Match '017 success'
        $fixed.Output | Should -Not -Match 'Qz7-alq-dev-5f81c2e94b'
        ($fixed.Summary | ConvertTo-Json -Depth 10) | Should -Not -Match 'Qz7-alq-dev-5f81c2e94b'
    }
}

Describe 'Test-ProductionReadiness (seed 004)' {
    BeforeAll {
        $script:arguments = @('-Cluster', 'tinyurl-prod', '-Service', 'go-backend', '-DiscoveryService', 'observability',
            '-DiscoveryName', 'observability.internal.tinyurl.local', '-ConsumerService', 'go-backend', '-ExpectJson', '{"status":"ok"}',
            '-Region', 'us-east-1')
    }

    It 'fails the seed as written: every checklist item it breaks and the stale Cloud Map instance, each with its fix' {
        $account = Start-SimulatedAccount -Rehearsal $Rehearsal -Scenario seed004-stale-instance -Speed 30
        try {
            $run = Invoke-Runbook 'Test-ProductionReadiness.ps1' ($arguments + @('-HealthUrl', "http://$($account.AlbDns)/healthz", '-EndpointUrl', $account.Endpoint))
        }
        finally { Stop-SimulatedAccount -Account $account }

        $run.ExitCode | Should -Be 1
        $failed = @($run.Summary.Criteria | Where-Object { -not $_.Passed })
        foreach ($code in 'Lint.ImageNotPinned', 'Lint.ContainerInsightsOff', 'Lint.RecommendedAlarmsMissing', 'observability ServiceDiscovery.StaleInstance') {
            $failed.Name | Should -Contain $code
        }
        ($failed | Where-Object Name -eq 'observability ServiceDiscovery.StaleInstance').Fix | Should -Match '^aws servicediscovery deregister-instance --service-id srv-'
        ($failed | Where-Object Name -eq 'Lint.RecommendedAlarmsMissing').Detail | Should -Match 'CPUUtilization.*MemoryUtilization.*UnHealthyHostCount.*HTTPCode_Target_5XX_Count'
        ($run.Summary.Criteria | Where-Object Name -eq '/healthz answers').Passed | Should -BeTrue
    }

    It 'passes an account where the checklist is done, and exits 0' {
        $account = Start-SimulatedAccount -Rehearsal $Rehearsal -Scenario seed004-ready -Speed 30
        try {
            $run = Invoke-Runbook 'Test-ProductionReadiness.ps1' ($arguments + @('-HealthUrl', "http://$($account.AlbDns)/healthz", '-EndpointUrl', $account.Endpoint))
        }
        finally { Stop-SimulatedAccount -Account $account }

        $run.ExitCode | Should -Be 0 -Because $run.Output
        @($run.Summary.Criteria).Count | Should -Be 3
    }
}

Describe 'The runbooks shipped in the module folder' {
    It 'each runs by path in a fresh pwsh where the module is not installed, and a failed first call is exit 2 with its summary' {
        # Nothing listens on port 1: the module imports from the folder the runbook ships in, the first AWS call fails.
        $nowhere = @('-Region', 'us-east-1', '-EndpointUrl', 'http://127.0.0.1:1/')
        $minimal = @{
            'Repair-MigrationsAndRouting.ps1'          = @('-Cluster', 'c', '-Service', 's', '-Command', 'npm,run,migrate', '-ConnectionString', 'Host=127.0.0.1;Port=1;Database=d;Username=u',
                                                           '-LoadBalancer', 'lb', '-TargetGroup', 'tg', '-BaseUrl', 'http://127.0.0.1:1')
            'Test-EcsServiceBehindAlb.ps1'             = @('-Cluster', 'c', '-ServiceName', 's')
            'Repair-TlsAndMigrations.ps1'              = @('-Cluster', 'c', '-Service', 's', '-Command', 'npm,run,migrate', '-ConnectionString', 'Host=127.0.0.1;Port=1;Database=d;Username=u',
                                                           '-CaBundlePath', 'missing.pem')
            'Invoke-LambdaMigrationWithPreflight.ps1'  = @('-FunctionName', 'f', '-Target', '001', '-Database', 'db')
            'Test-ProductionReadiness.ps1'             = @('-Cluster', 'c', '-Service', 's')
        }
        $shipped = @(Get-ChildItem -Path $runbooks -Filter '*.ps1' | ForEach-Object Name | Sort-Object)
        $shipped | Should -Be @($minimal.Keys | Sort-Object)

        foreach ($name in $shipped) {
            $run = Invoke-Runbook $name ($minimal[$name] + $nowhere)
            $run.Output | Should -Not -Match 'is not recognized' -Because $name
            $run.ExitCode | Should -Be 2 -Because "$name`n$($run.Output)"
            $run.Summary.Steps[-1].Status | Should -Be 'Failed' -Because $name
        }
    }
}
