using System;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Kaviar.Ops.Aws;
using Kaviar.Ops.AwsServices.Route53;
using Kaviar.Ops.AwsServices.Route53.Model;
using Xunit;

namespace Kaviar.Ops.Core.Tests.AwsServices;

public sealed class Route53ClientTests : IDisposable
{
    private readonly FakeAwsServer server = new FakeAwsServer();
    private readonly AmazonRoute53Client client;

    public Route53ClientTests()
    {
        client = new AmazonRoute53Client(FakeAwsServer.Credentials,
            new AmazonRoute53Config { ServiceURL = server.Url, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
    }

    public void Dispose()
    {
        client.Dispose();
        server.Dispose();
    }

    [Fact]
    public async Task GetHostedZone_gets_the_zone_by_path_and_reads_its_vpcs()
    {
        server.EnqueueXml(@"<?xml version=""1.0"" encoding=""UTF-8""?>
<GetHostedZoneResponse xmlns=""https://route53.amazonaws.com/doc/2013-04-01/""><HostedZone><Id>/hostedzone/Z0123456789ABCDEFGHIJ</Id><Name>internal.tinyurl.local.</Name>
<CallerReference>ns-abc</CallerReference><Config><Comment>Created by AWS Cloud Map</Comment><PrivateZone>true</PrivateZone></Config><ResourceRecordSetCount>3</ResourceRecordSetCount>
<LinkedService><ServicePrincipal>servicediscovery.amazonaws.com</ServicePrincipal><Description>arn:aws:servicediscovery:us-east-1:404404404404:namespace/ns-abc</Description></LinkedService></HostedZone>
<VPCs><VPC><VPCRegion>us-east-1</VPCRegion><VPCId>vpc-0a1b2c3d</VPCId></VPC><VPC><VPCRegion>eu-west-1</VPCRegion><VPCId>vpc-9f8e7d6c</VPCId></VPC></VPCs></GetHostedZoneResponse>");

        var response = await client.GetHostedZoneAsync(new GetHostedZoneRequest { Id = "/hostedzone/Z0123456789ABCDEFGHIJ" });

        var request = server.SingleRequest;
        Assert.Equal(("GET", "/2013-04-01/hostedzone/Z0123456789ABCDEFGHIJ"), (request.Method, request.Path));
        Assert.Contains("/us-east-1/route53/aws4_request", request.Header("Authorization"));
        Assert.Equal("internal.tinyurl.local.", response.HostedZone.Name);
        Assert.True(response.HostedZone.Config.PrivateZone);
        Assert.Equal(3, response.HostedZone.ResourceRecordSetCount);
        Assert.Equal("servicediscovery.amazonaws.com", response.HostedZone.LinkedService.ServicePrincipal);
        Assert.Equal(new[] { ("us-east-1", "vpc-0a1b2c3d"), ("eu-west-1", "vpc-9f8e7d6c") }, response.VPCs.ConvertAll(v => (v.VPCRegion, v.VPCId)));
    }

    [Fact]
    public async Task NoSuchHostedZone_is_its_exception()
    {
        server.EnqueueXml(@"<?xml version=""1.0""?><ErrorResponse xmlns=""https://route53.amazonaws.com/doc/2013-04-01/""><Error><Type>Sender</Type>
<Code>NoSuchHostedZone</Code><Message>No hosted zone found with ID: Z1</Message></Error><RequestId>r-1</RequestId></ErrorResponse>", 404);

        var error = await Assert.ThrowsAsync<NoSuchHostedZoneException>(() => client.GetHostedZoneAsync(new GetHostedZoneRequest { Id = "Z1" }));

        Assert.Equal(("NoSuchHostedZone", "No hosted zone found with ID: Z1"), (error.ErrorCode, error.Message));
    }

    [Theory]
    [InlineData("us-east-2", "https://route53.amazonaws.com/", "us-east-1")]
    [InlineData("eu-west-1", "https://route53.amazonaws.com/", "us-east-1")]
    [InlineData("cn-north-1", "https://route53.amazonaws.com.cn/", "cn-northwest-1")]
    [InlineData("us-gov-east-1", "https://route53.us-gov.amazonaws.com/", "us-gov-west-1")]
    public void Route53_is_one_global_endpoint_per_partition_signed_for_its_home_region(string region, string endpoint, string signingRegion)
    {
        var connection = new AwsConnection(FakeAwsServer.Credentials, RegionEndpoint.GetBySystemName(region), null, "test", "test");
        using var route53 = (AmazonRoute53Client)connection.CreateRoute53Client();
        var config = (AmazonRoute53Config)route53.Config;

        Assert.Equal(endpoint, config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new GetHostedZoneRequest())).URL);
        Assert.Equal(signingRegion, config.AuthenticationRegion);
        Assert.Equal("route53", config.AuthenticationServiceName);
    }
}
