using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
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
/// alarms — with Describe and List calls only, and lints it with every rule. Only DescribeServices and
/// DescribeTaskDefinition are required: a read the caller's policy denies leaves its fact unknown, and the rules that
/// need it are skipped naming the action.
/// </summary>
public sealed class ServiceReadinessReader
{
    private const string DescribeTargetGroupsAction = "elasticloadbalancing:DescribeTargetGroups";
    private readonly OpsContext context;

    public ServiceReadinessReader(OpsContext context)
    {
        this.context = context;
    }

    public async Task<ReadinessReport> LintAsync(ServiceReference reference, int minimumStopTimeout, FindingSeverity minimumSeverity)
    {
        var cancellation = context.CancellationToken;
        var (snapshot, targetGroupsDenied) = await LocateAsync(reference).ConfigureAwait(false);
        var described = await TaskDefinitions.DescribeWithTagsAsync(context, snapshot.Service.TaskDefinition, true, cancellation).ConfigureAwait(false);
        var definition = described.TaskDefinition;
        var subject = new LintSubject(definition, definition.TaskDefinitionArn)
        {
            Region = context.Region,
            TaskDefinitionTags = described.Tags ?? new List<Tag>(),
            Service = snapshot.Service,
            ServiceTags = snapshot.Service.Tags ?? new List<Tag>(),
            TargetGroups = targetGroupsDenied ? null : snapshot.TargetGroups,
            MinimumStopTimeout = minimumStopTimeout,
        };
        if (targetGroupsDenied)
        {
            subject.DeniedReads[nameof(LintSubject.TargetGroups)] = DescribeTargetGroupsAction;
        }
        else
        {
            subject.DeregistrationDelays = await UnlessDeniedAsync(subject, nameof(LintSubject.DeregistrationDelays),
                "elasticloadbalancing:DescribeTargetGroupAttributes", () => DeregistrationDelaysAsync(snapshot.TargetGroups, cancellation)).ConfigureAwait(false);
        }

        subject.ContainerInsights = await UnlessDeniedAsync(subject, nameof(LintSubject.ContainerInsights), "ecs:DescribeClusters",
            () => ContainerInsightsAsync(snapshot.Cluster, cancellation)).ConfigureAwait(false);
        subject.LogGroupsExist = await UnlessDeniedAsync(subject, nameof(LintSubject.LogGroupsExist), "logs:DescribeLogStreams",
            () => LogGroupsExistAsync(definition, cancellation)).ConfigureAwait(false);
        subject.SecretsExist = await SecretsExistAsync(subject, cancellation).ConfigureAwait(false);
        subject.Alarms = await UnlessDeniedAsync(subject, nameof(LintSubject.Alarms), "cloudwatch:DescribeAlarms", () => AlarmsAsync(cancellation)).ConfigureAwait(false);

        var report = TaskDefinitionLinter.Lint(subject, minimumSeverity);
        report.Cluster = snapshot.Cluster;
        report.ServiceName = snapshot.ServiceName;
        report.Warnings = subject.DeniedReads.Values.Distinct().Select(action =>
            $"AWS denied {action} to this identity: the rules that need what it reads are skipped (see Skipped). Allow it in the role's policy to judge them.").ToList();
        return context.Stamp(report);
    }

    /// <summary>
    /// The service with its tags and target groups. DescribeServices is what every rule judges, so its failure ends the
    /// lint; target groups the caller may not describe are left out (true) and the service is described again without them.
    /// </summary>
    private async Task<(ServiceSnapshot Snapshot, bool TargetGroupsDenied)> LocateAsync(ServiceReference reference)
    {
        var locator = new EcsServiceLocator(context);
        try
        {
            return (await locator.LocateOneAsync(reference, ServiceParts.TargetGroups | ServiceParts.Tags).ConfigureAwait(false), false);
        }
        catch (AmazonServiceException ex) when (AwsFailures.IsAccessDenied(ex))
        {
            // The locator turns DescribeServices' failures into its own errors; what comes through raw is DescribeTargetGroups'.
            return (await locator.LocateOneAsync(reference, ServiceParts.Tags).ConfigureAwait(false), true);
        }
    }

    /// <summary>
    /// A read the lint can do without: when AWS refuses <paramref name="iamAction"/>, the fact stays unknown (null) and
    /// the rules that need it are skipped naming the action, while every other rule still runs.
    /// </summary>
    private static async Task<T?> UnlessDeniedAsync<T>(LintSubject subject, string fact, string iamAction, Func<Task<T>> read)
        where T : class?
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (AmazonServiceException ex) when (AwsFailures.IsAccessDenied(ex))
        {
            subject.DeniedReads[fact] = iamAction;
            return null;
        }
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
    /// secret's region (names only, never values). SSM parameters and other accounts' secrets stay unknown; so do all,
    /// naming the action, when AWS refuses the caller's identity or ListSecrets.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, bool>?> SecretsExistAsync(LintSubject subject, CancellationToken cancellation)
    {
        var references = subject.Containers()
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

        var fact = nameof(LintSubject.SecretsExist);
        var account = await UnlessDeniedAsync(subject, fact, "sts:GetCallerIdentity", () => context.AccountIdAsync()).ConfigureAwait(false);
        if (account == null)
        {
            return null;
        }

        foreach (var region in references.Where(r => r.Split(':')[4] == account).GroupBy(r => r.Split(':')[3]))
        {
            var secrets = await UnlessDeniedAsync(subject, fact, "secretsmanager:ListSecrets",
                () => context.InRegion(region.Key).SecretsManager.ListAllSecretsAsync(new ListSecretsRequest(), cancellation)).ConfigureAwait(false);
            if (secrets == null)
            {
                return null;
            }

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
