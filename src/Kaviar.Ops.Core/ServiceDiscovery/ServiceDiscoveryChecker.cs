using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.Route53.Model;
using Kaviar.Ops.AwsServices.ServiceDiscovery.Model;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Network;
using EcsServiceRegistry = Kaviar.Ops.AwsServices.ECS.Model.ServiceRegistry;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;

namespace Kaviar.Ops.ServiceDiscovery;

/// <summary>
/// Whether an ECS service's Cloud Map registration serves its consumers: each of its serviceRegistries names an existing
/// Cloud Map service; the registered instances are its running tasks (no instance of a stopped task left behind, no
/// running task missing, none unhealthy); its name resolves through DiscoverInstances to healthy instances; and, for a
/// consumer service, the consumer's tasks may reach the discovered tasks on the port they use (the network evaluator).
/// Read calls only.
/// </summary>
public sealed class ServiceDiscoveryChecker
{
    private const string EcsClusterAttribute = "ECS_CLUSTER_NAME";
    private const string EcsServiceAttribute = "ECS_SERVICE_NAME";
    private const string Ipv4Attribute = "AWS_INSTANCE_IPV4";
    private const string PortAttribute = "AWS_INSTANCE_PORT";
    private const string Healthy = "HEALTHY";

    private readonly OpsContext context;
    private readonly string region;
    private readonly Ec2Network ec2;
    private readonly ServiceNetworkReader reader;
    private readonly Dictionary<string, ServiceNetwork> networks = new Dictionary<string, ServiceNetwork>(StringComparer.Ordinal);

    public ServiceDiscoveryChecker(OpsContext context)
    {
        this.context = context;
        region = context.Region;
        (ec2, reader) = ServiceNetworkReader.WithFreshReads(context);
    }

    public async Task<IReadOnlyList<ServiceDiscoveryFinding>> CheckAsync(ServiceDiscoveryRequest request)
    {
        var asked = new List<ServiceReference> { request.Service };
        if (request.Consumer != null)
        {
            asked.Add(request.Consumer);
        }

        var lookups = await new EcsServiceLocator(context).LocateAsync(asked, ServiceNetworkReader.Parts | ServiceParts.RunningTasks).ConfigureAwait(false);
        var provider = lookups[0].Result ?? throw lookups[0].Failure!;
        var consumer = request.Consumer == null ? null : lookups.Last().Result ?? throw lookups.Last().Failure!;
        var report = new Report(this, provider);

        var registries = provider.Service.ServiceRegistries ?? new List<EcsServiceRegistry>();
        if (registries.Count == 0)
        {
            report.Add(null, null, null, new Finding("ServiceDiscovery.NoServiceRegistry", FindingSeverity.Warning,
                $"Service {provider.ServiceName} has no serviceRegistries: ECS registers none of its tasks in Cloud Map, so no name discovers them.",
                manualFix: $"aws ecs update-service --cluster {provider.Cluster} --service {provider.ServiceName} --region {region} " +
                           "--service-registries registryArn=<arn of the Cloud Map service>"));
            if (request.Name != null)
            {
                await ResolveAsync(report, request.Name, null, Array.Empty<string>()).ConfigureAwait(false);
            }

            return report.Findings;
        }

        foreach (var registry in registries)
        {
            var registered = await RegistryAsync(report, registry).ConfigureAwait(false);
            if (registered == null)
            {
                continue;
            }

            var (cloudMapService, ns, name) = registered.Value;
            await NamespaceVpcFindingsAsync(report, ns, name, cloudMapService.Id, consumer).ConfigureAwait(false);
            var liveTaskIds = await InstanceFindingsAsync(report, cloudMapService, name).ConfigureAwait(false);
            await ResolveAsync(report, request.Name ?? name, name, liveTaskIds).ConfigureAwait(false);
            if (consumer != null)
            {
                await ConsumerFindingsAsync(report, consumer, registry, cloudMapService, request.Name ?? name, request.Port).ConfigureAwait(false);
            }
        }

        return report.Findings;
    }

