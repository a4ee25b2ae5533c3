using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class PostgresConnectionDroppedTests
{
    [Theory]
    [InlineData("psycopg2.OperationalError: SSL SYSCALL error: EOF detected")]
    [InlineData("sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) SSL SYSCALL error: Connection reset by peer")]
    [InlineData("psycopg2.OperationalError: server closed the connection unexpectedly")]
    [InlineData("Error: Connection terminated unexpectedly")]
    public void A_connection_closed_under_the_app_points_at_the_database_s_events(string line)
    {
        var diagnosis = LogSample.Single("PostgresConnectionDropped", line);

        Assert.Contains("closed under the app", diagnosis.Cause);
        Assert.StartsWith("See what the database did at that time: aws rds describe-events --duration 120 --region eu-west-1", diagnosis.ManualFix);
    }

    [Fact]
    public void Libpq_s_continuation_lines_add_nothing_of_their_own()
    {
        var diagnosis = LogSample.Single("PostgresConnectionDropped",
            "psycopg2.OperationalError: server closed the connection unexpectedly",
            "\tThis probably means the server terminated abnormally",
            "\tbefore or while processing the request.");

        Assert.Single(diagnosis.Evidence);
    }
}
