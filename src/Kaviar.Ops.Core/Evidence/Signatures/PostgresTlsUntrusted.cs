using System.Text.RegularExpressions;
using Kaviar.Ops.Database;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// The app refuses the database's certificate because it does not trust the CA that signed it (RDS's CAs are in no
/// image's default trust store): Node's <c>SELF_SIGNED_CERT_IN_CHAIN</c> / <c>self-signed certificate in certificate
/// chain</c> / <c>unable to get local issuer certificate</c>, OpenSSL's (psycopg2, Ruby pg, libpq) <c>certificate verify
/// failed</c> and missing <c>root certificate file</c>, Go's <c>x509: certificate signed by unknown authority</c>, Java's
/// <c>PKIX path building failed</c>, Npgsql's <c>The remote certificate is invalid according to the validation procedure</c>.
/// A line that names an HTTPS peer is not the database and is left alone.
/// </summary>
internal sealed class PostgresTlsUntrusted : LineSignature
{
    // How far back an HTTP client's outer error may stand.
    private const int OuterLines = 2;

    // Where the suggested fix ships the bundle in the image.
    private const string CaFile = "/app/global-bundle.pem";

    // Each runtime's words, and how that runtime is told to trust the bundle shipped in the image.
    private static readonly (string Runtime, Regex Pattern, string Trust)[] Runtimes =
    {
        ("OpenSSL", LogPattern.Of(@"certificate verify failed|root certificate file ""[^""]+"" does not exist"),
            $"add sslmode=verify-full&sslrootcert={CaFile} to the connection string (or set PGSSLROOTCERT={CaFile})"),
        ("Node.js", LogPattern.Of(@"SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|self[- ]signed certificate in certificate chain|unable to get local issuer certificate"),
            $"set NODE_EXTRA_CA_CERTS={CaFile} in the task definition (or pass the file's contents as ssl.ca)"),
        ("Go", LogPattern.Of(@"x509: certificate signed by unknown authority"),
            $"add sslmode=verify-full&sslrootcert={CaFile} to the DSN (pgx and lib/pq both read it)"),
        ("Java", LogPattern.Of(@"PKIX path building failed|unable to find valid certification path to requested target|Could not open SSL root certificate file"),
            $"add sslmode=verify-full&sslrootcert={CaFile} to the JDBC URL"),
        (".NET", LogPattern.Of(@"The remote certificate is invalid"),
            $"add Root Certificate={CaFile};SSL Mode=VerifyFull to the Npgsql connection string"),
    };

    // The peer is an HTTPS endpoint, not the database: said on the line, or by the HTTP client whose inner error it is.
    private static readonly Regex HttpsPeer = LogPattern.Of(@"https://|HTTPSConnectionPool|:443\b|port=443\b|port 443\b|HttpRequestException|fetch failed");

    public override string Id => "PostgresTlsUntrusted";

    protected override LogMatch? MatchAt(LogLines lines, int index, LogContext context)
    {
        var line = lines[index];
        if (HttpsPeer.IsMatch(line) || HttpsPeer.IsMatch(lines.Preceding(index, OuterLines)))
        {
            return null;
        }

        foreach (var (runtime, pattern, trust) in Runtimes)
        {
            if (pattern.IsMatch(line))
            {
                return Found(index,
                    $"The app ({runtime}) does not trust the CA that signed the database's certificate, so its TLS connection to Postgres fails.",
                    LogFacts.Of((LogFacts.Runtime, runtime)),
                    DatabaseFixes.VerifyTrust(context),
                    $"Ship the RDS CA bundle ({RdsCaBundle.Url}) in the image at {CaFile} and {trust}, then deploy. " +
                    $"To check the bundle first, download it: {DatabaseFixes.DownloadBundle}" +
                    (context.DatabaseSecretId == null ? $"; then Test-PostgresConnection -SecretId <database secret> -CaBundlePath {DatabaseFixes.CaBundleFile}." : "."));
            }
        }

        return null;
    }
}
