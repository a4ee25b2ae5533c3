using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Protocol;
using Kaviar.Ops.Simulator.ServiceDiscovery;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.ServiceDiscovery;

/// <summary>The simulated account's Cloud Map rules and what ECS does in it for a service with serviceRegistries.</summary>
public sealed class CloudMapRulesTests
{
    private static readonly Dictionary<string, string> NoParameters = new();

    [Fact]
    public void Ecs_registers_the_running_task_with_its_address_and_attributes_and_deregisters_the_one_it_replaced()
    {
        using var account = SimulatedAccount.Start(Scenarios.Seed004(Seed004Variant.Healthy), new ManualClock());

        account.Use(state =>
        {
            var running = ObservabilityTasks(state).Single(t => t.LastStatus == "RUNNING");
            Assert.Contains(ObservabilityTasks(state), t => t.LastStatus == "STOPPED");
            var instance = Assert.Single(Discovery(state).Instances);
            Assert.Equal(running.Id, instance.Id);
            Assert.Equal(ServiceDiscoveryState.Healthy, instance.HealthStatus);
            Assert.Equal(running.Attachment.PrivateIpv4Address, instance.Attributes["AWS_INSTANCE_IPV4"]);
            Assert.Equal(Scenarios.Seed004Cluster, instance.Attributes["ECS_CLUSTER_NAME"]);
            Assert.Equal(Scenarios.Seed004ObservabilityService, instance.Attributes["ECS_SERVICE_NAME"]);
            Assert.Equal(Scenarios.Seed004ObservabilityFamily, instance.Attributes["ECS_TASK_DEFINITION_FAMILY"]);
            Assert.Equal(running.AvailabilityZone, instance.Attributes["AVAILABILITY_ZONE"]);
            Assert.False(instance.Attributes.ContainsKey("AWS_INSTANCE_PORT"));
        });
    }

    [Fact]
    public void A_missed_deregistration_leaves_the_stopped_tasks_instance_healthy_beside_the_new_one()
    {
        using var account = SimulatedAccount.Start(Scenarios.Seed004(Seed004Variant.StaleInstance), new ManualClock());

        account.Use(state =>
        {
            var stopped = ObservabilityTasks(state).Single(t => t.LastStatus == "STOPPED");
            var running = ObservabilityTasks(state).Single(t => t.LastStatus == "RUNNING");
            Assert.Equal(new[] { stopped.Id, running.Id }, Discovery(state).Instances.Select(i => i.Id));
            var (_, discovered) = state.ServiceDiscovery.Discover(Scenarios.Seed004Namespace, Scenarios.Seed004DiscoveryService, "HEALTHY", NoParameters, NoParameters);
            Assert.Equal(2, discovered.Count);
            Assert.Equal(0, state.ServiceDiscovery.EcsDeregistrationsToMiss);
        });
    }

    [Fact]
    public void The_next_stop_after_the_missed_one_is_deregistered_again()
    {
        var clock = new ManualClock();
        using var account = SimulatedAccount.Start(Scenarios.Seed004(Seed004Variant.StaleInstance), clock);

        account.Use(state =>
        {
            var service = state.Ecs.RequireService(state.Ecs.RequireCluster(Scenarios.Seed004Cluster), Scenarios.Seed004ObservabilityService);
            state.Ecs.Scheduler.Deploy(service, service.Primary.TaskDefinition, 1, service.Primary.Network);
        });
        clock.Advance(TimeSpan.FromMinutes(3));

        account.Use(state =>
        {
            var running = ObservabilityTasks(state).Single(t => t.LastStatus == "RUNNING");
            var stale = ObservabilityTasks(state).First(t => t.LastStatus == "STOPPED");
            Assert.Equal(new[] { stale.Id, running.Id }, Discovery(state).Instances.Select(i => i.Id));
        });
    }

    [Fact]
    public void Behind_a_target_group_the_instance_is_unhealthy_until_its_target_is_healthy()
    {
        var clock = new ManualClock();
        using var account = SimulatedAccount.Start(Scenarios.Seed004(Seed004Variant.Healthy), clock);
        account.Use(state =>
        {
            var backend = state.Ecs.RequireService(state.Ecs.RequireCluster(Scenarios.Seed004Cluster), Scenarios.Seed004BackendService);
            var api = state.ServiceDiscovery.AddService(new CloudMapServiceSpec
            {
                Name = "api", NamespaceId = state.ServiceDiscovery.Namespaces.Single().Id, DnsRecords = new[] { new DnsRecord("A", 60) }, CustomHealthCheck = true,
            });
            state.Ecs.AddService(new ServiceSpec
            {
                Cluster = Scenarios.Seed004Cluster,
                Name = "go-backend-discoverable",
                TaskDefinition = Scenarios.Seed004BackendFamily,
                Network = backend.Primary.Network,
                LoadBalancers = backend.LoadBalancers,
                ServiceRegistries = new[] { new ServiceRegistry(api.Arn) },
            });
        });
        string Health() => account.Read(state => state.ServiceDiscovery.Services.Single(s => s.Name == "api").Instances.Single().HealthStatus);

        clock.Advance(TaskLifecycle.ProvisioningDuration + TaskLifecycle.PendingDuration);
        Assert.Equal("UNHEALTHY", Health());

        // Healthy after HealthyThresholdCount (2) checks 30 s apart.
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("HEALTHY", Health());
    }

