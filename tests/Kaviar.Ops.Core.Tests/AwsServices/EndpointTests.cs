using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Kaviar.Ops.AwsServices.CloudWatchLogs;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2;
using Kaviar.Ops.AwsServices.RDS;
using Xunit;

namespace Kaviar.Ops.Core.Tests.AwsServices;

public sealed class EndpointTests
{
    [Theory]
    [InlineData("eu-west-1", "https://ecs.eu-west-1.amazonaws.com/")]
    [InlineData("cn-north-1", "https://ecs.cn-north-1.amazonaws.com.cn/")]
    [InlineData("us-gov-west-1", "https://ecs.us-gov-west-1.amazonaws.com/")]
    [InlineData("us-iso-east-1", "https://ecs.us-iso-east-1.c2s.ic.gov/")]
    [InlineData("us-isob-east-1", "https://ecs.us-isob-east-1.sc2s.sgov.gov/")]
    [InlineData("eusc-de-east-1", "https://ecs.eusc-de-east-1.amazonaws.eu/")]
    public void Ecs_ResolvesRegionalEndpoint(string region, string expected)
    {
        var config = new AmazonECSConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) };

        Assert.Equal(expected, Resolve(config));
        Assert.Equal("ecs", config.AuthenticationServiceName);
        Assert.Equal("ECS", config.ServiceId);
        Assert.Equal("2014-11-13", config.ServiceVersion);
        Assert.Equal("ecs", config.RegionEndpointServiceName);
    }

    [Fact]
    public void ElbAndLogs_UseTheirEndpointPrefixesAndSigningNames()
    {
        var elb = new AmazonElasticLoadBalancingV2Config { RegionEndpoint = RegionEndpoint.USEast2 };
        var logs = new AmazonCloudWatchLogsConfig { RegionEndpoint = RegionEndpoint.APSoutheast2 };

        Assert.Equal("https://elasticloadbalancing.us-east-2.amazonaws.com/", Resolve(elb));
        Assert.Equal("elasticloadbalancing", elb.AuthenticationServiceName);
        Assert.Equal("2015-12-01", elb.ServiceVersion);
        Assert.Equal("https://logs.ap-southeast-2.amazonaws.com/", Resolve(logs));
        Assert.Equal("logs", logs.AuthenticationServiceName);
        Assert.Equal("2014-03-28", logs.ServiceVersion);
    }

    [Fact]
    public void Rds_UsesItsEndpointPrefixSigningNameAndVersion()
    {
        var rds = new AmazonRDSConfig { RegionEndpoint = RegionEndpoint.USEast1 };

        Assert.Equal("https://rds.us-east-1.amazonaws.com/", Resolve(rds));
        Assert.Equal("rds", rds.AuthenticationServiceName);
        Assert.Equal("RDS", rds.ServiceId);
        Assert.Equal("2014-10-31", rds.ServiceVersion);
        Assert.Equal("rds", rds.RegionEndpointServiceName);
    }

    [Theory]
    [InlineData("us-east-2", true, false, "https://ecs-fips.us-east-2.amazonaws.com/")]
    [InlineData("us-east-2", false, true, "https://ecs.us-east-2.api.aws/")]
    [InlineData("us-gov-west-1", true, true, "https://ecs-fips.us-gov-west-1.api.aws/")]
    [InlineData("cn-north-1", false, true, "https://ecs.cn-north-1.api.amazonwebservices.com.cn/")]
    public void Fips_and_dual_stack_endpoints_follow_the_partition(string region, bool fips, bool dualStack, string expected)
    {
        var config = new AmazonECSConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region), UseFIPSEndpoint = fips, UseDualstackEndpoint = dualStack };

        Assert.Equal(expected, Resolve(config));
    }

    [Fact]
    public void ServiceUrl_OverridesTheRegionalEndpoint()
    {
        var config = new AmazonECSConfig { ServiceURL = "http://127.0.0.1:4566", AuthenticationRegion = "eu-west-1" };

        Assert.Equal("http://127.0.0.1:4566/", Resolve(config));
    }

    [Fact]
    public void DefaultConfig_UsesStandardRetries()
    {
        Assert.Equal(RequestRetryMode.Standard, new AmazonECSConfig { RegionEndpoint = RegionEndpoint.EUWest1 }.RetryMode);
    }

    private static string Resolve(ClientConfig config) =>
        config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new ListTasksRequest())).URL;
}
