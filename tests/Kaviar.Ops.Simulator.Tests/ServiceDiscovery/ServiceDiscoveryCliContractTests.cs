using System;
using System.Linq;
using System.Text.Json;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.ServiceDiscovery;

/// <summary>The real aws CLI (aws servicediscovery) against seed 004's Cloud Map, and building one through the API.</summary>
public sealed class ServiceDiscoveryCliContractTests : IDisposable
{
    private readonly ManualClock _clock = new();
    private readonly SimulatedAccount _account;
    private readonly CliContract _aws;

    public ServiceDiscoveryCliContractTests()
    {
        _account = SimulatedAccount.Start(Scenarios.Seed004(Seed004Variant.StaleInstance), _clock);
        _aws = new CliContract(_account);
    }

    public void Dispose() => _account.Dispose();

    [Fact]
    public void ListNamespaces_shows_the_private_dns_namespace_and_GetNamespace_its_vpc_hosted_zone()
    {
        var ns = _aws.Json("servicediscovery", "list-namespaces").Items("Namespaces").Single();

        Assert.Equal(Scenarios.Seed004Namespace, ns.Str("Name"));
        Assert.Equal("DNS_PRIVATE", ns.Str("Type"));
        Assert.Matches("^ns-[0-9a-z]{16}$", ns.Str("Id"));
        Assert.Equal($"arn:aws:servicediscovery:{Scenarios.Seed004Region}:{Scenarios.Seed004AccountId}:namespace/{ns.Str("Id")}", ns.Str("Arn"));
        Assert.Equal(1, ns.Int("ServiceCount"));
        var detail = _aws.Json("servicediscovery", "get-namespace", "--id", ns.Str("Id")).GetProperty("Namespace");
        Assert.StartsWith("Z", detail.GetProperty("Properties").GetProperty("DnsProperties").Str("HostedZoneId"));
        Assert.Equal(Scenarios.Seed004Namespace, detail.GetProperty("Properties").GetProperty("HttpProperties").Str("HttpName"));

        Assert.Empty(_aws.Json("servicediscovery", "list-namespaces", "--filters", "Name=TYPE,Values=HTTP,Condition=EQ").Items("Namespaces"));
    }

    [Fact]
    public void ListServices_shows_the_A_record_and_the_custom_health_check()
    {
        var service = _aws.Json("servicediscovery", "list-services").Items("Services").Single();

        Assert.Equal(Scenarios.Seed004DiscoveryService, service.Str("Name"));
        var record = service.GetProperty("DnsConfig").Items("DnsRecords").Single();
        Assert.Equal(("A", 60L), (record.Str("Type"), record.GetProperty("TTL").GetInt64()));
        Assert.Equal("MULTIVALUE", service.GetProperty("DnsConfig").Str("RoutingPolicy"));
        Assert.Equal(1, service.GetProperty("HealthCheckCustomConfig").Int("FailureThreshold"));
        Assert.Equal(2, service.Int("InstanceCount"));
    }

    [Fact]
    public void The_stale_instance_of_the_replaced_task_is_listed_and_discovered_as_healthy()
    {
        var serviceId = ServiceId();
        var runningTask = _aws.Json("ecs", "list-tasks", "--cluster", Scenarios.Seed004Cluster, "--service-name", Scenarios.Seed004ObservabilityService)
            .Strings("taskArns").Single().Split('/').Last();
        var stoppedTask = _aws.Json("ecs", "list-tasks", "--cluster", Scenarios.Seed004Cluster, "--service-name", Scenarios.Seed004ObservabilityService, "--desired-status", "STOPPED")
            .Strings("taskArns").Single().Split('/').Last();

        var listed = _aws.Json("servicediscovery", "list-instances", "--service-id", serviceId).Items("Instances");
        Assert.Equal(new[] { stoppedTask, runningTask }.OrderBy(x => x), listed.Select(i => i.Str("Id")).OrderBy(x => x));

        var discovered = _aws.Json("servicediscovery", "discover-instances", "--namespace-name", Scenarios.Seed004Namespace,
            "--service-name", Scenarios.Seed004DiscoveryService).Items("Instances");
        Assert.Equal(2, discovered.Length);
        Assert.All(discovered, i => Assert.Equal("HEALTHY", i.Str("HealthStatus")));
        var stale = discovered.Single(i => i.Str("InstanceId") == stoppedTask).GetProperty("Attributes");
        Assert.Equal(Scenarios.Seed004ObservabilityService, stale.Str("ECS_SERVICE_NAME"));
        Assert.Matches(@"^10\.0\.[34]\.\d+$", stale.Str("AWS_INSTANCE_IPV4"));

        var health = _aws.Json("servicediscovery", "get-instances-health-status", "--service-id", serviceId).GetProperty("Status");
        Assert.Equal("HEALTHY", health.Str(stoppedTask));
    }

