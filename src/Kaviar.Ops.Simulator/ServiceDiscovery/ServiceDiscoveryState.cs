using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.ServiceDiscovery;

/// <summary>What a scenario asks for when it creates a Cloud Map service.</summary>
public sealed class CloudMapServiceSpec
{
    public required string Name { get; init; }

    public required string NamespaceId { get; init; }

    public IReadOnlyList<DnsRecord> DnsRecords { get; init; } = Array.Empty<DnsRecord>();

    public string? RoutingPolicy { get; init; }

    public bool CustomHealthCheck { get; init; }

    public int? FailureThreshold { get; init; }

    public string? Description { get; init; }

    public string? CreatorRequestId { get; init; }
}

/// <summary>
/// AWS Cloud Map of the simulated account: namespaces, services and their registered instances with their health, under
/// Cloud Map's rules (unique names, records a namespace type allows, the attributes each record type needs).
/// </summary>
public sealed class ServiceDiscoveryState
{
    public const string Healthy = "HEALTHY";
    public const string Unhealthy = "UNHEALTHY";
    public const string Unknown = "UNKNOWN";

    private readonly List<CloudMapNamespace> _namespaces = new();
    private readonly List<CloudMapService> _services = new();
    private readonly Dictionary<string, CloudMapOperation> _operations = new(StringComparer.Ordinal);

    public ServiceDiscoveryState(AccountState account) => Account = account;

    public AccountState Account { get; }

    public IReadOnlyList<CloudMapNamespace> Namespaces => _namespaces;

    public IReadOnlyList<CloudMapService> Services => _services;

    /// <summary>
    /// How many of the next deregistrations ECS owes Cloud Map it misses (an agent that lost its connection while the task
    /// stopped): the instance of the stopped task stays registered, with its last health. A fault of the account, not of a
    /// scenario; see <see cref="Ecs.ServiceRegistrations"/>.
    /// </summary>
    public int EcsDeregistrationsToMiss { get; set; }

    public CloudMapOperation CompletedOperation(string type, string targetType, string targetId)
    {
        var operation = new CloudMapOperation(Account.Ids.Hex(32), type, "SUCCESS", Account.Now,
            new Dictionary<string, string>(StringComparer.Ordinal) { [targetType] = targetId });
        _operations.Add(operation.Id, operation);
        return operation;
    }

    public CloudMapOperation RequireOperation(string id) =>
        _operations.GetValueOrDefault(id) ?? throw new AwsErrorException("OperationNotFound", $"No operation found with ID {id}.");

    public CloudMapNamespace AddPrivateDnsNamespace(string name, string vpcId, string? description = null, string? creatorRequestId = null)
    {
        if (Account.Ec2.FindVpc(vpcId) is null)
        {
            throw new AwsErrorException("InvalidInput", $"The VPC {vpcId} does not exist.");
        }

        return AddNamespace(name, "DNS_PRIVATE", vpcId, description, creatorRequestId);
    }

    public CloudMapNamespace AddHttpNamespace(string name, string? description = null, string? creatorRequestId = null) =>
        AddNamespace(name, "HTTP", null, description, creatorRequestId);

    private CloudMapNamespace AddNamespace(string name, string type, string? vpcId, string? description, string? creatorRequestId)
    {
        // Every namespace has an HTTP name (its name), and DiscoverInstances finds namespaces by it: names are unique.
        if (_namespaces.Any(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new AwsErrorException("NamespaceAlreadyExists", $"Namespace with name {name} already exists.");
        }

        var id = "ns-" + Account.Ids.Hex(16);
        var ns = new CloudMapNamespace(id, $"arn:aws:servicediscovery:{Account.Region}:{Account.AccountId}:namespace/{id}", name, type, Account.Now)
        {
            VpcId = vpcId,
            HostedZoneId = type == "HTTP" ? null : "Z" + Account.Ids.Hex(20).ToUpperInvariant(),
            Description = description,
            CreatorRequestId = creatorRequestId,
        };
        _namespaces.Add(ns);
        return ns;
    }

    /// <summary>By id or ARN, as GetNamespace's Id takes it.</summary>
    public CloudMapNamespace RequireNamespace(string idOrArn) =>
        _namespaces.Find(n => n.Id == idOrArn || n.Arn == idOrArn)
        ?? throw new AwsErrorException("NamespaceNotFound", $"No namespace exists with ID: {idOrArn}");

    public CloudMapNamespace? FindNamespaceByName(string name) =>
        _namespaces.Find(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));

