using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class PostgresConnectionTimeoutTests
{
    private const string Id = "PostgresConnectionTimeout";

    [Theory]
    [InlineData("Error: connect ETIMEDOUT 10.0.3.4:5432")]
    [InlineData("dial tcp 10.0.3.4:5432: i/o timeout")]
    [InlineData("dial tcp 10.0.3.4:5432: connect: connection timed out")]
    [InlineData("dial tcp 10.0.3.4:5432: connect: no route to host")]
    [InlineData("psycopg2.OperationalError: connection to server at \"10.0.3.4\", port 5432 failed: Connection timed out")]
    [InlineData("psycopg2.OperationalError: connection to server at \"10.0.3.4\", port 5432 failed: timeout expired")]
    [InlineData("TimeoutError: [Errno 110] Connect call failed ('10.0.3.4', 5432)")]
    [InlineData("Npgsql.NpgsqlException (0x80004005): Failed to connect to 10.0.3.4:5432\n ---> System.Net.Sockets.SocketException (110): Connection timed out")]
    public void Each_driver_s_timeout_names_host_and_port(string line)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal("10.0.3.4", diagnosis.Fact(LogFacts.Host));
        Assert.Equal("5432", diagnosis.Fact(LogFacts.Port));
        Assert.Equal("TimedOut", diagnosis.Fact(LogFacts.Kind));
        Assert.StartsWith("Connecting to Postgres at 10.0.3.4:5432 timed out", diagnosis.Cause);
    }

    [Fact]
    public void The_fix_checks_the_path_to_the_database_and_names_the_repair()
    {
        var diagnosis = LogSample.Single(Id, "Error: connect ETIMEDOUT 10.0.3.4:5432");

        Assert.Equal("Test-EcsNetworkPath -Cluster prod -Service api -Database app-db -Region eu-west-1", diagnosis.Fix?.ToString());
        Assert.EndsWith("Repair-DatabaseIngress -SourceSecurityGroup sg-0a1b2c3d4e5f60718 -Database app-db -Region eu-west-1", diagnosis.ManualFix);
    }

    [Fact]
    public void Without_a_service_the_repair_is_the_fix()
    {
        var context = LogSample.Context();
        context.Service = null;

        var diagnosis = LogSample.Single(Id, context, "Error: connect ETIMEDOUT 10.0.3.4:5432");

        Assert.Equal("Repair-DatabaseIngress -SourceSecurityGroup sg-0a1b2c3d4e5f60718 -Database app-db -Region eu-west-1", diagnosis.Fix?.ToString());
    }

    [Fact]
    public void Without_the_database_the_whole_path_is_checked_and_the_rule_is_spelled_out()
    {
        var context = LogSample.Context();
        context.Database = null;

        var diagnosis = LogSample.Single(Id, context, "Error: connect ETIMEDOUT 10.0.3.4:5432");

        Assert.Equal("Test-EcsNetworkPath -Cluster prod -Service api -Region eu-west-1", diagnosis.Fix?.ToString());
        Assert.Contains("aws ec2 authorize-security-group-ingress --group-id <database security group> --protocol tcp --port 5432 " +
                        "--source-group sg-0a1b2c3d4e5f60718 --region eu-west-1", diagnosis.ManualFix);
    }

    [Fact]
    public void Knowing_nothing_it_still_says_what_to_allow()
    {
        var diagnosis = LogSample.Single(Id, LogSample.Bare(), "Error: connect ETIMEDOUT 10.0.3.4:5432");

        Assert.Null(diagnosis.Fix);
        Assert.Contains("--source-group <task security group>", diagnosis.ManualFix);
    }
}
