using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.Aws;
using Kaviar.Ops.Operations;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// The base of every command that calls AWS: -Region, -ProfileName and -EndpointUrl as AWS.Tools has them,
/// falling back to $StoredAWSRegion / $StoredAWSCredentials, then AWS_PROFILE / AWS_REGION, then the SDK chains.
/// Also bridges async core calls onto the pipeline thread, with Ctrl+C cancelling them.
/// </summary>
public abstract class KaviarAwsCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource stopping = new CancellationTokenSource();
    private AwsConnection? connection;

    /// <summary>The AWS region, for example us-east-2.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }

    /// <summary>A profile from the shared AWS config and credentials files (SSO and assume-role profiles included).</summary>
    [Parameter]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

    /// <summary>Send every AWS call to this endpoint instead of AWS's (a simulated account, LocalStack).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EndpointUrl { get; set; }

    /// <summary>Cancelled when the user presses Ctrl+C.</summary>
    protected CancellationToken CancellationToken => stopping.Token;

    /// <summary>Credentials, region and endpoint for this invocation, resolved once; a terminating error when they cannot be.</summary>
    protected AwsConnection Connection => connection ??= ResolveConnection();

    protected override void StopProcessing() => stopping.Cancel();

    /// <summary>Runs core async work to completion on the pipeline thread (Write* must only run there).</summary>
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
        catch (AmazonServiceException ex)
        {
            ThrowTerminatingError(AwsErrorRecords.FromServiceException(ex, null));
            throw;
        }
        catch (AmazonClientException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "AwsRequestFailed", ErrorCategory.ConnectionError, Connection.EndpointUrl?.ToString() ?? Connection.Region.SystemName)
            {
                ErrorDetails = new ErrorDetails($"The AWS call could not be made: {ex.Message}")
                {
                    RecommendedAction = "Check the network path to AWS (or -EndpointUrl), the region, and the credentials.",
                },
            });
            throw;
        }
    }

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

    public void Dispose()
    {
        stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    private AwsConnection ResolveConnection()
    {
        var options = new AwsConnectionOptions { Region = Region, ProfileName = ProfileName, EndpointUrl = EndpointUrl };
        ReadShellDefaults(options);
        try
        {
            var resolved = new AwsConnectionResolver().Resolve(options);
            WriteDebug($"AWS credentials: {resolved.CredentialSource}; region {resolved.Region.SystemName} from {resolved.RegionSource}" +
                       (resolved.EndpointUrl == null ? "" : $"; endpoint {resolved.EndpointUrl}"));
            return resolved;
        }
        catch (AwsConnectionException ex)
        {
            var (errorId, category) = ex.Problem switch
            {
                AwsConnectionProblem.NoCredentials => ("AwsCredentialsNotFound", ErrorCategory.AuthenticationError),
                AwsConnectionProblem.ProfileNotFound => ("AwsProfileNotFound", ErrorCategory.ObjectNotFound),
                AwsConnectionProblem.NoRegion => ("AwsRegionNotFound", ErrorCategory.InvalidArgument),
                _ => ("InvalidEndpointUrl", ErrorCategory.InvalidArgument),
            };
            ThrowTerminatingError(new ErrorRecord(ex, errorId, category, ProfileName ?? Region ?? EndpointUrl));
            throw;
        }
    }

    /// <summary>Set-DefaultAWSRegion and Set-AWSCredential (AWS.Tools) leave these variables in the session.</summary>
    private void ReadShellDefaults(AwsConnectionOptions options)
    {
        options.ShellRegion = Unwrap(SessionState.PSVariable.GetValue("StoredAWSRegion")) switch
        {
            string name => name,
            { } region => region.ToString(),
            null => null,
        };

        switch (Unwrap(SessionState.PSVariable.GetValue("StoredAWSCredentials")))
        {
            case string profileName:
                options.ShellProfileName = profileName;
                break;
            case AWSCredentials credentials:
                options.ShellCredentials = credentials;
                break;
            case { } holder:
                // AWS.Tools stores its own wrapper with the SDK credentials in a Credentials property.
                options.ShellCredentials = holder.GetType().GetProperty("Credentials")?.GetValue(holder) as AWSCredentials;
                break;
        }
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

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
