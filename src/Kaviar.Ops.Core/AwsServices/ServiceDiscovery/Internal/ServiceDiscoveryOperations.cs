using System;
using System.Text.Json;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.Internal;
using Kaviar.Ops.AwsServices.ServiceDiscovery.Model;

namespace Kaviar.Ops.AwsServices.ServiceDiscovery.Internal;

/// <summary>Wire mapping of the Cloud Map operations (awsJson1_1, target Route53AutoNaming_v20170314, epoch-second timestamps).</summary>
internal static class ServiceDiscoveryOperations
{
    internal static readonly ServiceOperation<GetNamespaceRequest, GetNamespaceResponse> GetNamespace = Operation<GetNamespaceRequest, GetNamespaceResponse>(
        "GetNamespace",
        (w, r) => w.Opt("Id", r.Id),
        body => new GetNamespaceResponse { Namespace = body.Obj("Namespace", ReadNamespace) });

    internal static readonly ServiceOperation<ListNamespacesRequest, ListNamespacesResponse> ListNamespaces = Operation<ListNamespacesRequest, ListNamespacesResponse>(
        "ListNamespaces",
        (w, r) =>
        {
            w.Opt("Filters", r.Filters, (fw, f) => WriteFilter(fw, f.Name, f.Values, f.Condition));
            w.Opt("MaxResults", r.MaxResults);
            w.Opt("NextToken", r.NextToken);
        },
        body => new ListNamespacesResponse
        {
            Namespaces = body.List("Namespaces", e => new NamespaceSummary
            {
                Id = e.Str("Id"),
                Arn = e.Str("Arn"),
                ResourceOwner = e.Str("ResourceOwner"),
                Name = e.Str("Name"),
                Type = e.Str("Type"),
                Description = e.Str("Description"),
                ServiceCount = e.Int("ServiceCount"),
                Properties = e.Obj("Properties", ReadProperties),
                CreateDate = e.EpochSeconds("CreateDate"),
            }),
            NextToken = body.Str("NextToken"),
        });

    internal static readonly ServiceOperation<GetServiceRequest, GetServiceResponse> GetService = Operation<GetServiceRequest, GetServiceResponse>(
        "GetService",
        (w, r) => w.Opt("Id", r.Id),
        body => new GetServiceResponse
        {
            Service = body.Obj("Service", e => new ServiceInfo
            {
                Id = e.Str("Id"),
                Arn = e.Str("Arn"),
                ResourceOwner = e.Str("ResourceOwner"),
                Name = e.Str("Name"),
                NamespaceId = e.Str("NamespaceId"),
                Description = e.Str("Description"),
                InstanceCount = e.Int("InstanceCount"),
                DnsConfig = e.Obj("DnsConfig", ReadDnsConfig),
                Type = e.Str("Type"),
                HealthCheckCustomConfig = e.Obj("HealthCheckCustomConfig", ReadCustomConfig),
                CreateDate = e.EpochSeconds("CreateDate"),
                CreatorRequestId = e.Str("CreatorRequestId"),
                CreatedByAccount = e.Str("CreatedByAccount"),
            }),
        });

    internal static readonly ServiceOperation<ListServicesRequest, ListServicesResponse> ListServices = Operation<ListServicesRequest, ListServicesResponse>(
        "ListServices",
        (w, r) =>
        {
            w.Opt("Filters", r.Filters, (fw, f) => WriteFilter(fw, f.Name, f.Values, f.Condition));
            w.Opt("MaxResults", r.MaxResults);
            w.Opt("NextToken", r.NextToken);
        },
        body => new ListServicesResponse
        {
            Services = body.List("Services", e => new ServiceSummary
            {
                Id = e.Str("Id"),
                Arn = e.Str("Arn"),
                ResourceOwner = e.Str("ResourceOwner"),
                Name = e.Str("Name"),
                Type = e.Str("Type"),
                Description = e.Str("Description"),
                InstanceCount = e.Int("InstanceCount"),
                DnsConfig = e.Obj("DnsConfig", ReadDnsConfig),
                HealthCheckCustomConfig = e.Obj("HealthCheckCustomConfig", ReadCustomConfig),
                CreateDate = e.EpochSeconds("CreateDate"),
                CreatedByAccount = e.Str("CreatedByAccount"),
            }),
            NextToken = body.Str("NextToken"),
        });

    internal static readonly ServiceOperation<ListInstancesRequest, ListInstancesResponse> ListInstances = Operation<ListInstancesRequest, ListInstancesResponse>(
        "ListInstances",
        (w, r) =>
        {
            w.Opt("ServiceId", r.ServiceId);
            w.Opt("MaxResults", r.MaxResults);
            w.Opt("NextToken", r.NextToken);
        },
        body => new ListInstancesResponse
        {
            ResourceOwner = body.Str("ResourceOwner"),
            Instances = body.List("Instances", e => new InstanceSummary
            {
                Id = e.Str("Id"),
                Attributes = e.Map("Attributes"),
                CreatedByAccount = e.Str("CreatedByAccount"),
            }),
            NextToken = body.Str("NextToken"),
        });

