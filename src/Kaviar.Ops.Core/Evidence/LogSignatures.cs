using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Evidence.Signatures;

namespace Kaviar.Ops.Evidence;

/// <summary>
/// Says which known failures a container's last log lines show, with the cause and the fix of each. Lines no
/// signature knows give nothing: they are never guessed at, and the caller shows them as they are.
/// </summary>
public static class LogSignatures
{
    /// <summary>A diagnosis shows at most this many lines; the rest say the same.</summary>
    public const int MaxEvidenceLines = 3;

    // The longest evidence line kept: enough for any driver's message, short enough to read in a finding.
    private const int MaxEvidenceLength = 400;

    /// <summary>
    /// Most specific first. A line is read by the first signature here that recognises it, so a line a specific
    /// signature explains (a refused connection to the database's port) is never also reported by a generic one (a
    /// dependency that refuses). The order of the result is this order.
    /// </summary>
    private static readonly IReadOnlyList<ILogSignature> All = new ILogSignature[]
    {
        new ExecFormatError(),
        new EntrypointNotExecutable(),
        new EntrypointNotFound(),
        new ModuleNotFound(),
        new PostgresTlsUntrusted(),
        new PostgresTlsRequired(),
        new PostgresTlsUnsupported(),
        new PostgresAuthenticationFailed(),
        new PostgresDatabaseMissing(),
        new PostgresColumnMissing(),
        new PostgresRelationMissing(),
        new PostgresPermissionDenied(),
        new PostgresConnectionDropped(),
        new AwsAccessDenied(),
        new MissingEnvironmentVariable(),
        new DnsLookupFailed(),
        new PostgresConnectionRefused(),
        new PostgresConnectionTimeout(),
        new PostgresUnreachable(),
        new PrivilegedPortDenied(),
        new PortInUse(),
        new FilePermissionDenied(),
        new OutOfMemory(),
        new OomKilled(),
        new DependencyUnreachable(),
    };

    /// <summary>Every signature id, most specific first.</summary>
    public static IReadOnlyList<string> Ids { get; } = All.Select(s => s.Id).ToList();

    /// <summary>
    /// The failures <paramref name="lines"/> show (each event as read from the log; JSON events and stack traces are
    /// taken apart here), most specific first; one diagnosis per signature and cause, with up to
    /// <see cref="MaxEvidenceLines"/> lines of evidence. Empty when no signature knows the lines.
    /// </summary>
    public static IReadOnlyList<LogDiagnosis> Classify(IReadOnlyList<string> lines, LogContext context) =>
        Classify(lines, context, All);

    internal static IReadOnlyList<LogDiagnosis> Classify(IReadOnlyList<string> lines, LogContext context, IReadOnlyList<ILogSignature> signatures)
    {
        if (lines == null)
        {
            throw new ArgumentNullException(nameof(lines));
        }

        if (context == null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        var read = LogLines.Read(lines);
        var explained = new bool[read.Count];
        var kept = new List<LogMatch>();
        foreach (var signature in signatures)
        {
            // A signature's matches never overlap each other; they yield only to the more specific signatures before it.
            var matches = signature.Match(read, context).Where(m => !m.Lines.Any(line => explained[line])).ToList();
            foreach (var match in matches)
            {
                foreach (var line in match.Lines)
                {
                    explained[line] = true;
                }
            }

            kept.AddRange(matches);
        }

        return kept
            .GroupBy(m => (m.SignatureId, m.Cause))
            .Select(same => Diagnose(same.ToList(), read))
            .ToList();
    }

    private static LogDiagnosis Diagnose(IReadOnlyList<LogMatch> same, LogLines lines)
    {
        var first = same[0];
        var evidence = same
            .SelectMany(m => m.ContextEvidence.Concat(m.Lines.Select(line => lines[line])))
            .Select(Shorten)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxEvidenceLines)
            .ToList();
        return new LogDiagnosis(first.SignatureId, first.Cause, first.Facts, evidence, first.Fix, first.ManualFix);
    }

    private static string Shorten(string line) =>
        line.Length <= MaxEvidenceLength ? line : line.Substring(0, MaxEvidenceLength - 1) + "…";
}
