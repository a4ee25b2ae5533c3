using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Runbooks;

/// <summary>
/// One run of a runbook, as a scheduler keeps it: every acceptance criterion with its verdict and fix, every change with
/// how it ended, and the exit code. Text and numbers only (statuses are words), so ConvertTo-Json and the JSON file
/// read the same at any depth.
/// </summary>
public sealed class RunbookReport
{
    /// <summary>Every criterion passed.</summary>
    public const int Succeeded = 0;

    /// <summary>The run finished and a criterion failed (or a change it needed was only planned).</summary>
    public const int CriteriaFailed = 1;

    /// <summary>The run could not finish: a step failed with an error.</summary>
    public const int StepFailed = 2;

    public RunbookReport(string runbook, string procedure, bool whatIf, DateTime startedAt)
    {
        Runbook = runbook;
        Procedure = procedure;
        WhatIf = whatIf;
        StartedAt = startedAt;
    }

    public string Runbook { get; }

    /// <summary>The documented procedure the runbook carries out.</summary>
    public string Procedure { get; }

    /// <summary>Run under -WhatIf: checks ran, changes were planned only.</summary>
    public bool WhatIf { get; }

    public DateTime StartedAt { get; }

    public DateTime? FinishedAt { get; private set; }

    public bool Passed { get; private set; }

    public int ExitCode { get; private set; } = StepFailed;

    /// <summary>One line: how many criteria passed and which failed.</summary>
    public string Summary { get; private set; } = "Not finished.";

    public List<RunbookCriterion> Criteria { get; } = new List<RunbookCriterion>();

    public List<RunbookStep> Steps { get; } = new List<RunbookStep>();

    /// <summary>What the run found out on the way that is neither a criterion nor a change: a diagnosis, a version table.</summary>
    public List<string> Notes { get; } = new List<string>();

    public RunbookCriterion AddCriterion(string name, bool passed, string detail, string fix)
    {
        var criterion = new RunbookCriterion(name, passed, SecretRedaction.MaskText(detail), SecretRedaction.MaskText(fix));
        Criteria.Add(criterion);
        return criterion;
    }

    public void AddNote(string text) => Notes.Add(SecretRedaction.MaskText(text));

    public RunbookStep AddStep(string name, string status, string detail)
    {
        var step = new RunbookStep(name, status, SecretRedaction.MaskText(detail));
        Steps.Add(step);
        return step;
    }

    /// <summary>
    /// Ends the run: passed only when there was a criterion, every one passed and no step failed or was left planned
    /// (a change the run needed but did not make means the procedure is not done).
    /// </summary>
    public void Complete(DateTime finishedAt)
    {
        FinishedAt = finishedAt;
        var failedSteps = Steps.Where(s => s.Status == RunbookStep.Failed).ToList();
        var failedCriteria = Criteria.Where(c => !c.Passed).ToList();
        var planned = Steps.Where(s => s.Status == RunbookStep.Planned).ToList();
        Passed = Criteria.Count > 0 && failedCriteria.Count == 0 && failedSteps.Count == 0 && planned.Count == 0;
        ExitCode = failedSteps.Count > 0 ? StepFailed : Passed ? Succeeded : CriteriaFailed;
        var parts = new List<string> { $"{Criteria.Count - failedCriteria.Count} of {Criteria.Count} criteria passed" };
        if (failedCriteria.Count > 0)
        {
            parts.Add("failed: " + string.Join(", ", failedCriteria.Select(c => c.Name)));
        }

        if (planned.Count > 0)
        {
            parts.Add("planned, not made: " + string.Join(", ", planned.Select(s => s.Name)));
        }

        if (failedSteps.Count > 0)
        {
            parts.Add("step failed: " + string.Join(", ", failedSteps.Select(s => s.Name)));
        }

        Summary = string.Join("; ", parts) + ".";
    }

    /// <summary>The whole report as indented JSON (UTF-8, no BOM), for the scheduler's artifacts.</summary>
    public void WriteJson(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, ToJson(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });
}

/// <summary>An acceptance criterion of the procedure: whether it holds, what was seen, and what fixes it.</summary>
public sealed class RunbookCriterion
{
    public RunbookCriterion(string name, bool passed, string detail, string fix)
    {
        Name = name;
        Passed = passed;
        Detail = detail;
        Fix = fix;
    }

    public string Name { get; }

    public bool Passed { get; }

    public string Detail { get; }

    /// <summary>The command that fixes it; empty when it passed.</summary>
    public string Fix { get; }
}

/// <summary>A change the runbook made, found in place, planned, or failed to make.</summary>
public sealed class RunbookStep
{
    public const string Applied = "Applied";
    public const string AlreadyInPlace = "AlreadyInPlace";
    public const string Planned = "Planned";
    public const string Skipped = "Skipped";
    public const string Failed = "Failed";

    public RunbookStep(string name, string status, string detail)
    {
        Name = name;
        Status = status;
        Detail = detail;
    }

    public string Name { get; }

    /// <summary>Applied, AlreadyInPlace, Planned, Skipped (by this run's choice) or Failed.</summary>
    public string Status { get; }

    public string Detail { get; }
}
