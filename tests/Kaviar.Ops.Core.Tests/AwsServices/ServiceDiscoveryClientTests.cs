using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Kaviar.Ops.Aws;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.ServiceDiscovery;
using Kaviar.Ops.AwsServices.ServiceDiscovery.Model;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Core.Tests.AwsServices;

/// <summary>
/// The Cloud Map client: its wire (target, host prefix), and the same account built with the aws CLI in the simulated
/// account and in moto, read back through the client with the same answers.
/// </summary>
public sealed class ServiceDiscoveryClientTests : IClassFixture<MotoServerFixture>
{
    private const string Region = "us-east-1";
    private static readonly BasicAWSCredentials Credentials = new BasicAWSCredentials("AKIASIMULATEDKEY0001", "simulated-secret-key");
    private readonly MotoServer moto;

    public ServiceDiscoveryClientTests(MotoServerFixture fixture) => moto = fixture.Server;

    [Fact]
    public async Task DiscoverInstances_goes_to_the_data_host_and_the_other_operations_to_the_service_host()
    {
        var recorder = new RecordingHandler();
        var config = new AmazonServiceDiscoveryConfig { RegionEndpoint = RegionEndpoint.EUWest1, HttpClientFactory = new RecordingFactory(recorder), MaxErrorRetry = 0 };
        using var client = new AmazonServiceDiscoveryClient(Credentials, config);

        await client.DiscoverInstancesAsync(new DiscoverInstancesRequest { NamespaceName = "internal.tinyurl.local", ServiceName = "observability", HealthStatus = "HEALTHY" });
        await client.GetNamespaceAsync(new GetNamespaceRequest { Id = "ns-0123456789abcdef" });

        Assert.Equal("https://data-servicediscovery.eu-west-1.amazonaws.com/", recorder.Requests[0].Uri);
        Assert.Equal("Route53AutoNaming_v20170314.DiscoverInstances", recorder.Requests[0].Target);
        Assert.Equal("{\"NamespaceName\":\"internal.tinyurl.local\",\"ServiceName\":\"observability\",\"HealthStatus\":\"HEALTHY\"}", recorder.Requests[0].Body);
        Assert.Contains("/eu-west-1/servicediscovery/aws4_request", recorder.Requests[0].Authorization);
        Assert.Equal("https://servicediscovery.eu-west-1.amazonaws.com/", recorder.Requests[1].Uri);
    }

    [Fact]
    public async Task With_a_custom_endpoint_the_connection_sends_DiscoverInstances_to_that_host()
    {
        var recorder = new RecordingHandler();
        var connection = new AwsConnection(Credentials, RegionEndpoint.USEast1, new Uri("http://127.0.0.1:4566/"), "test", "test");
        using var client = (AmazonServiceDiscoveryClient)connection.CreateServiceDiscoveryClient();
        ((ClientConfig)client.Config).HttpClientFactory = new RecordingFactory(recorder);

        await client.DiscoverInstancesAsync(new DiscoverInstancesRequest { NamespaceName = "internal.tinyurl.local", ServiceName = "observability" });

        Assert.Equal("http://127.0.0.1:4566/", recorder.Requests.Single().Uri);
    }

