using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>Tag keys that differ only in case on the task definition or the service (seed 003's "Tag keys are case insensitive").</summary>
internal sealed class DuplicateTagKeys : LintRule<LintSubject>
{
    public override string Id => "DuplicateTagKeys";

    public override FindingSeverity Severity => FindingSeverity.Warning;

    public override string Explanation =>
        "ECS keeps tag keys case-sensitively, but IAM does not: where the same tags reach an IAM role (a CloudFormation or CDK stack's " +
        "tags) the stack fails with \"Duplicate tag keys found. Please note that Tag keys are case insensitive.\", and cost reports split " +
        "one key in two. One spelling per key (Project, not project and Project).";

    public override IEnumerable<Finding> Check(LintSubject subject) =>
        Duplicates($"task definition {subject.TaskDefinition.Family}", subject.TaskDefinitionTags)
            .Concat(subject.Service == null || subject.ServiceTags == null
                ? Enumerable.Empty<Finding>()
                : Duplicates($"service {subject.Service.ServiceName}", subject.ServiceTags));

    private IEnumerable<Finding> Duplicates(string resource, IEnumerable<Tag> tags) =>
        LintFacts.CaseInsensitiveDuplicates(tags.Select(t => t.Key).Where(k => k != null))
            .Select(keys => Found(
                $"The {resource} has tag keys that differ only in case: {string.Join(", ", keys)}.",
                $"Keep one spelling ({keys[0]}) and remove the others from the {resource} and from whatever tags it (the stack, the CDK app).",
                evidence: keys.Select(k => $"{resource}: tag {k}").ToList()));
}
