using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>A password, token or key in plain environment: anyone who can describe the task definition reads it.</summary>
internal sealed class SecretInEnvironment : LintRule<LintSubject>
{
    public override string Id => "SecretInEnvironment";

    public override FindingSeverity Severity => FindingSeverity.Error;

    public override string Explanation =>
        "A secret-looking variable (password, token, key…) set in plain 'environment' is visible to anyone who can describe the task " +
        "definition; 'secrets' takes it from Secrets Manager or SSM at start instead. Its value is never shown.";

    public override IEnumerable<Finding> Check(LintSubject subject)
    {
        foreach (var container in subject.Containers())
        {
            // An ARN is a reference to a secret (DB_SECRET_ARN), not the secret; an empty value holds nothing.
            foreach (var variable in (container.Environment ?? new List<AwsServices.ECS.Model.KeyValuePair>())
                .Where(v => v.Name != null && SecretRedaction.IsSecretName(v.Name) && !string.IsNullOrEmpty(v.Value) && !LintFacts.IsReference(v.Value)))
            {
                yield return Found(
                    $"Container {container.Name} sets {variable.Name} in plain environment: its value is readable by anyone who can describe the task definition.",
                    $"Store the value in Secrets Manager and move {variable.Name} from 'environment' to 'secrets': " +
                    $"{{\"name\": \"{variable.Name}\", \"valueFrom\": \"{SecretArnTemplate(subject)}\"}}",
                    evidence: new[] { $"{container.Name}: environment {variable.Name} = {SecretValue.Mask}" });
            }
        }
    }

    /// <summary>The secret ARN to fill in, in the live service's partition, region and account (a file alone has none of them).</summary>
    private static string SecretArnTemplate(LintSubject subject)
    {
        var region = subject.Region ?? "<region>";
        var partition = subject.Region is null ? "aws" : Kernel.Arn.PartitionOf(subject.Region);
        // A live subject's source is its task definition's ARN; a file's is its path.
        var account = Kernel.Arn.LooksLikeArn(subject.Source) ? Kernel.Arn.Parse(subject.Source, "task definition").AccountId : "<account>";
        return $"arn:{partition}:secretsmanager:{region}:{account}:secret:<name>";
    }
}
