using System.Collections.Generic;

namespace Kaviar.Ops.Evidence;

/// <summary>A signature for one kind of failed connection (<see cref="ConnectFailure"/>): which ones it takes, and what it says of them.</summary>
internal abstract class ConnectFailureSignature : LineSignature
{
    protected sealed override LogMatch? MatchAt(LogLines lines, int index, LogContext context) =>
        ConnectFailure.Read(lines, index) is ConnectFailure failure && Accepts(failure, context) ? Diagnose(index, failure, context) : null;

    protected abstract bool Accepts(ConnectFailure failure, LogContext context);

    protected abstract LogMatch Diagnose(int index, ConnectFailure failure, LogContext context);

    protected static IReadOnlyDictionary<string, string> FactsOf(ConnectFailure failure) =>
        LogFacts.Of((LogFacts.Host, failure.Host), (LogFacts.Address, failure.Address),
            (LogFacts.Port, failure.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), (LogFacts.Kind, failure.Kind.ToString()));

    /// <summary>Why localhost refuses: in a Fargate task it is the task itself, so the host setting fell back to its default.</summary>
    protected static string LoopbackCause(ConnectFailure failure, string what) =>
        $"The app connects to {what} at {failure.Endpoint}, where nothing listens: in a Fargate task localhost is the task itself, " +
        "so the host setting is missing or wrong.";
}
