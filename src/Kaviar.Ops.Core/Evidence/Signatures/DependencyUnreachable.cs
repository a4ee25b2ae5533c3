namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// A failed connection to anything that is not the database (a Redis on 6379, an API on 443…), worded as
/// <see cref="ConnectFailure"/> reads it. The most generic signature: a failure to the database's port is named by the
/// Postgres signatures before it and never reaches this one.
/// </summary>
internal sealed class DependencyUnreachable : ConnectFailureSignature
{
    public override string Id => "DependencyUnreachable";

    protected override bool Accepts(ConnectFailure failure, LogContext context) => true;

    protected override LogMatch Diagnose(int index, ConnectFailure failure, LogContext context)
    {
        var endpoint = failure.Endpoint;
        switch (failure.Kind)
        {
            case ConnectFailureKind.Refused when failure.IsLoopback:
                return Found(index, LoopbackCause(failure, "a dependency"), FactsOf(failure),
                    manualFix: $"Give {context.ContainerPhrase} the dependency's host in a new task definition revision, then deploy it.",
                    lineCount: failure.LineCount);
            case ConnectFailureKind.Refused:
                return Found(index,
                    $"{endpoint} refused the connection: the address answers but nothing listens on port {failure.Port} (a wrong host or port, or the dependency is down).",
                    FactsOf(failure),
                    manualFix: $"Check the host and port the app is given for {endpoint} and that the dependency runs there.",
                    lineCount: failure.LineCount);
            case ConnectFailureKind.TimedOut:
                return Found(index,
                    $"Connecting to {endpoint} timed out: packets are dropped on the way (its security group, a network ACL or a route).",
                    FactsOf(failure),
                    manualFix: "If it runs in the VPC, let its security group admit the tasks' group: aws ec2 authorize-security-group-ingress " +
                               $"--group-id <its security group> --protocol tcp --port {failure.Port} --source-group {context.TaskSecurityGroup ?? "<task security group>"} " +
                               $"--region {context.Region}",
                    lineCount: failure.LineCount);
            default:
                return Found(index, $"The app could not connect to {endpoint} (the log does not say whether it was refused or timed out).", FactsOf(failure),
                    manualFix: $"Check the host and port the app is given for {endpoint}, that the dependency runs, and that its security group admits the tasks.",
                    lineCount: failure.LineCount);
        }
    }
}
