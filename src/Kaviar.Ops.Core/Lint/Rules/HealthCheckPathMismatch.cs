using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>The target group checks one path, the container's own health check another.</summary>
internal sealed class HealthCheckPathMismatch : LintRule<LintSubject>
{
    // curl -f http://localhost:8080/healthz, wget -qO- http://127.0.0.1/health: the path of a URL in the command.
    private static readonly Regex UrlPath = new Regex(@"https?://[^/\s'""]+(?<path>/[^\s'""|;&]*)", RegexOptions.CultureInvariant);

    public override string Id => "HealthCheckPathMismatch";

    public override FindingSeverity Severity => FindingSeverity.Warning;

    public override string Explanation =>
        "When the container's health check and the target group's check ask different paths, one can pass while the other fails: ECS " +
        "keeps a task the load balancer refuses, or replaces one it serves. Both should ask the application's health endpoint.";

    public override string? MissingFact(LintSubject subject) =>
        subject.Service == null || subject.TargetGroups == null ? subject.Lacking("the service's target groups", nameof(LintSubject.TargetGroups)) : null;

    public override IEnumerable<Finding> Check(LintSubject subject)
    {
        foreach (var entry in subject.Service!.LoadBalancers ?? new List<LoadBalancer>())
        {
            var group = subject.TargetGroups!.FirstOrDefault(g => g.TargetGroupArn == entry.TargetGroupArn);
            var command = subject.Containers().FirstOrDefault(c => c.Name == entry.ContainerName)?.HealthCheck?.Command;
            if (group?.HealthCheckPath == null || command == null)
            {
                continue;
            }

            var paths = UrlPath.Matches(string.Join(" ", command)).Cast<Match>().Select(m => m.Groups["path"].Value).ToList();
            if (paths.Count > 0 && !paths.Contains(group.HealthCheckPath))
            {
                yield return Found(
                    $"Target group {group.TargetGroupName} checks {group.HealthCheckPath}, but container {entry.ContainerName}'s health check asks {string.Join(", ", paths)}; " +
                    $"change one of them so both ask the same path.",
                    $"aws elbv2 modify-target-group --target-group-arn {group.TargetGroupArn} --health-check-path {paths[0]}",
                    evidence: new[] { $"{group.TargetGroupName}: HealthCheckPath {group.HealthCheckPath}", $"{entry.ContainerName}: healthCheck {string.Join(" ", command)}" });
            }
        }
    }
}
