using System;
using System.Net;
using System.Runtime.InteropServices;
using System.Security;
using Npgsql;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Database;

/// <summary>
/// Where and as whom to connect. The password is kept only as a read-only <see cref="SecureString"/> and is turned into
/// a string inside <see cref="RevealPassword"/>, when Npgsql authenticates; nothing this type returns
/// or prints contains it.
/// </summary>
public sealed class PostgresTarget
{
    public const int DefaultPort = 5432;
    public const int DefaultConnectTimeoutSeconds = 15;

    private readonly SecureString? _password;

    public PostgresTarget(string host, int port, string database, string username, SecureString? password,
        TlsMode tlsMode = TlsMode.VerifyFull, string? caBundlePath = null, int connectTimeoutSeconds = DefaultConnectTimeoutSeconds)
    {
        if (string.IsNullOrWhiteSpace(host))
            throw Invalid("A database host is required (the RDS endpoint name).");
        if (port <= 0 || port > 65535)
            throw Invalid($"The port {port} is not between 1 and 65535.");
        if (string.IsNullOrWhiteSpace(database))
            throw Invalid("A database name is required.");
        if (string.IsNullOrWhiteSpace(username))
            throw Invalid("A user name is required.");
        if (connectTimeoutSeconds <= 0)
            throw Invalid($"The connect timeout {connectTimeoutSeconds} s is not positive.");

        Host = host.Trim();
        Port = port;
        Database = database;
        Username = username;
        _password = password is null ? null : Copy(password);
        TlsMode = tlsMode;
        CaBundlePath = string.IsNullOrWhiteSpace(caBundlePath) ? null : caBundlePath;
        ConnectTimeoutSeconds = connectTimeoutSeconds;
    }

    public PostgresTarget(string host, int port, string database, NetworkCredential credential,
        TlsMode tlsMode = TlsMode.VerifyFull, string? caBundlePath = null, int connectTimeoutSeconds = DefaultConnectTimeoutSeconds)
        : this(host, port, database, (credential ?? throw new ArgumentNullException(nameof(credential))).UserName,
            credential.SecurePassword, tlsMode, caBundlePath, connectTimeoutSeconds)
    {
    }

    public string Host { get; }

    public int Port { get; }

    public string Database { get; }

    public string Username { get; }

    public bool HasPassword => _password is not null && _password.Length > 0;

    public TlsMode TlsMode { get; }

    /// <summary>PEM bundle whose certificates are the only trust anchors (the RDS global-bundle.pem); null = machine trust store.</summary>
    public string? CaBundlePath { get; }

    public int ConnectTimeoutSeconds { get; }

    /// <summary>Safe for logs: <c>postgres://app@db.example:5432/medusa (sslmode=verify-full)</c>, plus the bundle when one is set.</summary>
    public string DisplayName
    {
        get
        {
            var host = Host.Contains(":") ? $"[{Host}]" : Host;
            var display = $"postgres://{Uri.EscapeDataString(Username)}@{host}:{Port}/{Uri.EscapeDataString(Database)} (sslmode={TlsMode.ToSslModeName()}";
            return CaBundlePath is null ? display + ")" : display + $", ca bundle {CaBundlePath})";
        }
    }

    public override string ToString() => DisplayName;

    public PostgresTarget WithTls(TlsMode tlsMode, string? caBundlePath) =>
        new(Host, Port, Database, Username, _password, tlsMode, caBundlePath, ConnectTimeoutSeconds);

    /// <summary>Keyword form (<c>Host=…;Username=…</c>) or a URL (<c>postgres://user:pass@host:5432/db?sslmode=…</c>, as in DATABASE_URL).</summary>
    public static PostgresTarget FromConnectionString(string connectionString) =>
        PostgresConnectionStringParser.Parse(connectionString);

    /// <summary>The SecretString of an RDS secret; <paramref name="database"/> and <paramref name="host"/> override or supply dbname and host.</summary>
    public static PostgresTarget FromRdsSecret(string secretJson, string? database = null,
        TlsMode tlsMode = TlsMode.VerifyFull, string? caBundlePath = null, string? host = null) =>
        RdsSecretParser.Parse(secretJson, database, tlsMode, caBundlePath, host);

    /// <summary>
    /// The connection string, without the password: Npgsql keys its process-wide data source table (and its metrics
    /// reporters) by the connection string and keeps it for the life of the process, so a password in it would stay
    /// reachable after every command. The password goes through <see cref="RevealPassword"/> at authentication instead.
    /// </summary>
    internal NpgsqlConnectionStringBuilder CreateConnectionStringBuilder() => new()
    {
        Host = Host,
        Port = Port,
        Database = Database,
        Username = Username,
        // Our own validator checks chain and host name (see ServerCertificateValidator); Npgsql must only insist on TLS.
        SslMode = TlsMode == TlsMode.Disable ? SslMode.Disable : SslMode.Require,
        Timeout = ConnectTimeoutSeconds,
        Pooling = false,
        ApplicationName = "Kaviar.Ops",
    };

    /// <summary>The one place the password becomes a string: at authentication, for Npgsql, which drops it.</summary>
    internal string RevealPassword() => Reveal(_password) ?? string.Empty;

    internal static SecureString ToSecureString(string? value)
    {
        var secure = new SecureString();
        foreach (var character in value ?? string.Empty)
            secure.AppendChar(character);
        secure.MakeReadOnly();
        return secure;
    }

    private static SecureString Copy(SecureString source)
    {
        var copy = source.Copy();
        copy.MakeReadOnly();
        return copy;
    }

    private static string? Reveal(SecureString? secure)
    {
        if (secure is null)
            return null;
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            return Marshal.PtrToStringUni(pointer);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    private static OpsException Invalid(string why) =>
        new OpsException(ErrorTable.InvalidConnectionString, "The database to reach is incomplete: " + why, null,
            "Give -Server, -Database and -Credential, a full -ConnectionString, or an RDS-format -SecretId.");
}