    [Theory]
    [InlineData("HEALTHY", "a")]
    [InlineData("UNHEALTHY", "b")]
    [InlineData("ALL", "a,b")]
    [InlineData("HEALTHY_OR_ELSE_ALL", "a")]
    public void DiscoverInstances_filters_by_health(string filter, string expected)
    {
        var (state, service) = AccountWithService(customHealthCheck: true);
        state.ServiceDiscovery.RegisterInstance(service, "a", Ipv4("10.0.3.10"));
        state.ServiceDiscovery.RegisterInstance(service, "b", Ipv4("10.0.3.11"));
        state.ServiceDiscovery.SetCustomHealth(service, "b", "UNHEALTHY");

        var (_, instances) = state.ServiceDiscovery.Discover("internal.example.local", "api", filter, NoParameters, NoParameters);

        Assert.Equal(expected, string.Join(",", instances.Select(i => i.Id)));
    }

    [Fact]
    public void HEALTHY_OR_ELSE_ALL_returns_every_instance_when_none_is_healthy()
    {
        var (state, service) = AccountWithService(customHealthCheck: true);
        state.ServiceDiscovery.RegisterInstance(service, "a", Ipv4("10.0.3.10"));
        state.ServiceDiscovery.SetCustomHealth(service, "a", "UNHEALTHY");

        Assert.Empty(state.ServiceDiscovery.Discover("internal.example.local", "api", "HEALTHY", NoParameters, NoParameters).Instances);
        Assert.Single(state.ServiceDiscovery.Discover("internal.example.local", "api", "HEALTHY_OR_ELSE_ALL", NoParameters, NoParameters).Instances);
    }

    [Fact]
    public void Without_a_health_check_instances_are_UNKNOWN_and_always_discovered_and_custom_health_is_refused()
    {
        var (state, service) = AccountWithService(customHealthCheck: false);
        var instance = state.ServiceDiscovery.RegisterInstance(service, "a", Ipv4("10.0.3.10"));

        Assert.Equal("UNKNOWN", instance.HealthStatus);
        Assert.Single(state.ServiceDiscovery.Discover("internal.example.local", "api", "UNHEALTHY", NoParameters, NoParameters).Instances);
        Assert.Equal("CustomHealthNotFound", Assert.Throws<AwsErrorException>(() => state.ServiceDiscovery.SetCustomHealth(service, "a", "HEALTHY")).Code);
    }

    [Fact]
    public void Query_parameters_must_all_match_and_optional_ones_narrow_only_when_some_instance_matches()
    {
        var (state, service) = AccountWithService(customHealthCheck: false);
        state.ServiceDiscovery.RegisterInstance(service, "a", new Dictionary<string, string> { ["AWS_INSTANCE_IPV4"] = "10.0.3.10", ["AVAILABILITY_ZONE"] = "us-east-1a" });
        state.ServiceDiscovery.RegisterInstance(service, "b", new Dictionary<string, string> { ["AWS_INSTANCE_IPV4"] = "10.0.3.11", ["AVAILABILITY_ZONE"] = "us-east-1b" });

        var zoneB = new Dictionary<string, string> { ["AVAILABILITY_ZONE"] = "us-east-1b" };
        var zoneC = new Dictionary<string, string> { ["AVAILABILITY_ZONE"] = "us-east-1c" };
        Assert.Equal("b", Assert.Single(state.ServiceDiscovery.Discover("internal.example.local", "api", "ALL", zoneB, NoParameters).Instances).Id);
        Assert.Empty(state.ServiceDiscovery.Discover("internal.example.local", "api", "ALL", zoneC, NoParameters).Instances);
        Assert.Equal("b", Assert.Single(state.ServiceDiscovery.Discover("internal.example.local", "api", "ALL", NoParameters, zoneB).Instances).Id);
        Assert.Equal(2, state.ServiceDiscovery.Discover("internal.example.local", "api", "ALL", NoParameters, zoneC).Instances.Count);
    }

