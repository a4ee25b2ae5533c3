using System;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Migrations;

public enum LambdaMigrationProblem
{
    FunctionNotFound,

    /// <summary>The function crashed or timed out (FunctionError is set).</summary>
    FunctionError,

    /// <summary>The function ran and reported a status other than success.</summary>
    MigrationFailed,

    /// <summary>The request may have reached the function but no answer came back: it may or may not have run.</summary>
    OutcomeUnknown,
}

/// <summary>A migrations-runner invocation that a runbook must not step over; the message says what failed and what to do.</summary>
public sealed class LambdaMigrationException : OpsException
{
    public LambdaMigrationException(LambdaMigrationProblem problem, string message, LambdaMigrationResult? result = null, object? target = null)
        : base(problem switch
        {
            LambdaMigrationProblem.FunctionNotFound => ErrorTable.LambdaFunctionNotFound,
            LambdaMigrationProblem.FunctionError => ErrorTable.LambdaMigrationFunctionError,
            LambdaMigrationProblem.OutcomeUnknown => ErrorTable.LambdaMigrationOutcomeUnknown,
            _ => ErrorTable.LambdaMigrationFailed,
        }, message, (object?)result ?? target)
    {
        Problem = problem;
        Result = result;
    }

    public LambdaMigrationProblem Problem { get; }

    /// <summary>What the invocation returned, when it got that far.</summary>
    public LambdaMigrationResult? Result { get; }
}
