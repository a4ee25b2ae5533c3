using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.AwsServices.ECS.Model;
using TargetGroup = Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model.TargetGroup;

namespace Kaviar.Ops.Lint;

/// <summary>
/// What the lint rules read: a task definition with its tags, and the live facts around it when they were read (the
/// service, its target groups, which log groups and secrets exist). A fact left null is unknown (a file linted
/// offline, or a part this version does not read), and a rule that needs it skips, saying which fact it lacked.
/// </summary>
public sealed class LintSubject
{
    public LintSubject(TaskDefinition taskDefinition, string source)
    {
        TaskDefinition = taskDefinition;
        Source = source;
    }

    public TaskDefinition TaskDefinition { get; }

    /// <summary>Where the task definition came from: its ARN, or the file's path.</summary>
    public string Source { get; }

    /// <summary>The region the task definition runs in, when known: the one its awslogs options default to.</summary>
    public string? Region { get; set; }

    /// <summary>The task definition's tags (a file's "tags", or DescribeTaskDefinition's).</summary>
    public IReadOnlyList<Tag> TaskDefinitionTags { get; set; } = Array.Empty<Tag>();

    /// <summary>The service running it; null offline.</summary>
    public Service? Service { get; set; }

    /// <summary>The service's tags; null when they were not read.</summary>
    public IReadOnlyList<Tag>? ServiceTags { get; set; }

    /// <summary>The target groups of the service's load balancer entries; null offline.</summary>
    public IReadOnlyList<TargetGroup>? TargetGroups { get; set; }

    /// <summary>Each target group's deregistration_delay.timeout_seconds by ARN; null when not read.</summary>
    public IReadOnlyDictionary<string, int>? DeregistrationDelays { get; set; }

    /// <summary>Whether each awslogs group the containers name exists, by name; null offline.</summary>
    public IReadOnlyDictionary<string, bool>? LogGroupsExist { get; set; }

    /// <summary>Whether each Secrets Manager secret the containers name exists, by valueFrom; null offline.</summary>
    public IReadOnlyDictionary<string, bool>? SecretsExist { get; set; }

    /// <summary>The cluster's containerInsights setting (enabled, enhanced, disabled); null when not read.</summary>
    public string? ContainerInsights { get; set; }

    /// <summary>The metric alarms of the service's and its target groups' dimensions; null when not read.</summary>
    public IReadOnlyList<MetricAlarmFact>? Alarms { get; set; }

    /// <summary>The least stopTimeout, in seconds, the application needs to shut down gracefully.</summary>
    public int MinimumStopTimeout { get; set; } = LintOptions.DefaultMinimumStopTimeout;

    /// <summary>
    /// The IAM action AWS refused for each live fact left unknown (by the fact's property name: Alarms →
    /// cloudwatch:DescribeAlarms), so the rules that need it say so instead of the whole lint failing.
    /// </summary>
    public IDictionary<string, string> DeniedReads { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Why a rule lacks <paramref name="description"/>: the denied action when AWS refused a read of one of
    /// <paramref name="facts"/>, else that it is read only for a live service.
    /// </summary>
    public string Lacking(string description, params string[] facts)
    {
        var denied = facts.Where(DeniedReads.ContainsKey).Select(f => DeniedReads[f]).Distinct().ToList();
        return denied.Count == 0 ? description + " (read only for a live service)" : $"{description} ({string.Join(", ", denied)} denied)";
    }

    /// <summary>True when the task runs on Fargate: it requires FARGATE, or the service launches it there.</summary>
    public bool RunsOnFargate =>
        TaskDefinition.RequiresCompatibilities?.Contains("FARGATE") == true
        || Service?.LaunchType == "FARGATE"
        || Service?.CapacityProviderStrategy?.Exists(s => s.CapacityProvider?.StartsWith("FARGATE", StringComparison.Ordinal) == true) == true;
}

/// <summary>A metric alarm as the recommended-alarms rule reads it: what it measures, on which dimensions, and its threshold.</summary>
public sealed class MetricAlarmFact
{
    public string AlarmName { get; set; } = "";

    public string Namespace { get; set; } = "";

    public string MetricName { get; set; } = "";

    public IReadOnlyDictionary<string, string> Dimensions { get; set; } = new Dictionary<string, string>();

    public double? Threshold { get; set; }

    /// <summary>GreaterThanThreshold, GreaterThanOrEqualToThreshold…</summary>
    public string ComparisonOperator { get; set; } = "";
}

/// <summary>Defaults of the lint's parameters.</summary>
public static class LintOptions
{
    /// <summary>ECS's own default stopTimeout, which is what a task gets when it names none.</summary>
    public const int DefaultMinimumStopTimeout = 30;
}
