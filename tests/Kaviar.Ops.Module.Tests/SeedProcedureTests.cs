using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// The seeds' incidents reproduced in the simulated account on a real Postgres, then fixed with the module's
/// commands in the order the write-ups did it by hand. The account's clock runs 30 times faster than real time.
/// </summary>
public sealed class SeedProcedureTests : IClassFixture<PostgresModuleFixture>
{
    private readonly PostgresServer server;

    public SeedProcedureTests(PostgresModuleFixture fixture) => server = fixture.Server;

    private PSCredential Admin => new PSCredential(PostgresServer.AdminUser, server.AdminCredential.SecurePassword);

    [Fact]
    public async Task Seed_002_never_migrated_and_listener_404_is_diagnosed_and_fixed()
    {
        var database = await server.CreateDatabaseAsync("faxi");
        var migrations = WriteMigrations(SeedMigrations.Faxi.Select(m => (m.FileName, m.Sql)));
        using var account = SimulatedAccount.Start(
            Scenarios.Seed002(Seed002Variant.MigrationsNeverRan, server.AdminConnectionString(database)), new SystemClock(speed: 30));
        using var session = new ModuleSession();
        session.UseAccount(account.Endpoint, account.Region);
        const string Db = "-Server 127.0.0.1 -Port $args[0] -Credential $args[1] -Database $args[2] -CaBundlePath $args[3] -RequiredTable users, application_logs -MigrationsPath $args[4]";
        object[] dbArgs = { server.Port, Admin, database, server.CaBundlePath, migrations };

        // Reproduced: the backend keeps crashing on the missing table; the schema has no migrations; the listener answers 404.
        var health = Assert.Single(session.Invoke("Get-EcsServiceHealth faxi-qa-backend -Cluster faxi-qa-cluster").Output);
        Assert.False((bool)health.Properties["Healthy"].Value);
        var crashed = PSObject.AsPSObject(((IEnumerable<object>)health.Properties["StoppedTasks"].Value).First());
        Assert.Equal("EssentialContainerExited", crashed.Properties["StopCode"].Value);
        var schema = Assert.Single(session.Invoke("Test-PostgresSchema " + Db, dbArgs).Output);
        Assert.Contains("public.application_logs", (IEnumerable<string>)schema.Properties["Missing"].Value);
        Assert.NotNull(session.CatchTerminatingError("Confirm-PostgresMigrated " + Db, dbArgs));
        Assert.Contains(session.Invoke("Test-AlbListener qa-faxi-alb").Output,
            f => (string)f.Properties["Severity"].Value == "Error" && ((string)f.Properties["Finding"].Value).StartsWith("The default action answers 404"));

        // Fixed, step 1: run the migrations with the service's own task definition and network, then gate.
        var run = Assert.Single(session.Invoke("Invoke-EcsMigration -Cluster faxi-qa-cluster -Service faxi-qa-backend -Command npm, run, migrate").Output);
        Assert.Equal(0, run.Properties["ExitCode"].Value);
        Assert.Contains("Applying 007_add_application_logs.sql", (IEnumerable<string>)run.Properties["LogTail"].Value);
        var gate = session.Invoke("Confirm-PostgresMigrated " + Db, dbArgs);
        Assert.Empty(gate.Errors);
        Assert.True((bool)Assert.Single(gate.Output).Properties["Passed"].Value);

        // Fixed, step 2: the listener's default action forwards to the backend.
        Assert.Equal("Applied", Assert.Single(session.Invoke("Repair-AlbListener qa-faxi-alb 80 qa-faxi-backend-tg -Confirm:$false").Output).Properties["Status"].Value);

        // Deployed: new tasks on the migrated database, followed until ECS marks the deployment completed.
        var deployed = session.Invoke("Start-EcsDeployment faxi-qa-cluster faxi-qa-backend -ForceNewDeployment -Wait -Timeout 300 -Force");
        Assert.Empty(deployed.Errors);
        Assert.Equal("COMPLETED", deployed.Output.Last().Properties["RolloutState"].Value);

        // Verified: targets healthy, and the health endpoint answers through the ALB with and without the host rule.
        var targets = session.Invoke("Test-AlbTargetHealth faxi-qa-backend -Cluster faxi-qa-cluster -Wait -Timeout 60");
        Assert.Empty(targets.Errors);
        var listener = account.ListenerUrl("qa-faxi-alb", 80);
        foreach (var hostArgument in new[] { "-HostHeader qa-fax.faxi.jp", "" })
        {
            var smoke = session.Invoke($"Test-HttpEndpoint ($args[0].ToString() + 'health') {hostArgument} -ExpectJson @{{ status = 'ok', 'degraded' }} -Timeout 30", listener);
            Assert.Empty(smoke.Errors);
            Assert.True((bool)Assert.Single(smoke.Output).Properties["Passed"].Value);
        }
    }

