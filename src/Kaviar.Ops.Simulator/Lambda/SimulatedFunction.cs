using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Kaviar.Ops.Simulator.Lambda;

/// <summary>
/// The code of a simulated Lambda function. Runs with <see cref="AccountState.SyncRoot"/> held, so it may read
/// (and change) the account: a secret, a security group rule, the migrations it has applied.
/// </summary>
public interface ISimulatedFunction
{
    FunctionOutcome Invoke(FunctionInvocation invocation);
}

/// <summary>One invocation: the function's configuration, the event as JSON text, and the account it runs in.</summary>
public sealed record FunctionInvocation(AccountState Account, LambdaFunction Function, string Payload);

/// <summary>
/// What the function did: its result payload, or — with <see cref="FunctionError"/> set — the error object the
/// runtime reports; the lines it logged; and how long it ran (a connect that hangs runs to the function timeout).
/// </summary>
public sealed record FunctionOutcome(string Payload, string? FunctionError, IReadOnlyList<string> LogLines, TimeSpan Duration)
{
    public static FunctionOutcome Returned(JsonNode result, TimeSpan duration, params string[] logLines) =>
        new(result.ToJsonString(), null, logLines, duration);

    /// <summary>The function threw (or timed out): Lambda still answers 200, with FunctionError "Unhandled".</summary>
    public static FunctionOutcome Unhandled(string errorType, string errorMessage, TimeSpan duration, params string[] logLines) =>
        new(new JsonObject { ["errorType"] = errorType, ["errorMessage"] = errorMessage, ["trace"] = new JsonArray() }.ToJsonString(),
            "Unhandled", logLines, duration);
}

/// <summary>A function whose behaviour is a delegate, for tests that need a one-off answer.</summary>
public sealed class DelegateFunction : ISimulatedFunction
{
    private readonly Func<FunctionInvocation, FunctionOutcome> _invoke;

    public DelegateFunction(Func<FunctionInvocation, FunctionOutcome> invoke) => _invoke = invoke;

    public FunctionOutcome Invoke(FunctionInvocation invocation) => _invoke(invocation);
}

/// <summary>A function that returns the same result every time: a scenario file's stand-in for code it does not model.</summary>
public sealed class FixedResultFunction : ISimulatedFunction
{
    public FixedResultFunction(string payload) => Payload = payload;

    /// <summary>The result as JSON text.</summary>
    public string Payload { get; }

    public FunctionOutcome Invoke(FunctionInvocation invocation) => new(Payload, null, Array.Empty<string>(), TimeSpan.FromMilliseconds(20));
}
