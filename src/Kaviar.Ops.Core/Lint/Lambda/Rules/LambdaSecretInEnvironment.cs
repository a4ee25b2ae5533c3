using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Lambda.Rules;

/// <summary>A password, token or key in a function's environment, rather than the ARN of a secret it reads at run time.</summary>
internal sealed class LambdaSecretInEnvironment : LintRule<LambdaSubject>
{
    public override string Id => "LambdaSecretInEnvironment";

    public override FindingSeverity Severity => FindingSeverity.Warning;

    public override string Explanation =>
        "Whoever may call lambda:GetFunctionConfiguration reads a function's environment in clear. Pass the secret's ARN (DB_SECRET_ARN) and " +
        "read the value from Secrets Manager at run time, as seed 003's runner does. Values are never shown.";

    public override IEnumerable<Finding> Check(LambdaSubject subject) =>
        subject.Environment.Where(v => SecretRedaction.IsSecretName(v.Key) && !string.IsNullOrEmpty(v.Value) && !LintFacts.IsReference(v.Value)
                && !LintFacts.LambdaReservedNames.Contains(v.Key))
            .OrderBy(v => v.Key, System.StringComparer.Ordinal)
            .Select(v => Found(
                $"Function {subject.FunctionName} holds {v.Key} in its environment: anyone who can read its configuration reads the value.",
                $"Store it in Secrets Manager and pass its ARN instead (e.g. {v.Key}_SECRET_ARN), read at run time.",
                evidence: new[] { $"environment {v.Key} = {SecretValue.Mask}" }));
}