    internal static readonly ServiceOperation<GetInstancesHealthStatusRequest, GetInstancesHealthStatusResponse> GetInstancesHealthStatus =
        Operation<GetInstancesHealthStatusRequest, GetInstancesHealthStatusResponse>(
            "GetInstancesHealthStatus",
            (w, r) =>
            {
                w.Opt("ServiceId", r.ServiceId);
                w.Opt("Instances", r.Instances);
                w.Opt("MaxResults", r.MaxResults);
                w.Opt("NextToken", r.NextToken);
            },
            body => new GetInstancesHealthStatusResponse { Status = body.Map("Status"), NextToken = body.Str("NextToken") });

    internal static readonly ServiceOperation<DiscoverInstancesRequest, DiscoverInstancesResponse> DiscoverInstances = Operation<DiscoverInstancesRequest, DiscoverInstancesResponse>(
        "DiscoverInstances",
        (w, r) =>
        {
            w.Opt("NamespaceName", r.NamespaceName);
            w.Opt("ServiceName", r.ServiceName);
            w.Opt("MaxResults", r.MaxResults);
            w.Opt("QueryParameters", r.QueryParameters);
            w.Opt("OptionalParameters", r.OptionalParameters);
            w.Opt("HealthStatus", r.HealthStatus);
            w.Opt("OwnerAccount", r.OwnerAccount);
        },
        body => new DiscoverInstancesResponse
        {
            Instances = body.List("Instances", e => new HttpInstanceSummary
            {
                InstanceId = e.Str("InstanceId"),
                NamespaceName = e.Str("NamespaceName"),
                ServiceName = e.Str("ServiceName"),
                HealthStatus = e.Str("HealthStatus"),
                Attributes = e.Map("Attributes"),
            }),
            InstancesRevision = body.Long("InstancesRevision"),
        },
        hostPrefix: "data-");

    private static Namespace ReadNamespace(JsonElement e) => new Namespace
    {
        Id = e.Str("Id"),
        Arn = e.Str("Arn"),
        ResourceOwner = e.Str("ResourceOwner"),
        Name = e.Str("Name"),
        Type = e.Str("Type"),
        Description = e.Str("Description"),
        ServiceCount = e.Int("ServiceCount"),
        Properties = e.Obj("Properties", ReadProperties),
        CreateDate = e.EpochSeconds("CreateDate"),
        CreatorRequestId = e.Str("CreatorRequestId"),
    };

    private static NamespaceProperties ReadProperties(JsonElement e) => new NamespaceProperties
    {
        DnsProperties = e.Obj("DnsProperties", d => new DnsProperties
        {
            HostedZoneId = d.Str("HostedZoneId"),
            SOA = d.Obj("SOA", s => new SOA { TTL = s.Long("TTL") }),
        }),
        HttpProperties = e.Obj("HttpProperties", h => new HttpProperties { HttpName = h.Str("HttpName") }),
    };

    private static DnsConfig ReadDnsConfig(JsonElement e) => new DnsConfig
    {
        NamespaceId = e.Str("NamespaceId"),
        RoutingPolicy = e.Str("RoutingPolicy"),
        DnsRecords = e.List("DnsRecords", r => new DnsRecord { Type = r.Str("Type"), TTL = r.Long("TTL") }),
    };

    private static HealthCheckCustomConfig ReadCustomConfig(JsonElement e) => new HealthCheckCustomConfig { FailureThreshold = e.Int("FailureThreshold") };

    private static void WriteFilter(Utf8JsonWriter writer, string name, System.Collections.Generic.List<string> values, string condition)
    {
        writer.Opt("Name", name);
        writer.Opt("Values", values);
        writer.Opt("Condition", condition);
    }

    private static ServiceOperation<TRequest, TResponse> Operation<TRequest, TResponse>(
        string name, Action<Utf8JsonWriter, TRequest> writeMembers, Func<JsonElement, TResponse> read, string? hostPrefix = null)
        where TRequest : AmazonWebServiceRequest
        where TResponse : AmazonWebServiceResponse, new() =>
        new ServiceOperation<TRequest, TResponse>(
            new JsonRpcRequestMarshaller<TRequest>("Amazon.ServiceDiscovery", "Route53AutoNaming_v20170314." + name, "2017-03-14", writeMembers, hostPrefix: hostPrefix),
            new JsonRpcResponseUnmarshaller<TResponse>(read, ServiceDiscoveryErrors.Create));
}
