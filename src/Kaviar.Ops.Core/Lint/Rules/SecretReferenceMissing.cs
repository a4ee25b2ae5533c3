using System.Collections.Generic;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>A 'secrets' entry whose Secrets Manager secret does not exist: the task never starts (ResourceInitializationError).</summary>
internal sealed class SecretReferenceMissing : LintRule<LintSubject>
{
    public override string Id => "SecretReferenceMissing";

    public override FindingSeverity Severity => FindingSeverity.Error;

    public override string Explanation =>
        "ECS reads every 'secrets' entry before the container starts; a Secrets Manager secret that does not exist stops the task with " +
        "ResourceInitializationError. Whether the execution role may read it is not checked (that needs IAM's policy simulator), nor are SSM parameters.";

    public override string? MissingFact(LintSubject subject) =>
        subject.SecretsExist == null ? subject.Lacking("which secrets exist in Secrets Manager", nameof(LintSubject.SecretsExist)) : null;

    public override IEnumerable<Finding> Check(LintSubject subject)
    {
        foreach (var container in subject.Containers())
        {
            foreach (var secret in container.Secrets ?? new List<AwsServices.ECS.Model.Secret>())
            {
                if (secret.ValueFrom != null && subject.SecretsExist!.TryGetValue(secret.ValueFrom, out var exists) && !exists)
                {
                    yield return Found(
                        $"Container {container.Name} takes {secret.Name} from {secret.ValueFrom}, which does not exist in Secrets Manager: the task will not start.",
                        $"Create the secret or correct valueFrom; list secrets with 'aws secretsmanager list-secrets{RegionOption(subject)}'.",
                        evidence: new[] { $"{container.Name}: secrets {secret.Name} valueFrom {secret.ValueFrom}" });
                }
            }
        }
    }

    internal static string RegionOption(LintSubject subject) => subject.Region == null ? "" : " --region " + subject.Region;
}