    [Fact]
    public void Deregistering_the_stale_instance_leaves_the_running_task_alone_in_discovery()
    {
        var serviceId = ServiceId();
        var stoppedTask = _aws.Json("ecs", "list-tasks", "--cluster", Scenarios.Seed004Cluster, "--service-name", Scenarios.Seed004ObservabilityService, "--desired-status", "STOPPED")
            .Strings("taskArns").Single().Split('/').Last();

        var operationId = _aws.Json("servicediscovery", "deregister-instance", "--service-id", serviceId, "--instance-id", stoppedTask).Str("OperationId");

        var operation = _aws.Json("servicediscovery", "get-operation", "--operation-id", operationId).GetProperty("Operation");
        Assert.Equal(("DEREGISTER_INSTANCE", "SUCCESS"), (operation.Str("Type"), operation.Str("Status")));
        var discovered = _aws.Json("servicediscovery", "discover-instances", "--namespace-name", Scenarios.Seed004Namespace,
            "--service-name", Scenarios.Seed004DiscoveryService, "--health-status", "ALL").Items("Instances");
        Assert.DoesNotContain(discovered, i => i.Str("InstanceId") == stoppedTask);
        Assert.Single(discovered);
        Assert.Contains("(InstanceNotFound)", _aws.Error("servicediscovery", "deregister-instance", "--service-id", serviceId, "--instance-id", stoppedTask));
    }

    [Fact]
    public void DescribeServices_round_trips_the_service_registry()
    {
        var registry = _aws.Json("ecs", "describe-services", "--cluster", Scenarios.Seed004Cluster, "--services", Scenarios.Seed004ObservabilityService)
            .Items("services").Single().Items("serviceRegistries").Single();

        Assert.Equal($"arn:aws:servicediscovery:{Scenarios.Seed004Region}:{Scenarios.Seed004AccountId}:service/{ServiceId()}", registry.Str("registryArn"));
        Assert.Equal(Scenarios.Seed004ObservabilityContainer, registry.Str("containerName"));
    }

