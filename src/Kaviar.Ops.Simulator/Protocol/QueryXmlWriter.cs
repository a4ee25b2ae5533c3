using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace Kaviar.Ops.Simulator.Protocol;

/// <summary>
/// Query-protocol plumbing shared by EC2 and ELBv2: reading flattened list parameters ("GroupId.1",
/// "Names.member.1", "Filter.1.Value.1") and writing the XML success envelopes botocore and the .NET SDK parse.
/// </summary>
internal static class QueryXmlWriter
{
    /// <summary>
    /// The element prefixes of a flattened list in index order: "Filter" gives "Filter.1", "Filter.2", … for whatever
    /// indexes the caller sent, whether as "Filter.1" itself or as "Filter.1.Name".
    /// </summary>
    public static IReadOnlyList<string> ListPrefixes(IReadOnlyDictionary<string, string> parameters, string listName)
    {
        var lead = listName + ".";
        return parameters.Keys
            .Where(k => k.StartsWith(lead, StringComparison.Ordinal))
            .Select(k => k[lead.Length..].Split('.')[0])
            .Select(index => int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0)
            .Distinct()
            .Order()
            .Select(n => lead + n.ToString(CultureInfo.InvariantCulture))
            .ToList();
    }

    /// <summary>The values of a flattened list of strings ("GroupId.1", "GroupId.2" or "Names.member.1", …).</summary>
    public static IReadOnlyList<string> Strings(IReadOnlyDictionary<string, string> parameters, string listName) =>
        ListPrefixes(parameters, listName).Where(parameters.ContainsKey).Select(p => parameters[p]).ToList();

    public static string? Optional(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>An integer parameter; a non-number fails with the service's validation code (InvalidParameterValue, ValidationError).</summary>
    public static int? OptionalInt(IReadOnlyDictionary<string, string> parameters, string name, string validationErrorCode)
    {
        if (!parameters.TryGetValue(name, out var text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new AwsErrorException(validationErrorCode, $"Invalid value '{text}' for {name}.");
    }

    /// <summary>An opaque paging token (Marker, NextToken) that holds the offset of the next page.</summary>
    public static string EncodePageToken(int offset) =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecodePageToken(string token, out int offset)
    {
        offset = 0;
        var bytes = new byte[token.Length];
        return Convert.TryFromBase64String(token, bytes, out var length)
            && int.TryParse(System.Text.Encoding.ASCII.GetString(bytes, 0, length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }

    public static bool Flag(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var text) && text.Equals("true", StringComparison.OrdinalIgnoreCase);

    /// <summary>An element for a scalar, or null (which XElement skips) when the value is absent, as AWS omits it.</summary>
    public static XElement? Value(string name, object? value) => value switch
    {
        null => null,
        bool flag => new XElement(name, flag ? "true" : "false"),
        DateTime time => new XElement(name, time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
        IFormattable number => new XElement(name, number.ToString(null, CultureInfo.InvariantCulture)),
        _ => new XElement(name, value.ToString()),
    };

    /// <summary>A list wrapper: EC2 names its entries "item", standard Query "member".</summary>
    public static XElement List(string name, string entryName, IEnumerable<object?> entries) =>
        new(name, entries.Select(e => e is XElement element ? element : new XElement(entryName, e)));

    /// <summary>EC2's dialect: &lt;{Action}Response xmlns=…&gt;&lt;requestId/&gt;…members…&lt;/{Action}Response&gt;.</summary>
    public static SimulatedResponse Ec2Success(string action, string requestId, params object?[] members) => Render(
        ServiceProtocols.Ec2.XmlNamespace!,
        new XElement(action + "Response", new XElement("requestId", requestId), members));

    /// <summary>Standard Query: &lt;{Action}Response&gt;&lt;{Action}Result&gt;…&lt;/…Result&gt;&lt;ResponseMetadata&gt;&lt;RequestId/&gt;….</summary>
    public static SimulatedResponse QuerySuccess(string xmlNamespace, string action, string requestId, params object?[] members) => Render(
        xmlNamespace,
        new XElement(
            action + "Response",
            new XElement(action + "Result", members),
            new XElement("ResponseMetadata", new XElement("RequestId", requestId))));

    private static SimulatedResponse Render(string xmlNamespace, XElement root)
    {
        // Built namespace-free for brevity; every element then joins the service namespace, as AWS writes it.
        XNamespace ns = xmlNamespace;
        foreach (var element in root.DescendantsAndSelf())
        {
            element.Name = ns + element.Name.LocalName;
        }

        return new SimulatedResponse(200, AwsErrors.XmlContentType, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.ToString(SaveOptions.DisableFormatting));
    }
}
