namespace Kaviar.Ops.Simulator.Rds;

/// <summary>What the test server presents on TLS: the certificate shapes RDS, Aurora and RDS Proxy clients meet.</summary>
public enum ServerTls
{
    /// <summary>ssl=on with the certificate for localhost / 127.0.0.1.</summary>
    Valid,

    /// <summary>ssl=on with a certificate (same CA) that names only db.wrong-name.example.</summary>
    WrongName,

    /// <summary>ssl=on with a certificate (same CA, right names) whose validity ended yesterday: an instance left on a retired CA.</summary>
    Expired,

    /// <summary>ssl=on with a chain under another region's RDS-named root (see <see cref="RdsStyleCertificates.OtherRegionRootName"/>).</summary>
    OtherRegion,

    /// <summary>ssl=on with an RDS Proxy-style chain: a wildcard proxy certificate under an Amazon Trust Services-named root.</summary>
    RdsProxy,

    /// <summary>ssl=off: the server answers 'N' to SSLRequest.</summary>
    Off,
}