    [Fact]
    public void A_namespace_service_and_instance_are_built_through_the_api()
    {
        var vpcId = _aws.Json("ec2", "describe-vpcs").Items("Vpcs").Single().Str("VpcId");
        var operationId = _aws.Json("servicediscovery", "create-private-dns-namespace", "--name", "batch.tinyurl.local", "--vpc", vpcId).Str("OperationId");
        var namespaceId = _aws.Json("servicediscovery", "get-operation", "--operation-id", operationId).GetProperty("Operation").GetProperty("Targets").Str("NAMESPACE");

        var service = _aws.Json("servicediscovery", "create-service", "--name", "worker",
            "--dns-config", $"NamespaceId={namespaceId},DnsRecords=[{{Type=A,TTL=60}}]",
            "--health-check-custom-config", "FailureThreshold=1").GetProperty("Service");
        _aws.Json("servicediscovery", "register-instance", "--service-id", service.Str("Id"), "--instance-id", "i-1",
            "--attributes", "AWS_INSTANCE_IPV4=10.0.3.99");
        // It answers with an empty body, so the CLI prints nothing.
        var update = AwsCli.Run(_account.Endpoint, _account.Region,
            "servicediscovery", "update-instance-custom-health-status", "--service-id", service.Str("Id"), "--instance-id", "i-1", "--status", "UNHEALTHY");
        Assert.True(update.ExitCode == 0, update.Stderr);

        Assert.Empty(_aws.Json("servicediscovery", "discover-instances", "--namespace-name", "batch.tinyurl.local", "--service-name", "worker").Items("Instances"));
        var all = _aws.Json("servicediscovery", "discover-instances", "--namespace-name", "batch.tinyurl.local", "--service-name", "worker",
            "--health-status", "HEALTHY_OR_ELSE_ALL").Items("Instances").Single();
        Assert.Equal(("i-1", "UNHEALTHY", "10.0.3.99"), (all.Str("InstanceId"), all.Str("HealthStatus"), all.GetProperty("Attributes").Str("AWS_INSTANCE_IPV4")));
        Assert.Contains("(NamespaceAlreadyExists)", _aws.Error("servicediscovery", "create-private-dns-namespace", "--name", "batch.tinyurl.local", "--vpc", vpcId));
        Assert.Contains("(ServiceAlreadyExists)", _aws.Error("servicediscovery", "create-service", "--name", "worker", "--namespace-id", namespaceId));
        Assert.Contains("(InvalidInput)", _aws.Error("servicediscovery", "create-service", "--name", "probed", "--namespace-id", namespaceId,
            "--health-check-config", "Type=HTTP,ResourcePath=/healthz,FailureThreshold=2"));
    }

    [Fact]
    public void CreateService_with_a_service_registry_round_trips_and_registers_its_task_with_the_port_once_running()
    {
        var namespaceId = _aws.Json("servicediscovery", "list-namespaces").Items("Namespaces").Single().Str("Id");
        var registryArn = _aws.Json("servicediscovery", "create-service", "--name", "collector", "--namespace-id", namespaceId,
            "--dns-config", "DnsRecords=[{Type=A,TTL=10},{Type=SRV,TTL=10}]", "--health-check-custom-config", "FailureThreshold=1").GetProperty("Service").Str("Arn");
        var network = _aws.Json("ecs", "describe-services", "--cluster", Scenarios.Seed004Cluster, "--services", Scenarios.Seed004ObservabilityService)
            .Items("services").Single().GetProperty("networkConfiguration").GetRawText();

        Assert.Contains("SRV records", _aws.Error("ecs", "create-service", "--cluster", Scenarios.Seed004Cluster, "--service-name", "collector",
            "--task-definition", Scenarios.Seed004ObservabilityFamily, "--network-configuration", network, "--service-registries", $"registryArn={registryArn}"));
        var created = _aws.Json("ecs", "create-service", "--cluster", Scenarios.Seed004Cluster, "--service-name", "collector",
            "--task-definition", Scenarios.Seed004ObservabilityFamily, "--network-configuration", network,
            "--service-registries", $"registryArn={registryArn},containerName={Scenarios.Seed004ObservabilityContainer},containerPort={Scenarios.Seed004OtlpPort}")
            .GetProperty("service");
        var registry = created.Items("serviceRegistries").Single();
        Assert.Equal((registryArn, Scenarios.Seed004ObservabilityContainer, Scenarios.Seed004OtlpPort),
            (registry.Str("registryArn"), registry.Str("containerName"), registry.Int("containerPort")));
        var serviceId = registryArn.Split('/').Last();
        Assert.Empty(_aws.Json("servicediscovery", "list-instances", "--service-id", serviceId).Items("Instances"));

        _clock.Advance(TimeSpan.FromMinutes(1));

        var task = _aws.Json("ecs", "list-tasks", "--cluster", Scenarios.Seed004Cluster, "--service-name", "collector").Strings("taskArns").Single().Split('/').Last();
        var instance = _aws.Json("servicediscovery", "list-instances", "--service-id", serviceId).Items("Instances").Single();
        Assert.Equal(task, instance.Str("Id"));
        Assert.Equal("4318", instance.GetProperty("Attributes").Str("AWS_INSTANCE_PORT"));
        Assert.Equal("collector", instance.GetProperty("Attributes").Str("ECS_SERVICE_NAME"));
        Assert.Equal(registryArn, _aws.Json("ecs", "describe-services", "--cluster", Scenarios.Seed004Cluster, "--services", "collector")
            .Items("services").Single().Items("serviceRegistries").Single().Str("registryArn"));
    }

