using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>
/// The production checklist's four alarms: service CPU above 80 % and memory above 90 % (AWS/ECS), unhealthy targets
/// above 0 and target 5xx (AWS/ApplicationELB), one finding per missing alarm.
/// </summary>
internal sealed class RecommendedAlarmsMissing : LintRule<LintSubject>
{
    private sealed class Recommended
    {
        public Recommended(string @namespace, string metric, double threshold, string statistic, int periods, string what)
        {
            Namespace = @namespace;
            Metric = metric;
            Threshold = threshold;
            Statistic = statistic;
            Periods = periods;
            What = what;
        }

        public string Namespace { get; }

        public string Metric { get; }

        public double Threshold { get; }

        public string Statistic { get; }

        public int Periods { get; }

        public string What { get; }
    }

    private static readonly Recommended[] ServiceAlarms =
    {
        new("AWS/ECS", "CPUUtilization", 80, "Average", 5, "CPU above 80 % for 5 minutes"),
        new("AWS/ECS", "MemoryUtilization", 90, "Average", 5, "memory above 90 % for 5 minutes"),
    };

    private static readonly Recommended[] TargetGroupAlarms =
    {
        new("AWS/ApplicationELB", "UnHealthyHostCount", 0, "Maximum", 2, "unhealthy targets above 0 for 2 minutes"),
        new("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", 10, "Sum", 5, "target 5xx above 10 for 5 minutes"),
    };

    public override string Id => "RecommendedAlarmsMissing";

    public override FindingSeverity Severity => FindingSeverity.Warning;

    public override string Explanation =>
        "A production service should page before its users notice: CPU above 80 % and memory above 90 % (AWS/ECS, ClusterName and " +
        "ServiceName), unhealthy targets above 0 and target 5xx (AWS/ApplicationELB, TargetGroup and LoadBalancer). An alarm counts when " +
        "it watches that metric on those dimensions, whatever its name.";

    public override string? MissingFact(LintSubject subject) =>
        subject.Service == null || subject.Alarms == null || subject.TargetGroups == null ? subject.Lacking("the account's CloudWatch alarms", nameof(LintSubject.Alarms), nameof(LintSubject.TargetGroups)) : null;

    public override IEnumerable<Finding> Check(LintSubject subject)
    {
        var service = subject.Service!;
        var cluster = HealthCheckGracePeriodTooShort.ClusterName(service);
        var serviceDimensions = new Dictionary<string, string> { ["ClusterName"] = cluster, ["ServiceName"] = service.ServiceName };
        foreach (var alarm in ServiceAlarms)
        {
            if (Missing(subject, alarm, serviceDimensions))
            {
                yield return Finding(subject, alarm, $"service {service.ServiceName}", $"{service.ServiceName}-{alarm.Metric}", serviceDimensions);
            }
        }

        foreach (var group in subject.TargetGroups!)
        {
            // CloudWatch names a target group and its load balancer by the ends of their ARNs: targetgroup/name/id, app/name/id.
            var dimensions = new Dictionary<string, string> { ["TargetGroup"] = Arn.Parse(group.TargetGroupArn, "TargetGroupArn").Resource };
            var loadBalancer = group.LoadBalancerArns?.FirstOrDefault();
            if (loadBalancer != null)
            {
                dimensions["LoadBalancer"] = Arn.Parse(loadBalancer, "LoadBalancerArn").ResourcePath;
            }

            foreach (var alarm in TargetGroupAlarms)
            {
                if (Missing(subject, alarm, dimensions))
                {
                    yield return Finding(subject, alarm, $"target group {group.TargetGroupName}", $"{group.TargetGroupName}-{alarm.Metric}", dimensions);
                }
            }
        }
    }

    private static bool Missing(LintSubject subject, Recommended alarm, IReadOnlyDictionary<string, string> dimensions) =>
        !subject.Alarms!.Any(a => a.Namespace == alarm.Namespace && a.MetricName == alarm.Metric
            && dimensions.Where(d => d.Key != "LoadBalancer").All(d => a.Dimensions.TryGetValue(d.Key, out var value) && value == d.Value));

    private Finding Finding(LintSubject subject, Recommended alarm, string resource, string name, IReadOnlyDictionary<string, string> dimensions) =>
        Found($"No alarm watches {alarm.Metric} of the {resource} ({alarm.What}).",
            $"aws cloudwatch put-metric-alarm --alarm-name {name} --namespace {alarm.Namespace} --metric-name {alarm.Metric} " +
            $"--dimensions {string.Join(" ", dimensions.Select(d => $"Name={d.Key},Value={d.Value}"))} --statistic {alarm.Statistic} --period 60 " +
            $"--evaluation-periods {alarm.Periods} --threshold {alarm.Threshold} --comparison-operator GreaterThanThreshold --alarm-actions <sns-topic-arn>" +
            SecretReferenceMissing.RegionOption(subject),
            evidence: new[] { $"{alarm.Namespace} {alarm.Metric} {string.Join(", ", dimensions.Select(d => d.Key + "=" + d.Value))}" });
}
