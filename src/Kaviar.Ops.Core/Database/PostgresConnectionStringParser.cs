using System;
using System.Data.Common;
using Npgsql;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Database;

/// <summary>Reads keyword connection strings and postgres:// URLs into a <see cref="PostgresTarget"/>.</summary>
internal static class PostgresConnectionStringParser
{
    public static PostgresTarget Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw Invalid("The connection string is empty.");
        var text = connectionString.Trim();
        return text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            ? ParseUrl(text)
            : ParseKeywords(text);
    }

    private static PostgresTarget ParseKeywords(string text)
    {
        // Npgsql knows "VerifyFull" but not libpq's "verify-full", and defaults to Prefer when the key is absent,
        // so the SSL mode is taken out and read here; absent means our VerifyFull.
        DbConnectionStringBuilder raw;
        try
        {
            raw = new DbConnectionStringBuilder { ConnectionString = text };
        }
        catch (ArgumentException)
        {
            throw Invalid("it is neither keyword=value pairs separated by ';' nor a postgres:// URL.");
        }

        var tlsMode = TakeTlsMode(raw);

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(raw.ConnectionString);
        }
        catch (ArgumentException e)
        {
            // Npgsql's message names the bad keyword only; the text itself may hold the password.
            throw Invalid($"The connection string is not valid: {e.Message}");
        }

        return new PostgresTarget(
            builder.Host ?? string.Empty,
            builder.Port,
            builder.Database ?? builder.Username ?? string.Empty,
            builder.Username ?? string.Empty,
            PostgresTarget.ToSecureString(builder.Password),
            tlsMode,
            builder.RootCertificate,
            builder.Timeout > 0 ? builder.Timeout : PostgresTarget.DefaultConnectTimeoutSeconds);
    }

    private static TlsMode TakeTlsMode(DbConnectionStringBuilder raw)
    {
        foreach (string key in raw.Keys)
        {
            if (key.Replace(" ", string.Empty).ToLowerInvariant() != "sslmode")
                continue;
            var value = Convert.ToString(raw[key]);
            raw.Remove(key);
            return TlsModeNames.FromSslModeName(value) ?? WithoutFallback(value);
        }

        return TlsMode.VerifyFull;
    }

    // Allow and Prefer would silently fall back to plain text, and node-postgres spells "no checks" no-verify:
    // all three still insist on TLS here but skip the checks, as with Require.
    private static TlsMode WithoutFallback(string value) =>
        value.Trim().ToLowerInvariant() is "prefer" or "allow" or "no-verify"
            ? TlsMode.Require
            : throw Invalid($"SSL mode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full.");

    private static PostgresTarget ParseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
            throw Invalid("The postgres:// URL is not valid.");

        var userInfo = uri.UserInfo;
        var colon = userInfo.IndexOf(':');
        var username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo.Substring(0, colon));
        var password = colon < 0 ? null : PostgresTarget.ToSecureString(Uri.UnescapeDataString(userInfo.Substring(colon + 1)));
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));

        var tlsMode = TlsMode.VerifyFull;
        string? caBundlePath = null;
        foreach (var pair in uri.Query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair.Substring(0, equals)).ToLowerInvariant();
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(equals + 1));
            if (key == "sslmode")
                tlsMode = TlsModeNames.FromSslModeName(value) ?? WithoutFallback(value);
            else if (key == "sslrootcert")
                caBundlePath = value;
        }

        return new PostgresTarget(uri.Host.Trim('[', ']'), uri.IsDefaultPort || uri.Port < 0 ? PostgresTarget.DefaultPort : uri.Port,
            database.Length > 0 ? database : username, username, password, tlsMode, caBundlePath);
    }

    /// <summary>What was wrong with the connection string, never the string itself (it may hold a password).</summary>
    private static OpsException Invalid(string why) =>
        new OpsException(ErrorTable.InvalidConnectionString, "-ConnectionString is not a valid Postgres connection string: " + why, null,
            "Use the keyword form (Host=…;Database=…;Username=…) or a postgres://user@host:5432/db URL.");
}
