using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Lambda.Rules;

/// <summary>A function's tag keys that differ only in case: the stack that tags its IAM role alike fails (seed 003).</summary>
internal sealed class LambdaDuplicateTagKeys : LintRule<LambdaSubject>
{
    public override string Id => "LambdaDuplicateTagKeys";

    public override FindingSeverity Severity => FindingSeverity.Warning;

    public override string Explanation =>
        "A stack's tags reach the function's execution role, and IAM treats tag keys case-insensitively: project and Project together fail " +
        "the stack with \"Duplicate tag keys found. Please note that Tag keys are case insensitive.\" One spelling per key.";

    public override string? MissingFact(LambdaSubject subject) =>
        subject.TagKeys == null ? "the function's tags (the file has none: 'aws lambda get-function' writes them)" : null;

    public override IEnumerable<Finding> Check(LambdaSubject subject) =>
        LintFacts.CaseInsensitiveDuplicates(subject.TagKeys!).Select(keys => Found(
            $"Function {subject.FunctionName} has tag keys that differ only in case: {string.Join(", ", keys)}.",
            $"Keep one spelling ({keys[0]}) in the function's and the stack's tags (the CDK app's and the stack's Tags.of(...) together).",
            evidence: keys.Select(k => $"tag {k}").ToList()));
}