    /// <summary>The Cloud Map service the registry names and its namespace's name; null (with an Error finding) when either is gone.</summary>
    private async Task<(ServiceInfo Service, Namespace Namespace, DiscoveryName Name)?> RegistryAsync(Report report, EcsServiceRegistry registry)
    {
        var serviceId = registry.RegistryArn.Substring(registry.RegistryArn.LastIndexOf('/') + 1);
        ServiceInfo cloudMapService;
        try
        {
            cloudMapService = (await context.ServiceDiscovery.GetServiceAsync(new GetServiceRequest { Id = serviceId }, context.CancellationToken).ConfigureAwait(false)).Service;
        }
        catch (ServiceNotFoundException)
        {
            report.Add(null, serviceId, null, new Finding("ServiceDiscovery.RegistryNotFound", FindingSeverity.Error,
                $"Service {report.Provider.ServiceName} registers its tasks in Cloud Map service {serviceId}, which does not exist: ECS cannot register them and nothing discovers them.",
                manualFix: $"aws servicediscovery list-services --region {region}",
                evidence: new[] { $"serviceRegistries: registryArn={registry.RegistryArn}" }));
            return null;
        }

        try
        {
            var ns = (await context.ServiceDiscovery.GetNamespaceAsync(new GetNamespaceRequest { Id = cloudMapService.NamespaceId }, context.CancellationToken)
                .ConfigureAwait(false)).Namespace;
            return (cloudMapService, ns, new DiscoveryName(ns.Name, cloudMapService.Name));
        }
        catch (NamespaceNotFoundException)
        {
            report.Add(null, serviceId, null, new Finding("ServiceDiscovery.NamespaceNotFound", FindingSeverity.Error,
                $"Cloud Map service {cloudMapService.Name} ({serviceId}) is in namespace {cloudMapService.NamespaceId}, which does not exist.",
                manualFix: $"aws servicediscovery list-namespaces --region {region}"));
            return null;
        }
    }

    /// <summary>
    /// A private DNS namespace answers only in the VPCs its Route 53 zone is associated with (Cloud Map's API does not
    /// say which): the service's tasks, and the consumer's, must be in one of them for DNS to resolve the name.
    /// </summary>
    private async Task NamespaceVpcFindingsAsync(Report report, Namespace ns, DiscoveryName name, string cloudMapServiceId, ServiceSnapshot? consumer)
    {
        if (ns.Type != "DNS_PRIVATE" || ns.Properties?.DnsProperties?.HostedZoneId is not { } zoneId)
        {
            return;
        }

        List<VPC> vpcs;
        try
        {
            vpcs = (await context.Route53.GetHostedZoneAsync(new GetHostedZoneRequest { Id = zoneId }, context.CancellationToken).ConfigureAwait(false)).VPCs
                   ?? new List<VPC>();
        }
        catch (NoSuchHostedZoneException)
        {
            report.Add(name, cloudMapServiceId, null, new Finding("ServiceDiscovery.HostedZoneNotFound", FindingSeverity.Error,
                $"Namespace {ns.Name} ({ns.Id}) names hosted zone {zoneId}, which Route 53 does not have: DNS does not resolve {name}.",
                manualFix: $"aws servicediscovery get-namespace --id {ns.Id} --region {region}"));
            return;
        }

        var zoneVpcs = string.Join(", ", vpcs.Select(v => $"{v.VPCId} ({v.VPCRegion})"));
        var inVpc = new List<string>();
        foreach (var service in consumer == null ? new[] { report.Provider } : new[] { report.Provider, consumer })
        {
            var vpcId = (await NetworkOfAsync(service).ConfigureAwait(false)).VpcId;
            if (vpcId == null)
            {
                continue;
            }

            if (vpcs.Any(v => v.VPCId == vpcId && v.VPCRegion == region))
            {
                inVpc.Add($"{service.ServiceName} ({vpcId})");
                continue;
            }

            report.Add(name, cloudMapServiceId, null, new Finding("ServiceDiscovery.NamespaceNotInServiceVpc", FindingSeverity.Error,
                $"Namespace {ns.Name} is a private DNS zone that {(vpcs.Count == 0 ? "is associated with no VPC, so it answers in none" : $"answers only in {zoneVpcs}")}; the tasks of {service.ServiceName} are in {vpcId}, " +
                $"where {name} does not resolve through DNS (DiscoverInstances still answers).",
                manualFix: $"aws route53 associate-vpc-with-hosted-zone --hosted-zone-id {zoneId} --vpc VPCRegion={region},VPCId={vpcId}",
                evidence: new[] { $"hosted zone {zoneId}: VPCs {zoneVpcs}", $"{service.ServiceName}: VPC {vpcId}" }));
        }

        if (inVpc.Count > 0)
        {
            report.Add(name, cloudMapServiceId, null, new Finding("ServiceDiscovery.NamespaceInServiceVpc", FindingSeverity.Info,
                $"Namespace {ns.Name}'s private DNS zone {zoneId} answers in the VPC of {string.Join(" and ", inVpc)}.",
                evidence: new[] { $"hosted zone {zoneId}: VPCs {zoneVpcs}" }));
        }
    }

