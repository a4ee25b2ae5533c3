using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Rds;
using Kaviar.Ops.Database;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Database;

[Collection(PostgresCollection.Name)]
public sealed class PostgresLoginFailureTests
{
    private const string WrongPassword = "Wr0ng-Pa55word-4711";

    private readonly PostgresServerFixture _fixture;

    public PostgresLoginFailureTests(PostgresServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task A_wrong_password_is_an_authentication_failure_that_never_shows_the_password()
    {
        var target = new PostgresTarget(PostgresServer.Host, _fixture.Server.Port, "postgres",
            new NetworkCredential(PostgresServer.AdminUser, WrongPassword), TlsMode.VerifyFull, _fixture.Server.CaBundlePath);

        var error = await Assert.ThrowsAsync<PostgresConnectionException>(() => PostgresConnector.OpenAsync(target, default));
        var probe = await PostgresConnector.ProbeAsync(target, default);

        Assert.Equal(PostgresFailureKind.AuthenticationFailed, error.Kind);
        Assert.Equal("28P01", error.Failure.SqlState);
        Assert.Contains("password authentication failed for user \"kaviar_admin\"", error.Message);
        Assert.Contains("wrong password or user name", error.Message);
        foreach (var text in new[] { error.ToString(), error.Message, error.Failure.ToString(), target.DisplayName, target.ToString(), probe.Target, probe.Failure!.Message })
            Assert.DoesNotContain(WrongPassword, text);
    }

    [Fact]
    public async Task No_password_stays_reachable_from_Npgsqls_static_state_after_a_connection()
    {
        // A login of its own: the fixture's admin connections put the admin password in Npgsql's tables themselves.
        const string Password = "Only-This-Test-9431";
        await _fixture.Server.ExecuteAsync("postgres", $"DROP ROLE IF EXISTS scan_probe; CREATE ROLE scan_probe LOGIN PASSWORD '{Password}'");
        var right = new PostgresTarget(PostgresServer.Host, _fixture.Server.Port, "postgres",
            new NetworkCredential("scan_probe", Password), TlsMode.VerifyFull, _fixture.Server.CaBundlePath);
        var wrong = new PostgresTarget(PostgresServer.Host, _fixture.Server.Port, "postgres",
            new NetworkCredential("scan_probe", WrongPassword), TlsMode.VerifyFull, _fixture.Server.CaBundlePath);

        Assert.False((await PostgresConnector.ProbeAsync(wrong, default)).Succeeded);
        using (await PostgresConnector.OpenAsync(right, default))
        {
        }

        var npgsql = typeof(Npgsql.NpgsqlConnection).Assembly;
        Assert.Empty(ManagedStateScanner.FindSecret(npgsql, WrongPassword));
        Assert.Empty(ManagedStateScanner.FindSecret(npgsql, Password));
    }

    [Fact]
    public async Task An_unknown_user_is_an_authentication_failure()
    {
        var target = new PostgresTarget(PostgresServer.Host, _fixture.Server.Port, "postgres",
            new NetworkCredential("nobody_here", WrongPassword), TlsMode.VerifyFull, _fixture.Server.CaBundlePath);

        var probe = await PostgresConnector.ProbeAsync(target, default);

        Assert.False(probe.Succeeded);
        Assert.Equal(PostgresFailureKind.AuthenticationFailed, probe.Failure!.KindValue);
        Assert.Equal("AuthenticationFailed", probe.Failure.Kind);
        Assert.Equal("28P01", probe.Failure.SqlState);
    }

    [Fact]
    public async Task An_unknown_database_is_named_with_its_sqlstate()
    {
        var probe = await PostgresConnector.ProbeAsync(_fixture.Target("no_such_db"), default);

        Assert.Equal(PostgresFailureKind.DatabaseNotFound, probe.Failure!.KindValue);
        Assert.Equal("3D000", probe.Failure.SqlState);
        Assert.Contains("the database 'no_such_db' does not exist (3D000)", probe.Failure.Message);
    }

    [Fact]
    public async Task A_port_nobody_listens_on_is_refused_and_points_at_the_network_path()
    {
        var port = UnusedPort();
        var target = new PostgresTarget(PostgresServer.Host, port, "postgres", _fixture.Server.AdminCredential, TlsMode.VerifyFull,
            _fixture.Server.CaBundlePath, connectTimeoutSeconds: 5);

        var probe = await PostgresConnector.ProbeAsync(target, default);

        Assert.Equal(PostgresFailureKind.ConnectionRefusedOrTimeout, probe.Failure!.KindValue);
        Assert.StartsWith($"Could not reach 127.0.0.1:{port}: connection refused", probe.Failure.Message);
        Assert.Contains($"security group must allow inbound TCP {port}", probe.Failure.Message);
    }

    [Fact]
    public async Task A_host_name_that_does_not_resolve_is_a_network_failure()
    {
        var target = new PostgresTarget("db.does-not-exist.invalid", 5432, "postgres", _fixture.Server.AdminCredential, connectTimeoutSeconds: 5);

        var probe = await PostgresConnector.ProbeAsync(target, default);

        Assert.Equal(PostgresFailureKind.ConnectionRefusedOrTimeout, probe.Failure!.KindValue);
        Assert.Contains("the host name does not resolve", probe.Failure.Message);
    }

    [Fact]
    public async Task A_cancelled_attempt_is_a_cancellation_not_a_failure()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PostgresConnector.OpenAsync(_fixture.Target(), cancelled.Token));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
