using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Operations;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// The base of every Kaviar.Ops command: bridges async core work onto the pipeline thread (Write* only ever runs
/// there), with Ctrl+C cancelling it, and turns the core's progress reports into Write-Progress.
/// </summary>
public abstract class KaviarCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource stopping = new CancellationTokenSource();

    /// <summary>Real time, or the simulated clock a rehearsal host put on this session.</summary>
    protected IOpsClock Clock => OpsClock.For(System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty);

    /// <summary>Cancelled when the user presses Ctrl+C.</summary>
    protected CancellationToken CancellationToken => stopping.Token;

    protected override void StopProcessing() => stopping.Cancel();

    protected sealed override void ProcessRecord() => Guarded(Process);

    protected sealed override void EndProcessing() => Guarded(End);

    /// <summary>The command's work for each pipeline input (ProcessRecord).</summary>
    protected virtual void Process()
    {
    }

    /// <summary>The command's work after the last input (EndProcessing).</summary>
    protected virtual void End()
    {
    }

    /// <summary>Runs core async work to completion on the pipeline thread.</summary>
    protected T Await<T>(Task<T> task)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    protected void Await(Task task) => Await(Completion(task));

    /// <summary>
    /// Runs core work that reports as it goes: its progress and verbose messages are queued and written here, on the
    /// pipeline thread, while it runs. Every progress activity of the work is completed when it ends.
    /// </summary>
    protected T AwaitReporting<T>(Func<IOperationReporter, Task<T>> start)
    {
        using var queue = new BlockingCollection<Action>();
        var reporter = new QueuedReporter(queue, this);
        var work = start(reporter);
        work.ContinueWith(_ => queue.CompleteAdding(), TaskScheduler.Default);
        foreach (var write in queue.GetConsumingEnumerable())
        {
            write();
        }

        reporter.CompleteOpenActivities();
        return Await(work);
    }

    /// <summary>
    /// Whatever the command did not handle ends it with an id from the error table, never a .NET type name. PowerShell's
    /// own exceptions (a stopped pipeline, -ErrorAction Stop, binding errors) are PowerShell's to report.
    /// </summary>
    private void Guarded(Action step)
    {
        try
        {
            step();
        }
        catch (Exception ex) when (ex is not RuntimeException)
        {
            ThrowTerminatingError(ErrorRecords.From(Translate(ex)));
        }
    }

    /// <summary>
    /// The failure as a row of the error table, AWS's own errors included (with the region the command last called).
    /// Overridable members of the cmdlet assembly name no engine type: PowerShell loads these types before the
    /// module's initializer has made the engine loadable (see ModuleAssemblyResolver).
    /// </summary>
    private OpsException Translate(Exception exception) =>
        exception as OpsException
        ?? (RegionForErrors is { } region ? AwsFailures.Translate(exception, region, EndpointForErrors) : null)
        ?? ErrorRecords.Unexpected(exception, null);

    /// <summary>The region AWS failures are reported in; null for commands that do not call AWS.</summary>
    protected virtual string? RegionForErrors => null;

    protected virtual Uri? EndpointForErrors => null;

    /// <summary>A non-terminating error for one item; the pipeline goes on with the next.</summary>
    protected void WriteFailure(Exception exception, object? target = null) => WriteError(ErrorRecords.From(Translate(exception), target));

    /// <summary>Ends the command with the failure (what a runbook must not step over).</summary>
    protected void Fail(Exception exception, object? target = null) => ThrowTerminatingError(ErrorRecords.From(Translate(exception), target));

    /// <summary>
    /// Applies a plan: one confirmation per step that needs a change, preceded by the step's warnings, each step written with how it ended (Applied,
    /// AlreadyInPlace, Skipped when declined; Planned under -WhatIf). When anything was applied, the plan is made again
    /// with <paramref name="replan"/>: a step that still needs its change fails the command (RepairNotVerified), so a
    /// repair never reports success while the check it repairs still fails.
    /// </summary>
    protected void ApplyPlan<TStep>(IEnumerable<TStep> steps, Func<TStep, Task<TStep>> apply, Func<Task<IReadOnlyList<TStep>>> replan, bool force = false)
        where TStep : IRepairStep
    {
        var applied = false;
        foreach (var step in steps)
        {
            if (!step.NeedsChange)
            {
                WriteVerbose(step.ToString());
                WriteObject(step);
                continue;
            }

            // Before the confirmation, so the prompt and -WhatIf come with them.
            foreach (var warning in step.Warnings)
            {
                WriteWarning(warning);
            }

            var confirmed = ShouldProcessStep(step.Describe(), step.Action, out var whatIf) && (!step.HighImpact || ConfirmHighImpact(step, force));
            if (confirmed)
            {
                WriteObject(ApplyUnlessStopped(step, apply));
                applied = true;
            }
            else
            {
                WriteObject(whatIf ? step : step.Skipped());
            }
        }

        if (applied && Await(replan()).FirstOrDefault(s => s.NeedsChange) is { } unchanged)
        {
            Fail(new OpsException(ErrorTable.RepairNotVerified,
                $"After the repair, '{unchanged.Action}' on {unchanged.Describe()} is still needed: AWS does not show the change.", unchanged,
                "Check the resource by hand (it may be managed by another tool that reverted it) and run the repair again."));
        }
    }

    /// <summary>
    /// Applies one step; Ctrl+C during the call stops the command, and the user is told the change was sent and may have
    /// been made, and that running the command again finds out (every step checks before it changes, so it is safe).
    /// </summary>
    private TStep ApplyUnlessStopped<TStep>(TStep step, Func<TStep, Task<TStep>> apply)
        where TStep : IRepairStep
    {
        try
        {
            return Await(apply(step));
        }
        catch (PipelineStoppedException) when (CancellationToken.IsCancellationRequested)
        {
            Host.UI.WriteWarningLine($"Stopped during '{step.Action}' on {step.Describe().Split('\n')[0].TrimEnd('\r', ':')}: the request may have reached AWS and the " +
                "change may have been made. Run the same command again: it checks first and changes only what is still needed (-WhatIf shows what that is).");
            throw;
        }
    }

    /// <summary>
    /// A high-impact step is confirmed even when the command's impact would not prompt: -Force, -Confirm:$false or an
    /// answer already given to -Confirm's own prompt let it go; where nobody can answer, the command fails and says how.
    /// </summary>
    private bool ConfirmHighImpact(IRepairStep step, bool force)
    {
        if (force || MyInvocation.BoundParameters.ContainsKey("Confirm"))
        {
            return true;
        }

        try
        {
            return ShouldContinue($"{step.Action}: {step.Describe()}. Continue?", "High-impact change");
        }
        catch (Exception ex) when (IsNonInteractive(ex))
        {
            Fail(ConfirmationRequired(step.Describe(), step.Action, ex));
            throw;
        }
    }

    private static bool IsNonInteractive(Exception ex) =>
        ex is InvalidOperationException or System.Management.Automation.Host.HostException or NotImplementedException or NotSupportedException;

    private static OpsException ConfirmationRequired(string target, string action, Exception ex) =>
        new OpsException(ErrorTable.ConfirmationRequired, $"'{action}' on {target} needs confirmation, and this host cannot ask ({ex.Message}).", target,
            "Run the command with -Confirm:$false (or -Force) to make the change without a prompt, or -WhatIf to see it first.");

    /// <summary>
    /// ShouldProcess for one step of a change. Where the step needs confirmation and nobody can answer (a scheduled,
    /// non-interactive host), the command fails and says how to confirm, rather than ending with nothing done.
    /// </summary>
    protected bool ShouldProcessStep(string target, string action) => ShouldProcessStep(target, action, out _);

    private bool ShouldProcessStep(string target, string action, out bool whatIf)
    {
        try
        {
            var confirmed = ShouldProcess($"Performing the operation \"{action}\" on target \"{target}\".", $"{action}: {target}?", "Confirm",
                out var reason);
            whatIf = reason == ShouldProcessReason.WhatIf;
            return confirmed;
        }
        catch (Exception ex) when (IsNonInteractive(ex))
        {
            Fail(ConfirmationRequired(target, action, ex));
            throw;
        }
    }

    private static async Task<bool> Completion(Task task)
    {
        await task.ConfigureAwait(false);
        return true;
    }

    public void Dispose()
    {
        stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Turns core progress into Write-Progress records with one activity id per activity name.</summary>
    private sealed class QueuedReporter : IOperationReporter
    {
        private readonly BlockingCollection<Action> queue;
        private readonly Cmdlet cmdlet;
        private readonly Dictionary<string, ProgressRecord> open = new Dictionary<string, ProgressRecord>();

        public QueuedReporter(BlockingCollection<Action> queue, Cmdlet cmdlet)
        {
            this.queue = queue;
            this.cmdlet = cmdlet;
        }

        public void Progress(ProgressUpdate update) => queue.Add(() => Write(update));

        public void Verbose(string message) => queue.Add(() => cmdlet.WriteVerbose(message));

        public void CompleteOpenActivities()
        {
            foreach (var record in open.Values.Where(r => r.RecordType != ProgressRecordType.Completed).ToList())
            {
                record.RecordType = ProgressRecordType.Completed;
                cmdlet.WriteProgress(record);
            }
        }

        private void Write(ProgressUpdate update)
        {
            if (!open.TryGetValue(update.Activity, out var record))
            {
                record = new ProgressRecord(open.Count + 1, update.Activity, update.Status);
                open[update.Activity] = record;
            }

            record.StatusDescription = update.Status;
            record.PercentComplete = update.PercentComplete;
            record.SecondsRemaining = update.SecondsRemaining;
            record.RecordType = update.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing;
            cmdlet.WriteProgress(record);
        }
    }
}
