using System;
using System.Management.Automation;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Cmdlets;

/// <summary>The error table's rows as PowerShell error records: the stable id, its category, and the target.</summary>
internal static class ErrorRecords
{
    public static ErrorCategory Category(ErrorKind kind) => (ErrorCategory)Enum.Parse(typeof(ErrorCategory), kind.ToString());

    public static ErrorRecord From(OpsException exception, object? fallbackTarget = null) =>
        new ErrorRecord(exception, exception.Code.Id, Category(exception.Code.Kind), exception.Target ?? fallbackTarget)
        {
            ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = exception.RecommendedAction },
        };

    /// <summary>A failure nothing in the core recognised: a defect. Still a stable id, and the message asks for a report.</summary>
    public static OpsException Unexpected(Exception exception, object? target) =>
        new OpsException(ErrorTable.UnexpectedFailure,
            $"Kaviar.Ops failed unexpectedly ({exception.GetType().Name}: {exception.Message}).", target,
            "Please report it with the output of '$Error[0] | Format-List * -Force'.", exception);
}
