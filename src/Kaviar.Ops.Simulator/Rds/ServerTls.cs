namespace Kaviar.Ops.Simulator.Rds;

/// <summary>What the test server presents on TLS.</summary>
public enum ServerTls
{
    /// <summary>ssl=on with the certificate for localhost / 127.0.0.1.</summary>
    Valid,

    /// <summary>ssl=on with a certificate (same CA) that names only db.wrong-name.example.</summary>
    WrongName,

    /// <summary>ssl=off: the server answers 'N' to SSLRequest.</summary>
    Off,
}
