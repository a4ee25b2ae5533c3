using System;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>Test-EcsServiceDiscovery against seed 004: observability registered in Cloud Map, go-backend its consumer.</summary>
public sealed class TestEcsServiceDiscoveryTests : IDisposable
{
    private const string Cluster = Scenarios.Seed004Cluster;
    private const string Observability = Scenarios.Seed004ObservabilityService;
    private const string Command = "Test-EcsServiceDiscovery $args[0] $args[1]";

    private readonly ManualClock clock = new ManualClock();
    private SimulatedAccount? account;
    private readonly ModuleSession session = new ModuleSession();

    public void Dispose()
    {
        session.Dispose();
        account?.Dispose();
    }

    [Fact]
    public void The_healthy_account_passes_with_info_findings_only()
    {
        Start(Seed004Variant.Healthy);

        var result = session.Invoke(Command, Cluster, Observability);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "ServiceDiscovery.NamespaceInServiceVpc", "ServiceDiscovery.InstancesMatchTasks", "ServiceDiscovery.NameResolves" },
            result.Output.Select(f => Property(f, "Code")));
        Assert.All(result.Output, f => Assert.Equal("Info", Property(f, "Severity")));
        Assert.All(result.Output, f => Assert.Equal(Scenarios.Seed004DiscoveryName, Property(f, "DiscoveryName")));
        Assert.All(result.Output, f => Assert.Equal(Scenarios.Seed004Region, Property(f, "Region")));
        Assert.Equal(0, account!.Calls.CountMutating());
    }

    [Fact]
    public void The_backend_reaches_4318_but_names_observability_without_its_namespace()
    {
        Start(Seed004Variant.Healthy);

        var result = session.Invoke(Command + " -ConsumerService $args[2] -Port 4318 -Severity Warning", Cluster, Observability, Scenarios.Seed004BackendService);
        var reach = session.Invoke(Command + " -ConsumerService $args[2] -Port 4318 -Severity Info", Cluster, Observability, Scenarios.Seed004BackendService);

        Assert.Empty(result.Errors);
        Assert.All(result.Output, f => Assert.Equal(("ServiceDiscovery.ConsumerUsesShortName", "Warning"), (Property(f, "Code"), Property(f, "Severity"))));
        Assert.Equal(new[] { "container go-backend: OTEL_EXPORTER_OTLP_ENDPOINT=http://observability:4318", "container go-backend: LOKI_ENDPOINT=http://observability/observability/loki/api/v1/push" },
            result.Output.Select(f => Evidence(f).Single()));
        Assert.Contains("Use http://observability.internal.tinyurl.local:4318", Property(result.Output[0], "Message"));
        Assert.Contains(reach.Output, f => Property(f, "Code") == "ServiceDiscovery.ConsumerReaches" && Property(f, "Message").Contains("on 4318"));
    }

    [Fact]
    public void A_task_replaced_without_deregistration_is_a_stale_instance_until_its_fix_deregisters_it()
    {
        Start(Seed004Variant.StaleInstance);
        var stoppedTask = account!.Read(state => state.Ecs.Tasks.Single(t => t.Service?.Name == Observability && t.LastStatus == "STOPPED").Id);

        var before = session.Invoke(Command + " -Name $args[2] -Severity Warning", Cluster, Observability, Scenarios.Seed004DiscoveryName);

        Assert.Null(before.Terminating);
        Assert.Empty(before.Errors);
        var stale = Assert.Single(before.Output);
        Assert.Equal("ServiceDiscovery.StaleInstance", Property(stale, "Code"));
        // The running task is discovered beside it: some connections fail, not all (Error is for when only stale instances are healthy).
        Assert.Equal("Warning", Property(stale, "Severity"));
        Assert.Equal(stoppedTask, Property(stale, "InstanceId"));
        Assert.Contains("STOPPED", Property(stale, "Message"));
        var fix = Property(stale, "Fix");
        Assert.Matches($"^aws servicediscovery deregister-instance --service-id srv-[0-9a-f]{{16}} --instance-id {stoppedTask} --region {Scenarios.Seed004Region}$", fix);
        Assert.Equal(0, account.Calls.CountMutating());

        var deregistered = AwsCli.Run(account.Endpoint, account.Region, fix.Substring("aws ".Length).Split(' '));
        Assert.True(deregistered.ExitCode == 0, deregistered.Stderr);

        var after = session.Invoke(Command, Cluster, Observability);
        Assert.Empty(after.Errors);
        Assert.All(after.Output, f => Assert.Equal("Info", Property(f, "Severity")));
        Assert.Contains(after.Output, f => Property(f, "Code") == "ServiceDiscovery.InstancesMatchTasks");
    }

    [Fact]
    public void An_instance_registered_outside_ECS_is_named_not_counted_as_a_task()
    {
        Start(Seed004Variant.Healthy);
        var serviceId = account!.Read(state => state.ServiceDiscovery.Services.Single(s => s.Name == Observability).Id);
        var registered = AwsCli.Run(account.Endpoint, account.Region, "servicediscovery", "register-instance", "--service-id", serviceId,
            "--instance-id", "by-hand-1", "--attributes", "AWS_INSTANCE_IPV4=10.0.9.9");
        Assert.True(registered.ExitCode == 0, registered.Stderr);

        var result = session.Invoke(Command + " -Name $args[2]", Cluster, Observability, Scenarios.Seed004DiscoveryName);

        Assert.Empty(result.Errors);
        var foreign = Assert.Single(result.Output, f => Property(f, "Code") == "ServiceDiscovery.InstanceNotRegisteredByEcs");
        Assert.Equal("Warning", Property(foreign, "Severity"));
        Assert.Contains("by-hand-1 (10.0.9.9)", Property(foreign, "Message"));
        Assert.Equal($"aws servicediscovery deregister-instance --service-id {serviceId} --instance-id by-hand-1 --region {Scenarios.Seed004Region}", Property(foreign, "Fix"));
        Assert.DoesNotContain(result.Output, f => Property(f, "Code") is "ServiceDiscovery.InstancesMatchTasks" or "ServiceDiscovery.StaleInstance");
    }

    [Fact]
    public void When_only_the_stale_instance_is_healthy_it_is_an_error()
    {
        Start(Seed004Variant.StaleInstance);
        account!.Use(state =>
        {
            var cloudMap = state.ServiceDiscovery;
            var service = cloudMap.Services.Single();
            var running = state.Ecs.Tasks.Single(t => t.Service?.Name == Observability && t.LastStatus == "RUNNING");
            cloudMap.SetCustomHealth(service, running.Id, "UNHEALTHY");
        });

        var result = session.Invoke(Command + " -Severity Error", Cluster, Observability);

        Assert.Equal(new[] { "ServiceDiscovery.StaleInstance", "ServiceDiscovery.InstanceUnhealthy" }, result.Output.Select(f => Property(f, "Code")));
    }

    [Fact]
    public void A_consumer_whose_group_is_not_admitted_on_4318_cannot_reach_the_discovered_tasks()
    {
        Start(Seed004Variant.ObservabilityPortClosed);

        var result = session.Invoke(Command + " -ConsumerService $args[2] -NamespaceName $args[3] -CloudMapServiceName $args[4]",
            Cluster, Observability, Scenarios.Seed004BackendService, Scenarios.Seed004Namespace, Scenarios.Seed004DiscoveryService);

        Assert.Empty(result.Errors);
        // Without -Port, the ports the backend's environment uses: OTLP's 4318, and LOKI_ENDPOINT's http://observability/… on 80.
        var blocked = result.Output.Where(f => Property(f, "Code") == "ServiceDiscovery.ConsumerCannotReach").ToList();
        Assert.Equal(2, blocked.Count);
        var otlp = Assert.Single(blocked, f => Property(f, "Message").Contains(" on 4318:"));
        Assert.Equal("Error", Property(otlp, "Severity"));
        var (observabilityGroup, backendGroup) = account!.Read(state => (
            state.Ec2.SecurityGroups.Single(g => g.GroupName == Scenarios.Seed004ObservabilitySecurityGroup).GroupId,
            state.Ec2.SecurityGroups.Single(g => g.GroupName == Scenarios.Seed004BackendSecurityGroup).GroupId));
        Assert.Equal($"aws ec2 authorize-security-group-ingress --region {Scenarios.Seed004Region} --group-id {observabilityGroup} --protocol tcp --port 4318 --source-group {backendGroup}",
            Property(otlp, "Fix"));
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT=http://observability:4318", Evidence(otlp));
    }

    [Fact]
    public void A_namespace_whose_zone_serves_another_vpc_does_not_resolve_for_the_service()
    {
        Start(Seed004Variant.Healthy);
        var otherVpc = account!.Read(state =>
        {
            var vpc = state.Ec2.AddVpc("10.9.0.0/16", "tinyurl-staging-vpc");
            var ns = state.ServiceDiscovery.AddPrivateDnsNamespace("staging.tinyurl.local", vpc.VpcId);
            var collector = state.ServiceDiscovery.AddService(new Simulator.ServiceDiscovery.CloudMapServiceSpec
            {
                Name = "collector", NamespaceId = ns.Id, DnsRecords = new[] { new Simulator.ServiceDiscovery.DnsRecord("A", 60) }, CustomHealthCheck = true,
            });
            var observability = state.Ecs.RequireService(state.Ecs.RequireCluster(Cluster), Observability);
            state.Ecs.AddService(new Simulator.Ecs.ServiceSpec
            {
                Cluster = Cluster, Name = "collector", TaskDefinition = Scenarios.Seed004ObservabilityFamily, Network = observability.Primary.Network,
                ServiceRegistries = new[] { new Simulator.Ecs.ServiceRegistry(collector.Arn) },
            });
            return vpc.VpcId;
        });
        clock.Advance(TimeSpan.FromMinutes(1));

        var result = session.Invoke(Command + " -Severity Error", Cluster, "collector");

        var finding = Assert.Single(result.Output);
        Assert.Equal("ServiceDiscovery.NamespaceNotInServiceVpc", Property(finding, "Code"));
        Assert.Contains(otherVpc, Property(finding, "Message"));
        Assert.Matches("^aws route53 associate-vpc-with-hosted-zone --hosted-zone-id Z[0-9A-F]+ --vpc VPCRegion=us-east-1,VPCId=vpc-[0-9a-f]+$", Property(finding, "Fix"));
    }

    [Fact]
    public void An_unknown_name_is_a_NameNotFound_finding_and_a_malformed_one_an_error()
    {
        Start(Seed004Variant.Healthy);

        var unknown = session.Invoke(Command + " -Name observability.internal.example.local -Severity Error", Cluster, Observability);
        var malformed = session.Invoke(Command + " -Name observability", Cluster, Observability);

        Assert.Equal("ServiceDiscovery.NameNotFound", Property(Assert.Single(unknown.Output), "Code"));
        var error = malformed.Terminating?.ErrorRecord ?? Assert.Single(malformed.Errors);
        Assert.StartsWith("DiscoveryNameInvalid,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void A_service_without_registries_is_a_warning()
    {
        Start(Seed004Variant.Healthy);

        var result = session.Invoke(Command, Cluster, Scenarios.Seed004BackendService);

        var finding = Assert.Single(result.Output);
        Assert.Equal(("ServiceDiscovery.NoServiceRegistry", "Warning"), (Property(finding, "Code"), Property(finding, "Severity")));
    }

    [Fact]
    public void The_table_view_shows_the_stale_instance_and_its_fix()
    {
        Start(Seed004Variant.StaleInstance);

        var rendered = session.Render(Command, Cluster, Observability);

        Assert.Contains("StaleInstance", rendered);
        Assert.Contains("aws servicediscovery", rendered);
    }

    private void Start(Seed004Variant variant)
    {
        account = SimulatedAccount.Start(Scenarios.Seed004(variant), clock);
        session.UseAccount(account.Endpoint, account.Region);
    }

    private static string Property(PSObject finding, string name) => finding.Properties[name].Value?.ToString() ?? "";

    private static string[] Evidence(PSObject finding) =>
        ((System.Collections.IEnumerable)finding.Properties["Evidence"].Value).Cast<object>().Select(e => e.ToString()!).ToArray();
}
