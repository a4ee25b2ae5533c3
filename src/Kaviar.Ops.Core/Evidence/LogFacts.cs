using System;
using System.Collections.Generic;

namespace Kaviar.Ops.Evidence;

/// <summary>The names of <see cref="LogDiagnosis.Facts"/>, the same in every signature so scripts can read them.</summary>
public static class LogFacts
{
    public const string Host = "Host";
    public const string Address = "Address";
    public const string Port = "Port";
    public const string Relation = "Relation";
    public const string Column = "Column";
    public const string Database = "Database";
    public const string User = "User";
    public const string Variable = "Variable";
    public const string Module = "Module";
    public const string Command = "Command";
    public const string Path = "Path";
    public const string Action = "Action";
    public const string Resource = "Resource";
    public const string Role = "Role";
    public const string Runtime = "Runtime";
    public const string Architecture = "Architecture";
    public const string ExitCode = "ExitCode";
    public const string Object = "Object";

    /// <summary>What kind of failure within the signature: Refused, TimedOut, NotFound, Temporary, Password, Iam…</summary>
    public const string Kind = "Kind";

    /// <summary>The facts that are known, in the order given; a null value is left out.</summary>
    internal static IReadOnlyDictionary<string, string> Of(params (string Name, string? Value)[] facts)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in facts)
        {
            if (!string.IsNullOrEmpty(value))
            {
                known[name] = value!;
            }
        }

        return known;
    }
}
