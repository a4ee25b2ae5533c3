using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>
/// Member writers for JSON protocol bodies, with the SDK's rule: null members are left out,
/// empty lists are sent as [].
/// </summary>
internal static class JsonWriteExtensions
{
    private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    internal static void Opt(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value != null)
        {
            writer.WriteString(name, value);
        }
    }

    internal static void Opt(this Utf8JsonWriter writer, string name, int? value)
    {
        if (value.HasValue)
        {
            writer.WriteNumber(name, value.Value);
        }
    }

    internal static void Opt(this Utf8JsonWriter writer, string name, long? value)
    {
        if (value.HasValue)
        {
            writer.WriteNumber(name, value.Value);
        }
    }

    internal static void Opt(this Utf8JsonWriter writer, string name, bool? value)
    {
        if (value.HasValue)
        {
            writer.WriteBoolean(name, value.Value);
        }
    }

    /// <summary>JSON 1.1 timestamps of most services (ECS): epoch seconds, with milliseconds as the fraction.</summary>
    internal static void OptEpochSeconds(this Utf8JsonWriter writer, string name, DateTime? value)
    {
        if (value.HasValue)
        {
            writer.WriteNumber(name, Math.Round((value.Value.ToUniversalTime() - Epoch).TotalMilliseconds) / 1000d);
        }
    }

    /// <summary>CloudWatch Logs request timestamps: epoch milliseconds.</summary>
    internal static void OptEpochMilliseconds(this Utf8JsonWriter writer, string name, DateTime? value)
    {
        if (value.HasValue)
        {
            writer.WriteNumber(name, (long)(value.Value.ToUniversalTime() - Epoch).TotalMilliseconds);
        }
    }

    internal static void Opt(this Utf8JsonWriter writer, string name, List<string>? values)
    {
        if (values == null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    internal static void Opt(this Utf8JsonWriter writer, string name, Dictionary<string, string>? map)
    {
        if (map == null)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var pair in map)
        {
            writer.WriteString(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
    }

    internal static void Opt<T>(this Utf8JsonWriter writer, string name, T? value, Action<Utf8JsonWriter, T> writeMembers)
        where T : class
    {
        if (value == null)
        {
            return;
        }

        writer.WriteStartObject(name);
        writeMembers(writer, value);
        writer.WriteEndObject();
    }

    internal static void Opt<T>(this Utf8JsonWriter writer, string name, List<T>? values, Action<Utf8JsonWriter, T> writeMembers)
    {
        if (values == null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStartObject();
            writeMembers(writer, value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