    [Fact]
    public void Route53_GetHostedZone_shows_the_namespaces_private_zone_and_its_vpc()
    {
        var ns = _aws.Json("servicediscovery", "get-namespace", "--id", _aws.Json("servicediscovery", "list-namespaces").Items("Namespaces").Single().Str("Id"))
            .GetProperty("Namespace");
        var zoneId = ns.GetProperty("Properties").GetProperty("DnsProperties").Str("HostedZoneId");
        var vpcId = _aws.Json("ec2", "describe-vpcs").Items("Vpcs").Single().Str("VpcId");

        var zone = _aws.Json("route53", "get-hosted-zone", "--id", zoneId);

        Assert.Equal("/hostedzone/" + zoneId, zone.GetProperty("HostedZone").Str("Id"));
        Assert.Equal(Scenarios.Seed004Namespace + ".", zone.GetProperty("HostedZone").Str("Name"));
        Assert.True(zone.GetProperty("HostedZone").GetProperty("Config").GetProperty("PrivateZone").GetBoolean());
        Assert.Equal("servicediscovery.amazonaws.com", zone.GetProperty("HostedZone").GetProperty("LinkedService").Str("ServicePrincipal"));
        var vpc = zone.Items("VPCs").Single();
        Assert.Equal((Scenarios.Seed004Region, vpcId), (vpc.Str("VPCRegion"), vpc.Str("VPCId")));
        Assert.Contains("(NoSuchHostedZone)", _aws.Error("route53", "get-hosted-zone", "--id", "Z0000000000000000000"));
    }

    [Fact]
    public void Unknown_names_are_the_documented_errors()
    {
        Assert.Contains("(NamespaceNotFound)", _aws.Error("servicediscovery", "discover-instances", "--namespace-name", "nowhere.local", "--service-name", "observability"));
        Assert.Contains("(ServiceNotFound)", _aws.Error("servicediscovery", "discover-instances", "--namespace-name", Scenarios.Seed004Namespace, "--service-name", "grafana"));
        Assert.Contains("(NamespaceNotFound)", _aws.Error("servicediscovery", "get-namespace", "--id", "ns-0000000000000000"));
        Assert.Contains("(ServiceNotFound)", _aws.Error("servicediscovery", "list-instances", "--service-id", "srv-0000000000000000"));
        Assert.Contains("(InvalidInput)", _aws.Error("servicediscovery", "discover-instances", "--namespace-name", Scenarios.Seed004Namespace,
            "--service-name", Scenarios.Seed004DiscoveryService, "--health-status", "SOMETIMES"));
    }

    [Fact]
    public void ListInstances_pages_with_the_clis_page_size()
    {
        var ids = _aws.Json("servicediscovery", "list-instances", "--service-id", ServiceId(), "--page-size", "1").Items("Instances");

        Assert.Equal(2, ids.Length);
    }

    [Fact]
    public void DiscoverInstances_is_a_read_in_the_call_log()
    {
        _account.Calls.Clear();

        _aws.Json("servicediscovery", "discover-instances", "--namespace-name", Scenarios.Seed004Namespace, "--service-name", Scenarios.Seed004DiscoveryService);

        var call = Assert.Single(_account.Calls.Snapshot());
        Assert.Equal(("servicediscovery", "DiscoverInstances", false), (call.Service, call.Action, call.IsMutating));
    }

    private string ServiceId() => _aws.Json("servicediscovery", "list-services").Items("Services").Single().Str("Id");
}
