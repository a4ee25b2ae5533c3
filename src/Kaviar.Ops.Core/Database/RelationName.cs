using System;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Database;

/// <summary>A table or view name as the app uses it: <c>users</c> means <c>public.users</c>, as with Postgres's default search_path.</summary>
public sealed class RelationName : IEquatable<RelationName>
{
    public const string DefaultSchema = "public";

    public RelationName(string schema, string name)
    {
        Schema = schema;
        Name = name;
    }

    public string Schema { get; }

    public string Name { get; }

    /// <summary>Accepts <c>users</c>, <c>public.tax_provider</c> and quoted forms such as <c>"public"."SequelizeMeta"</c>.</summary>
    public static RelationName Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new OpsException(ErrorTable.InvalidRelationName, "-RequiredTable has an empty name.", text);
        if (InputText.HasControlCharacters(text))
            throw new OpsException(ErrorTable.InvalidRelationName, $"-RequiredTable '{InputText.Printable(text)}' holds a control character; Postgres names cannot.", text);
        var trimmed = text.Trim();
        var dot = DotOutsideQuotes(trimmed);
        return dot < 0
            ? new RelationName(DefaultSchema, Unquote(trimmed))
            : new RelationName(Unquote(trimmed.Substring(0, dot)), Unquote(trimmed.Substring(dot + 1)));
    }

    public override string ToString() => $"{Schema}.{Name}";

    public bool Equals(RelationName? other) => other is not null && Schema == other.Schema && Name == other.Name;

    public override bool Equals(object? obj) => Equals(obj as RelationName);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    private static int DotOutsideQuotes(string text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
                quoted = !quoted;
            else if (text[i] == '.' && !quoted)
                return i;
        }

        return -1;
    }

    // Unquoted identifiers fold to lower case in Postgres; quoted ones keep their case.
    private static string Unquote(string part)
    {
        var trimmed = part.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[trimmed.Length - 1] == '"'
            ? trimmed.Substring(1, trimmed.Length - 2).Replace("\"\"", "\"")
            : trimmed.ToLowerInvariant();
    }
}
