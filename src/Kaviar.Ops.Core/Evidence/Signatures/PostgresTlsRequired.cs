using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// <c>no pg_hba.conf entry for host "10.0.1.7", user "app", database "app", no encryption</c> (<c>SSL off</c> before
/// Postgres 12), in every driver's wrapping: the server only accepts TLS (RDS with rds.force_ssl, the default from
/// Postgres 15) and the app connected without it.
/// </summary>
internal sealed class PostgresTlsRequired : PatternSignature
{
    private static readonly Regex[] PlainTextRejected =
    {
        LogPattern.Of(@"no pg_hba\.conf entry for host ""(?<client>[^""]+)"", user ""(?<user>[^""]+)"", database ""(?<database>[^""]+)"", (?:no encryption|SSL off)"),
    };

    public override string Id => "PostgresTlsRequired";

    protected override IReadOnlyList<Regex> Wordings => PlainTextRejected;

    protected override LogMatch Diagnose(int index, Match match, LogContext context)
    {
        var user = match.Groups["user"].Value;
        var database = match.Groups["database"].Value;
        return Found(index,
            $"The database only accepts TLS connections and the app connected as user \"{user}\" to database \"{database}\" without TLS.",
            LogFacts.Of((LogFacts.User, user), (LogFacts.Database, database), (LogFacts.Address, match.Groups["client"].Value)),
            DatabaseFixes.VerifyTrust(context),
            "Make the app connect with TLS and verify the server: sslmode=verify-full with sslrootcert pointing at the RDS CA bundle in the image " +
            "(Node pg: ssl: { ca }; Npgsql: SSL Mode=VerifyFull); do not turn rds.force_ssl off.");
    }
}
