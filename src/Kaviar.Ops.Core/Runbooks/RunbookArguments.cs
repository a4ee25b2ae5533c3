using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Kaviar.Ops.Runbooks;

/// <summary>
/// Runbook parameters as schedulers pass them. `pwsh -File`, SSM documents and Azure Automation hand a script strings:
/// a list arrives as "npm,run,migrate" or a JSON array, a table as a JSON object. These give back what an interactive
/// caller would have passed.
/// </summary>
public static class RunbookArguments
{
    /// <summary>
    /// The items of a list: each value that is a JSON array gives its items, any other is split at commas; items are
    /// trimmed and empty ones dropped. Values already separate (an interactive caller's array) stay as they are.
    /// </summary>
    public static IReadOnlyList<string> List(IEnumerable<string?> values) => values
        .Where(value => value != null)
        .SelectMany(value => value!.TrimStart().StartsWith("[", StringComparison.Ordinal) ? JsonArrayItems(value!) : value!.Split(','))
        .Select(item => item.Trim())
        .Where(item => item.Length > 0)
        .ToList();

    /// <summary>
    /// A table: a hashtable as it is; a JSON object as a hashtable whose arrays become object[] (so
    /// <c>{"status":["ok","degraded"]}</c> reads as <c>@{ status = 'ok','degraded' }</c>); null as an empty table.
    /// </summary>
    public static Hashtable Table(object? value)
    {
        switch (value)
        {
            case null:
                return new Hashtable();
            case Hashtable table:
                return table;
            case string text when text.Trim().Length == 0:
                return new Hashtable();
            case string text:
                using (var document = Parse(text))
                {
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        throw new ArgumentException($"Expected a JSON object such as {{\"success\":true}}, not a JSON {document.RootElement.ValueKind}.");
                    }

                    return (Hashtable)Value(document.RootElement)!;
                }

            default:
                throw new ArgumentException($"Expected a hashtable or a JSON object, not a {value.GetType().Name}.");
        }
    }

    private static IEnumerable<string> JsonArrayItems(string text)
    {
        using var document = Parse(text);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException($"Expected a JSON array such as [\"npm\",\"run\",\"migrate\"], not a JSON {document.RootElement.ValueKind}.");
        }

        return document.RootElement.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText())
            .ToList();
    }

    private static JsonDocument Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException error)
        {
            // The value itself is not repeated: it may hold what a runbook must not print.
            throw new ArgumentException($"Not valid JSON: {error.Message}", error);
        }
    }

    private static object? Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Aggregate(new Hashtable(StringComparer.OrdinalIgnoreCase), (table, property) =>
        {
            table[property.Name] = Value(property.Value);
            return table;
        }),
        JsonValueKind.Array => element.EnumerateArray().Select(Value).ToArray(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : (object)element.GetDouble(),
        _ => null,
    };
}
