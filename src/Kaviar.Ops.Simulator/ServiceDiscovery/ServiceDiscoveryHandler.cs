using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.ServiceDiscovery;

/// <summary>AWS Cloud Map over JSON 1.1 (X-Amz-Target: Route53AutoNaming_v20170314.*).</summary>
public sealed class ServiceDiscoveryHandler : IServiceHandler
{
    private const int MaxPageSize = 100;
    private const int MaxDiscoverResults = 1000;
    private readonly AccountState _state;

    public ServiceDiscoveryHandler(AccountState state) => _state = state;

    public string ServiceName => ServiceProtocols.ServiceDiscovery.ServiceName;

    private ServiceDiscoveryState CloudMap => _state.ServiceDiscovery;

    public bool IsMutating(string action) => !ServiceProtocols.IsReadOnlyAction(action);

    public SimulatedResponse Handle(SimulatedRequest request)
    {
        var args = new JsonArgs(request.JsonBody);
        return JsonWire.Ok(request.Action switch
        {
            "CreatePrivateDnsNamespace" => CreatePrivateDnsNamespace(args),
            "CreateHttpNamespace" => CreateHttpNamespace(args),
            "GetNamespace" => new JsonObject { ["Namespace"] = Namespace(CloudMap.RequireNamespace(Required(args, "Id")), withCreator: true) },
            "ListNamespaces" => ListNamespaces(args),
            "CreateService" => CreateService(args),
            "GetService" => new JsonObject { ["Service"] = Service(CloudMap.RequireService(Required(args, "Id")), detail: true) },
            "ListServices" => ListServices(args),
            "RegisterInstance" => RegisterInstance(args),
            "DeregisterInstance" => DeregisterInstance(args),
            "GetInstance" => GetInstance(args),
            "ListInstances" => ListInstances(args),
            "GetInstancesHealthStatus" => GetInstancesHealthStatus(args),
            "UpdateInstanceCustomHealthStatus" => UpdateInstanceCustomHealthStatus(args),
            "DiscoverInstances" => DiscoverInstances(args),
            "GetOperation" => GetOperation(args),
            _ => throw AwsErrors.UnknownAction(ServiceProtocols.ServiceDiscovery, request.Action),
        });
    }

    private JsonObject CreatePrivateDnsNamespace(JsonArgs args)
    {
        var ns = CloudMap.AddPrivateDnsNamespace(Required(args, "Name"), Required(args, "Vpc"), args.String("Description"), args.String("CreatorRequestId"));
        return Operation(CloudMap.CompletedOperation("CREATE_NAMESPACE", "NAMESPACE", ns.Id));
    }

    private JsonObject CreateHttpNamespace(JsonArgs args)
    {
        var ns = CloudMap.AddHttpNamespace(Required(args, "Name"), args.String("Description"), args.String("CreatorRequestId"));
        return Operation(CloudMap.CompletedOperation("CREATE_NAMESPACE", "NAMESPACE", ns.Id));
    }

    private JsonObject ListNamespaces(JsonArgs args)
    {
        var namespaces = CloudMap.Namespaces.Where(ns => args.Objects("Filters").All(filter => filter.RequiredString("Name") switch
        {
            "TYPE" => Matches(filter, ns.Type),
            "NAME" => Matches(filter, ns.Name),
            "HTTP_NAME" => Matches(filter, ns.Name),
            "RESOURCE_OWNER" => Matches(filter, _state.AccountId),
            var other => throw new AwsErrorException("InvalidInput", $"Filter name {other} is not valid; use TYPE, NAME, HTTP_NAME or RESOURCE_OWNER."),
        })).ToList();
        var (page, next) = Page(namespaces, args);
        return new JsonObject { ["Namespaces"] = page.ToJsonArray(ns => Namespace(ns, withCreator: false)) }.AddIfPresent("NextToken", next);
    }