    private async Task<ServiceNetwork> NetworkOfAsync(ServiceSnapshot service)
    {
        if (!networks.TryGetValue(service.Service.ServiceArn, out var network))
        {
            network = await reader.FromSnapshotAsync(service, context.CancellationToken).ConfigureAwait(false);
            networks[service.Service.ServiceArn] = network;
        }

        return network;
    }

    /// <summary>Instances against tasks: stale instances, running tasks not registered, unhealthy instances. Returns the live tasks' ids.</summary>
    private async Task<IReadOnlyCollection<string>> InstanceFindingsAsync(Report report, ServiceInfo cloudMapService, DiscoveryName name)
    {
        var provider = report.Provider;
        var instances = await context.ServiceDiscovery.ListAllInstancesAsync(new ListInstancesRequest { ServiceId = cloudMapService.Id }, context.CancellationToken)
            .ConfigureAwait(false);
        var health = instances.Count == 0
            ? new Dictionary<string, string>()
            : await context.ServiceDiscovery.GetAllInstancesHealthStatusAsync(new GetInstancesHealthStatusRequest { ServiceId = cloudMapService.Id }, context.CancellationToken)
                .ConfigureAwait(false);
        string HealthOf(InstanceSummary instance) => health.TryGetValue(instance.Id, out var status) ? status : "UNKNOWN";

        // Tasks ECS still runs (PENDING ones too: ECS registers them once RUNNING) by id; instances other ECS services registered are theirs.
        var liveTasks = provider.RunningTasks.Where(t => t.DesiredStatus != "STOPPED").ToDictionary(TaskId, StringComparer.Ordinal);
        var ours = instances.Where(i => Attribute(i, EcsServiceAttribute) is not { } owner
                                        || (owner == provider.ServiceName && (Attribute(i, EcsClusterAttribute) ?? provider.Cluster) == provider.Cluster)).ToList();
        var live = ours.Where(i => liveTasks.ContainsKey(i.Id)).ToList();
        var stale = ours.Where(i => !liveTasks.ContainsKey(i.Id) && Attribute(i, EcsClusterAttribute) != null).ToList();
        // Registered by hand or by another tool: not ECS's to deregister, yet consumers get its address like a task's.
        var foreign = ours.Where(i => !liveTasks.ContainsKey(i.Id) && Attribute(i, EcsClusterAttribute) == null).ToList();
        var liveHealthy = live.Count(i => HealthOf(i) != "UNHEALTHY");

        var staleTasks = stale.Count == 0
            ? new Dictionary<string, EcsTask>()
            : (await new EcsServiceLocator(context).DescribeTasksAsync(provider.Cluster, stale.Select(i => i.Id).ToList()).ConfigureAwait(false))
                .ToDictionary(TaskId, StringComparer.Ordinal);
        foreach (var instance in stale)
        {
            var status = HealthOf(instance);
            var task = staleTasks.TryGetValue(instance.Id, out var known) ? known : null;
            var what = task == null
                ? $"task {instance.Id}, which ECS no longer knows (stopped more than an hour ago, or never a task of cluster {provider.Cluster})"
                : $"task {instance.Id}, which is {task.LastStatus}" + (task.StoppedAt is { } stoppedAt ? $" since {stoppedAt.ToUniversalTime():u}" : "")
                  + (string.IsNullOrEmpty(task.StoppedReason) ? "" : $" ({task.StoppedReason})");
            var (severity, consequence) = status != Healthy
                ? (FindingSeverity.Info, $"it is {status}, so DiscoverInstances and DNS leave it out, but it stays until deregistered")
                : liveHealthy > 0
                    ? (FindingSeverity.Warning, "it is still HEALTHY, so DiscoverInstances and DNS hand consumers its address beside the running tasks' and connections to it time out")
                    : (FindingSeverity.Error, "it is still HEALTHY and no running task is, so consumers get only addresses nobody answers on");
            report.Add(name, cloudMapService.Id, instance.Id, new Finding("ServiceDiscovery.StaleInstance", severity,
                $"Cloud Map instance {instance.Id} ({Attribute(instance, Ipv4Attribute) ?? "no address"}) of {name} belongs to {what}: ECS did not deregister it; {consequence}.",
                manualFix: $"aws servicediscovery deregister-instance --service-id {cloudMapService.Id} --instance-id {instance.Id} --region {region}",
                evidence: InstanceEvidence(instance, status).Concat(task == null ? Array.Empty<string>() : new[] { $"task {task.TaskArn}: lastStatus {task.LastStatus}" }).ToList()));
        }

        foreach (var instance in foreign)
        {
            var status = HealthOf(instance);
            report.Add(name, cloudMapService.Id, instance.Id, new Finding("ServiceDiscovery.InstanceNotRegisteredByEcs",
                status == Healthy ? FindingSeverity.Warning : FindingSeverity.Info,
                $"Cloud Map instance {instance.Id} ({Attribute(instance, Ipv4Attribute) ?? "no address"}) of {name} is not a task of {provider.ServiceName} and was not "
                + $"registered by ECS (it has no {EcsClusterAttribute} attribute): "
                + (status == Healthy ? "it is HEALTHY, so consumers get its address beside the tasks'; if nothing answers there, deregister it."
                    : $"it is {status}, so DiscoverInstances and DNS leave it out."),
                manualFix: $"aws servicediscovery deregister-instance --service-id {cloudMapService.Id} --instance-id {instance.Id} --region {region}",
                evidence: InstanceEvidence(instance, status).ToList()));
        }

        var registeredIds = new HashSet<string>(ours.Select(i => i.Id), StringComparer.Ordinal);
        var unregistered = liveTasks.Values.Where(t => t.LastStatus == "RUNNING" && !registeredIds.Contains(TaskId(t))).ToList();
        foreach (var task in unregistered)
        {
            report.Add(name, cloudMapService.Id, TaskId(task), new Finding("ServiceDiscovery.TaskNotRegistered",
                live.Count == 0 ? FindingSeverity.Error : FindingSeverity.Warning,
                $"Task {TaskId(task)} of {provider.ServiceName} is RUNNING but has no instance in {name}: consumers never discover it" +
                (live.Count == 0 ? ", and no running task is registered at all." : "."),
                manualFix: $"aws ecs update-service --cluster {provider.Cluster} --service {provider.ServiceName} --force-new-deployment --region {region}",
                evidence: new[] { $"task {task.TaskArn}: lastStatus RUNNING", $"{name}: {ours.Count} instance(s): {string.Join(", ", ours.Select(i => i.Id))}" }));
        }

        foreach (var instance in live.Where(i => HealthOf(i) == "UNHEALTHY"))
        {
            report.Add(name, cloudMapService.Id, instance.Id, new Finding("ServiceDiscovery.InstanceUnhealthy",
                liveHealthy == 0 ? FindingSeverity.Error : FindingSeverity.Warning,
                $"The instance of running task {instance.Id} in {name} is UNHEALTHY, as ECS reports the task: DiscoverInstances and DNS leave it out" +
                (liveHealthy == 0 ? ", and no running task's instance is healthy." : "."),
                Suggest.GetEcsServiceHealth(region, provider.Cluster, provider.ServiceName),
                evidence: InstanceEvidence(instance, "UNHEALTHY").ToList()));
        }

        if (stale.Count == 0 && foreign.Count == 0 && unregistered.Count == 0 && live.All(i => HealthOf(i) != "UNHEALTHY"))
        {
            report.Add(name, cloudMapService.Id, null, new Finding("ServiceDiscovery.InstancesMatchTasks", FindingSeverity.Info,
                $"{name} holds exactly the {live.Count} running task(s) of {provider.ServiceName}, none unhealthy.",
                evidence: live.SelectMany(i => InstanceEvidence(i, HealthOf(i))).ToList()));
        }

        return liveTasks.Keys.ToList();
    }

