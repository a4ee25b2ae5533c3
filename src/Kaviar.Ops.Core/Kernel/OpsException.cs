using System;

namespace Kaviar.Ops.Kernel;

/// <summary>
/// A failure the core recognised: its row of the error table, what it is about, and what to do. The message says what
/// failed and why, and ends with <see cref="RecommendedAction"/>, the command that fixes it. Neither ever holds a secret value.
/// </summary>
public class OpsException : Exception
{
    public OpsException(ErrorCode code, string message, object? target = null, string? recommendedAction = null, Exception? innerException = null)
        : base(recommendedAction == null ? message : message + " " + recommendedAction, innerException)
    {
        Code = code;
        Target = target;
        RecommendedAction = recommendedAction;
    }

    public ErrorCode Code { get; }

    /// <summary>The object the failure is about (what the user named, or the result so far), for ErrorRecord.TargetObject.</summary>
    public object? Target { get; }

    public string? RecommendedAction { get; }
}