    private JsonObject CreateService(JsonArgs args)
    {
        var dns = args.Object("DnsConfig");
        var namespaceId = args.String("NamespaceId") ?? dns.String("NamespaceId")
            ?? throw new AwsErrorException("InvalidInput", "NamespaceId must be specified, as a parameter or in DnsConfig.");
        if (args.Element("HealthCheckConfig") is not null && args.Element("HealthCheckCustomConfig") is not null)
        {
            throw new AwsErrorException("InvalidInput", "HealthCheckConfig and HealthCheckCustomConfig cannot both be specified.");
        }

        // Route 53 health checks probe public addresses: only public DNS namespaces take them, and this account has none.
        if (args.Element("HealthCheckConfig") is not null)
        {
            throw new AwsErrorException("InvalidInput", "HealthCheckConfig is supported only for services in public DNS namespaces.");
        }

        var service = CloudMap.AddService(new CloudMapServiceSpec
        {
            Name = Required(args, "Name"),
            NamespaceId = namespaceId,
            DnsRecords = dns.Objects("DnsRecords").Select(r => new DnsRecord(r.RequiredString("Type"), r.Long("TTL")
                ?? throw new AwsErrorException("InvalidInput", "Every DNS record needs a TTL."))).ToList(),
            RoutingPolicy = dns.String("RoutingPolicy"),
            CustomHealthCheck = args.Element("HealthCheckCustomConfig") is not null,
            FailureThreshold = args.Object("HealthCheckCustomConfig").Int("FailureThreshold"),
            Description = args.String("Description"),
            CreatorRequestId = args.String("CreatorRequestId"),
        });
        return new JsonObject { ["Service"] = Service(service, detail: true) };
    }

    private JsonObject ListServices(JsonArgs args)
    {
        var services = CloudMap.Services.Where(s => args.Objects("Filters").All(filter => filter.RequiredString("Name") switch
        {
            "NAMESPACE_ID" => Matches(filter, s.Namespace.Id),
            "RESOURCE_OWNER" => Matches(filter, _state.AccountId),
            var other => throw new AwsErrorException("InvalidInput", $"Filter name {other} is not valid; use NAMESPACE_ID or RESOURCE_OWNER."),
        })).ToList();
        var (page, next) = Page(services, args);
        return new JsonObject { ["Services"] = page.ToJsonArray(s => Service(s, detail: false)) }.AddIfPresent("NextToken", next);
    }

    private JsonObject RegisterInstance(JsonArgs args)
    {
        var service = CloudMap.RequireService(Required(args, "ServiceId"));
        var attributes = Attributes(args, "Attributes");
        var instance = CloudMap.RegisterInstance(service, Required(args, "InstanceId"), attributes, args.String("CreatorRequestId"));
        return Operation(CloudMap.CompletedOperation("REGISTER_INSTANCE", "INSTANCE", instance.Id));
    }

    private JsonObject DeregisterInstance(JsonArgs args)
    {
        var service = CloudMap.RequireService(Required(args, "ServiceId"));
        var instanceId = Required(args, "InstanceId");
        CloudMap.DeregisterInstance(service, instanceId);
        return Operation(CloudMap.CompletedOperation("DEREGISTER_INSTANCE", "INSTANCE", instanceId));
    }

    private JsonObject GetInstance(JsonArgs args)
    {
        var service = CloudMap.RequireService(Required(args, "ServiceId"));
        var instance = CloudMap.RequireInstance(service, Required(args, "InstanceId"));
        return new JsonObject
        {
            ["ResourceOwner"] = _state.AccountId,
            ["Instance"] = new JsonObject { ["Id"] = instance.Id, ["Attributes"] = AttributeMap(instance) }.AddIfPresent("CreatorRequestId", instance.CreatorRequestId),
        };
    }