    /// <summary>What DiscoverInstances answers for the name, as consumers ask: healthy instances only.</summary>
    private async Task ResolveAsync(Report report, DiscoveryName name, DiscoveryName? registryName, IReadOnlyCollection<string> liveTaskIds)
    {
        DiscoverInstancesResponse healthy;
        try
        {
            healthy = await DiscoverAsync(name, "HEALTHY").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NamespaceNotFoundException || ex is ServiceNotFoundException)
        {
            report.Add(name, null, null, new Finding("ServiceDiscovery.NameNotFound", FindingSeverity.Error,
                $"{name} does not resolve: {(ex is NamespaceNotFoundException ? $"Cloud Map has no namespace {name.NamespaceName}" : $"namespace {name.NamespaceName} has no service {name.ServiceName}")}.",
                manualFix: ex is NamespaceNotFoundException
                    ? $"aws servicediscovery list-namespaces --region {region}"
                    : $"aws servicediscovery list-services --region {region}",
                evidence: new[] { $"DiscoverInstances: {((Amazon.Runtime.AmazonServiceException)ex).ErrorCode}: {ex.Message}" }));
            return;
        }

        var instances = healthy.Instances ?? new List<HttpInstanceSummary>();
        if (registryName != null && !name.Equals(registryName))
        {
            report.Add(name, null, null, new Finding("ServiceDiscovery.NameNotRegisteredByService", FindingSeverity.Warning,
                $"{name} is not where {report.Provider.ServiceName} registers its tasks ({registryName}): consumers of {name} do not reach them.",
                evidence: instances.Select(i => $"{i.InstanceId}: {Attribute(i.Attributes, EcsServiceAttribute) ?? "not registered by ECS"}").ToList()));
        }

        if (instances.Count == 0)
        {
            var all = (await DiscoverAsync(name, "ALL").ConfigureAwait(false)).Instances ?? new List<HttpInstanceSummary>();
            report.Add(name, null, null, new Finding("ServiceDiscovery.NoHealthyInstances", FindingSeverity.Error,
                $"{name} resolves to no healthy instance ({all.Count} registered): DiscoverInstances returns nothing, and DNS (multivalue) answers only with unhealthy records, if any.",
                Suggest.GetEcsServiceHealth(region, report.Provider.Cluster, report.Provider.ServiceName),
                evidence: all.Select(i => $"{i.InstanceId} {Attribute(i.Attributes, Ipv4Attribute)} {i.HealthStatus}").ToList()));
            return;
        }

        var staleCount = registryName == null ? 0 : instances.Count(i => !liveTaskIds.Contains(i.InstanceId));
        report.Add(name, null, null, new Finding("ServiceDiscovery.NameResolves", FindingSeverity.Info,
            $"{name} resolves to {instances.Count} healthy instance(s)" +
            (staleCount == 0 ? "." : $", {staleCount} of them not a running task (see ServiceDiscovery.StaleInstance and ServiceDiscovery.InstanceNotRegisteredByEcs)."),
            evidence: instances.Select(i => $"{i.InstanceId} {Attribute(i.Attributes, Ipv4Attribute)}{(Attribute(i.Attributes, PortAttribute) is { } port ? ":" + port : "")} {i.HealthStatus}")
                .ToList()));
    }

