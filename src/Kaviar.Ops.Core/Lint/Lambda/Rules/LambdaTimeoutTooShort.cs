using System.Collections.Generic;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Lambda.Rules;

/// <summary>A timeout shorter than the work needs: Lambda stops the run ("Task timed out") part way through a migration.</summary>
internal sealed class LambdaTimeoutTooShort : LintRule<LambdaSubject>
{
    /// <summary>Lambda's default timeout, and its ceiling.</summary>
    private const int DefaultTimeout = 3;
    private const int MaximumTimeout = 900;

    public override string Id => "LambdaTimeoutTooShort";

    public override FindingSeverity Severity => FindingSeverity.Error;

    public override string Explanation =>
        "Lambda ends a run at its timeout (3 s unless set, 900 s at most) with \"Task timed out\": a migration cut off there may leave its " +
        "transaction rolled back and its lock held. The timeout must cover -MinimumTimeout, the longest run the work needs.";

    public override string? MissingFact(LambdaSubject subject) => subject.MinimumTimeout == null ? "the run time the work needs (-MinimumTimeout)" : null;

    public override IEnumerable<Finding> Check(LambdaSubject subject)
    {
        var timeout = subject.Timeout ?? DefaultTimeout;
        if (timeout < subject.MinimumTimeout)
        {
            var wanted = System.Math.Min(subject.MinimumTimeout.Value, MaximumTimeout);
            yield return Found(
                $"Function {subject.FunctionName} stops after {timeout} s{(subject.Timeout == null ? " (Lambda's default)" : "")}; its work needs {subject.MinimumTimeout} s.",
                subject.MinimumTimeout > MaximumTimeout
                    ? $"The work needs more than Lambda's {MaximumTimeout} s: run it as an ECS task instead (Invoke-EcsMigration)."
                    : $"aws lambda update-function-configuration --function-name {subject.FunctionName} --timeout {wanted}",
                evidence: new[] { $"Timeout {timeout} s", $"-MinimumTimeout {subject.MinimumTimeout} s" });
        }
    }
}
