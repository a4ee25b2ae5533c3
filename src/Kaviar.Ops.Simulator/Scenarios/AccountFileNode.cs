using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator;

/// <summary>A scenario file that cannot be built, with the JSON path of the value at fault.</summary>
public sealed class AccountFileException : Exception
{
    public AccountFileException(string jsonPath, string problem, Exception? inner = null)
        : base($"{jsonPath}: {problem}", inner)
    {
        JsonPath = jsonPath;
    }

    /// <summary>Where the bad or dangling value is, e.g. <c>$.services[0].loadBalancers[0].targetGroup</c>.</summary>
    public string JsonPath { get; }
}

/// <summary>One value of a scenario file with its JSON path, so that every error names where it is.</summary>
internal sealed class AccountFileNode
{
    private static readonly Regex PlainMember = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.Compiled);

    public AccountFileNode(JsonElement element, string path)
    {
        Element = element;
        Path = path;
    }

    public JsonElement Element { get; }

    public string Path { get; }

    /// <summary>The request-shaped view the simulator's handlers read (RegisterTaskDefinition's body, say).</summary>
    public JsonArgs Args => new(Element);

    public AccountFileNode? Member(string name) =>
        Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? new AccountFileNode(value, MemberPath(name))
            : null;

    public AccountFileNode Required(string name) => Member(name) ?? throw new AccountFileException(MemberPath(name), "is required.");

    public string? String(string name) => Member(name)?.AsString();

    public string RequiredString(string name) => Required(name).AsString();

    public int? Int(string name) => Member(name)?.AsInt();

    public double? Double(string name) => Member(name) is { } value
        ? value.Element.ValueKind == JsonValueKind.Number ? value.Element.GetDouble() : throw value.Fail("must be a number.")
        : null;

    public bool? Bool(string name) => Member(name)?.AsBool();

    public IReadOnlyList<string> Strings(string name) => Items(name).Select(item => item.AsString()).ToList();

    public IReadOnlyList<AccountFileNode> Items(string name) => Member(name)?.AsItems() ?? Array.Empty<AccountFileNode>();

    /// <summary>The members of an object member, each with its path (<c>$.apps["web:3"]</c>).</summary>
    public IReadOnlyList<(string Name, AccountFileNode Value)> Properties(string name)
    {
        if (Member(name) is not { } node)
        {
            return Array.Empty<(string, AccountFileNode)>();
        }

        node.Expect(JsonValueKind.Object, "an object");
        return node.Element.EnumerateObject().Select(p => (p.Name, new AccountFileNode(p.Value, node.MemberPath(p.Name)))).ToList();
    }

    public IReadOnlyList<AccountFileNode> AsItems()
    {
        Expect(JsonValueKind.Array, "an array");
        return Element.EnumerateArray().Select((item, index) => new AccountFileNode(item, $"{Path}[{index}]")).ToList();
    }

    public string AsString()
    {
        Expect(JsonValueKind.String, "a string");
        return Element.GetString()!;
    }

    public int AsInt() =>
        Element.ValueKind == JsonValueKind.Number && Element.TryGetInt32(out var value) ? value : throw Fail("must be a whole number.");

    /// <summary>A string naming a member of <typeparamref name="TEnum"/> exactly.</summary>
    public TEnum AsEnum<TEnum>()
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(AsString(), ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw Fail($"'{AsString()}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");

    public bool AsBool() =>
        Element.ValueKind is JsonValueKind.True or JsonValueKind.False ? Element.GetBoolean() : throw Fail("must be true or false.");

    /// <summary>Members this object has beyond <paramref name="known"/>: a typo would otherwise be ignored silently.</summary>
    public void RejectUnknownMembers(IReadOnlyCollection<string> known)
    {
        Expect(JsonValueKind.Object, "an object");
        if (Element.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !known.Contains(name)) is { } unknown)
        {
            throw new AccountFileException(MemberPath(unknown), $"is not part of the format here; known: {string.Join(", ", known)}.");
        }
    }

    public AccountFileException Fail(string problem, Exception? inner = null) => new(Path, problem, inner);

    private void Expect(JsonValueKind kind, string what)
    {
        if (Element.ValueKind != kind)
        {
            throw Fail($"must be {what}, not {Element.ValueKind.ToString().ToLowerInvariant()}.");
        }
    }

    private string MemberPath(string name) => PlainMember.IsMatch(name) ? $"{Path}.{name}" : $"{Path}[{JsonSerializer.Serialize(name)}]";
}
