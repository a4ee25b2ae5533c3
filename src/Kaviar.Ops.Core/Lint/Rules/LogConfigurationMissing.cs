using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>A container whose output is not kept in CloudWatch Logs: no logConfiguration, or awslogs without its group or stream prefix.</summary>
internal sealed class LogConfigurationMissing : LintRule<LintSubject>
{
    public override string Id => "LogConfigurationMissing";

    public override FindingSeverity Severity => FindingSeverity.Warning;

    public override string Explanation =>
        "On Fargate a container without a logConfiguration loses everything it writes, so a crash at start leaves no trace; awslogs needs " +
        "awslogs-group and awslogs-stream-prefix for a task's stream to be found.";

    public override IEnumerable<Finding> Check(LintSubject subject) =>
        subject.Containers()
            .Select(c => (Container: c, Location: ContainerLogLocation.Of(c, subject.Region ?? "")))
            // Another driver (FireLens, Splunk) keeps the log elsewhere: that is a choice, not a gap.
            .Where(c => c.Location.Driver == null || c.Location.Driver == ContainerLogLocation.AwsLogsDriver)
            .Where(c => c.Location.WhyUnreadable() != null)
            .Select(c => Found(
                c.Location.WhyUnreadable()!,
                $"Give {c.Container.Name} a logConfiguration: {{\"logDriver\": \"awslogs\", \"options\": {{\"awslogs-group\": \"/ecs/{subject.TaskDefinition.Family}\", " +
                $"\"awslogs-region\": \"{subject.Region ?? "<region>"}\", \"awslogs-stream-prefix\": \"ecs\", \"awslogs-create-group\": \"true\"}}}}",
                evidence: new[] { $"{c.Container.Name}: logDriver {c.Location.Driver ?? "(none)"}" },
                severity: c.Container.IsEssential() ? FindingSeverity.Warning : FindingSeverity.Info));
}
