using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>
/// A health-check grace period shorter than a new task needs to pass its checks: the container's start period, then the
/// target group's healthy threshold of passing checks.
/// </summary>
internal sealed class HealthCheckGracePeriodTooShort : LintRule<LintSubject>
{
    // Docker's and ECS's defaults for a container health check that names none.
    private const int DefaultInterval = 30;
    private const int DefaultRetries = 3;

    public override string Id => "HealthCheckGracePeriodTooShort";

    public override FindingSeverity Severity => FindingSeverity.Warning;

    public override string Explanation =>
        "ECS ignores failing load-balancer and container health checks for healthCheckGracePeriodSeconds after a task starts. A task needs " +
        "its container's startPeriod to come up, then the target group's interval × healthy threshold of passing checks; a grace period " +
        "shorter than that lets ECS replace tasks that were still starting, and a deployment never settles. The container check gives up " +
        "after startPeriod + interval × retries.";

    public override string? MissingFact(LintSubject subject) =>
        subject.Service == null || subject.TargetGroups == null ? subject.Lacking("the service's grace period and its target groups", nameof(LintSubject.TargetGroups)) : null;

    public override IEnumerable<Finding> Check(LintSubject subject)
    {
        var grace = subject.Service!.HealthCheckGracePeriodSeconds ?? 0;
        foreach (var entry in subject.Service.LoadBalancers ?? new List<LoadBalancer>())
        {
            var group = subject.TargetGroups!.FirstOrDefault(g => g.TargetGroupArn == entry.TargetGroupArn);
            if (group == null)
            {
                continue;
            }

            var container = subject.Containers().FirstOrDefault(c => c.Name == entry.ContainerName);
            var check = container?.HealthCheck;
            var startPeriod = check?.StartPeriod ?? 0;
            var albInterval = group.HealthCheckIntervalSeconds ?? 30;
            var healthyThreshold = group.HealthyThresholdCount ?? 5;
            var needed = startPeriod + albInterval * healthyThreshold;
            if (grace >= needed)
            {
                continue;
            }

            var evidence = new List<string>
            {
                $"service healthCheckGracePeriodSeconds {grace}",
                $"{group.TargetGroupName}: healthy after interval {albInterval} s × healthy threshold {healthyThreshold} = {albInterval * healthyThreshold} s",
            };
            if (check != null)
            {
                var interval = check.Interval ?? DefaultInterval;
                var retries = check.Retries ?? DefaultRetries;
                evidence.Add($"{entry.ContainerName}: startPeriod {startPeriod} s + interval {interval} s × retries {retries} = unhealthy after {startPeriod + interval * retries} s");
            }

            yield return Found(
                $"Service {subject.Service.ServiceName} counts health checks {grace} s after a task starts, but a new task needs {needed} s " +
                $"({startPeriod} s start period, then {healthyThreshold} passing checks {albInterval} s apart on {group.TargetGroupName}).",
                $"aws ecs update-service --cluster {ClusterName(subject.Service)} --service {subject.Service.ServiceName} --health-check-grace-period-seconds {needed}" +
                SecretReferenceMissing.RegionOption(subject),
                evidence: evidence);
        }
    }

    internal static string ClusterName(Service service) => service.ClusterArn?.Substring(service.ClusterArn.LastIndexOf('/') + 1) ?? "<cluster>";
}
