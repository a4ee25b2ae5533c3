using System;
using System.Collections.Generic;

using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Migrations;

/// <summary>
/// The outcome of one migrations-runner Lambda invocation: the function's error (if it crashed), the status it
/// reported (if it ran), and the tail of its log.
/// </summary>
public sealed class LambdaMigrationResult : IRegionalOutput
{
    public string Region { get; set; } = "";

    /// <summary>The endpoint used, when one was given (-EndpointUrl); the next command binds it.</summary>
    public string? EndpointUrl { get; set; }

    public string FunctionName { get; set; } = "";

    /// <summary>The JSON event sent to the function.</summary>
    public string Payload { get; set; } = "";

    /// <summary>Lambda's HTTP status: 200 even when the function itself failed.</summary>
    public int StatusCode { get; set; }

    /// <summary>"Unhandled" when the function threw or timed out; the response payload then holds errorMessage.</summary>
    public string? FunctionError { get; set; }

    /// <summary>The runner's own verdict ("success", "error"), from the response payload.</summary>
    public string? Status { get; set; }

    public string? Migration { get; set; }

    /// <summary>The runner's message, or the function's errorMessage when it failed.</summary>
    public string? Message { get; set; }

    /// <summary>What the function returned, verbatim.</summary>
    public string ResponsePayload { get; set; } = "";

    public string? ExecutedVersion { get; set; }

    /// <summary>The last 4 KB of the invocation's log, as lines.</summary>
    public IReadOnlyList<string> LogTail { get; set; } = Array.Empty<string>();

    public bool Succeeded => FunctionError == null && string.Equals(Status, "success", StringComparison.OrdinalIgnoreCase);
}