    private Task<DiscoverInstancesResponse> DiscoverAsync(DiscoveryName name, string healthStatus) =>
        context.ServiceDiscovery.DiscoverInstancesAsync(
            new DiscoverInstancesRequest { NamespaceName = name.NamespaceName, ServiceName = name.ServiceName, HealthStatus = healthStatus }, context.CancellationToken);

    /// <summary>
    /// Whether the consumer's tasks may reach the discovered tasks on each port it uses (the one asked for, else the
    /// registry's, else those its environment's URLs name), and whether its URLs use a name its tasks can resolve.
    /// </summary>
    private async Task ConsumerFindingsAsync(Report report, ServiceSnapshot consumer, EcsServiceRegistry registry, ServiceInfo cloudMapService, DiscoveryName name,
        int? askedPort)
    {
        var references = ConsumerReferences(consumer, name);
        foreach (var shortName in references.Where(r => !r.FullName))
        {
            var better = shortName.Value.Replace("//" + shortName.Host, "//" + name);
            report.Add(name, cloudMapService.Id, null, new Finding("ServiceDiscovery.ConsumerUsesShortName", FindingSeverity.Warning,
                $"{consumer.ServiceName}'s {shortName.Variable}={shortName.Value} names {shortName.Host} without its namespace: Fargate task definitions " +
                $"cannot set dnsSearchDomains, so the short name resolves only if the VPC's DHCP options make {name.NamespaceName} the domain (or ECS Service " +
                $"Connect serves it). Use {better}.",
                manualFix: $"aws ecs describe-task-definition --task-definition {consumer.TaskDefinition?.Family ?? consumer.ServiceName} --region {region}  # register a revision with {shortName.Variable}={better}",
                evidence: new[] { $"container {shortName.Container}: {shortName.Variable}={shortName.Value}" }));
        }

        var ports = askedPort != null ? new[] { askedPort.Value }
            : (registry.ContainerPort ?? registry.Port) is { } registryPort ? new[] { registryPort }
            : references.Select(r => r.Port).Distinct().ToArray();
        if (ports.Length == 0)
        {
            report.Add(name, cloudMapService.Id, null, new Finding("ServiceDiscovery.ConsumerPortUnknown", FindingSeverity.Warning,
                $"Neither the registry of {report.Provider.ServiceName} nor {consumer.ServiceName}'s environment names the port it connects to on {name}: give it with -Port."));
            return;
        }

        var from = (await NetworkOfAsync(consumer).ConfigureAwait(false)).AsWorkload().End;
        var to = (await NetworkOfAsync(report.Provider).ConfigureAwait(false)).AsWorkload();
        var evaluator = new ReachabilityEvaluator(ec2);
        foreach (var port in ports)
        {
            var reach = await evaluator.EvaluateAsync(from, to.End, "tcp", port, context.CancellationToken).ConfigureAwait(false);
            var uses = references.Where(r => r.Port == port).Select(r => $"{r.Variable}={r.Value}").ToList();
            var evidence = new[] { $"{from.Description} ({string.Join(", ", from.GroupIds)}) -> {to.Description} ({string.Join(", ", to.GroupIds)}) on TCP {port}" }
                .Concat(uses).ToList();
            if (reach.Allowed)
            {
                report.Add(name, cloudMapService.Id, null, new Finding("ServiceDiscovery.ConsumerReaches", FindingSeverity.Info,
                    $"{from.Description} may reach {to.Description} on {port}: {reach.Ingress.Reason}.", evidence: evidence.Append(reach.Reason).ToList()));
                continue;
            }

            report.Add(name, cloudMapService.Id, null, new Finding("ServiceDiscovery.ConsumerCannotReach", FindingSeverity.Error,
                $"{from.Description} cannot reach {to.Description} ({name}) on {port}: {reach.Reason}; connections time out even when the name resolves.",
                manualFix: ReachFix(reach, from, to.End, port), evidence: evidence));
        }
    }

