using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kaviar.Ops.Kernel;

/// <summary>
/// A value that must never be shown: an environment value passed to a task, a password, a secret field of a payload.
/// It has no public properties, and its text is ***, so ToString, ConvertTo-Json, Export-Clixml, verbose and -WhatIf
/// text and error targets all show *** ; only the call that sends it to AWS reads it, through <see cref="Reveal"/>.
/// </summary>
public sealed class SecretValue
{
    public const string Mask = "***";

    private readonly string value;

    public SecretValue(string value)
    {
        this.value = value ?? "";
    }

    /// <summary>The value itself, for the request that needs it and nothing else.</summary>
    public string Reveal() => value;

    public override string ToString() => Mask;
}

/// <summary>Shows JSON with the values of secret-looking fields (password, secret, token, key, credential…) masked.</summary>
public static class SecretRedaction
{
    private static readonly string[] SecretWords = { "password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "key", "credential", "auth", "connectionstring" };

    public static bool IsSecretName(string name)
    {
        var lower = name.ToLowerInvariant().Replace("-", "").Replace("_", "");
        return SecretWords.Any(word => lower.Contains(word.Replace("_", "")));
    }

    /// <summary>The JSON text with every secret-looking field's value replaced by ***; text that is not JSON is returned masked whole.</summary>
    public static string RedactJson(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return SecretValue.Mask;
        }

        Redact(root);
        return root?.ToJsonString() ?? "null";
    }

    private static void Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (IsSecretName(name) && obj[name] is not JsonObject and not JsonArray)
                    {
                        obj[name] = SecretValue.Mask;
                    }
                    else
                    {
                        Redact(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Redact(item);
                }

                break;
        }
    }

    /// <summary>Names only: what a plan may show of a set of secret values.</summary>
    public static string Names(IReadOnlyDictionary<string, SecretValue> values) =>
        string.Join(", ", values.Keys.OrderBy(k => k, StringComparer.Ordinal));
}