    public CloudMapService AddService(CloudMapServiceSpec spec)
    {
        var ns = RequireNamespace(spec.NamespaceId);
        if (!ns.IsDns && spec.DnsRecords.Count > 0)
        {
            throw new AwsErrorException("InvalidInput", "DnsConfig is not supported for services in an HTTP namespace.");
        }

        if (spec.DnsRecords.Select(r => r.Type).Distinct(StringComparer.Ordinal).Count() != spec.DnsRecords.Count)
        {
            throw new AwsErrorException("InvalidInput", "DnsRecords must not contain two records of the same type.");
        }

        if (spec.DnsRecords.FirstOrDefault(r => r.Type is not ("A" or "AAAA" or "SRV" or "CNAME")) is { } unknownType)
        {
            throw new AwsErrorException("InvalidInput", $"Record type {unknownType.Type} is not supported; use A, AAAA, SRV or CNAME.");
        }

        if (spec.DnsRecords.FirstOrDefault(r => r.Ttl is < 0 or > 2147483647) is { } badTtl)
        {
            throw new AwsErrorException("InvalidInput", $"TTL {badTtl.Ttl} is out of range 0-2147483647.");
        }

        if (_services.Any(s => s.Namespace == ns && string.Equals(s.Name, spec.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new AwsErrorException("ServiceAlreadyExists", $"Service with name {spec.Name} already exists in namespace {ns.Id}.");
        }

        var id = "srv-" + Account.Ids.Hex(16);
        var service = new CloudMapService(id, $"arn:aws:servicediscovery:{Account.Region}:{Account.AccountId}:service/{id}", spec.Name, ns, Account.Now)
        {
            DnsRecords = spec.DnsRecords,
            RoutingPolicy = spec.DnsRecords.Count == 0 ? null : spec.RoutingPolicy ?? "MULTIVALUE",
            HasCustomHealthCheck = spec.CustomHealthCheck,
            FailureThreshold = spec.CustomHealthCheck ? spec.FailureThreshold ?? 1 : null,
            Description = spec.Description,
            CreatorRequestId = spec.CreatorRequestId,
        };
        _services.Add(service);
        return service;
    }

    /// <summary>By id or ARN (GetService, ListInstances, RegisterInstance…), or by ARN alone as an ECS registryArn names it.</summary>
    public CloudMapService? FindService(string idOrArn) => _services.Find(s => s.Id == idOrArn || s.Arn == idOrArn);

    public CloudMapService RequireService(string idOrArn) =>
        FindService(idOrArn) ?? throw new AwsErrorException("ServiceNotFound", $"No service exists with ID: {idOrArn}");

    /// <summary>
    /// RegisterInstance: adds the instance or replaces the attributes of one with the same id. A DNS service's records need
    /// their addresses: AWS_INSTANCE_IPV4 (A), AWS_INSTANCE_IPV6 (AAAA), AWS_INSTANCE_PORT (SRV), AWS_INSTANCE_CNAME (CNAME).
    /// A new instance of a service with a custom health check starts HEALTHY (AWS_INIT_HEALTH_STATUS may say otherwise);
    /// without a health check its health is UNKNOWN.
    /// </summary>
    public CloudMapInstance RegisterInstance(CloudMapService service, string instanceId, IReadOnlyDictionary<string, string> attributes, string? creatorRequestId = null)
    {
        if (attributes.Count == 0)
        {
            throw new AwsErrorException("InvalidInput", "Attributes must contain at least one attribute.");
        }

        foreach (var (recordType, attribute) in new[] { ("A", "AWS_INSTANCE_IPV4"), ("AAAA", "AWS_INSTANCE_IPV6"), ("SRV", "AWS_INSTANCE_PORT"), ("CNAME", "AWS_INSTANCE_CNAME") })
        {
            if (service.DnsRecords.Any(r => r.Type == recordType) && !attributes.ContainsKey(attribute)
                && !(recordType == "A" && attributes.ContainsKey("AWS_INSTANCE_IPV6") && service.DnsRecords.Any(r => r.Type == "AAAA")))
            {
                throw new AwsErrorException("InvalidInput", $"The service has a {recordType} record; the instance needs the {attribute} attribute.");
            }
        }

        var initial = !service.HasCustomHealthCheck
            ? Unknown
            : attributes.TryGetValue("AWS_INIT_HEALTH_STATUS", out var init) && init == Unhealthy ? Unhealthy : Healthy;
        var existing = service.Instances.Find(i => i.Id == instanceId);
        if (existing is not null)
        {
            existing.Attributes = attributes;
        }
        else
        {
            existing = new CloudMapInstance(instanceId, attributes, initial) { CreatorRequestId = creatorRequestId };
            service.Instances.Add(existing);
        }

        service.Revision++;
        return existing;
    }

    public CloudMapInstance RequireInstance(CloudMapService service, string instanceId) =>
        service.Instances.Find(i => i.Id == instanceId)
        ?? throw new AwsErrorException("InstanceNotFound", $"No instance exists with ID: {instanceId}");

    public void DeregisterInstance(CloudMapService service, string instanceId)
    {
        service.Instances.Remove(RequireInstance(service, instanceId));
        service.Revision++;
    }

    /// <summary>UpdateInstanceCustomHealthStatus: only a service with HealthCheckCustomConfig takes it.</summary>
    public void SetCustomHealth(CloudMapService service, string instanceId, string status)
    {
        if (status is not (Healthy or Unhealthy))
        {
            throw new AwsErrorException("InvalidInput", $"Status {status} is not valid; use HEALTHY or UNHEALTHY.");
        }

        var instance = RequireInstance(service, instanceId);
        if (!service.HasCustomHealthCheck)
        {
            throw new AwsErrorException("CustomHealthNotFound", $"The service {service.Id} has no custom health check.");
        }

        if (instance.HealthStatus != status)
        {
            instance.HealthStatus = status;
            service.Revision++;
        }
    }

    /// <summary>
    /// DiscoverInstances: the instances of the service matching every query parameter, narrowed by the optional ones where
    /// any match, and by health: HEALTHY, UNHEALTHY, ALL, or HEALTHY_OR_ELSE_ALL (every instance when none is healthy).
    /// A service without a health check returns all its instances whatever the filter.
    /// </summary>
    public (CloudMapService Service, IReadOnlyList<CloudMapInstance> Instances) Discover(
        string namespaceName, string serviceName, string healthStatus,
        IReadOnlyDictionary<string, string> queryParameters, IReadOnlyDictionary<string, string> optionalParameters)
    {
        if (healthStatus is not ("HEALTHY" or "UNHEALTHY" or "ALL" or "HEALTHY_OR_ELSE_ALL"))
        {
            throw new AwsErrorException("InvalidInput", $"HealthStatus {healthStatus} is not valid; use HEALTHY, UNHEALTHY, ALL or HEALTHY_OR_ELSE_ALL.");
        }

        var ns = FindNamespaceByName(namespaceName) ?? throw new AwsErrorException("NamespaceNotFound", $"No namespace exists with name: {namespaceName}");
        var service = _services.Find(s => s.Namespace == ns && string.Equals(s.Name, serviceName, StringComparison.OrdinalIgnoreCase))
            ?? throw new AwsErrorException("ServiceNotFound", $"No service exists with name: {serviceName} in namespace {ns.Id}");

        var matching = service.Instances.Where(i => queryParameters.All(q => i.Attributes.TryGetValue(q.Key, out var v) && v == q.Value)).ToList();
        var optional = matching.Where(i => optionalParameters.All(q => i.Attributes.TryGetValue(q.Key, out var v) && v == q.Value)).ToList();
        if (optional.Count > 0)
        {
            matching = optional;
        }

        if (!service.HasCustomHealthCheck)
        {
            return (service, matching);
        }

        var healthy = matching.Where(i => i.HealthStatus == Healthy).ToList();
        return (service, healthStatus switch
        {
            "HEALTHY" => healthy,
            "UNHEALTHY" => matching.Where(i => i.HealthStatus == Unhealthy).ToList(),
            "HEALTHY_OR_ELSE_ALL" => healthy.Count > 0 ? healthy : matching,
            _ => matching,
        });
    }
}
