using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kaviar.Ops.Simulator.Protocol;

/// <summary>Typed reads of a JSON 1.1 request body; absent members read as null.</summary>
public sealed class JsonArgs
{
    private static readonly JsonElement EmptyObject = ParseEmptyObject();
    private readonly JsonElement _body;

    public JsonArgs(JsonElement? body)
    {
        _body = body ?? EmptyObject;
    }

    private static JsonElement ParseEmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    public JsonElement? Element(string name) =>
        _body.ValueKind == JsonValueKind.Object && _body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public JsonArgs Object(string name) => new(Element(name));

    public string? String(string name) => Element(name)?.GetString();

    public string RequiredString(string name) =>
        String(name) ?? throw new AwsErrorException("InvalidParameterException", $"{name} must be specified.");

    public int? Int(string name) => Element(name)?.GetInt32();

    public long? Long(string name) => Element(name)?.GetInt64();

    public bool? Bool(string name) => Element(name)?.GetBoolean();

    public IReadOnlyList<string> Strings(string name) =>
        Element(name)?.EnumerateArray().Select(item => item.GetString() ?? string.Empty).ToList() ?? new List<string>();

    public IReadOnlyList<JsonArgs> Objects(string name) =>
        Element(name)?.EnumerateArray().Select(item => new JsonArgs(item)).ToList() ?? new List<JsonArgs>();

    /// <summary>A copy of a member as a mutable node, for state that echoes what the caller sent.</summary>
    public JsonNode? Node(string name) => Element(name) is { } value ? JsonNode.Parse(value.GetRawText()) : null;

    /// <summary>A copy of this object as a mutable node; null when it is not an object.</summary>
    public JsonObject? AsNode() => _body.ValueKind == JsonValueKind.Object ? JsonNode.Parse(_body.GetRawText()) as JsonObject : null;
}

/// <summary>Wire conventions of JSON 1.1 responses.</summary>
public static class JsonWire
{
    public static SimulatedResponse Ok(JsonObject body) =>
        new(200, AwsErrors.JsonContentType, body.ToJsonString());

    /// <summary>ECS timestamps: epoch seconds with a fraction.</summary>
    public static JsonNode EpochSeconds(DateTime utc) =>
        JsonValue.Create(Math.Round((utc - DateTime.UnixEpoch).TotalMilliseconds) / 1000.0);

    /// <summary>CloudWatch Logs timestamps: epoch milliseconds.</summary>
    public static long EpochMillis(DateTime utc) => (long)Math.Floor((utc - DateTime.UnixEpoch).TotalMilliseconds);

    public static DateTime FromEpochMillis(long millis) => DateTime.UnixEpoch.AddMilliseconds(millis);

    /// <summary>Adds the member only when it has a value: AWS omits absent members rather than sending null.</summary>
    public static JsonObject AddIfPresent(this JsonObject target, string name, JsonNode? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }

        return target;
    }

    public static JsonArray ToJsonArray<T>(this IEnumerable<T> items, Func<T, JsonNode?> convert) =>
        new(items.Select(convert).ToArray());

    public static JsonArray ToJsonArray(this IEnumerable<string> items) =>
        new(items.Select(item => (JsonNode?)JsonValue.Create(item)).ToArray());
}

/// <summary>Opaque nextToken values: an offset into a stable ordering, tagged so a foreign token is rejected.</summary>
public static class PageToken
{
    public static string? Next(int offset, int total) =>
        offset < total ? Convert.ToBase64String(Encoding.UTF8.GetBytes("kaviar-page:" + offset.ToString(CultureInfo.InvariantCulture))) : null;

    /// <summary>The offset a token stands for; a token this account did not issue fails with <paramref name="invalid"/> (ECS's InvalidParameterException by default).</summary>
    public static int Offset(string? token, Func<AwsErrorException>? invalid = null)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("kaviar-page:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan("kaviar-page:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Falls through to the same error AWS gives for a token it did not issue.
        }

        throw invalid?.Invoke() ?? new AwsErrorException("InvalidParameterException", "The specified nextToken is invalid.");
    }

    /// <summary>One page of <paramref name="items"/> and the token for the next, if any.</summary>
    public static (IReadOnlyList<T> Page, string? NextToken) Slice<T>(IReadOnlyList<T> items, string? token, int pageSize, Func<AwsErrorException>? invalid = null)
    {
        var offset = Offset(token, invalid);
        var page = items.Skip(offset).Take(pageSize).ToList();
        return (page, Next(offset + page.Count, items.Count));
    }
}
