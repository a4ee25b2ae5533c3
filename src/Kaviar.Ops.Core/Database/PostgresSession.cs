using System;
using Npgsql;

namespace Kaviar.Ops.Database;

/// <summary>An open, unpooled connection to a <see cref="PostgresTarget"/>; disposing closes it.</summary>
public sealed class PostgresSession : IDisposable
{
    internal PostgresSession(PostgresTarget target, NpgsqlConnection connection, bool isEncrypted)
    {
        Target = target;
        Connection = connection;
        IsEncrypted = isEncrypted;
    }

    public PostgresTarget Target { get; }

    public NpgsqlConnection Connection { get; }

    public string ServerVersion => Connection.ServerVersion;

    /// <summary>What the server reports in pg_stat_ssl for this backend.</summary>
    public bool IsEncrypted { get; }

    public void Dispose() => Connection.Dispose();
}