    private JsonObject ListInstances(JsonArgs args)
    {
        var service = CloudMap.RequireService(Required(args, "ServiceId"));
        var (page, next) = Page(service.Instances, args);
        return new JsonObject
        {
            ["ResourceOwner"] = _state.AccountId,
            ["Instances"] = page.ToJsonArray(i => new JsonObject
            {
                ["Id"] = i.Id,
                ["Attributes"] = AttributeMap(i),
                ["CreatedByAccount"] = _state.AccountId,
            }),
        }.AddIfPresent("NextToken", next);
    }

    private JsonObject GetInstancesHealthStatus(JsonArgs args)
    {
        var service = CloudMap.RequireService(Required(args, "ServiceId"));
        var named = args.Strings("Instances");
        var instances = named.Count == 0 ? service.Instances : named.Select(id => CloudMap.RequireInstance(service, id)).ToList();
        var (page, next) = Page(instances, args);
        var status = new JsonObject();
        foreach (var instance in page)
        {
            status[instance.Id] = instance.HealthStatus;
        }

        return new JsonObject { ["Status"] = status }.AddIfPresent("NextToken", next);
    }

    private JsonObject UpdateInstanceCustomHealthStatus(JsonArgs args)
    {
        var service = CloudMap.RequireService(Required(args, "ServiceId"));
        CloudMap.SetCustomHealth(service, Required(args, "InstanceId"), Required(args, "Status"));
        return new JsonObject();
    }

    private JsonObject DiscoverInstances(JsonArgs args)
    {
        var maxResults = args.Int("MaxResults") ?? 100;
        if (maxResults is < 1 or > MaxDiscoverResults)
        {
            throw new AwsErrorException("InvalidInput", $"MaxResults must be between 1 and {MaxDiscoverResults}.");
        }

        var (service, instances) = CloudMap.Discover(
            Required(args, "NamespaceName"), Required(args, "ServiceName"), args.String("HealthStatus") ?? "HEALTHY",
            Attributes(args, "QueryParameters"), Attributes(args, "OptionalParameters"));
        return new JsonObject
        {
            ["Instances"] = instances.Take(maxResults).ToJsonArray(i => new JsonObject
            {
                ["InstanceId"] = i.Id,
                ["NamespaceName"] = service.Namespace.Name,
                ["ServiceName"] = service.Name,
                ["HealthStatus"] = i.HealthStatus,
                ["Attributes"] = AttributeMap(i),
            }),
            ["InstancesRevision"] = service.Revision,
        };
    }

    private JsonObject GetOperation(JsonArgs args)
    {
        var operation = CloudMap.RequireOperation(Required(args, "OperationId"));
        var targets = new JsonObject();
        foreach (var (type, id) in operation.Targets)
        {
            targets[type] = id;
        }

        return new JsonObject
        {
            ["Operation"] = new JsonObject
            {
                ["Id"] = operation.Id,
                ["OwnerAccount"] = _state.AccountId,
                ["Type"] = operation.Type,
                ["Status"] = operation.Status,
                ["CreateDate"] = JsonWire.EpochSeconds(operation.CreateDate),
                ["UpdateDate"] = JsonWire.EpochSeconds(operation.CreateDate),
                ["Targets"] = targets,
            },
        };
    }

    private JsonObject Namespace(CloudMapNamespace ns, bool withCreator)
    {
        var properties = new JsonObject { ["HttpProperties"] = new JsonObject { ["HttpName"] = ns.Name } };
        if (ns.IsDns)
        {
            properties["DnsProperties"] = new JsonObject { ["HostedZoneId"] = ns.HostedZoneId, ["SOA"] = new JsonObject { ["TTL"] = 15 } };
        }

        var json = new JsonObject
        {
            ["Id"] = ns.Id,
            ["Arn"] = ns.Arn,
            ["ResourceOwner"] = _state.AccountId,
            ["Name"] = ns.Name,
            ["Type"] = ns.Type,
            ["ServiceCount"] = CloudMap.Services.Count(s => s.Namespace == ns),
            ["Properties"] = properties,
            ["CreateDate"] = JsonWire.EpochSeconds(ns.CreateDate),
        }.AddIfPresent("Description", ns.Description);
        return withCreator ? json.AddIfPresent("CreatorRequestId", ns.CreatorRequestId) : json;
    }

