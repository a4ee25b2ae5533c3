using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>An essential container without a health check: ECS sees only whether its process runs.</summary>
internal sealed class EssentialWithoutHealthCheck : LintRule<LintSubject>
{
    public override string Id => "EssentialWithoutHealthCheck";

    public override FindingSeverity Severity => FindingSeverity.Warning;

    public override string Explanation =>
        "Without a container health check ECS replaces a task only when an essential process exits: one that hangs, or lost its database, " +
        "keeps running (behind a load balancer only the target group's check notices), and dependsOn HEALTHY cannot be used.";

    public override IEnumerable<Finding> Check(LintSubject subject) =>
        subject.Containers().Where(c => c.IsEssential() && (c.HealthCheck?.Command == null || c.HealthCheck.Command.Count == 0))
            .Select(c => Found(
                $"Essential container {c.Name} has no health check: ECS cannot tell a hung task from a healthy one.",
                $"Give {c.Name} a healthCheck, e.g. {{\"command\": [\"CMD-SHELL\", \"curl -f http://localhost:<port>/healthz || exit 1\"], \"interval\": 30, \"timeout\": 5, \"retries\": 3, \"startPeriod\": 60}}",
                evidence: new[] { $"{c.Name}: essential, no healthCheck" }));
}