    [Fact]
    public async Task Seed_000_untrusted_chain_then_not_migrated_is_diagnosed_and_fixed()
    {
        var database = await server.CreateDatabaseAsync("medusa");
        using var account = SimulatedAccount.Start(Scenarios.Seed000(server.AdminConnectionString(database)), new SystemClock(speed: 30));
        using var session = new ModuleSession();
        session.UseAccount(account.Endpoint, account.Region);
        const string Connect = "-Server 127.0.0.1 -Port $args[0] -Credential $args[1] -Database $args[2]";
        const string Tables = " -RequiredTable currency, region_country, tax_provider, payment_provider, notification_provider";

        // Task v9: the chain is not trusted without the RDS bundle; with it, verify-full connects.
        var untrusted = session.Invoke("Test-PostgresConnection " + Connect, server.Port, Admin, database);
        Assert.Equal("PostgresUntrustedCertificate,Kaviar.Ops.Cmdlets.TestPostgresConnectionCommand", Assert.Single(untrusted.Errors).FullyQualifiedErrorId);
        var trusted = session.Invoke("Test-PostgresConnection " + Connect + " -CaBundlePath $args[3]", server.Port, Admin, database, server.CaBundlePath);
        Assert.Empty(trusted.Errors);

        // Task v11: TLS fine, tables missing (the seed's "Tabelas Faltando").
        var schema = Assert.Single(session.Invoke("Test-PostgresSchema " + Connect + " -CaBundlePath $args[3]" + Tables, server.Port, Admin, database, server.CaBundlePath).Output);
        Assert.Equal(new[] { "public.currency", "public.region_country", "public.tax_provider", "public.payment_provider", "public.notification_provider" },
            (IEnumerable<string>)schema.Properties["Missing"].Value);
        var health = Assert.Single(session.Invoke("Get-EcsServiceHealth ysh-b2b-backend -Cluster production-ysh-b2b-cluster").Output);
        Assert.False((bool)health.Properties["Healthy"].Value);

        // Fix: npx medusa db:migrate as a one-off task, then the gate.
        var run = Assert.Single(session.Invoke("Invoke-EcsMigration production-ysh-b2b-cluster ysh-b2b-backend -Command npx, medusa, db:migrate").Output);
        Assert.Equal(0, run.Properties["ExitCode"].Value);
        var gate = session.Invoke("Confirm-PostgresMigrated " + Connect + " -CaBundlePath $args[3]" + Tables, server.Port, Admin, database, server.CaBundlePath);
        Assert.Empty(gate.Errors);
        var deployed = session.Invoke("Start-EcsDeployment production-ysh-b2b-cluster ysh-b2b-backend -ForceNewDeployment -Wait -Timeout 300 -Force");
        Assert.Empty(deployed.Errors);
        Assert.Equal("COMPLETED", deployed.Output.Last().Properties["RolloutState"].Value);
        Assert.Empty(session.Invoke("Test-AlbTargetHealth ysh-b2b-backend -Cluster production-ysh-b2b-cluster -Wait -Timeout 60").Errors);
    }

    /// <summary>The files the simulated migration task applies, as a repository's migrations folder.</summary>
    private static string WriteMigrations(IEnumerable<(string FileName, string Sql)> files)
    {
        var folder = Directory.CreateTempSubdirectory("kaviar-seed-migrations-").FullName;
        foreach (var (fileName, sql) in files)
        {
            File.WriteAllText(Path.Combine(folder, fileName), sql);
        }

        return folder;
    }
}
