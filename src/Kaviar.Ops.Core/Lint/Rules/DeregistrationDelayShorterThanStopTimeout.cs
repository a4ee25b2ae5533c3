using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>
/// A target group that drains a stopping task for less time than the task's stopTimeout: a sign the in-flight
/// budget was put in stopTimeout, where it does not protect requests.
/// </summary>
internal sealed class DeregistrationDelayShorterThanStopTimeout : LintRule<LintSubject>
{
    public override string Id => "DeregistrationDelayShorterThanStopTimeout";

    public override FindingSeverity Severity => FindingSeverity.Warning;

    public override string Explanation =>
        "When ECS stops a task behind a load balancer it first deregisters the target and waits until the target group has drained it " +
        "(deregistration_delay.timeout_seconds), and only then sends SIGTERM and waits stopTimeout. So in-flight requests are protected by " +
        "the deregistration delay, not by stopTimeout: at the end of the delay the load balancer closes the target's connections. A delay " +
        "shorter than the stopTimeout chosen for the application's in-flight work cuts the longest requests off.";

    public override string? MissingFact(LintSubject subject) =>
        subject.TargetGroups == null || subject.DeregistrationDelays == null ? subject.Lacking("the target groups' deregistration delay", nameof(LintSubject.TargetGroups), nameof(LintSubject.DeregistrationDelays)) : null;

    public override IEnumerable<Finding> Check(LintSubject subject)
    {
        var longest = subject.Containers().Where(c => c.IsEssential()).Select(StopTimeoutTooShort.EffectiveStopTimeout).DefaultIfEmpty(0).Max();
        foreach (var group in subject.TargetGroups!)
        {
            if (subject.DeregistrationDelays!.TryGetValue(group.TargetGroupArn, out var delay) && delay < longest)
            {
                yield return Found(
                    $"Target group {group.TargetGroupName} drains a stopping task for {delay} s, less than its stopTimeout of {longest} s: " +
                    "requests still running when the delay ends are cut off before the task even gets SIGTERM.",
                    $"aws elbv2 modify-target-group-attributes --target-group-arn {group.TargetGroupArn} --attributes Key=deregistration_delay.timeout_seconds,Value={longest}",
                    evidence: new[] { $"{group.TargetGroupName}: deregistration_delay.timeout_seconds {delay}", $"longest essential stopTimeout {longest} s" });
            }
        }
    }
}
