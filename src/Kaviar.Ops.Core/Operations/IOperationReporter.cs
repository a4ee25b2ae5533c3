namespace Kaviar.Ops.Operations;

/// <summary>
/// How a long-running core operation reports while it works. The cmdlet layer turns these into Write-Progress and
/// Write-Verbose on the pipeline thread; tests record them.
/// </summary>
public interface IOperationReporter
{
    void Progress(ProgressUpdate update);

    void Verbose(string message);
}

/// <summary>One progress line: the activity, what is happening now, and whether the activity is over.</summary>
public sealed class ProgressUpdate
{
    public ProgressUpdate(string activity, string status, int percentComplete = -1, int secondsRemaining = -1, bool completed = false)
    {
        Activity = activity;
        Status = status;
        PercentComplete = percentComplete;
        SecondsRemaining = secondsRemaining;
        Completed = completed;
    }

    public string Activity { get; }

    public string Status { get; }

    public int PercentComplete { get; }

    public int SecondsRemaining { get; }

    public bool Completed { get; }
}

public sealed class SilentReporter : IOperationReporter
{
    public static readonly SilentReporter Instance = new SilentReporter();

    public void Progress(ProgressUpdate update)
    {
    }

    public void Verbose(string message)
    {
    }
}
