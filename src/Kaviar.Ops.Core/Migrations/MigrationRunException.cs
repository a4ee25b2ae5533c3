using System;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Migrations;

public enum MigrationRunProblem
{
    ContainerAmbiguous,
    ContainerNotFound,
    NetworkMissing,
    AlreadyRunning,
    FailedToStart,
    ExitedWithError,
    TimedOut,
}

/// <summary>A migration run that a runbook must not step over; the message says what failed and what to do.</summary>
public sealed class MigrationRunException : OpsException
{
    public MigrationRunException(MigrationRunProblem problem, string message, EcsMigrationResult? result = null, object? target = null)
        : base(CodeFor(problem), message, (object?)result ?? target)
    {
        Problem = problem;
        Result = result;
    }

    public MigrationRunProblem Problem { get; }

    /// <summary>What is known of the task (exit code, log tail) when it got that far.</summary>
    public EcsMigrationResult? Result { get; }

    private static ErrorCode CodeFor(MigrationRunProblem problem) => problem switch
    {
        MigrationRunProblem.ContainerNotFound => ErrorTable.EcsMigrationContainerNotFound,
        MigrationRunProblem.ContainerAmbiguous => ErrorTable.EcsMigrationContainerAmbiguous,
        MigrationRunProblem.NetworkMissing => ErrorTable.EcsMigrationNetworkMissing,
        MigrationRunProblem.AlreadyRunning => ErrorTable.EcsMigrationAlreadyRunning,
        MigrationRunProblem.FailedToStart => ErrorTable.EcsMigrationTaskFailedToStart,
        MigrationRunProblem.TimedOut => ErrorTable.EcsMigrationTimeout,
        _ => ErrorTable.EcsMigrationFailed,
    };
}
