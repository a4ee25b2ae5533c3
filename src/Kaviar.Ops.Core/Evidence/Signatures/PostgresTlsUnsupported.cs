using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// The app asks for TLS and the server at the other end has none: node-postgres' <c>The server does not support SSL
/// connections</c>, libpq's <c>server does not support SSL, but SSL was required</c>, pgx's <c>server refused TLS
/// connection</c>, lib/pq's <c>pq: SSL is not enabled on the server</c>, JDBC's <c>The server does not support SSL.</c>,
/// asyncpg's <c>rejected SSL upgrade</c>, Npgsql's <c>No SSL enabled connection</c>. RDS and Aurora always offer TLS, so
/// the host is something else: a proxy, a sidecar, a local Postgres.
/// </summary>
internal sealed class PostgresTlsUnsupported : PatternSignature
{
    private static readonly Regex[] NoTlsOnServer =
    {
        LogPattern.Of(@"server does not support SSL|server refused TLS connection|SSL is not enabled on the server|rejected SSL upgrade|No SSL enabled connection"),
    };

    public override string Id => "PostgresTlsUnsupported";

    protected override IReadOnlyList<Regex> Wordings => NoTlsOnServer;

    protected override LogMatch Diagnose(int index, Match match, LogContext context) =>
        Found(index,
            "The app requires TLS but the server it reached offers none; RDS and Aurora always do, so the host is not the database's endpoint " +
            "(a proxy, a sidecar or another server).",
            LogFacts.Of(),
            DatabaseFixes.VerifyLogin(context),
            "Point the app's database host (DATABASE_URL, PGHOST or the secret's host) at the RDS or Aurora endpoint " +
            $"(aws rds describe-db-instances --region {context.Region} --query \"DBInstances[].Endpoint.Address\"); keep TLS required.");
}
