using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>A variable ECS sets itself (region, credentials, metadata endpoints), set again in the task definition.</summary>
internal sealed class ReservedEnvironmentName : LintRule<LintSubject>
{
    public override string Id => "ReservedEnvironmentName";

    public override FindingSeverity Severity => FindingSeverity.Warning;

    public override string Explanation =>
        "ECS sets AWS_REGION, AWS_DEFAULT_REGION, AWS_EXECUTION_ENV, the credentials URI and the metadata endpoints in every container; " +
        "setting them in the task definition competes with the agent (static AWS keys even win over the task role). ECS accepts them, so " +
        "the failure shows only at run time. (Lambda refuses its own reserved names: see Test-LambdaConfiguration.)";

    public override IEnumerable<Finding> Check(LintSubject subject)
    {
        foreach (var container in subject.Containers())
        {
            foreach (var name in (container.Environment ?? new List<AwsServices.ECS.Model.KeyValuePair>()).Select(v => v.Name)
                .Concat((container.Secrets ?? new List<AwsServices.ECS.Model.Secret>()).Select(s => s.Name))
                .Where(n => n != null && LintFacts.EcsAgentVariables.ContainsKey(n)).Distinct())
            {
                yield return Found(
                    $"Container {container.Name} sets {name}, which ECS sets itself ({LintFacts.EcsAgentVariables[name]}).",
                    $"Remove {name} from the container's environment; the application reads the value ECS provides.",
                    evidence: new[] { $"{container.Name}: {name}" });
            }
        }
    }
}
