using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// An open connection closed under the app: libpq's <c>SSL SYSCALL error: EOF detected</c> and <c>server closed the
/// connection unexpectedly</c>, node-postgres' <c>Connection terminated unexpectedly</c>. The database restarted, failed
/// over or ran out of memory, or something between (a NAT gateway's idle timeout) cut an idle connection.
/// </summary>
internal sealed class PostgresConnectionDropped : PatternSignature
{
    private static readonly Regex[] Dropped =
    {
        LogPattern.Of(@"SSL SYSCALL error: (?:EOF detected|Connection reset by peer|Connection timed out)|server closed the connection unexpectedly|Connection terminated unexpectedly"),
    };

    public override string Id => "PostgresConnectionDropped";

    protected override IReadOnlyList<Regex> Wordings => Dropped;

    protected override LogMatch Diagnose(int index, Match match, LogContext context) =>
        Found(index,
            "The database connection was closed under the app: the database restarted, failed over or ran out of memory, or an idle connection was cut on the way.",
            LogFacts.Of(),
            manualFix: $"See what the database did at that time: aws rds describe-events --duration 120 --region {context.Region}; " +
                       "make the app's pool drop and reopen broken connections (and keep idle ones below 350 s through a NAT gateway).");
}
