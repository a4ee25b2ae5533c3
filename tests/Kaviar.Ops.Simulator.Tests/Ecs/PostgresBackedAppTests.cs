using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Ecs;
using Npgsql;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.Ecs;

/// <summary>The Postgres-backed app on its own, against a real PostgreSQL 15.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBackedAppTests
{
    private const string MigrateCommand = "npx medusa db:migrate";
    private static readonly DateTime StartedAt = new(2025, 10, 12, 18, 0, 45, DateTimeKind.Utc);
    private readonly PostgresFixture _postgres;

    public PostgresBackedAppTests(PostgresFixture postgres) => _postgres = postgres;

    [Fact]
    public async Task On_an_empty_database_the_app_exits_1_with_postgres_own_error_for_the_first_missing_table()
    {
        var connectionString = (await _postgres.NewDatabaseAsync("medusa")).AppConnectionString;
        var app = Medusa(connectionString);

        var outcome = app.OnStart(Launch());
        var health = app.AnswerGet(Launch(), "/health");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(new[] { "error: relation \"public.tax_provider\" does not exist" }, outcome.LogLines);
        Assert.Equal(503, health.StatusCode);
        Assert.Contains("public.tax_provider", health.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migration_command_applies_each_pending_file_once_and_records_it_as_node_pg_migrate_does()
    {
        var (database, connectionString) = await NewDatabaseAsync("medusa");
        var app = Medusa(connectionString);

        var migration = app.OnStart(Launch("npx", "medusa", "db:migrate"));
        var boot = app.OnStart(Launch());
        var again = app.OnStart(Launch("npx", "medusa", "db:migrate"));

        Assert.Equal(0, migration.ExitCode);
        Assert.Equal(new[]
        {
            "Applying 001_create_currency.sql", "Applying 002_create_region_country.sql", "Applying 003_create_tax_provider.sql",
            "Applying 004_create_payment_provider.sql", "Applying 005_create_notification_provider.sql", "Migrations complete: 5 applied.",
        }, migration.LogLines);
        Assert.Equal(
            "001_create_currency,002_create_region_country,003_create_tax_provider,004_create_payment_provider,005_create_notification_provider|2025-10-12 18:00:45",
            await _postgres.Server.QueryAsync(database, "SELECT string_agg(name, ',' ORDER BY id) || '|' || max(run_on)::text FROM public.pgmigrations"));
        Assert.Null(boot.ExitCode);
        Assert.Equal(new[] { "Server is ready on port 9000" }, boot.LogLines);
        Assert.Equal(new HttpAnswer(200, "{\"status\":\"ok\"}"), app.AnswerGet(Launch(), "/health"));
        Assert.Equal(404, app.AnswerGet(Launch(), "/store/products").StatusCode);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(new[] { "No migrations to run!" }, again.LogLines);
    }

    [Fact]
    public async Task A_failing_file_exits_1_with_the_postgres_error_and_keeps_the_files_applied_before_it()
    {
        var (database, connectionString) = await NewDatabaseAsync("faxi");
        var app = new PostgresBackedApp(connectionString, "npm run migrate", new[]
        {
            new SqlMigration("001_users.sql", "CREATE TABLE users (id serial PRIMARY KEY);"),
            new SqlMigration("002_orders.sql", "CREATE TABLE orders (id serial PRIMARY KEY); INSERT INTO carts DEFAULT VALUES;"),
            new SqlMigration("003_carts.sql", "CREATE TABLE carts (id serial PRIMARY KEY);"),
        }, new[] { "users", "orders" }, "/health", 3000);

        var outcome = app.OnStart(Launch("npm", "run", "migrate"));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(new[] { "Applying 001_users.sql", "Applying 002_orders.sql", "error: relation \"carts\" does not exist" }, outcome.LogLines);
        Assert.Equal("001_users", await _postgres.Server.QueryAsync(database, "SELECT string_agg(name, ',') FROM pgmigrations"));
        Assert.Equal("", await _postgres.Server.QueryAsync(database, "SELECT to_regclass('orders')::text"));
        Assert.Equal(new[] { "error: relation \"orders\" does not exist" }, app.OnStart(Launch()).LogLines);
    }

    [Fact]
    public async Task A_database_the_app_cannot_log_in_to_stops_it_with_the_login_error()
    {
        var connectionString = (await _postgres.NewDatabaseAsync("medusa")).AppConnectionString;
        var wrongPassword = new NpgsqlConnectionStringBuilder(connectionString) { Password = "not-the-password" }.ConnectionString;

        var outcome = Medusa(wrongPassword).OnStart(Launch());

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("password authentication failed", Assert.Single(outcome.LogLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Required_tables_must_be_plain_names()
    {
        Assert.Throws<ArgumentException>(() => new PostgresBackedApp("Host=127.0.0.1", MigrateCommand, Array.Empty<SqlMigration>(),
            new[] { "users; DROP TABLE users" }, "/health", 3000));
    }

    /// <summary>A fresh database: its name, for the admin's queries, and the connection string the app uses.</summary>
    private async Task<(string Name, string ConnectionString)> NewDatabaseAsync(string prefix)
    {
        var database = await _postgres.NewDatabaseAsync(prefix);
        return (database.Database, database.AppConnectionString);
    }

    private static PostgresBackedApp Medusa(string connectionString) =>
        new(connectionString, MigrateCommand, SeedMigrations.Medusa, Scenarios.Seed000RequiredTables, "/health", 9000);

    /// <summary>A launch outside any account: the app reads neither the task nor the account it runs in.</summary>
    private static ContainerLaunch Launch(params string[] command) =>
        new("arn:aws:ecs:us-east-1:891377203460:task/c/0123", "0123", "ysh-b2b-backend", "ysh-b2b-backend:v1.0.2",
            command, new Dictionary<string, string>(), StartedAt, Task: null!, Account: null!);
}
