using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Evidence;

/// <summary>
/// The lines signatures read, made from the log events as they came: a structured (JSON) event becomes its string
/// values, a message escaped inside another (<c>{\"code\":\"…\"}</c>) is unescaped, text holding newlines (a stack
/// trace in one event) becomes one line per line, and every line is trimmed with its passwords masked — before any
/// signature sees it, so nothing a signature copies into a cause or evidence can carry one.
/// </summary>
internal sealed class LogLines
{
    // Deep enough for a JSON log whose message is JSON holding an escaped error; deeper is not worth reading.
    private const int MaxNesting = 4;

    private readonly List<string> lines;

    private LogLines(List<string> lines)
    {
        this.lines = lines;
    }

    public int Count => lines.Count;

    public string this[int index] => lines[index];

    public static LogLines Read(IEnumerable<string?> events)
    {
        var lines = new List<string>();
        foreach (var logEvent in events)
        {
            if (logEvent != null)
            {
                AddText(logEvent, lines, 0);
            }
        }

        return new LogLines(lines);
    }

    /// <summary>Lines <paramref name="index"/> to <paramref name="index"/> + <paramref name="count"/> − 1 (fewer at the end), joined by spaces.</summary>
    public string Join(int index, int count)
    {
        var end = Math.Min(lines.Count, index + count);
        return string.Join(" ", lines.GetRange(index, Math.Max(0, end - index)));
    }

    /// <summary>The <paramref name="count"/> lines before <paramref name="index"/> (fewer at the start), joined by spaces: where a stack trace's outer frames stand.</summary>
    public string Preceding(int index, int count)
    {
        var first = Math.Max(0, index - count);
        return Join(first, index - first);
    }

    private static void AddText(string text, List<string> lines, int depth)
    {
        if (depth < MaxNesting && TryParseJson(text) is JsonDocument document)
        {
            using (document)
            {
                AddStrings(document.RootElement, lines, depth);
            }

            return;
        }

        foreach (var line in Unescape(text).Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                lines.Add(SecretRedaction.MaskText(trimmed));
            }
        }
    }

    /// <summary>Every string value, in document order; a value whose field names a secret is never read.</summary>
    private static void AddStrings(JsonElement element, List<string> lines, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!SecretRedaction.IsSecretName(property.Name))
                    {
                        AddStrings(property.Value, lines, depth);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AddStrings(item, lines, depth);
                }

                break;
            case JsonValueKind.String:
                AddText(element.GetString() ?? "", lines, depth + 1);
                break;
        }
    }

    private static JsonDocument? TryParseJson(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length < 2 || !(trimmed[0] == '{' && trimmed[trimmed.Length - 1] == '}' || trimmed[0] == '[' && trimmed[trimmed.Length - 1] == ']'))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(trimmed);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// JSON string escapes undone, as often as they were applied (a JSON message logged inside another's string), so
    /// <c>{\"code\":\"SELF_SIGNED_CERT_IN_CHAIN\"}</c> reads as it was written and an escaped \n ends a line.
    /// </summary>
    private static string Unescape(string text)
    {
        for (var pass = 0; pass < MaxNesting && (text.Contains("\\\"") || text.Contains("\\n")); pass++)
        {
            text = UnescapeOnce(text);
        }

        return text;
    }

    private static string UnescapeOnce(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                result.Append(text[i]);
                continue;
            }

            var escaped = text[++i];
            switch (escaped)
            {
                case 'n':
                    result.Append('\n');
                    break;
                case 'r':
                    break;
                case 't':
                    result.Append('\t');
                    break;
                case '"':
                case '\\':
                case '/':
                    result.Append(escaped);
                    break;
                case 'u' when i + 4 < text.Length && ushort.TryParse(text.Substring(i + 1, 4), System.Globalization.NumberStyles.HexNumber,
                    System.Globalization.CultureInfo.InvariantCulture, out var code):
                    result.Append((char)code);
                    i += 4;
                    break;
                default:
                    result.Append('\\').Append(escaped);
                    break;
            }
        }

        return result.ToString();
    }
}
