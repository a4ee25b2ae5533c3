using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>An awslogs group that does not exist and that ECS is not asked to create: the task stops before it starts.</summary>
internal sealed class LogGroupMissing : LintRule<LintSubject>
{
    public override string Id => "LogGroupMissing";

    public override FindingSeverity Severity => FindingSeverity.Error;

    public override string Explanation =>
        "The awslogs driver does not create its log group unless awslogs-create-group is true; a group that does not exist stops every " +
        "task with ResourceInitializationError (failed to validate logger args … The specified log group does not exist).";

    public override string? MissingFact(LintSubject subject) =>
        subject.LogGroupsExist == null ? subject.Lacking("which log groups exist in CloudWatch Logs", nameof(LintSubject.LogGroupsExist)) : null;

    public override IEnumerable<Finding> Check(LintSubject subject)
    {
        foreach (var container in subject.Containers())
        {
            var location = ContainerLogLocation.Of(container, subject.Region ?? "");
            var createsGroup = container.LogConfiguration?.Options?.TryGetValue("awslogs-create-group", out var create) == true && create == "true";
            if (location.LogGroup != null && !createsGroup && subject.LogGroupsExist!.TryGetValue(location.LogGroup, out var exists) && !exists)
            {
                yield return Found(
                    $"Container {container.Name} logs to {location.LogGroup} in {location.Region}, which does not exist: its tasks stop before they start.",
                    $"aws logs create-log-group --log-group-name {location.LogGroup} --region {location.Region}",
                    evidence: new[] { $"{container.Name}: awslogs-group {location.LogGroup}" });
            }
        }
    }
}
