using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Lambda.Rules;

/// <summary>A variable Lambda reserves for itself (seed 003's AWS_REGION): CreateFunction and UpdateFunctionConfiguration refuse it.</summary>
internal sealed class LambdaReservedEnvironmentName : LintRule<LambdaSubject>
{
    public override string Id => "LambdaReservedEnvironmentName";

    public override FindingSeverity Severity => FindingSeverity.Error;

    public override string Explanation =>
        "Lambda sets AWS_REGION, AWS_DEFAULT_REGION, the credentials, _HANDLER, AWS_LAMBDA_* and LAMBDA_TASK_ROOT itself and refuses a " +
        "configuration that sets them: InvalidParameterValueException, \"Lambda was unable to configure your environment variables because the " +
        "environment variables you have provided contains reserved keys that are currently not supported for modification\", and a stack " +
        "deploying it fails. The code reads the value Lambda provides.";

    public override IEnumerable<Finding> Check(LambdaSubject subject)
    {
        var reserved = subject.Environment.Keys.Where(LintFacts.LambdaReservedNames.Contains).OrderBy(k => k, System.StringComparer.Ordinal).ToList();
        if (reserved.Count > 0)
        {
            yield return Found(
                $"Function {subject.FunctionName} sets {string.Join(", ", reserved)}, which Lambda reserves: the configuration is refused " +
                $"(Reserved keys used in this request: {string.Join(", ", reserved)}).",
                $"Remove {string.Join(", ", reserved)} from the function's environment (in the stack or CDK code too); the runtime sets {(reserved.Count == 1 ? "it" : "them")}.",
                evidence: reserved.Select(r => $"environment {r}").ToList());
        }
    }
}
