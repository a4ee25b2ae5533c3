using System.Collections.Generic;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Evidence;

/// <summary>
/// A known failure read from a container's log: which signature recognised it, the cause in one sentence with the
/// facts it rests on (a relation, a host and port, a variable…), the lines it was read from (passwords masked), and the
/// fix: a module command made by <see cref="Suggest"/>, and/or a manual line (an aws CLI line or a precise change).
/// </summary>
public sealed class LogDiagnosis
{
    /// <summary>Finding codes of log diagnoses are "Log." and the signature id, so they never collide with other checks' codes.</summary>
    public const string FindingCodePrefix = "Log.";

    internal LogDiagnosis(string signatureId, string cause, IReadOnlyDictionary<string, string> facts, IReadOnlyList<string> evidence,
        SuggestedCommand? fix, string? manualFix)
    {
        SignatureId = signatureId;
        Cause = cause;
        Facts = facts;
        Evidence = evidence;
        Fix = fix;
        ManualFix = manualFix;
    }

    /// <summary>Stable: PostgresTlsUntrusted, PostgresRelationMissing, ExecFormatError… (see <see cref="LogSignatures.Ids"/>).</summary>
    public string SignatureId { get; }

    public string Cause { get; }

    /// <summary>What was read from the lines and the context, by the names in <see cref="LogFacts"/>.</summary>
    public IReadOnlyDictionary<string, string> Facts { get; }

    /// <summary>The lines the diagnosis rests on, trimmed, at most <see cref="LogSignatures.MaxEvidenceLines"/>.</summary>
    public IReadOnlyList<string> Evidence { get; }

    public SuggestedCommand? Fix { get; }

    public string? ManualFix { get; }

    /// <summary>The line to run: the module command, or the manual one.</summary>
    public string? FixLine => Fix?.ToString() ?? ManualFix;

    /// <summary>Log.PostgresTlsUntrusted, Log.ExecFormatError…</summary>
    public string FindingCode => FindingCodePrefix + SignatureId;

    /// <summary>The diagnosis as the one verdict shape every check uses; a failure in the log is always an error.</summary>
    public Finding ToFinding() => new Finding(FindingCode, FindingSeverity.Error, Cause, Fix, ManualFix, Evidence);

    public override string ToString() => $"{SignatureId}: {Cause}";
}
