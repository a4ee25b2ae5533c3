using System.Collections.Generic;

namespace Kaviar.Ops.Database;

/// <summary>Which required relations exist and which do not.</summary>
public sealed class SchemaCheckResult
{
    public SchemaCheckResult(IReadOnlyList<string> present, IReadOnlyList<string> missing)
    {
        Present = present;
        Missing = missing;
    }

    /// <summary>Schema-qualified names, in the order they were asked for.</summary>
    public IReadOnlyList<string> Present { get; }

    public IReadOnlyList<string> Missing { get; }

    public bool AllPresent => Missing.Count == 0;

    public override string ToString() => AllPresent ? $"All {Present.Count} relations present" : $"Missing: {string.Join(", ", Missing)}";
}