    [Fact]
    public async Task Errors_are_the_sdks_exception_types()
    {
        using var account = SimulatedAccount.Start(Scenarios.Seed004(Seed004Variant.Healthy), new ManualClock());
        using var client = Client(account.Endpoint);

        await Assert.ThrowsAsync<NamespaceNotFoundException>(() => client.DiscoverInstancesAsync(new DiscoverInstancesRequest { NamespaceName = "nowhere.local", ServiceName = "x" }));
        await Assert.ThrowsAsync<ServiceNotFoundException>(() => client.GetServiceAsync(new GetServiceRequest { Id = "srv-0000000000000000" }));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => client.GetInstancesHealthStatusAsync(new GetInstancesHealthStatusRequest
        {
            ServiceId = account.Read(s => s.ServiceDiscovery.Services.Single().Id), Instances = new List<string> { "ghost" },
        }));
        var invalid = await Assert.ThrowsAsync<InvalidInputException>(() => client.DiscoverInstancesAsync(new DiscoverInstancesRequest
        {
            NamespaceName = Scenarios.Seed004Namespace, ServiceName = Scenarios.Seed004DiscoveryService, HealthStatus = "SOMETIMES",
        }));
        Assert.Equal("InvalidInput", invalid.ErrorCode);
    }

    [Fact]
    public async Task The_simulated_account_and_moto_answer_the_same_through_the_client()
    {
        using var account = SimulatedAccount.Start(AccountScenario.Named("cloud-map-peer").InRegion(Region).With(state => state.Ec2.AddVpc("10.0.0.0/16", "peer-vpc")),
            new ManualClock());
        var simulated = await ReadBackAsync(account.Endpoint, account.Read(s => s.Ec2.Vpcs.Single().VpcId), "sim.peer.local");
        var vpcInMoto = Cli(moto.Endpoint, "ec2", "create-vpc", "--cidr-block", "10.1.0.0/16").GetProperty("Vpc").GetProperty("VpcId").GetString()!;
        var peer = await ReadBackAsync(moto.Endpoint, vpcInMoto, "moto.peer.local");

        Assert.Equal(simulated, peer);
        Assert.Equal("DNS_PRIVATE|A:60|1|10.0.3.10,10.0.3.11|a=HEALTHY,b=UNHEALTHY|HEALTHY:a|ALL:a,b|UNHEALTHY:b", simulated);
    }

    /// <summary>Builds a namespace, a service with an A record and a custom health check, and two instances (one unhealthy) with the CLI, then reads them with the client.</summary>
    private static async Task<string> ReadBackAsync(Uri endpoint, string vpcId, string namespaceName)
    {
        Cli(endpoint, "servicediscovery", "create-private-dns-namespace", "--name", namespaceName, "--vpc", vpcId);
        using var client = Client(endpoint);
        var ns = (await client.ListAllNamespacesAsync(new ListNamespacesRequest())).Single(n => n.Name == namespaceName);
        var created = Cli(endpoint, "servicediscovery", "create-service", "--name", "api", "--namespace-id", ns.Id,
            "--dns-config", "RoutingPolicy=MULTIVALUE,DnsRecords=[{Type=A,TTL=60}]", "--health-check-custom-config", "FailureThreshold=1").GetProperty("Service");
        var serviceId = created.GetProperty("Id").GetString()!;
        Cli(endpoint, "servicediscovery", "register-instance", "--service-id", serviceId, "--instance-id", "a", "--attributes", "AWS_INSTANCE_IPV4=10.0.3.10");
        Cli(endpoint, "servicediscovery", "register-instance", "--service-id", serviceId, "--instance-id", "b", "--attributes", "AWS_INSTANCE_IPV4=10.0.3.11");
        var update = AwsCli.Run(endpoint, Region, "servicediscovery", "update-instance-custom-health-status", "--service-id", serviceId, "--instance-id", "b", "--status", "UNHEALTHY");
        Assert.True(update.ExitCode == 0, update.Stderr);

        var namespaceDetail = (await client.GetNamespaceAsync(new GetNamespaceRequest { Id = ns.Id })).Namespace;
        var service = (await client.GetServiceAsync(new GetServiceRequest { Id = serviceId })).Service;
        Assert.Contains(await client.ListAllServicesAsync(new ListServicesRequest()), s => s.Id == serviceId);
        var instances = await client.ListAllInstancesAsync(new ListInstancesRequest { ServiceId = serviceId, MaxResults = 1 });
        var health = await client.GetAllInstancesHealthStatusAsync(new GetInstancesHealthStatusRequest { ServiceId = serviceId });
        async Task<string> Discover(string filter) => filter + ":" + string.Join(",", ((await client.DiscoverInstancesAsync(new DiscoverInstancesRequest
            {
                NamespaceName = namespaceName, ServiceName = "api", HealthStatus = filter,
            })).Instances ?? new List<HttpInstanceSummary>()).Select(i => i.InstanceId).OrderBy(id => id));

        return string.Join("|",
            namespaceDetail.Type,
            string.Join(",", service.DnsConfig.DnsRecords.Select(r => $"{r.Type}:{r.TTL}")),
            service.HealthCheckCustomConfig.FailureThreshold,
            string.Join(",", instances.Select(i => i.Attributes["AWS_INSTANCE_IPV4"]).OrderBy(a => a)),
            string.Join(",", health.OrderBy(h => h.Key).Select(h => $"{h.Key}={h.Value}")),
            await Discover("HEALTHY"),
            await Discover("ALL"),
            await Discover("UNHEALTHY"));
    }

    private static AmazonServiceDiscoveryClient Client(Uri endpoint) =>
        (AmazonServiceDiscoveryClient)new AwsConnection(Credentials, RegionEndpoint.GetBySystemName(Region), endpoint, "test", "test").CreateServiceDiscoveryClient();

    private static JsonElement Cli(Uri endpoint, params string[] args)
    {
        var result = AwsCli.Run(endpoint, Region, args.Append("--output").Append("json").ToArray());
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
        using var document = result.Json;
        return document.RootElement.Clone();
    }

    private sealed record Recorded(string Uri, string Target, string Authorization, string Body);

    /// <summary>Answers every request with an empty JSON object and keeps what was sent, where the SDK sent it.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<Recorded> Requests { get; } = new List<Recorded>();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content == null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new Recorded(request.RequestUri!.ToString(), Header(request, "X-Amz-Target"), Header(request, "Authorization"), body));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.1") };
        }

        private static string Header(HttpRequestMessage request, string name) =>
            request.Headers.TryGetValues(name, out var values) || (request.Content != null && request.Content.Headers.TryGetValues(name, out values)) ? values.First() : "";
    }

    private sealed class RecordingFactory : HttpClientFactory
    {
        private readonly RecordingHandler handler;

        public RecordingFactory(RecordingHandler handler) => this.handler = handler;

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new HttpClient(handler, disposeHandler: false);
    }
}
