using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Evidence;

/// <summary>One known failure: its stable id, and what it reads in the lines (and the context) when they show it.</summary>
internal interface ILogSignature
{
    /// <summary>Stable, so scripts and finding codes can match it: PostgresTlsUntrusted, ExecFormatError…</summary>
    string Id { get; }

    /// <summary>Every place the lines show this failure; none when they do not.</summary>
    IEnumerable<LogMatch> Match(LogLines lines, LogContext context);
}

/// <summary>
/// A signature read line by line: at each line it may recognise the failure and read on into the next few lines of
/// the same message (drivers that split a message over lines); those lines are its evidence and are not read again.
/// </summary>
internal abstract class LineSignature : ILogSignature
{
    public abstract string Id { get; }

    public IEnumerable<LogMatch> Match(LogLines lines, LogContext context)
    {
        for (var index = 0; index < lines.Count; index++)
        {
            if (MatchAt(lines, index, context) is LogMatch match)
            {
                yield return match;
                index += Math.Max(0, match.LineCount - 1);
            }
        }
    }

    /// <summary>What the line at <paramref name="index"/> shows (reading later lines if the message goes on there), or null.</summary>
    protected abstract LogMatch? MatchAt(LogLines lines, int index, LogContext context);

    /// <summary>The match of this signature at <paramref name="index"/>, resting on <paramref name="lineCount"/> lines from there.</summary>
    protected LogMatch Found(int index, string cause, IReadOnlyDictionary<string, string> facts, SuggestedCommand? fix = null,
        string? manualFix = null, int lineCount = 1) =>
        new LogMatch(Id, index, lineCount, cause, facts, fix, manualFix);
}

/// <summary>A signature that reads one line by its wordings: the first that matches is diagnosed.</summary>
internal abstract class PatternSignature : LineSignature
{
    /// <summary>How the runtimes and drivers word this failure, tried in order.</summary>
    protected abstract IReadOnlyList<Regex> Wordings { get; }

    protected sealed override LogMatch? MatchAt(LogLines lines, int index, LogContext context) =>
        LogPattern.FirstMatch(lines[index], Wordings) is Match match ? Diagnose(index, match, context) : null;

    /// <summary>What the matched wording shows, or null when its facts rule this signature out.</summary>
    protected abstract LogMatch? Diagnose(int index, Match match, LogContext context);
}

/// <summary>What one signature read at one place: the lines it rests on (none for a match from the context alone), the cause and the fix.</summary>
internal sealed class LogMatch
{
    public LogMatch(string signatureId, int firstLine, int lineCount, string cause, IReadOnlyDictionary<string, string> facts,
        SuggestedCommand? fix, string? manualFix, IReadOnlyList<string>? contextEvidence = null)
    {
        if (lineCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lineCount));
        }

        SignatureId = signatureId;
        FirstLine = firstLine;
        LineCount = lineCount;
        Cause = cause;
        Facts = facts;
        Fix = fix;
        ManualFix = manualFix;
        ContextEvidence = contextEvidence ?? Array.Empty<string>();
    }

    public string SignatureId { get; }

    public int FirstLine { get; }

    public int LineCount { get; }

    public string Cause { get; }

    public IReadOnlyDictionary<string, string> Facts { get; }

    public SuggestedCommand? Fix { get; }

    public string? ManualFix { get; }

    /// <summary>What the context showed that the match rests on (an exit code, ECS's reason), shown before any line.</summary>
    public IReadOnlyList<string> ContextEvidence { get; }

    public IEnumerable<int> Lines
    {
        get
        {
            for (var line = FirstLine; line < FirstLine + LineCount; line++)
            {
                yield return line;
            }
        }
    }
}
