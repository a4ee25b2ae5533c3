using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// The README's procedures, exactly as written there, run in the rehearsal against the seeds' incidents: the simulated
/// account (its clock 30 times faster than real time) with the scenario's database on a real PostgreSQL, verified
/// with the rehearsal's RDS-style bundle through the RDS-format secret.
/// </summary>
public sealed class SeedProcedureTests
{
    [Fact]
    public void Seed_002_readme_procedure_runs_from_the_first_command_to_the_last()
    {
        using var rehearsal = ScenarioRehearsal.Start("seed002", speed: 30, TextWriter.Null);
        using var session = new ModuleSession();
        rehearsal.Prepare(session);

        var result = session.Invoke(ReadmeProcedure("Seed 002 ("));

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var backend = Of(result, "EcsServiceHealth").First();
        Assert.Equal(("faxi-qa-backend", false), ((string)backend.Properties["ServiceName"].Value, (bool)backend.Properties["Healthy"].Value));
        var schemas = Of(result, "PostgresSchemaReport").ToList();
        Assert.Equal(new[] { "public.users", "public.application_logs" }, ((IEnumerable<string>)schemas[0].Properties["Missing"].Value).OrderByDescending(t => t));
        Assert.True((bool)schemas[1].Properties["Passed"].Value);
        var migration = Of(result, "EcsMigrationResult").Single();
        Assert.Equal(0, migration.Properties["ExitCode"].Value);
        Assert.Contains("Applying 007_add_application_logs.sql", (IEnumerable<string>)migration.Properties["LogTail"].Value);
        Assert.Equal("COMPLETED", Of(result, "EcsDeploymentResult").Last().Properties["RolloutState"].Value);
        Assert.Contains(Of(result, "AlbListenerFinding"), f => ((string)f.Properties["Finding"].Value).StartsWith("The default action answers 404"));
        Assert.Equal("Applied", Of(result, "AlbListenerRepair").Single().Properties["Status"].Value);
        var smokes = Of(result, "HttpSmokeResult").ToList();
        Assert.Equal(2, smokes.Count);
        Assert.All(smokes, smoke => Assert.True((bool)smoke.Properties["Passed"].Value));
    }

    [Fact]
    public void Seed_000_readme_procedure_proves_tls_migrates_through_a_migrations_family_and_deploys()
    {
        using var rehearsal = ScenarioRehearsal.Start("seed000", speed: 30, TextWriter.Null);
        using var session = new ModuleSession();
        rehearsal.Prepare(session);

        // What task v9 met: the server's chain is not trusted without the RDS bundle.
        var untrusted = session.Invoke("Test-PostgresConnection -SecretId production/ysh-b2b/db");
        Assert.Equal("PostgresUntrustedCertificate,Kaviar.Ops.Cmdlets.TestPostgresConnectionCommand", Assert.Single(untrusted.Errors).FullyQualifiedErrorId);

        var result = session.Invoke(ReadmeProcedure("Seed 000 ("));

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var probe = Of(result, "PostgresProbeResult").Single();
        Assert.Equal((true, true), ((bool)probe.Properties["Succeeded"].Value, (bool)probe.Properties["Encrypted"].Value));
        var schemas = Of(result, "PostgresSchemaReport").ToList();
        Assert.Equal(5, ((IEnumerable<string>)schemas[0].Properties["Missing"].Value).Count());
        Assert.True((bool)schemas[1].Properties["Passed"].Value);
        Assert.Equal("ysh-b2b-backend-migrations:1", Of(result, "MigrationTaskDefinitionStep").Single().Properties["TaskDefinition"].Value);
        var migration = Of(result, "EcsMigrationResult").Single();
        Assert.Equal(0, migration.Properties["ExitCode"].Value);
        Assert.EndsWith("task-definition/ysh-b2b-backend-migrations:1", (string)migration.Properties["TaskDefinitionArn"].Value);
        Assert.Contains("Migrations complete: 5 applied.", (IEnumerable<string>)migration.Properties["LogTail"].Value);
        Assert.Equal("COMPLETED", Of(result, "EcsDeploymentResult").Last().Properties["RolloutState"].Value);
        Assert.NotEmpty(Of(result, "TargetGroupHealth"));
    }

    [Fact]
    public void Seed_000_option_3_deploys_a_revision_whose_app_waits_for_its_migrations_container()
    {
        using var rehearsal = ScenarioRehearsal.Start("seed000", speed: 30, TextWriter.Null);
        using var session = new ModuleSession();
        rehearsal.Prepare(session);

        var result = session.Invoke("""
            $revision = New-EcsMigrationTaskDefinition production-ysh-b2b-cluster ysh-b2b-backend -Command npx, medusa, db:migrate -AsInitContainer
            $revision
            Start-EcsDeployment production-ysh-b2b-cluster ysh-b2b-backend $revision.TaskDefinition -Wait -Timeout 600 -Force
            Confirm-PostgresMigrated -SecretId production/ysh-b2b/db -CaBundlePath ./global-bundle.pem -RequiredTable currency, tax_provider
            """);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal("ysh-b2b-backend:12", Of(result, "MigrationTaskDefinitionStep").Single().Properties["TaskDefinition"].Value);
        Assert.Equal(("COMPLETED", "ysh-b2b-backend:12"), ((string)Of(result, "EcsDeploymentResult").Last().Properties["RolloutState"].Value,
            (string)Of(result, "EcsDeploymentResult").Last().Properties["TaskDefinition"].Value));
        Assert.True((bool)Of(result, "PostgresSchemaReport").Single().Properties["Passed"].Value);
    }

    /// <summary>The powershell block after the README line that starts with <paramref name="title"/>.</summary>
    private static string ReadmeProcedure(string title)
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("README.md"));
        var match = new Regex("^" + Regex.Escape(title) + ".*?```powershell\\r?\\n(?<script>.*?)```", RegexOptions.Singleline | RegexOptions.Multiline).Match(readme);
        Assert.True(match.Success, $"README.md has no powershell block after a line starting '{title}'.");
        return match.Groups["script"].Value;
    }

    private static IEnumerable<PSObject> Of(SessionResult result, string typeName) =>
        result.Output.Where(o => o.TypeNames.Any(name => name.EndsWith("." + typeName, StringComparison.Ordinal)));
}
