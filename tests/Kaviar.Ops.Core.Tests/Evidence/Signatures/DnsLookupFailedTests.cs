using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class DnsLookupFailedTests
{
    private const string Id = "DnsLookupFailed";

    [Theory]
    [InlineData("Error: getaddrinfo ENOTFOUND app-db.cluster-c1abcdefgh.eu-west-1.rds.amazonaws.com", "app-db.cluster-c1abcdefgh.eu-west-1.rds.amazonaws.com")]
    [InlineData("failed to connect to `host=db.internal user=app database=shop`: hostname resolving error (lookup db.internal on 10.0.0.2:53: no such host)", "db.internal")]
    [InlineData("dial tcp: lookup db.internal on 10.0.0.2:53: no such host", "db.internal")]
    [InlineData("psycopg2.OperationalError: could not translate host name \"db.internal\" to address: Name or service not known", "db.internal")]
    [InlineData("PG::ConnectionBad: could not translate host name \"db.internal\" to address: Name or service not known", "db.internal")]
    [InlineData("Caused by: java.net.UnknownHostException: db.internal", "db.internal")]
    [InlineData("System.Net.Http.HttpRequestException: Name or service not known (api.internal:443)", "api.internal")]
    [InlineData("urllib3.exceptions.NameResolutionError: <urllib3.connection.HTTPConnection object at 0x7f>: Failed to resolve 'api.internal' ([Errno -2] Name or service not known)", "api.internal")]
    public void A_name_that_does_not_exist_is_named(string line, string host)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal(host, diagnosis.Fact(LogFacts.Host));
        Assert.Equal("NotFound", diagnosis.Fact(LogFacts.Kind));
        Assert.StartsWith($"The host name {host} does not exist in DNS", diagnosis.Cause);
    }

    [Theory]
    [InlineData("Error: getaddrinfo EAI_AGAIN db.internal", "db.internal")]
    [InlineData("psycopg2.OperationalError: could not translate host name \"db.internal\" to address: Temporary failure in name resolution", "db.internal")]
    [InlineData("dial tcp: lookup db.internal on 10.0.0.2:53: read udp 10.0.1.7:48163->10.0.0.2:53: i/o timeout", "db.internal")]
    [InlineData("java.net.UnknownHostException: db.internal: Temporary failure in name resolution", "db.internal")]
    [InlineData("socket.gaierror: [Errno -3] Temporary failure in name resolution", null)]
    public void A_resolver_that_did_not_answer_is_told_apart(string line, string? host)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal(host, diagnosis.Fact(LogFacts.Host));
        Assert.Equal("Temporary", diagnosis.Fact(LogFacts.Kind));
        Assert.Contains("enableDnsSupport", diagnosis.ManualFix);
    }

    [Theory]
    [InlineData("socket.gaierror: [Errno -2] Name or service not known")]
    [InlineData(" ---> System.Net.Sockets.SocketException (00000001, 11): No such host is known.")]
    public void A_name_the_log_does_not_give_is_said_to_be_unknown(string line)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Null(diagnosis.Fact(LogFacts.Host));
        Assert.Contains("(the log does not say which)", diagnosis.Cause);
    }

    [Theory]
    [InlineData("app-db.cluster-c1abcdefgh.eu-west-1.rds.amazonaws.com")]
    [InlineData("app-db.c1abcdefgh.cn-north-1.rds.amazonaws.com.cn")]
    public void An_rds_endpoint_is_compared_with_the_databases_endpoints(string host)
    {
        var diagnosis = LogSample.Single(Id, $"Error: getaddrinfo ENOTFOUND {host}");

        Assert.StartsWith("Compare it with the database's endpoint: aws rds describe-db-instances --region eu-west-1", diagnosis.ManualFix);
    }

    [Fact]
    public void Another_host_points_at_the_private_zones_of_the_vpc()
    {
        Assert.Contains("aws route53 list-hosted-zones-by-vpc", LogSample.Single(Id, "Error: getaddrinfo ENOTFOUND db.internal").ManualFix);
    }
}
