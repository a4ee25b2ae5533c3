using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class PostgresDatabaseMissingTests
{
    [Theory]
    [InlineData("error: database \"shop\" does not exist")]
    [InlineData("psycopg2.OperationalError: connection to server at \"app-db.internal\" (10.0.5.20), port 5432 failed: FATAL:  database \"shop\" does not exist")]
    [InlineData("failed to connect to `user=app database=shop`: 10.0.5.20:5432 (app-db.internal): server error: FATAL: database \"shop\" does not exist (SQLSTATE 3D000)")]
    [InlineData("Npgsql.PostgresException (0x80004005): 3D000: database \"shop\" does not exist")]
    [InlineData("asyncpg.exceptions.InvalidCatalogNameError: database \"shop\" does not exist")]
    [InlineData("org.postgresql.util.PSQLException: FATAL: database \"shop\" does not exist")]
    public void A_missing_database_is_named(string line)
    {
        var diagnosis = LogSample.Single("PostgresDatabaseMissing", line);

        Assert.Equal("shop", diagnosis.Fact(LogFacts.Database));
        Assert.Equal("The app connects to database \"shop\", which does not exist on the server.", diagnosis.Cause);
        Assert.Contains("CREATE DATABASE \"shop\";", diagnosis.ManualFix);
    }

    [Fact]
    public void Prose_about_creating_a_database_is_not_a_failure()
    {
        Assert.Empty(LogSample.Classify("Creating database \"shop\" if it does not exist"));
    }
}
