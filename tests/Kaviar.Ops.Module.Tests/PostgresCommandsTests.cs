using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Rds;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>One real PostgreSQL 15 with TLS (root → intermediate → server) for the database command tests.</summary>
public sealed class PostgresModuleFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public ModuleSession Session { get; } = new ModuleSession();

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public Task DisposeAsync()
    {
        Session.Dispose();
        Server.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Test-PostgresConnection, Test-PostgresSchema and Confirm-PostgresMigrated against a real Postgres with real TLS handshakes.</summary>
public sealed class PostgresCommandsTests : IClassFixture<PostgresModuleFixture>
{
    private const string Connect = "-Server 127.0.0.1 -Port $args[0] -Credential $args[1] -Database $args[2]";

    private readonly PostgresServer server;
    private readonly ModuleSession session;

    public PostgresCommandsTests(PostgresModuleFixture fixture)
    {
        server = fixture.Server;
        session = fixture.Session;
    }

    private PSCredential Admin => new PSCredential(PostgresServer.AdminUser, server.AdminCredential.SecurePassword);

    [Fact]
    public void Untrusted_chain_is_diagnosed_as_the_seeds_SELF_SIGNED_CERT_IN_CHAIN_with_the_fix()
    {
        var result = session.Invoke("Test-PostgresConnection " + Connect, server.Port, Admin, "postgres");

        var probe = Assert.Single(result.Output);
        Assert.False((bool)probe.Properties["Succeeded"].Value);
        var error = Assert.Single(result.Errors);
        Assert.Equal("PostgresUntrustedCertificate,Kaviar.Ops.Cmdlets.TestPostgresConnectionCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Contains("-CaBundlePath", error.ErrorDetails.Message);
        Assert.Contains("NODE_EXTRA_CA_CERTS", error.ErrorDetails.Message);
        Assert.DoesNotContain(server.AdminPassword, result.AllText());
    }

    [Fact]
    public async Task An_expired_server_certificate_keeps_its_error_id_and_says_to_rotate_the_instances_ca()
    {
        await server.ConfigureTlsAsync(ServerTls.Expired);
        try
        {
            var result = session.Invoke("Test-PostgresConnection " + Connect + " -CaBundlePath $args[3]", server.Port, Admin, "postgres", server.CaBundlePath);

            Assert.False((bool)Assert.Single(result.Output).Properties["Succeeded"].Value);
            var error = Assert.Single(result.Errors);
            Assert.Equal("PostgresUntrustedCertificate,Kaviar.Ops.Cmdlets.TestPostgresConnectionCommand", error.FullyQualifiedErrorId);
            Assert.Contains("expired on", error.ErrorDetails.Message);
            Assert.Contains("--ca-certificate-identifier rds-ca-rsa2048-g1 --apply-immediately", error.ErrorDetails.Message);
            Assert.DoesNotContain("-CaBundlePath", error.ErrorDetails.Message);
            Assert.DoesNotContain(server.AdminPassword, result.AllText());
        }
        finally
        {
            await server.ConfigureTlsAsync(ServerTls.Valid);
        }
    }

    [Fact]
    public void Verify_full_with_the_bundle_connects_encrypted()
    {
        var result = session.Invoke("Test-PostgresConnection " + Connect + " -CaBundlePath $args[3]", server.Port, Admin, "postgres", server.CaBundlePath);

        Assert.Empty(result.Errors);
        var probe = Assert.Single(result.Output);
        Assert.True((bool)probe.Properties["Succeeded"].Value);
        Assert.True((bool)probe.Properties["Encrypted"].Value);
        Assert.Contains("sslmode=verify-full", (string)probe.Properties["Target"].Value);
    }

    [Fact]
    public void Ctrl_C_stops_a_connect_to_a_server_that_never_answers_long_before_the_connect_timeout()
    {
        // Accepts the TCP connection and never says a word: the TLS request waits for an answer until the connect timeout.
        var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
            var watch = System.Diagnostics.Stopwatch.StartNew();

            session.InvokeAndStop(TimeSpan.FromSeconds(2), "Test-PostgresConnection -Server 127.0.0.1 -Port $args[0] -Credential $args[1] -Database postgres", port, Admin);

            // Left alone it would wait the 15 s connect timeout; the bound leaves room for a busy CI machine.
            Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public void The_module_connects_with_the_Npgsql_it_ships_not_the_hosts()
    {
        var result = session.Invoke("Test-PostgresConnection " + Connect + " -CaBundlePath $args[3] | Out-Null; " +
            "$core = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Kaviar.Ops.Core' })[0]; " +
            "[System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core).Assemblies | Where-Object { $_.GetName().Name -eq 'Npgsql' } | ForEach-Object Location",
            server.Port, Admin, "postgres", server.CaBundlePath);

        // The host (this test process) loaded its own net8.0 Npgsql; the module's engine uses the netstandard2.0 one in its Dependencies.
        var location = (string)Assert.Single(result.Output).BaseObject;
        Assert.Contains(System.IO.Path.Combine("Kaviar.Ops", "Dependencies", "Npgsql.dll"), location);
    }

    [Fact]
    public void Wrong_password_is_an_authentication_failure_that_never_shows_the_password()
    {
        const string WrongPassword = "Wr0ng-p4ssw0rd-never-shown";
        var wrong = new PSCredential(PostgresServer.AdminUser, new System.Net.NetworkCredential("", WrongPassword).SecurePassword);

        var result = session.Invoke("Test-PostgresConnection " + Connect + " -CaBundlePath $args[3] -Verbose -Debug", server.Port, wrong, "postgres", server.CaBundlePath);

        Assert.Equal("PostgresAuthenticationFailed,Kaviar.Ops.Cmdlets.TestPostgresConnectionCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.DoesNotContain(WrongPassword, result.AllText());
        Assert.DoesNotContain(server.AdminPassword, result.AllText());
    }

    [Fact]
    public void An_RDS_format_secret_in_Secrets_Manager_reaches_the_database_and_its_password_stays_hidden()
    {
        using var account = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), new ManualClock());
        lock (account.State.SyncRoot)
        {
            account.State.SecretsManager.AddSecret("prod/kaviar/db",
                $"{{\"username\":\"{PostgresServer.AdminUser}\",\"password\":\"{server.AdminPassword}\",\"engine\":\"postgres\"," +
                $"\"host\":\"127.0.0.1\",\"port\":{server.Port},\"dbname\":\"postgres\"}}");
        }

        session.UseAccount(account.Endpoint, account.Region);
        var result = session.Invoke("Test-PostgresConnection -SecretId prod/kaviar/db -CaBundlePath $args[0] -Verbose -Debug", server.CaBundlePath);
        var missing = session.Invoke("Test-PostgresConnection -SecretId prod/kaviar/nope");

        Assert.Empty(result.Errors);
        var probe = Assert.Single(result.Output);
        Assert.True((bool)probe.Properties["Succeeded"].Value);
        Assert.Equal($"postgres://{PostgresServer.AdminUser}@127.0.0.1:{server.Port}/postgres (sslmode=verify-full, ca bundle {server.CaBundlePath})",
            probe.Properties["Target"].Value);
        Assert.DoesNotContain(server.AdminPassword, result.AllText() + session.HostOutput);
        var notFound = Assert.Single(missing.Errors);
        Assert.Equal("AwsSecretNotFound,Kaviar.Ops.Cmdlets.TestPostgresConnectionCommand", notFound.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, notFound.CategoryInfo.Category);
    }

    [Fact]
    public void Downgrading_TLS_is_visible()
    {
        var result = session.Invoke("Test-PostgresConnection " + Connect + " -TlsMode Require", server.Port, Admin, "postgres");

        Assert.True((bool)Assert.Single(result.Output).Properties["Succeeded"].Value);
        Assert.Contains(result.Warnings, w => w.Contains("TLS is Require") && w.Contains("not fully verified"));
    }

    [Fact]
    public async Task Seed_002_gate_fails_until_the_migrations_ran_then_passes()
    {
        var database = await server.CreateDatabaseAsync("faxi");
        var folder = Directory.CreateTempSubdirectory("kaviar-migrations-").FullName;
        File.WriteAllText(Path.Combine(folder, "001_base_schema.sql"), "CREATE TABLE users (id serial primary key);");
        File.WriteAllText(Path.Combine(folder, "007_add_application_logs.sql"), "CREATE TABLE application_logs (id serial primary key);");
        const string Gate = "Confirm-PostgresMigrated " + Connect + " -CaBundlePath $args[3] -RequiredTable users, application_logs -MigrationsPath $args[4]";

        var schema = Assert.Single(session.Invoke("Test-PostgresSchema " + Connect + " -CaBundlePath $args[3] -RequiredTable users, application_logs -MigrationsPath $args[4]",
            server.Port, Admin, database, server.CaBundlePath, folder).Output);
        var blocked = session.CatchTerminatingError(Gate, server.Port, Admin, database, server.CaBundlePath, folder);

        Assert.Equal(new[] { "public.users", "public.application_logs" }, (IEnumerable<string>)schema.Properties["Missing"].Value);
        Assert.Equal(new[] { "001_base_schema.sql", "007_add_application_logs.sql" }, (IEnumerable<string>)schema.Properties["PendingFiles"].Value);
        Assert.Equal("PostgresNotMigrated,Kaviar.Ops.Cmdlets.ConfirmPostgresMigratedCommand", blocked!.FullyQualifiedErrorId);
        Assert.Contains("public.application_logs", blocked.Exception.Message);

        await server.ExecuteAsync(database,
            "CREATE TABLE users (id serial primary key); CREATE TABLE application_logs (id serial primary key);" +
            "CREATE TABLE pgmigrations (id serial primary key, name varchar(255) not null, run_on timestamp not null);" +
            "INSERT INTO pgmigrations (name, run_on) VALUES ('001_base_schema', now()), ('007_add_application_logs', now());");
        var passed = session.Invoke(Gate, server.Port, Admin, database, server.CaBundlePath, folder);

        Assert.Empty(passed.Errors);
        Assert.True((bool)Assert.Single(passed.Output).Properties["Passed"].Value);
    }
}
