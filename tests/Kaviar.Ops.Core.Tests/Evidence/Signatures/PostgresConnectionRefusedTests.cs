using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class PostgresConnectionRefusedTests
{
    private const string Id = "PostgresConnectionRefused";

    [Theory]
    [InlineData("Error: connect ECONNREFUSED 10.0.5.20:5432", "10.0.5.20")]
    [InlineData("dial tcp 10.0.5.20:5432: connect: connection refused", "10.0.5.20")]
    [InlineData("failed to connect to `user=app database=shop`: 10.0.5.20:5432 (app-db.internal): dial error: dial tcp 10.0.5.20:5432: connect: connection refused", "10.0.5.20")]
    [InlineData("psycopg2.OperationalError: connection to server at \"app-db.internal\" (10.0.5.20), port 5432 failed: Connection refused", "app-db.internal")]
    [InlineData("PG::ConnectionBad: connection to server at \"10.0.5.20\", port 5432 failed: Connection refused", "10.0.5.20")]
    [InlineData("org.postgresql.util.PSQLException: Connection to 10.0.5.20:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.", "10.0.5.20")]
    [InlineData("ConnectionRefusedError: [Errno 111] Connect call failed ('10.0.5.20', 5432)", "10.0.5.20")]
    public void Each_driver_s_refusal_names_host_and_port(string line, string host)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal(host, diagnosis.Fact(LogFacts.Host));
        Assert.Equal("5432", diagnosis.Fact(LogFacts.Port));
        Assert.Equal("Refused", diagnosis.Fact(LogFacts.Kind));
        Assert.Contains($"Postgres at {host}:5432 refused the connection", diagnosis.Cause);
        Assert.Contains("aws rds describe-db-instances --region eu-west-1", diagnosis.ManualFix);
    }

    [Fact]
    public void Libpq_s_three_line_message_is_read_as_one()
    {
        var diagnosis = LogSample.Single(Id,
            "psycopg2.OperationalError: could not connect to server: Connection refused",
            "\tIs the server running on host \"app-db.internal\" (10.0.5.20) and accepting",
            "\tTCP/IP connections on port 5432?");

        Assert.Equal("app-db.internal", diagnosis.Fact(LogFacts.Host));
        Assert.Equal("10.0.5.20", diagnosis.Fact(LogFacts.Address));
        Assert.Equal(3, diagnosis.Evidence.Count);
    }

    [Fact]
    public void Npgsql_s_reason_is_read_from_its_inner_exception()
    {
        var diagnosis = LogSample.Single(Id,
            "Npgsql.NpgsqlException (0x80004005): Failed to connect to 10.0.5.20:5432",
            " ---> System.Net.Sockets.SocketException (111): Connection refused",
            "   at Npgsql.Internal.NpgsqlConnector.Connect(NpgsqlTimeout timeout)");

        Assert.Equal("10.0.5.20", diagnosis.Fact(LogFacts.Host));
        Assert.Equal(2, diagnosis.Evidence.Count);
    }

    [Theory]
    [InlineData("Error: connect ECONNREFUSED 127.0.0.1:5432", "127.0.0.1:5432")]
    [InlineData("Error: connect ECONNREFUSED ::1:5432", "[::1]:5432")]
    [InlineData("Npgsql.NpgsqlException (0x80004005): Failed to connect to [::1]:5432\n ---> System.Net.Sockets.SocketException (111): Connection refused", "[::1]:5432")]
    public void Localhost_means_the_host_setting_is_missing(string line, string endpoint)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Contains($"connects to Postgres at {endpoint}, where nothing listens", diagnosis.Cause);
        Assert.Contains("Give container api the database's host", diagnosis.ManualFix);
    }

    [Fact]
    public void The_database_s_own_port_counts_as_postgres()
    {
        var context = LogSample.Context();
        context.DatabasePort = 6432;

        var diagnosis = LogSample.Single(Id, context, "Error: connect ECONNREFUSED 10.0.5.20:6432");

        Assert.Equal("6432", diagnosis.Fact(LogFacts.Port));
    }
}
