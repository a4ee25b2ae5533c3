using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class PostgresTlsRequiredTests
{
    private const string Id = "PostgresTlsRequired";

    [Theory]
    [InlineData("error: no pg_hba.conf entry for host \"10.0.1.7\", user \"app\", database \"shop\", no encryption")]
    [InlineData("psycopg2.OperationalError: connection to server at \"app-db.internal\" (10.0.5.20), port 5432 failed: FATAL:  no pg_hba.conf entry for host \"10.0.1.7\", user \"app\", database \"shop\", no encryption")]
    [InlineData("failed to connect to `user=app database=shop`: 10.0.5.20:5432 (app-db.internal): server error: FATAL: no pg_hba.conf entry for host \"10.0.1.7\", user \"app\", database \"shop\", no encryption (SQLSTATE 28000)")]
    [InlineData("org.postgresql.util.PSQLException: FATAL: no pg_hba.conf entry for host \"10.0.1.7\", user \"app\", database \"shop\", no encryption")]
    [InlineData("Npgsql.PostgresException (0x80004005): 28000: no pg_hba.conf entry for host \"10.0.1.7\", user \"app\", database \"shop\", no encryption")]
    [InlineData("asyncpg.exceptions.InvalidAuthorizationSpecificationError: no pg_hba.conf entry for host \"10.0.1.7\", user \"app\", database \"shop\", SSL off")]
    public void A_plain_text_login_the_server_refuses_names_user_and_database(string line)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal("app", diagnosis.Fact(LogFacts.User));
        Assert.Equal("shop", diagnosis.Fact(LogFacts.Database));
        Assert.Equal("10.0.1.7", diagnosis.Fact(LogFacts.Address));
        Assert.Contains("without TLS", diagnosis.Cause);
        Assert.Contains("sslmode=verify-full", diagnosis.ManualFix);
        Assert.Equal("Test-PostgresConnection -SecretId prod/api/db -CaBundlePath ./global-bundle.pem -Region eu-west-1", diagnosis.Fix?.ToString());
    }

    [Fact]
    public void A_refusal_of_an_encrypted_login_is_not_about_tls()
    {
        Assert.Empty(LogSample.Classify("FATAL: no pg_hba.conf entry for host \"10.0.1.7\", user \"app\", database \"shop\", SSL encryption"));
    }
}
