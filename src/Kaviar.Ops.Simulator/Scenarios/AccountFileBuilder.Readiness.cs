using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.CloudWatch;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.ServiceDiscovery;

namespace Kaviar.Ops.Simulator;

/// <summary>
/// "serviceDiscovery" (Cloud Map private DNS namespaces and their services), a service's "serviceRegistries", and
/// "alarms" (CloudWatch metric alarms):
/// <code>
/// "serviceDiscovery": [ { "namespace": "internal.shop.local", "vpc": "shop", "services": [
///   { "name": "observability", "dnsRecords": [ { "type": "A", "ttl": 60 } ], "healthCheckCustomConfig": { "failureThreshold": 1 } } ] } ],
/// "services": [ { …, "serviceRegistries": [ { "registry": "observability.internal.shop.local", "containerName": "otel" } ] } ],
/// "alarms": [ { "name": "api-cpu", "namespace": "AWS/ECS", "metricName": "CPUUtilization", "statistic": "Average", "period": 60,
///   "evaluationPeriods": 5, "threshold": 80, "comparisonOperator": "GreaterThanThreshold",
///   "dimensions": { "ClusterName": "shop-cluster", "ServiceName": "shop-api" } } ]
/// </code>
/// A registry names its Cloud Map service as service.namespace. An alarm dimension's value may say
/// <c>targetGroup:NAME</c> or <c>loadBalancer:NAME</c> for what CloudWatch takes there (targetgroup/…, app/…: ids are generated).
/// </summary>
internal sealed partial class AccountFileBuilder
{
    public const string TargetGroupDimension = "targetGroup:";
    public const string LoadBalancerDimension = "loadBalancer:";

    private void AddNamespace(AccountFileNode node)
    {
        var vpc = Named(node.Required("vpc"), "VPC", Ec2.Vpcs, v => v.Name);
        var ns = _state.ServiceDiscovery.AddPrivateDnsNamespace(node.RequiredString("namespace"), vpc.VpcId, node.String("description"));
        ForEach(node.Items("services"), service => _state.ServiceDiscovery.AddService(new CloudMapServiceSpec
        {
            Name = service.RequiredString("name"),
            NamespaceId = ns.Id,
            DnsRecords = service.Items("dnsRecords").Select(r => new DnsRecord(r.RequiredString("type"), r.Int("ttl") ?? 60)).ToList(),
            CustomHealthCheck = service.Member("healthCheckCustomConfig") is not null,
            FailureThreshold = service.Member("healthCheckCustomConfig")?.Int("failureThreshold"),
            Description = service.String("description"),
        }));
    }

    private ServiceRegistry RegistryOf(AccountFileNode node)
    {
        var registry = node.Required("registry");
        var service = Named(registry, "Cloud Map service (service.namespace)", _state.ServiceDiscovery.Services, s => $"{s.Name}.{s.Namespace.Name}");
        return new ServiceRegistry(service.Arn, node.Int("port"), node.String("containerName"), node.Int("containerPort"));
    }

    private void AddAlarm(AccountFileNode node)
    {
        var name = node.RequiredString("name");
        _state.CloudWatch.Put(new MetricAlarm
        {
            Name = name,
            Arn = _state.CloudWatch.AlarmArn(name),
            Namespace = node.RequiredString("namespace"),
            MetricName = node.RequiredString("metricName"),
            Statistic = node.String("statistic"),
            Dimensions = node.Properties("dimensions").Select(d => KeyValuePair.Create(d.Name, DimensionValue(d.Value))).ToList(),
            Period = node.Int("period") ?? 60,
            EvaluationPeriods = node.Int("evaluationPeriods") ?? 1,
            Threshold = node.Double("threshold") ?? 0,
            ComparisonOperator = node.RequiredString("comparisonOperator"),
            ConfigurationUpdatedAt = _state.Now,
        });
    }

    /// <summary>A dimension value as written, or the ARN suffix CloudWatch takes for a target group or load balancer named in the file.</summary>
    private string DimensionValue(AccountFileNode value)
    {
        var text = value.AsString();
        if (text.StartsWith(TargetGroupDimension, StringComparison.Ordinal))
        {
            return Named(value, "target group", Elbv2.TargetGroups, t => TargetGroupDimension + t.TargetGroupName).MetricDimension;
        }

        if (text.StartsWith(LoadBalancerDimension, StringComparison.Ordinal))
        {
            return Named(value, "load balancer", Elbv2.LoadBalancers, l => LoadBalancerDimension + l.LoadBalancerName).MetricDimension;
        }

        return text;
    }
}
