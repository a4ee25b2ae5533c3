using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>
/// Namespace-agnostic readers for awsQuery XML. A missing element reads as null; lists are
/// &lt;member&gt; children (or the entry name the model gives, as RDS's &lt;DBInstance&gt;), and an empty list
/// element reads as an empty list.
/// </summary>
internal static class XmlReadExtensions
{
    internal static XElement? El(this XElement parent, string name) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    internal static string? Str(this XElement parent, string name) => parent.El(name)?.Value;

    internal static int? Int(this XElement parent, string name) =>
        parent.El(name) is { } e ? int.Parse(e.Value, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    internal static bool? Bool(this XElement parent, string name) =>
        parent.El(name) is { } e ? XmlConvert.ToBoolean(e.Value.Trim().ToLowerInvariant()) : null;

    /// <summary>awsQuery timestamps are ISO 8601; returned as UTC like the SDK.</summary>
    internal static DateTime? Time(this XElement parent, string name) =>
        parent.El(name) is { } e
            ? DateTime.Parse(e.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
            : null;

    internal static T? Obj<T>(this XElement parent, string name, Func<XElement, T> read)
        where T : class =>
        parent.El(name) is { } e ? read(e) : null;

    internal static List<T>? Members<T>(this XElement parent, string name, Func<XElement, T> read, string entryName = "member") =>
        parent.El(name) is { } e ? e.Elements().Where(m => m.Name.LocalName == entryName).Select(read).ToList() : null;

    internal static List<string>? Strings(this XElement parent, string name, string entryName = "member") => parent.Members(name, m => m.Value, entryName);
}
