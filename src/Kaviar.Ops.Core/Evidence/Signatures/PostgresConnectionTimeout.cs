namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// A connection to the database's port that got no answer (<c>connect ETIMEDOUT 10.0.3.4:5432</c>, Go's <c>i/o
/// timeout</c>, libpq's <c>Connection timed out</c> / <c>timeout expired</c>, a SocketException (110), no route to host):
/// the packets are dropped on the way — the database's security group, a network ACL, or a route.
/// </summary>
internal sealed class PostgresConnectionTimeout : ConnectFailureSignature
{
    public override string Id => "PostgresConnectionTimeout";

    protected override bool Accepts(ConnectFailure failure, LogContext context) =>
        failure.Kind == ConnectFailureKind.TimedOut && context.IsDatabasePort(failure.Port);

    protected override LogMatch Diagnose(int index, ConnectFailure failure, LogContext context)
    {
        var (fix, manualFix) = DatabaseFixes.NetworkPath(context, failure.Port);
        return Found(index,
            $"Connecting to Postgres at {failure.Endpoint} timed out: packets are dropped on the way (the database's security group does not admit " +
            "the tasks, or a network ACL or route blocks the path).",
            FactsOf(failure), fix, manualFix, failure.LineCount);
    }
}
