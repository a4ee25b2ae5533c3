using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// Issue 12: every command that takes a secret, on its success and failure paths, then everything a runbook's log sink
/// could keep — every stream, the host's output, and $Error and all outputs serialised as Export-Clixml does (depth 10) —
/// is searched for the secrets' bytes. The hosted engine has no Start-Transcript or ConvertTo-Json: the Pester suite
/// scans those in a real pwsh.
/// </summary>
public sealed class SecretScanTests
{
    private const string EnvironmentSecret = "Env-S3cret-7781";
    private const string SecureStringSecret = "Secure-S3cret-5519";
    private const string PayloadSecret = "Payload-S3cret-2203";
    private const string ConnectionStringSecret = "ConnStr-S3cret-8812";
    private const string CredentialSecret = "Cred-S3cret-6640";
    private const string AwsSecretKey = "AwsKey-S3cret-4417";

    private static readonly string[] Secrets = { EnvironmentSecret, SecureStringSecret, PayloadSecret, ConnectionStringSecret, CredentialSecret, AwsSecretKey };

    [Fact]
    public void No_secret_reaches_any_stream_error_transcript_json_or_clixml()
    {
        using var session = new ModuleSession();
        // The hosted engine has no ConvertTo-SecureString: Secure makes the SecureString a user would.
        var results = new List<SessionResult>
        {
            session.Invoke("$global:all = [System.Collections.Generic.List[object]]::new(); " +
                "function global:Secure([string] $text) { $secure = [System.Security.SecureString]::new(); foreach ($c in $text.ToCharArray()) { $secure.AppendChar($c) }; $secure }"),
        };

        using (var ecs = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), new SystemClock(speed: 30)))
        {
            var app = SimulatedApp.KaviarBackend();
            app.CommandOutcomes["npm run migrate"] = ContainerStartOutcome.Exits(1, TimeSpan.FromSeconds(3), "error: relation \"users\" does not exist");
            app.CommandOutcomes["npm run seed"] = ContainerStartOutcome.KeepsRunning("seeding...");
            ecs.Use(state => state.Ecs.SetApp(Scenarios.Seed001Family, app));
            session.UseAccount(ecs.Endpoint, ecs.Region);
            const string Environment = "-Environment @{ DATABASE_PASSWORD = $args[2]; API_TOKEN = (Secure $args[3]) }";
            foreach (var script in new[]
            {
                $"Invoke-EcsMigration $args[0] $args[1] -Command npm, run, migrate {Environment} -WhatIf -Verbose",
                $"Invoke-EcsMigration $args[0] $args[1] -Command npm, run, migrate {Environment} -Verbose -Debug",
                $"Invoke-EcsMigration $args[0] $args[1] -Command npm, run, seed {Environment} -NoWait",
                $"Invoke-EcsMigration $args[0] $args[1] -Command npm, run, migrate {Environment} -NoWait",
            })
            {
                results.Add(Collect(session, script, Scenarios.Seed001Cluster, Scenarios.Seed001Service, EnvironmentSecret, SecureStringSecret));
            }

            results.Add(Collect(session, "Get-EcsServiceHealth $args[0] -Cluster $args[1] -AccessKey AKIASCANTEST -SecretKey $args[2] -Verbose -Debug",
                Scenarios.Seed001Service, Scenarios.Seed001Cluster, AwsSecretKey));
        }

        using (var lambda = SimulatedAccount.Start(Seed003Scenarios.AuroraMigrationsRunner(), new ManualClock()))
        {
            session.UseAccount(lambda.Endpoint, lambda.Region);
            var payload = $"{{\"action\":\"run-migration\",\"target\":\"017\",\"password\":\"{PayloadSecret}\"}}";
            results.Add(Collect(session, "Invoke-LambdaMigration $args[0] -Payload $args[1] -WhatIf -Verbose", "aurora-migrations-runner-dev", payload));
            results.Add(Collect(session, "Invoke-LambdaMigration $args[0] -Payload $args[1] -Verbose -Debug", "aurora-migrations-runner-dev", payload));
        }

        results.Add(Collect(session, "Test-PostgresConnection -Server 127.0.0.1 -Port 1 -Database app -Credential (New-Object System.Management.Automation.PSCredential ('app', (Secure $args[0]))) -Verbose -Debug",
            CredentialSecret));
        // Passed as values, as a runbook passes what it read from a vault: the script text itself holds no secret.
        results.Add(Collect(session, "Test-PostgresConnection -ConnectionString $args[0] -Verbose", $"Host=127.0.0.1;Port=1;Database=app;Username=app;Password={ConnectionStringSecret}"));
        results.Add(Collect(session, "Test-PostgresSchema -ConnectionString $args[0] -RequiredTable users -Verbose", $"postgres://app:{ConnectionStringSecret}@127.0.0.1:1/app"));

        var clixml = session.Invoke("[System.Management.Automation.PSSerializer]::Serialize(@(@($global:all) + @($Error)), 10)");
        Assert.Null(clixml.Terminating);
        var everything = new Dictionary<string, string>
        {
            ["streams"] = string.Join("\n", results.Select(r => r.AllText())),
            ["host"] = session.HostOutput.ToString()!,
            ["clixml"] = (string)clixml.Output.Single().BaseObject,
        };
        Assert.True(everything["clixml"].Contains("EcsMigrationAlreadyRunning"), string.Join("\n---\n", results.Select(r => (r.Terminating?.Message ?? "ok") + " :: " + string.Join("|", r.Errors.Select(e => e.FullyQualifiedErrorId)))));
        Assert.Contains("DATABASE_PASSWORD", everything["streams"]);
        foreach (var (where, text) in everything)
        {
            foreach (var secret in Secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{secret} found in {where}");
            }
        }
    }

    /// <summary>Runs the command, keeping its output and any error record in $global:all as a runbook collecting results would.</summary>
    private static SessionResult Collect(ModuleSession session, string script, params object?[] arguments) =>
        session.Invoke($"try {{ $out = @({script} -ErrorVariable failures); $global:all.AddRange([object[]]$out); $global:all.AddRange([object[]]@($failures)); $out }} " +
            "catch { $global:all.Add($_); throw }", arguments);
}