    [Fact]
    public void Documented_errors()
    {
        var (state, service) = AccountWithService(customHealthCheck: true);
        var cloudMap = state.ServiceDiscovery;

        Assert.Equal("NamespaceNotFound", Code(() => cloudMap.Discover("nowhere.local", "api", "ALL", NoParameters, NoParameters)));
        Assert.Equal("ServiceNotFound", Code(() => cloudMap.Discover("internal.example.local", "web", "ALL", NoParameters, NoParameters)));
        Assert.Equal("InvalidInput", Code(() => cloudMap.Discover("internal.example.local", "api", "SOME", NoParameters, NoParameters)));
        Assert.Equal("InstanceNotFound", Code(() => cloudMap.DeregisterInstance(service, "ghost")));
        Assert.Equal("ServiceNotFound", Code(() => cloudMap.RequireService("srv-0000000000000000")));
        Assert.Equal("NamespaceNotFound", Code(() => cloudMap.RequireNamespace("ns-0000000000000000")));
        Assert.Equal("InvalidInput", Code(() => cloudMap.RegisterInstance(service, "a", new Dictionary<string, string> { ["AVAILABILITY_ZONE"] = "us-east-1a" })));
        Assert.Equal("ServiceAlreadyExists", Code(() => cloudMap.AddService(new CloudMapServiceSpec { Name = "API", NamespaceId = service.Namespace.Id })));
        Assert.Equal("NamespaceAlreadyExists", Code(() => cloudMap.AddHttpNamespace("internal.example.local")));
        Assert.Equal("InvalidInput", Code(() => cloudMap.AddPrivateDnsNamespace("other.local", "vpc-00000000")));
        var http = cloudMap.AddHttpNamespace("http.example");
        Assert.Equal("InvalidInput", Code(() => cloudMap.AddService(new CloudMapServiceSpec
        {
            Name = "api", NamespaceId = http.Id, DnsRecords = new[] { new DnsRecord("A", 60) },
        })));
    }

    [Fact]
    public void Ecs_refuses_an_unknown_registry_and_SRV_records_without_a_port()
    {
        var (state, service) = AccountWithService(customHealthCheck: true);
        var srv = state.ServiceDiscovery.AddService(new CloudMapServiceSpec
        {
            Name = "api-srv", NamespaceId = service.Namespace.Id, DnsRecords = new[] { new DnsRecord("SRV", 60) }, CustomHealthCheck = true,
        });
        state.Ecs.AddCluster("c");
        state.Ecs.RegisterTaskDefinition("api", new[] { new ContainerDefinition { Name = "api", Image = "nginx:1.27", ContainerPorts = new[] { 80 } } });

        ServiceSpec Spec(ServiceRegistry registry) => new()
        {
            Cluster = "c", Name = "api", TaskDefinition = "api",
            Network = new AwsVpcConfiguration(new[] { "subnet-1" }, Array.Empty<string>(), false),
            ServiceRegistries = new[] { registry },
        };

        Assert.Equal("InvalidParameterException", Code(() => state.Ecs.AddService(Spec(new ServiceRegistry(service.Arn.Replace(service.Id, "srv-ffffffffffffffff"))))));
        Assert.Equal("InvalidParameterException", Code(() => state.Ecs.AddService(Spec(new ServiceRegistry(srv.Arn)))));
        Assert.Equal("InvalidParameterException", Code(() => state.Ecs.AddService(Spec(new ServiceRegistry(service.Arn, ContainerName: "api", ContainerPort: 8080)))));
    }

    private static string Code(Action action) => Assert.Throws<AwsErrorException>(action).Code;

    private static Dictionary<string, string> Ipv4(string address) => new() { ["AWS_INSTANCE_IPV4"] = address };

    private static (AccountState State, CloudMapService Service) AccountWithService(bool customHealthCheck)
    {
        var state = new AccountState("us-east-1", "111122223333", new ManualClock());
        var vpc = state.Ec2.AddVpc("10.0.0.0/16", "test-vpc");
        var ns = state.ServiceDiscovery.AddPrivateDnsNamespace("internal.example.local", vpc.VpcId);
        var service = state.ServiceDiscovery.AddService(new CloudMapServiceSpec
        {
            Name = "api", NamespaceId = ns.Id, DnsRecords = new[] { new DnsRecord("A", 60) }, CustomHealthCheck = customHealthCheck,
        });
        return (state, service);
    }

    private static CloudMapService Discovery(AccountState state) =>
        state.ServiceDiscovery.Services.Single(s => s.Name == Scenarios.Seed004DiscoveryService);

    private static List<EcsTask> ObservabilityTasks(AccountState state) =>
        state.Ecs.Tasks.Where(t => t.Service?.Name == Scenarios.Seed004ObservabilityService).ToList();
}
