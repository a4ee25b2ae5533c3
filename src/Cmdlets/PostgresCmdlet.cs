using System;
using System.Management.Automation;
using Kaviar.Ops.Database;

using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// The base of the database commands: which Postgres to reach (a connection string, a server with a PSCredential,
/// or an RDS-format secret in Secrets Manager) and how strictly to check its certificate (verify-full by default).
/// </summary>
public abstract class PostgresCmdlet : KaviarAwsCmdlet
{
    protected const string ByConnectionString = "ByConnectionString";
    protected const string ByServer = "ByServer";
    protected const string BySecret = "BySecret";

    /// <summary>A connection string (keyword or postgres:// URL form). SSL Mode defaults to verify-full.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByConnectionString)]
    [ValidateNotNullOrEmpty]
    public string ConnectionString { get; set; } = "";

    /// <summary>The database host: the RDS or Aurora endpoint name (verify-full checks the certificate names it).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByServer)]
    [Parameter(ParameterSetName = BySecret)]
    [Alias("DbHost", "Endpoint")]
    [ValidateNotNullOrEmpty]
    public string? Server { get; set; }

    /// <summary>The port. The default is 5432.</summary>
    [Parameter(ParameterSetName = ByServer)]
    [ValidateRange(1, 65535)]
    public int Port { get; set; } = PostgresTarget.DefaultPort;

    /// <summary>The database name; with -SecretId it overrides the secret's dbname.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByServer)]
    [Parameter(ParameterSetName = BySecret)]
    [ValidateNotNullOrEmpty]
    public string? Database { get; set; }

    /// <summary>The database user and password.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByServer)]
    [Credential]
    public PSCredential Credential { get; set; } = PSCredential.Empty;

    /// <summary>A Secrets Manager secret (name or ARN) in the RDS format: username, password, host, port, dbname.</summary>
    [Parameter(Mandatory = true, ParameterSetName = BySecret)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SecretCompleter))]
    public string SecretId { get; set; } = "";

    /// <summary>VerifyFull (the default), VerifyCA, Require or Disable. Anything below VerifyFull is an explicit downgrade.</summary>
    [Parameter]
    [ValidateSet("VerifyFull", "VerifyCA", "Require", "Disable")]
    public string TlsMode { get; set; } = "VerifyFull";

    // A string parameter, parsed here: the cmdlet assembly's public types must load before the engine does.
    private Kaviar.Ops.Database.TlsMode RequestedTlsMode =>
        (Kaviar.Ops.Database.TlsMode)Enum.Parse(typeof(Kaviar.Ops.Database.TlsMode), TlsMode, ignoreCase: true);

    /// <summary>A PEM bundle of the CAs to trust, such as the RDS global-bundle.pem.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CaBundlePath { get; set; }

    /// <summary>The database to reach, built from the parameters. The password stays a SecureString until the connection opens.</summary>
    protected PostgresTarget ResolveTarget()
    {
        var caBundle = CaBundlePath == null ? null : GetUnresolvedProviderPathFromPSPath(CaBundlePath);
        var target = ParameterSetName switch
        {
            ByConnectionString => FromConnectionString(caBundle),
            ByServer => new PostgresTarget(Server!, Port, Database!, Credential.UserName, Credential.Password, RequestedTlsMode, caBundle),
            _ => PostgresTarget.FromRdsSecret(ReadSecret(), Database, RequestedTlsMode, caBundle, Server),
        };
        if (target.TlsMode != Kaviar.Ops.Database.TlsMode.VerifyFull)
        {
            WriteWarning($"TLS is {target.TlsMode} for {target.DisplayName}: the server's certificate is not fully verified.");
        }

        return target;
    }

    /// <summary>Opens a session; a connection failure ends the command with an error id for its kind and the fix in the message.</summary>
    protected PostgresSession Open(PostgresTarget target)
    {
        try
        {
            return Await(PostgresConnector.OpenAsync(target, CancellationToken));
        }
        catch (PostgresConnectionException ex)
        {
            Fail(ex, target.DisplayName);
            throw;
        }
    }

    /// <summary>The connection string's own sslmode and root certificate hold unless -TlsMode or -CaBundlePath is given.</summary>
    private PostgresTarget FromConnectionString(string? caBundle)
    {
        var parsed = PostgresTarget.FromConnectionString(ConnectionString);
        var tlsMode = MyInvocation.BoundParameters.ContainsKey(nameof(TlsMode)) ? RequestedTlsMode : parsed.TlsMode;
        return parsed.WithTls(tlsMode, caBundle ?? parsed.CaBundlePath);
    }

    private string ReadSecret()
    {
        var secret = ResourceReference.Parse(ResourceKind.Secret, SecretId, "-SecretId");
        return Await(DatabaseSecret.ReadAsync(ContextFor(secret), secret)).Reveal();
    }
}
