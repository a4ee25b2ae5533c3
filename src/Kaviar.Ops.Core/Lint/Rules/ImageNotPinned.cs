using System;
using System.Collections.Generic;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>An image by the tag latest (or no tag), or by any tag rather than a digest.</summary>
internal sealed class ImageNotPinned : LintRule<LintSubject>
{
    public override string Id => "ImageNotPinned";

    public override FindingSeverity Severity => FindingSeverity.Warning;

    public override string Explanation =>
        "A task pulls its image at start: with ':latest' (or no tag) a scale-out or a replaced task may run other code than its " +
        "siblings, and a rollback to this revision does not bring the old code back. A digest (@sha256:…) pins it; any other tag is " +
        "pinned only as long as nobody pushes it again.";

    public override IEnumerable<Finding> Check(LintSubject subject)
    {
        foreach (var container in subject.Containers())
        {
            var image = container.Image ?? "";
            if (image.Contains("@sha256:"))
            {
                continue;
            }

            var tag = Tag(image);
            var evidence = new[] { $"{container.Name}: image {image}" };
            if (tag == null || tag == "latest")
            {
                yield return Found(
                    $"Container {container.Name} runs {image}{(tag == null ? " (no tag, so latest)" : "")}: each task may start other code.",
                    $"Name the image by its digest: aws ecr describe-images --repository-name <repository> --image-ids imageTag={tag ?? "latest"}, then image <repository>@sha256:<digest>.",
                    evidence: evidence);
            }
            else
            {
                yield return Found(
                    $"Container {container.Name} runs {image} by tag, not digest: pushing the tag again changes what new tasks run.",
                    "Pin the image by digest (<repository>@sha256:<digest>), or make the ECR repository's tags immutable.",
                    evidence: evidence, severity: FindingSeverity.Info);
            }
        }
    }

    /// <summary>The tag after the last colon that follows the last slash (a registry's port is not a tag), or null.</summary>
    private static string? Tag(string image)
    {
        var name = image.Substring(image.LastIndexOf('/') + 1);
        var colon = name.LastIndexOf(':');
        return colon < 0 ? null : name.Substring(colon + 1);
    }
}
