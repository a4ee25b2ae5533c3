using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.CloudWatch.Model;
using Kaviar.Ops.AwsServices.CloudWatchLogs.Model;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;
using Kaviar.Ops.AwsServices.SecretsManager.Model;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint;

/// <summary>
/// Reads a live service's lint subject — its task definition with tags, its tags, target groups and their
/// deregistration delay, the cluster's Container Insights, which of its log groups and secrets exist, the account's
/// alarms — with Describe and List calls only, and lints it with every rule.
/// </summary>
public sealed class ServiceReadinessReader
{
    private readonly OpsContext context;

    public ServiceReadinessReader(OpsContext context)
    {
        this.context = context;
    }

    public async Task<ReadinessReport> LintAsync(ServiceReference reference, int minimumStopTimeout, FindingSeverity minimumSeverity)
    {
        var cancellation = context.CancellationToken;
        var snapshot = await new EcsServiceLocator(context).LocateOneAsync(reference, ServiceParts.TargetGroups | ServiceParts.Tags).ConfigureAwait(false);
        var described = await TaskDefinitions.DescribeWithTagsAsync(context, snapshot.Service.TaskDefinition, true, cancellation).ConfigureAwait(false);
        var subject = new LintSubject(described.TaskDefinition, described.TaskDefinition.TaskDefinitionArn)
        {
            Region = context.Region,
            TaskDefinitionTags = described.Tags ?? new List<Tag>(),
            Service = snapshot.Service,
            ServiceTags = snapshot.Service.Tags ?? new List<Tag>(),
            TargetGroups = snapshot.TargetGroups,
            DeregistrationDelays = await DeregistrationDelaysAsync(snapshot.TargetGroups, cancellation).ConfigureAwait(false),
            ContainerInsights = await ContainerInsightsAsync(snapshot.Cluster, cancellation).ConfigureAwait(false),
            LogGroupsExist = await LogGroupsExistAsync(described.TaskDefinition, cancellation).ConfigureAwait(false),
            SecretsExist = await SecretsExistAsync(described.TaskDefinition, cancellation).ConfigureAwait(false),
            Alarms = await AlarmsAsync(cancellation).ConfigureAwait(false),
            MinimumStopTimeout = minimumStopTimeout,
        };
        var report = TaskDefinitionLinter.Lint(subject, minimumSeverity);
        report.Cluster = snapshot.Cluster;
        report.ServiceName = snapshot.ServiceName;
        return context.Stamp(report);
    }

    private async Task<IReadOnlyDictionary<string, int>> DeregistrationDelaysAsync(IReadOnlyList<TargetGroup> groups, CancellationToken cancellation)
    {
        var delays = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var attributes = await context.Elb.DescribeTargetGroupAttributesAsync(new DescribeTargetGroupAttributesRequest { TargetGroupArn = group.TargetGroupArn }, cancellation)
                .ConfigureAwait(false);
            if (attributes.Attributes?.FirstOrDefault(a => a.Key == "deregistration_delay.timeout_seconds")?.Value is { } value
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                delays[group.TargetGroupArn] = seconds;
            }
        }

        return delays;
    }

    /// <summary>enabled, enhanced or disabled; null when ECS did not say.</summary>
    private async Task<string?> ContainerInsightsAsync(string cluster, CancellationToken cancellation)
    {
        var response = await context.Ecs.DescribeClustersAsync(
            new DescribeClustersRequest { Clusters = new List<string> { cluster }, Include = new List<string> { "SETTINGS" } }, cancellation).ConfigureAwait(false);
        return response.Clusters?.FirstOrDefault()?.Settings?.FirstOrDefault(s => s.Name == "containerInsights")?.Value;
    }

    /// <summary>One DescribeLogStreams (limit 1) per log group the containers name (awslogs, or a FireLens CloudWatch output's), in its region: ResourceNotFoundException says it is missing.</summary>
    private async Task<IReadOnlyDictionary<string, bool>> LogGroupsExistAsync(TaskDefinition definition, CancellationToken cancellation)
    {
        var exists = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var location in ContainerLogLocation.Of(definition, context.Region).Where(l => l.LogGroup != null))
        {
            if (exists.ContainsKey(location.LogGroup!))
            {
                continue;
            }

            try
            {
                await context.InRegion(location.Region).Logs.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = location.LogGroup, Limit = 1 }, cancellation)
                    .ConfigureAwait(false);
                exists[location.LogGroup!] = true;
            }
            catch (AwsServices.CloudWatchLogs.Model.ResourceNotFoundException)
            {
                exists[location.LogGroup!] = false;
            }
        }

        return exists;
    }

    /// <summary>
    /// Whether each Secrets Manager secret of this account that a container names exists, from ListSecrets in the
    /// secret's region (names only, never values). SSM parameters and other accounts' secrets stay unknown.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, bool>> SecretsExistAsync(TaskDefinition definition, CancellationToken cancellation)
    {
        var references = (definition.ContainerDefinitions ?? new List<ContainerDefinition>())
            .SelectMany(c => c.Secrets ?? new List<Secret>())
            .Select(s => s.ValueFrom)
            .Where(v => v != null && v.StartsWith("arn:", StringComparison.Ordinal) && v.Split(':') is { Length: >= 7 } parts && parts[2] == "secretsmanager")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var exists = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (references.Count == 0)
        {
            return exists;
        }

        var account = await context.AccountIdAsync().ConfigureAwait(false);
        foreach (var region in references.Where(r => r.Split(':')[4] == account).GroupBy(r => r.Split(':')[3]))
        {
            var secrets = await context.InRegion(region.Key).SecretsManager.ListAllSecretsAsync(new ListSecretsRequest(), cancellation).ConfigureAwait(false);
            foreach (var reference in region)
            {
                // A partial ARN leaves out the "-" and six characters Secrets Manager adds to the name.
                var secret = TaskDefinitions.SecretIdOf(reference);
                exists[reference] = secrets.Any(s => s.ARN == secret || (s.ARN.StartsWith(secret + "-", StringComparison.Ordinal) && s.ARN.Length == secret.Length + 7));
            }
        }

        return exists;
    }

    private async Task<IReadOnlyList<MetricAlarmFact>> AlarmsAsync(CancellationToken cancellation) =>
        (await context.CloudWatch.DescribeAllAlarmsAsync(new DescribeAlarmsRequest { MaxRecords = 100 }, cancellation).ConfigureAwait(false))
            .Select(a => new MetricAlarmFact
            {
                AlarmName = a.AlarmName ?? "",
                Namespace = a.Namespace ?? "",
                MetricName = a.MetricName ?? "",
                Threshold = a.Threshold,
                ComparisonOperator = a.ComparisonOperator ?? "",
                Dimensions = (a.Dimensions ?? new List<Dimension>()).Where(d => d.Name != null)
                    .GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.First().Value ?? "", StringComparer.Ordinal),
            })
            .ToList();
}
