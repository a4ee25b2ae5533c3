namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// A connection to the database's port refused (<c>connect ECONNREFUSED 10.0.5.20:5432</c>, <c>connection refused</c>,
/// <c>Connection to 10.0.5.20:5432 refused</c>…): something at that address answers but nothing listens on the port —
/// a wrong host or port, a stopped database, or localhost.
/// </summary>
internal sealed class PostgresConnectionRefused : ConnectFailureSignature
{
    public override string Id => "PostgresConnectionRefused";

    protected override bool Accepts(ConnectFailure failure, LogContext context) =>
        failure.Kind == ConnectFailureKind.Refused && context.IsDatabasePort(failure.Port);

    protected override LogMatch Diagnose(int index, ConnectFailure failure, LogContext context)
    {
        if (failure.IsLoopback)
        {
            return Found(index, LoopbackCause(failure, "Postgres"), FactsOf(failure), DatabaseFixes.VerifyLogin(context),
                $"Give {context.ContainerPhrase} the database's host (DATABASE_URL, PGHOST or the secret's host) in a new task definition revision, then deploy it.",
                failure.LineCount);
        }

        return Found(index,
            $"Postgres at {failure.Endpoint} refused the connection: the address answers but nothing listens on port {failure.Port} " +
            "(a wrong host or port, or a stopped database).",
            FactsOf(failure), DatabaseFixes.VerifyLogin(context),
            $"Compare {failure.Endpoint} with the database's endpoint, port and status: aws rds describe-db-instances --region {context.Region} " +
            "--query \"DBInstances[].[DBInstanceIdentifier,DBInstanceStatus,Endpoint.Address,Endpoint.Port]\" --output table",
            failure.LineCount);
    }
}
