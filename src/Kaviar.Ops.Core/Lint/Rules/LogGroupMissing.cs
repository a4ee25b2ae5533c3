using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>
/// A log group that does not exist and that nothing is asked to create: with awslogs the task stops before it starts;
/// with FireLens to CloudWatch Logs the task runs and Fluent Bit drops its lines.
/// </summary>
internal sealed class LogGroupMissing : LintRule<LintSubject>
{
    public override string Id => "LogGroupMissing";

    public override FindingSeverity Severity => FindingSeverity.Error;

    public override string Explanation =>
        "The awslogs driver does not create its log group unless awslogs-create-group is true; a group that does not exist stops every " +
        "task with ResourceInitializationError (failed to validate logger args … The specified log group does not exist). A FireLens " +
        "CloudWatch output without auto_create_group true cannot write to a missing group: the task runs, and its log is lost.";

    public override string? MissingFact(LintSubject subject) =>
        subject.LogGroupsExist == null ? subject.Lacking("which log groups exist in CloudWatch Logs", nameof(LintSubject.LogGroupsExist)) : null;

    public override IEnumerable<Finding> Check(LintSubject subject)
    {
        foreach (var container in subject.Containers())
        {
            var location = ContainerLogLocation.Of(container, subject.Region ?? "");
            var firelens = location.Driver == ContainerLogLocation.FireLensDriver;
            if (location.LogGroup == null || CreatesGroup(container.LogConfiguration!.Options, firelens)
                || !subject.LogGroupsExist!.TryGetValue(location.LogGroup, out var exists) || exists)
            {
                continue;
            }

            yield return firelens
                ? Found(
                    $"Container {container.Name} sends its log through FireLens to {location.LogGroup} in {location.Region}, which does not exist: Fluent Bit drops its lines.",
                    $"aws logs create-log-group --log-group-name {location.LogGroup} --region {location.Region}",
                    evidence: new[] { $"{container.Name}: {location.Destination} log_group_name {location.LogGroup}" },
                    severity: FindingSeverity.Warning)
                : Found(
                    $"Container {container.Name} logs to {location.LogGroup} in {location.Region}, which does not exist: its tasks stop before they start.",
                    $"aws logs create-log-group --log-group-name {location.LogGroup} --region {location.Region}",
                    evidence: new[] { $"{container.Name}: awslogs-group {location.LogGroup}" });
        }
    }

    /// <summary>awslogs-create-group "true"; for FireLens, auto_create_group true (its key and value read without case, as Fluent Bit does).</summary>
    private static bool CreatesGroup(Dictionary<string, string>? options, bool firelens) =>
        (options ?? new Dictionary<string, string>()).Any(o => firelens
            ? string.Equals(o.Key, "auto_create_group", StringComparison.OrdinalIgnoreCase) && string.Equals(o.Value, "true", StringComparison.OrdinalIgnoreCase)
            : o.Key == "awslogs-create-group" && o.Value == "true");
}
