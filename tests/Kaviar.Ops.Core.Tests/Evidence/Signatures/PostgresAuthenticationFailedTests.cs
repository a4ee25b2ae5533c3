using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class PostgresAuthenticationFailedTests
{
    private const string Id = "PostgresAuthenticationFailed";

    [Theory]
    [InlineData("error: password authentication failed for user \"app\"")]
    [InlineData("psycopg2.OperationalError: connection to server at \"app-db.internal\" (10.0.5.20), port 5432 failed: FATAL:  password authentication failed for user \"app\"")]
    [InlineData("sqlalchemy.exc.OperationalError: (psycopg.OperationalError) connection failed: FATAL:  password authentication failed for user \"app\"")]
    [InlineData("failed to connect to `user=app database=shop`: 10.0.5.20:5432 (app-db.internal): failed SASL auth: FATAL: password authentication failed for user \"app\" (SQLSTATE 28P01)")]
    [InlineData("pq: password authentication failed for user \"app\"")]
    [InlineData("asyncpg.exceptions.InvalidPasswordError: password authentication failed for user \"app\"")]
    [InlineData("org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"app\"")]
    [InlineData("PG::ConnectionBad: connection to server at \"10.0.5.20\", port 5432 failed: FATAL:  password authentication failed for user \"app\"")]
    [InlineData("Npgsql.PostgresException (0x80004005): 28P01: password authentication failed for user \"app\"")]
    public void Every_driver_s_refused_password_names_the_user_and_checks_the_secret(string line)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal("app", diagnosis.Fact(LogFacts.User));
        Assert.Equal("Password", diagnosis.Fact(LogFacts.Kind));
        Assert.Contains("user \"app\"", diagnosis.Cause);
        Assert.Contains("prod/api/db", diagnosis.Cause);
        Assert.Equal("Test-PostgresConnection -SecretId prod/api/db -Region eu-west-1", diagnosis.Fix?.ToString());
    }

    [Fact]
    public void Without_a_secret_id_it_names_where_the_password_comes_from()
    {
        var diagnosis = LogSample.Single(Id, LogSample.Bare(), "pq: password authentication failed for user \"app\"");

        Assert.Null(diagnosis.Fix);
        Assert.Contains("the secret or DATABASE_URL the task definition passes", diagnosis.ManualFix);
    }

    [Fact]
    public void A_refused_iam_token_is_told_apart()
    {
        var diagnosis = LogSample.Single(Id, "psycopg2.OperationalError: FATAL:  PAM authentication failed for user \"app_iam\"");

        Assert.Equal("Iam", diagnosis.Fact(LogFacts.Kind));
        Assert.Contains("rds-db:connect", diagnosis.ManualFix);
        Assert.Contains("dbuser:<DbiResourceId>/app_iam", diagnosis.ManualFix);
    }

    [Theory]
    [InlineData("eu-west-1", "arn:aws:rds-db:eu-west-1:")]
    [InlineData("cn-north-1", "arn:aws-cn:rds-db:cn-north-1:")]
    [InlineData("us-gov-west-1", "arn:aws-us-gov:rds-db:us-gov-west-1:")]
    public void The_iam_policy_resource_is_in_the_region_s_partition(string region, string arnPrefix)
    {
        var diagnosis = LogSample.Single(Id, new LogContext(region, LogSample.Cluster), "FATAL:  PAM authentication failed for user \"app_iam\"");

        Assert.Contains(arnPrefix, diagnosis.ManualFix);
    }

    [Fact]
    public void The_password_of_a_connection_url_never_leaves_the_log()
    {
        var diagnosis = LogSample.Single(Id,
            "error: password authentication failed for user \"app\" (url=postgres://app:hunter2@app-db.internal:5432/shop)");

        Assert.Equal("error: password authentication failed for user \"app\" (url=postgres://app:***@app-db.internal:5432/shop)", Assert.Single(diagnosis.Evidence));
        Assert.DoesNotContain("hunter2", diagnosis.Cause + diagnosis.ManualFix + diagnosis.Fix + string.Join(" ", diagnosis.Facts.Values));
    }
}
