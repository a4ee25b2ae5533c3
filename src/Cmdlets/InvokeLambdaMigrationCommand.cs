using System;
using System.Management.Automation;
using Kaviar.Ops.Migrations;

using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Runs a migration through a migrations-runner Lambda function (RequestResponse, with the log tail) and fails
/// (terminating) unless the function ran and reported status "success" — a crash, a timeout and a runner that
/// caught its own failure all stop the runbook.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "LambdaMigration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByTarget)]
[OutputType(typeof(LambdaMigrationResult))]
public sealed class InvokeLambdaMigrationCommand : AwsCommandCmdlet
{
    private const string ByTarget = "ByTarget";
    private const string ByPayload = "ByPayload";

    /// <summary>The function's name or ARN (optionally with :alias or :version).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FunctionArn")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FunctionCompleter))]
    public string FunctionName { get; set; } = "";

    /// <summary>The migration to run, sent as the event's "target": 017.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByTarget)]
    [Alias("Migration")]
    [ValidateNotNullOrEmpty]
    public string Target { get; set; } = "";

    /// <summary>The event's "action". The default is run-migration.</summary>
    [Parameter(ParameterSetName = ByTarget)]
    [ValidateNotNullOrEmpty]
    public string Action { get; set; } = "run-migration";

    /// <summary>The whole event as JSON, for runners with another event shape.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByPayload)]
    [ValidateNotNullOrEmpty]
    public string Payload { get; set; } = "";

    protected override void Process()
    {
        var payload = ParameterSetName == ByPayload ? Payload : LambdaMigrationRunner.BuildPayload(Action, Target);
        LambdaMigrationRunner.ValidatePayload(payload);

        var function = LambdaNames.Function(FunctionName);
        var context = ContextFor(function);
        var region = context.Region;
        var shown = SecretRedaction.RedactJson(payload);
        if (!ShouldProcessStep($"Lambda function {FunctionName} in {region}", $"Invoke with payload {shown}"))
        {
            return;
        }

        var runner = new LambdaMigrationRunner(context);
        WriteVerbose($"Invoking {FunctionName} (RequestResponse, log tail) with {shown}");
        try
        {
            var result = Await(runner.InvokeAsync(function.Identifier, payload, CancellationToken));
            WriteLog(result);
            WriteObject(context.Stamp(result));
        }
        catch (LambdaMigrationException ex)
        {
            if (ex.Result != null)
            {
                WriteLog(ex.Result);
            }

            // The result (payloads, log tail) is the target when the function ran, so scripts can read it.
            Fail(ex, FunctionName);
        }
        catch (PipelineStoppedException) when (CancellationToken.IsCancellationRequested)
        {
            // Ctrl+C stops the waiting, not the function: say that it may have run and how to find out.
            Host.UI.WriteWarningLine("Stopped waiting. " + LambdaMigrationRunner.OutcomeUnknown(function.Identifier, region, "stopped by the user"));
            throw;
        }
    }

    private void WriteLog(LambdaMigrationResult result)
    {
        foreach (var line in result.LogTail)
        {
            WriteVerbose($"[{result.FunctionName}] {line}");
        }
    }
}
