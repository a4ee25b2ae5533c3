using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class PostgresTlsUnsupportedTests
{
    [Theory]
    [InlineData("Error: The server does not support SSL connections")]
    [InlineData("psycopg2.OperationalError: connection to server at \"10.0.5.9\", port 5432 failed: server does not support SSL, but SSL was required")]
    [InlineData("failed to connect to `host=10.0.5.9 user=app database=app`: server refused TLS connection")]
    [InlineData("pq: SSL is not enabled on the server")]
    [InlineData("org.postgresql.util.PSQLException: The server does not support SSL.")]
    [InlineData("ConnectionError: PostgreSQL server at \"10.0.5.9:5432\" rejected SSL upgrade")]
    public void A_server_without_tls_is_not_the_rds_endpoint(string line)
    {
        var diagnosis = LogSample.Single("PostgresTlsUnsupported", line);

        Assert.Contains("not the database's endpoint", diagnosis.Cause);
        Assert.Contains("aws rds describe-db-instances --region eu-west-1", diagnosis.ManualFix);
        Assert.Equal("Test-PostgresConnection -SecretId prod/api/db -Region eu-west-1", diagnosis.Fix?.ToString());
    }
}
