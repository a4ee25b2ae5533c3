namespace Kaviar.Ops.Database;

/// <summary>How strictly the server's TLS certificate is checked. Anything weaker than VerifyFull is an explicit choice.</summary>
public enum TlsMode
{
    /// <summary>Encrypt, require a trusted chain and a certificate that names the host (libpq sslmode=verify-full).</summary>
    VerifyFull,

    /// <summary>Encrypt and require a trusted chain, but accept any host name (sslmode=verify-ca).</summary>
    VerifyCA,

    /// <summary>Encrypt without checking the certificate at all (sslmode=require).</summary>
    Require,

    /// <summary>Plain text (sslmode=disable).</summary>
    Disable,
}

internal static class TlsModeNames
{
    /// <summary>The libpq spelling, so the display form reads like what engineers paste into DATABASE_URL.</summary>
    public static string ToSslModeName(this TlsMode mode) => mode switch
    {
        TlsMode.VerifyFull => "verify-full",
        TlsMode.VerifyCA => "verify-ca",
        TlsMode.Require => "require",
        _ => "disable",
    };

    public static TlsMode? FromSslModeName(string? value)
    {
        switch ((value ?? string.Empty).Trim().Replace("-", string.Empty).Replace("_", string.Empty).ToLowerInvariant())
        {
            case "verifyfull": return TlsMode.VerifyFull;
            case "verifyca": return TlsMode.VerifyCA;
            case "require": return TlsMode.Require;
            case "disable": return TlsMode.Disable;
            default: return null;
        }
    }
}
