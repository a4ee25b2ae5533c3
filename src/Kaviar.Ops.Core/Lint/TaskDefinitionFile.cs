using System.Collections.Generic;
using System.Text.Json;
using Kaviar.Ops.AwsServices.ECS.Internal;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.Lint;

/// <summary>
/// A task definition read from a JSON file, without any AWS call: the document 'aws ecs register-task-definition
/// --cli-input-json' takes, or what 'aws ecs describe-task-definition' answers ({"taskDefinition": …, "tags": …}).
/// </summary>
public static class TaskDefinitionFile
{
    private const string What = "task definition";
    private const string Accepted = "the JSON that 'aws ecs register-task-definition --cli-input-json' takes, or what 'aws ecs describe-task-definition' answers";

    public static LintSubject Read(string path, int minimumStopTimeout) =>
        Parse(ConfigurationFile.ReadText(path, What, "aws ecs describe-task-definition --task-definition <family>"), path, minimumStopTimeout);

    /// <summary>The task definition in <paramref name="text"/>; <paramref name="source"/> names it in errors and the report.</summary>
    public static LintSubject Parse(string text, string source, int minimumStopTimeout) =>
        ConfigurationFile.Parse(text, source, What, Accepted, root =>
        {
            // describe-task-definition wraps the definition; register-task-definition's input is the definition itself.
            var definition = root.TryGetProperty("taskDefinition", out var described) && described.ValueKind == JsonValueKind.Object ? described : root;
            if (!definition.TryGetProperty("containerDefinitions", out var containers) || containers.ValueKind != JsonValueKind.Array)
            {
                throw ConfigurationFile.Invalid(source, What, Accepted, "it has no containerDefinitions array");
            }

            return new LintSubject(ECSShapes.ReadTaskDefinition(definition), source)
            {
                TaskDefinitionTags = root.List("tags", ECSShapes.ReadTag) ?? new List<Tag>(),
                MinimumStopTimeout = minimumStopTimeout,
            };
        });
}
