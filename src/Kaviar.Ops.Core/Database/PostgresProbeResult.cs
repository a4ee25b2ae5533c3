namespace Kaviar.Ops.Database;

/// <summary>Outcome of one connection attempt, safe to print: it holds the display form, never the password.</summary>
public sealed class PostgresProbeResult
{
    private PostgresProbeResult(string target, TlsMode tlsMode, bool succeeded, string? serverVersion, bool encrypted, PostgresFailure? failure)
    {
        Target = target;
        TlsMode = tlsMode.ToString();
        Succeeded = succeeded;
        ServerVersion = serverVersion;
        Encrypted = encrypted;
        Failure = failure;
    }

    public string Target { get; }

    /// <summary>VerifyFull, VerifyCA, Require or Disable, as a name.</summary>
    public string TlsMode { get; }

    public bool Succeeded { get; }

    public string? ServerVersion { get; }

    public bool Encrypted { get; }

    public PostgresFailure? Failure { get; }

    internal static PostgresProbeResult Success(PostgresTarget target, string serverVersion, bool encrypted) =>
        new(target.DisplayName, target.TlsMode, true, serverVersion, encrypted, null);

    internal static PostgresProbeResult Failed(PostgresTarget target, PostgresFailure failure) =>
        new(target.DisplayName, target.TlsMode, false, null, false, failure);
}
