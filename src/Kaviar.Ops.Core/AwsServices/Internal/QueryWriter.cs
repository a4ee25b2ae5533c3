using System;
using System.Collections.Generic;
using System.Globalization;
using Amazon.Runtime.Internal;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>
/// Flattens members into awsQuery parameters under a prefix: lists as Name.member.N (or Name.{entry}.N where the
/// model names the list's entries, as RDS does: Filters.Filter.1.Values.Value.1), structures as Name.Member.
/// Null members are left out; an empty list is sent as "Name=".
/// </summary>
internal readonly struct QueryWriter
{
    private readonly IRequest _request;
    private readonly string _prefix;

    internal QueryWriter(IRequest request, string prefix)
    {
        _request = request;
        _prefix = prefix;
    }

    internal void Opt(string name, string? value)
    {
        if (value != null)
        {
            _request.Parameters.Add(_prefix + name, value);
        }
    }

    internal void Opt(string name, int? value) => Opt(name, value?.ToString(CultureInfo.InvariantCulture));

    internal void Opt(string name, bool? value) => Opt(name, value.HasValue ? (value.Value ? "true" : "false") : null);

    internal void Opt(string name, List<string>? values, string entryName = "member") =>
        Opt(name, values, entryName, (writer, memberName, value) => writer.Opt(memberName, value));

    internal void Opt<T>(string name, T? value, Action<QueryWriter, T> writeMembers)
        where T : class
    {
        if (value != null)
        {
            writeMembers(new QueryWriter(_request, _prefix + name + "."), value);
        }
    }

    internal void Opt<T>(string name, List<T>? values, Action<QueryWriter, T> writeMembers, string entryName = "member")
        where T : class =>
        Opt(name, values, entryName, (writer, memberName, value) => writer.Opt(memberName, value, writeMembers));

    private void Opt<T>(string name, List<T>? values, string entryName, Action<QueryWriter, string, T> writeMember)
    {
        if (values == null)
        {
            return;
        }

        if (values.Count == 0)
        {
            _request.Parameters.Add(_prefix + name, string.Empty);
            return;
        }

        var memberPrefix = new QueryWriter(_request, _prefix + name + "." + entryName + ".");
        for (var i = 0; i < values.Count; i++)
        {
            writeMember(memberPrefix, (i + 1).ToString(CultureInfo.InvariantCulture), values[i]);
        }
    }
}
