using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Rds;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>One real PostgreSQL 15 for every test in <see cref="PostgresCollection"/>; each test creates its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server!;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public Task DisposeAsync()
    {
        _server?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A fresh, empty database owned by its own login, as a scenario's apps and secret use it.</summary>
    public Task<ScenarioDatabase> NewDatabaseAsync(string prefix) => Server.CreateOwnedDatabaseAsync(prefix);
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