    private JsonObject Service(CloudMapService service, bool detail)
    {
        var json = new JsonObject
        {
            ["Id"] = service.Id,
            ["Arn"] = service.Arn,
            ["ResourceOwner"] = _state.AccountId,
            ["Name"] = service.Name,
            ["Type"] = service.DnsRecords.Count > 0 ? "DNS_HTTP" : "HTTP",
            ["InstanceCount"] = service.Instances.Count,
            ["CreateDate"] = JsonWire.EpochSeconds(service.CreateDate),
            ["CreatedByAccount"] = _state.AccountId,
        }.AddIfPresent("Description", service.Description);
        if (service.DnsRecords.Count > 0)
        {
            var dnsConfig = new JsonObject
            {
                ["RoutingPolicy"] = service.RoutingPolicy,
                ["DnsRecords"] = service.DnsRecords.ToJsonArray(r => new JsonObject { ["Type"] = r.Type, ["TTL"] = r.Ttl }),
            };
            if (detail)
            {
                // The deprecated DnsConfig.NamespaceId is still returned by GetService and CreateService.
                dnsConfig["NamespaceId"] = service.Namespace.Id;
            }

            json["DnsConfig"] = dnsConfig;
        }

        if (service.HasCustomHealthCheck)
        {
            json["HealthCheckCustomConfig"] = new JsonObject { ["FailureThreshold"] = service.FailureThreshold };
        }

        if (detail)
        {
            json["NamespaceId"] = service.Namespace.Id;
            json.AddIfPresent("CreatorRequestId", service.CreatorRequestId);
        }

        return json;
    }

    private static JsonObject Operation(CloudMapOperation operation) => new() { ["OperationId"] = operation.Id };

    private static JsonObject AttributeMap(CloudMapInstance instance)
    {
        var map = new JsonObject();
        foreach (var (name, value) in instance.Attributes)
        {
            map[name] = value;
        }

        return map;
    }

    private static Dictionary<string, string> Attributes(JsonArgs args, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (args.Element(name) is { } element)
        {
            foreach (var property in element.EnumerateObject())
            {
                map[property.Name] = property.Value.GetString() ?? string.Empty;
            }
        }

        return map;
    }

    /// <summary>EQ (the default), IN, or BEGINS_WITH (NAME only in AWS; accepted for any string here).</summary>
    private static bool Matches(JsonArgs filter, string value)
    {
        var values = filter.Strings("Values");
        return (filter.String("Condition") ?? "EQ") switch
        {
            "EQ" => values.Count == 1 ? values[0] == value : throw new AwsErrorException("InvalidInput", "The EQ condition takes exactly one value."),
            "IN" => values.Contains(value),
            "BEGINS_WITH" => values.Count == 1 && value.StartsWith(values[0], StringComparison.Ordinal),
            var other => throw new AwsErrorException("InvalidInput", $"Condition {other} is not valid; use EQ, IN or BEGINS_WITH."),
        };
    }

    private static (IReadOnlyList<T> Page, string? Next) Page<T>(IReadOnlyList<T> items, JsonArgs args)
    {
        var size = args.Int("MaxResults") ?? MaxPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            throw new AwsErrorException("InvalidInput", $"MaxResults must be between 1 and {MaxPageSize}.");
        }

        return PageToken.Slice(items, args.String("NextToken"), size, () => new AwsErrorException("InvalidInput", "The NextToken is not valid."));
    }

    private static string Required(JsonArgs args, string name) =>
        args.String(name) ?? throw new AwsErrorException("InvalidInput", $"1 validation error detected: Value null at '{char.ToLowerInvariant(name[0]) + name[1..]}' failed to satisfy constraint: Member must not be null");
}
