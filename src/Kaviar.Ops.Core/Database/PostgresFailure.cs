using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Database;

/// <summary>Stable names for why a connection failed; cmdlets map them to error ids and tests assert them.</summary>
public enum PostgresFailureKind
{
    UntrustedCertificateChain,
    HostNameMismatch,
    ServerDoesNotSupportSsl,
    AuthenticationFailed,
    DatabaseNotFound,
    ConnectionRefusedOrTimeout,
    Other,
}

/// <summary>A classified connection failure: what failed, why, and what fixes it, in one message.</summary>
public sealed class PostgresFailure
{
    public PostgresFailure(PostgresFailureKind kind, string target, string message, string? sqlState = null)
    {
        KindValue = kind;
        Target = target;
        Message = message;
        SqlState = sqlState;
    }

    /// <summary>UntrustedCertificateChain, AuthenticationFailed, …, as a name (so JSON and CLIXML show it as one).</summary>
    public string Kind => KindValue.ToString();

    /// <summary>The failure's row of the error table.</summary>
    public ErrorCode Code => PostgresConnectionException.CodeFor(KindValue);

    internal PostgresFailureKind KindValue { get; }

    /// <summary>The target's display form (never with the password).</summary>
    public string Target { get; }

    public string Message { get; }

    /// <summary>The server's SQLSTATE (28P01, 3D000, …) when the server answered.</summary>
    public string? SqlState { get; }

    public override string ToString() => $"{Kind}: {Message}";
}
