using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

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
    // postgres://app:hunter2@db:5432/app — the password of a URL's user info.
    private static readonly Regex UrlPassword = new Regex(@"(?<prefix>\b[A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s]*:)[^@\s]+@",
        RegexOptions.CultureInvariant);

    // Password=hunter2; PGPASSWORD=hunter2 token="…" — keyword=value pairs, masked when the keyword names a secret.
    private static readonly Regex KeywordValue = new Regex(@"(?<prefix>(?<name>[A-Za-z_][\w.\-]*)\s*=\s*)(?<value>""[^""]*""|'[^']*'|[^\s;,&'""]+)",
        RegexOptions.CultureInvariant);

    // "password":"hunter2" inside text that is not parsed as JSON itself.
    private static readonly Regex QuotedField = new Regex(@"(?<prefix>""(?<name>[^""]+)""\s*:\s*)(?<value>""[^""]*"")",
        RegexOptions.CultureInvariant);

    /// <summary>The text with the passwords of URLs and the values of secret-named fields replaced by ***.</summary>
    public static string MaskText(string text)
    {
        var masked = UrlPassword.Replace(text, m => m.Groups["prefix"].Value + SecretValue.Mask + "@");
        masked = KeywordValue.Replace(masked, MaskSecretNamed);
        return QuotedField.Replace(masked, MaskSecretNamed);
    }

    /// <summary>The field with its value masked when its name is a secret's; a quoted value stays quoted.</summary>
    private static string MaskSecretNamed(Match field)
    {
        if (!SecretRedaction.IsSecretName(field.Groups["name"].Value))
        {
            return field.Value;
        }

        var value = field.Groups["value"].Value;
        var quote = value[0] == '"' || value[0] == '\'' ? value[0].ToString() : "";
        return field.Groups["prefix"].Value + quote + SecretValue.Mask + quote;
    }

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
