namespace Kaviar.Ops.Database;

/// <summary>Where AWS publishes the CA bundle that signs every RDS and Aurora server certificate.</summary>
public static class RdsCaBundle
{
    public const string Url = "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem";
}
