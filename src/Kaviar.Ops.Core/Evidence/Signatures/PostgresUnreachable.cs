namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// A connection to the database's port that failed without saying how: Npgsql's <c>Failed to connect to
/// 10.0.5.20:5432</c> logged without its inner exception. The network path is checked first, the endpoint second.
/// </summary>
internal sealed class PostgresUnreachable : ConnectFailureSignature
{
    public override string Id => "PostgresUnreachable";

    protected override bool Accepts(ConnectFailure failure, LogContext context) =>
        failure.Kind == ConnectFailureKind.Undetermined && context.IsDatabasePort(failure.Port);

    protected override LogMatch Diagnose(int index, ConnectFailure failure, LogContext context)
    {
        var (fix, manualFix) = DatabaseFixes.NetworkPath(context, failure.Port);
        return Found(index,
            $"The app could not connect to Postgres at {failure.Endpoint} (the log does not say whether it was refused or timed out).",
            FactsOf(failure), fix, manualFix + $" Check also that {failure.Endpoint} is the database's current endpoint and port.", failure.LineCount);
    }
}
