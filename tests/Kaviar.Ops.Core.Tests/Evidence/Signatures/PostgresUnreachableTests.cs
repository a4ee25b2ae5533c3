using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class PostgresUnreachableTests
{
    [Fact]
    public void Npgsql_s_message_without_its_inner_exception_is_checked_as_a_network_path()
    {
        var diagnosis = LogSample.Single("PostgresUnreachable", "Npgsql.NpgsqlException (0x80004005): Failed to connect to 10.0.5.20:5432");

        Assert.Equal("Undetermined", diagnosis.Fact(LogFacts.Kind));
        Assert.Contains("does not say whether it was refused or timed out", diagnosis.Cause);
        Assert.Equal("Test-EcsNetworkPath -Cluster prod -Service api -Database app-db -Region eu-west-1", diagnosis.Fix?.ToString());
        Assert.EndsWith("Check also that 10.0.5.20:5432 is the database's current endpoint and port.", diagnosis.ManualFix);
    }
}
