using System;

namespace Kaviar.Ops.Migrations;

public enum MigrationRunProblem
{
    ServiceNotFound,
    ContainerAmbiguous,
    ContainerNotFound,
    NetworkMissing,
    AlreadyRunning,
    FailedToStart,
    ExitedWithError,
    TimedOut,
}

/// <summary>A migration run that a runbook must not step over; the message says what failed and what to do.</summary>
public sealed class MigrationRunException : Exception
{
    public MigrationRunException(MigrationRunProblem problem, string message, EcsMigrationResult? result = null)
        : base(message)
    {
        Problem = problem;
        Result = result;
    }

    public MigrationRunProblem Problem { get; }

    /// <summary>What is known of the task (exit code, log tail) when it got that far.</summary>
    public EcsMigrationResult? Result { get; }
}
