using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>
/// Member readers for JSON protocol bodies. A missing member or JSON null reads as null;
/// an empty array reads as an empty list, so callers can tell "absent" from "none".
/// </summary>
internal static class JsonReadExtensions
{
    private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    internal static string? Str(this JsonElement obj, string name) =>
        obj.Member(name) is { } value ? value.GetString() : null;

    internal static int? Int(this JsonElement obj, string name) =>
        obj.Member(name) is { } value ? value.GetInt32() : null;

    internal static long? Long(this JsonElement obj, string name) =>
        obj.Member(name) is { } value ? value.GetInt64() : null;

    internal static double? Double(this JsonElement obj, string name) =>
        obj.Member(name) is { } value ? value.GetDouble() : null;

    internal static bool? Bool(this JsonElement obj, string name) =>
        obj.Member(name) is { } value ? value.GetBoolean() : null;

    /// <summary>JSON protocol timestamps: fractional epoch seconds.</summary>
    internal static DateTime? EpochSeconds(this JsonElement obj, string name) =>
        obj.Member(name) is { } value ? Epoch.AddTicks((long)Math.Round(value.GetDouble() * TimeSpan.TicksPerSecond)) : null;

    /// <summary>CloudWatch Logs models its timestamps as longs: epoch milliseconds.</summary>
    internal static DateTime? EpochMilliseconds(this JsonElement obj, string name) =>
        obj.Member(name) is { } value ? Epoch.AddMilliseconds(value.GetInt64()) : null;

    internal static T? Obj<T>(this JsonElement obj, string name, Func<JsonElement, T> read)
        where T : class =>
        obj.Member(name) is { } value ? read(value) : null;

    internal static List<T>? List<T>(this JsonElement obj, string name, Func<JsonElement, T> read)
    {
        if (!(obj.Member(name) is { } array))
        {
            return null;
        }

        var list = new List<T>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            list.Add(read(item));
        }

        return list;
    }

    internal static List<string>? Strings(this JsonElement obj, string name) =>
        obj.List(name, item => item.GetString() ?? string.Empty);

    internal static Dictionary<string, string>? Map(this JsonElement obj, string name)
    {
        if (!(obj.Member(name) is { } map))
        {
            return null;
        }

        var result = new Dictionary<string, string>();
        foreach (var property in map.EnumerateObject())
        {
            result[property.Name] = property.Value.GetString() ?? string.Empty;
        }

        return result;
    }

    private static JsonElement? Member(this JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;
}