    /// <summary>The aws CLI line that opens the first thing stopping the flow: the destination's ingress, the source's egress, or the network ACLs.</summary>
    private string ReachFix(Reachability reach, NetworkEnd from, NetworkEnd to, int port)
    {
        if (!reach.Ingress.Allowed && to.GroupIds.Count > 0 && from.GroupIds.Count > 0)
        {
            return $"aws ec2 authorize-security-group-ingress --region {region} --group-id {to.GroupIds[0]} --protocol tcp --port {port} --source-group {from.GroupIds[0]}";
        }

        if (!reach.Egress.Allowed && to.GroupIds.Count > 0 && from.GroupIds.Count > 0)
        {
            return $"aws ec2 authorize-security-group-egress --region {region} --group-id {from.GroupIds[0]} " +
                   $"--ip-permissions 'IpProtocol=tcp,FromPort={port},ToPort={port},UserIdGroupPairs=[{{GroupId={to.GroupIds[0]}}}]'";
        }

        var aclFixes = reach.Acls.Where(a => !a.Allowed).Select(a => a.FixCommand(region)).OfType<string>().ToList();
        return aclFixes.Count > 0
            ? string.Join(" && ", aclFixes)
            : $"aws ec2 describe-security-groups --region {region} --group-ids {string.Join(" ", from.GroupIds.Concat(to.GroupIds))}";
    }

