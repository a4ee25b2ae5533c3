using System.Text.Json;
using Npgsql;

namespace Kaviar.Ops.Simulator;

/// <summary>
/// A scenario's PostgreSQL database as RDS presents it to an account: the login its apps use, the CA bundle that
/// verifies its server certificate (the stand-in for RDS's global-bundle.pem), and the RDS-format secret naming it.
/// </summary>
public sealed record ScenarioDatabase(string Host, int Port, string Database, string Username, string Password, string CaBundlePath)
{
    /// <summary>How the account's apps connect: verify-full against <see cref="CaBundlePath"/>, as an app that trusts RDS's bundle.</summary>
    public string AppConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Database = Database,
        Username = Username,
        Password = Password,
        SslMode = SslMode.VerifyFull,
        RootCertificate = CaBundlePath,
    }.ConnectionString;

    /// <summary>
    /// The SecretString of a Secrets Manager secret of type "Credentials for Amazon RDS database", the shape
    /// <c>Test-PostgresConnection -SecretId</c> reads.
    /// </summary>
    public string RdsSecretString(string instanceIdentifier) => JsonSerializer.Serialize(new
    {
        username = Username,
        password = Password,
        engine = "postgres",
        host = Host,
        port = Port,
        dbname = Database,
        dbInstanceIdentifier = instanceIdentifier,
    });
}
