using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.Lambda;

/// <summary>The seed 003 runner against a real PostgreSQL: migration 017 creates dry_run_log; a rerun fails as Postgres says.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationsRunnerPostgresTests : IDisposable
{
    private const string CreateDryRunLog =
        "CREATE TABLE dry_run_log (id bigserial PRIMARY KEY, tenant_id uuid NOT NULL, action text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())";

    private readonly PostgresFixture _postgres;
    private readonly SimulatedAccount _account = SimulatedAccount.Start(Seed003Scenarios.AuroraMigrationsRunner(), new ManualClock());
    private readonly CliContract _aws;
    private readonly string _outfile = Path.GetTempFileName();

    public MigrationsRunnerPostgresTests(PostgresFixture postgres)
    {
        _postgres = postgres;
        _aws = new CliContract(_account);
        _account.Use(state => state.Ec2.AuthorizeIngressFromGroup(
            Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.DatabaseSecurityGroupName), Seed003Scenarios.DatabasePort,
            Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.FunctionSecurityGroupName)));
    }

    public void Dispose()
    {
        _account.Dispose();
        File.Delete(_outfile);
    }

    [Fact]
    public async Task Migration_017_creates_its_table_and_a_rerun_reports_postgres_error_as_status_error()
    {
        var database = await _postgres.NewDatabaseAsync("seed003");
        _account.Use(state => Seed003Scenarios.Runner(state).UsePostgres(database.AppConnectionString, new Dictionary<string, string> { ["017"] = CreateDryRunLog }));

        Assert.False(Invoke().TryGetProperty("FunctionError", out _));
        Assert.Equal("{\"status\":\"success\",\"migration\":\"017\",\"message\":\"Migration 017 executed successfully\"}", File.ReadAllText(_outfile));
        Assert.Equal("dry_run_log", await _postgres.Server.QueryAsync(database.Database, "SELECT to_regclass('public.dry_run_log')::text"));

        Assert.False(Invoke().TryGetProperty("FunctionError", out _));
        Assert.Equal("{\"status\":\"error\",\"migration\":\"017\",\"message\":\"Migration 017 failed: relation \\u0022dry_run_log\\u0022 already exists\"}",
            File.ReadAllText(_outfile));
    }

    private System.Text.Json.JsonElement Invoke() => _aws.Json("lambda", "invoke", "--function-name", Seed003Scenarios.FunctionName,
        "--payload", "{\"action\":\"run-migration\",\"target\":\"017\"}", _outfile);
}