    /// <summary>The consumer's environment values that are URLs to the discovered service, by its short or full name.</summary>
    private static List<ServiceUrlReference> ConsumerReferences(ServiceSnapshot consumer, DiscoveryName name)
    {
        var references = new List<ServiceUrlReference>();
        foreach (var container in consumer.TaskDefinition?.ContainerDefinitions ?? new List<AwsServices.ECS.Model.ContainerDefinition>())
        {
            foreach (var variable in container.Environment ?? new List<AwsServices.ECS.Model.KeyValuePair>())
            {
                if (!Uri.TryCreate(variable.Value ?? "", UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                {
                    continue;
                }

                var full = string.Equals(url.Host, name.ToString(), StringComparison.OrdinalIgnoreCase);
                if (full || string.Equals(url.Host, name.ServiceName, StringComparison.OrdinalIgnoreCase))
                {
                    references.Add(new ServiceUrlReference(container.Name, variable.Name, variable.Value!, url.Host, url.Port, full));
                }
            }
        }

        return references;
    }

    private static IEnumerable<string> InstanceEvidence(InstanceSummary instance, string health) =>
        new[] { $"instance {instance.Id}: {Ipv4Attribute}={Attribute(instance, Ipv4Attribute) ?? "-"}, health {health}" +
                (Attribute(instance, EcsServiceAttribute) is { } service ? $", {EcsServiceAttribute}={service}" : "") };

    private static string? Attribute(InstanceSummary instance, string name) => Attribute(instance.Attributes, name);

    private static string? Attribute(Dictionary<string, string>? attributes, string name) =>
        attributes != null && attributes.TryGetValue(name, out var value) ? value : null;

    private static string TaskId(EcsTask task) => task.TaskArn.Substring(task.TaskArn.LastIndexOf('/') + 1);

    private sealed class ServiceUrlReference
    {
        public ServiceUrlReference(string container, string variable, string value, string host, int port, bool fullName)
        {
            Container = container;
            Variable = variable;
            Value = value;
            Host = host;
            Port = port;
            FullName = fullName;
        }

        public string Container { get; }

        public string Variable { get; }

        public string Value { get; }

        public string Host { get; }

        public int Port { get; }

        public bool FullName { get; }
    }

    /// <summary>The findings of one check, stamped with the service they are about.</summary>
    private sealed class Report
    {
        private readonly ServiceDiscoveryChecker checker;

        public Report(ServiceDiscoveryChecker checker, ServiceSnapshot provider)
        {
            this.checker = checker;
            Provider = provider;
        }

        public ServiceSnapshot Provider { get; }

        public List<ServiceDiscoveryFinding> Findings { get; } = new List<ServiceDiscoveryFinding>();

        public void Add(DiscoveryName? name, string? cloudMapServiceId, string? instanceId, Finding finding) =>
            Findings.Add(checker.context.Stamp(new ServiceDiscoveryFinding
            {
                Cluster = Provider.Cluster,
                ServiceName = Provider.ServiceName,
                DiscoveryName = name?.ToString() ?? "",
                CloudMapServiceId = cloudMapServiceId,
                InstanceId = instanceId,
                Finding = finding,
            }));
    }
}
