using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// The port the app listens on is taken: Node's <c>listen EADDRINUSE: address already in use :::3001</c>, Go's <c>bind:
/// address already in use</c>, Python's <c>[Errno 98] Address already in use</c> (gunicorn's <c>Connection in use</c>),
/// Java's <c>BindException: Address already in use</c> and Spring's <c>Port 8080 was already in use</c>, Kestrel's
/// <c>Failed to bind to address http://[::]:80: address already in use</c>. In awsvpc mode the containers of a task share
/// one network namespace, so another container of the task, or the app itself started twice, holds it.
/// </summary>
internal sealed class PortInUse : PatternSignature
{
    // With the port where the runtime names it; the last wording names none.
    private static readonly Regex[] InUse =
    {
        LogPattern.Of(@"EADDRINUSE(?:: address already in use)? \S*?:?(?<port>\d{1,5})(?![\w.:])"),
        LogPattern.Of(@"listen tcp \S*?:(?<port>\d{1,5}): bind: address already in use"),
        LogPattern.Of(@"error while attempting to bind on address \('[^']*', (?<port>\d{1,5})\): address already in use"),
        LogPattern.Of(@"Connection in use: \('[^']*', (?<port>\d{1,5})\)"),
        LogPattern.Of(@"Failed to bind to address \S+?:(?<port>\d{1,5}): address already in use"),
        LogPattern.Of(@"Port (?<port>\d{1,5}) was already in use"),
        LogPattern.Of(@"address already in use|EADDRINUSE"),
    };

    public override string Id => "PortInUse";

    protected override IReadOnlyList<Regex> Wordings => InUse;

    protected override LogMatch Diagnose(int index, Match match, LogContext context)
    {
        var port = match.Group("port");
        return Found(index,
            $"{(port == null ? "The port the app listens on" : $"Port {port}")} is already taken inside the task: its containers share one network " +
            "namespace, so another container of the task listens on it, or the app starts its server twice.",
            LogFacts.Of((LogFacts.Port, port)),
            manualFix: "Give each container of the task its own port (the task definition's portMappings and what each process listens on), " +
                       "or make the app listen once (one server per process, workers sharing its socket).");
    }
}
