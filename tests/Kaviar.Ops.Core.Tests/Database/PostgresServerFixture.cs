using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Rds;
using Kaviar.Ops.Database;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Database;

/// <summary>One real Postgres for every test in the "Postgres" collection; tests create their own databases.</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server!;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public Task DisposeAsync()
    {
        _server?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The admin login over TCP with verify-full against the test CA: the path a cmdlet takes.</summary>
    public PostgresTarget Target(string database = "postgres", TlsMode tlsMode = TlsMode.VerifyFull, string? caBundlePath = null) =>
        new(PostgresServer.Host, Server.Port, database, Server.AdminCredential, tlsMode,
            caBundlePath ?? (tlsMode is TlsMode.VerifyFull or TlsMode.VerifyCA ? Server.CaBundlePath : null));

    public async Task<PostgresSession> OpenAsync(string database) =>
        await PostgresConnector.OpenAsync(Target(database), default);

    /// <summary>A fresh database set up with <paramref name="sql"/>, opened the way a cmdlet would.</summary>
    public async Task<PostgresSession> OpenNewDatabaseAsync(string prefix, string sql)
    {
        var database = await Server.CreateDatabaseAsync(prefix);
        await Server.ExecuteAsync(database, sql);
        return await OpenAsync(database);
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "Postgres";
}
