using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Kaviar.Ops.AwsServices.ECS.Internal;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.AwsServices.Internal;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint;

/// <summary>
/// A task definition read from a JSON file, without any AWS call: the document 'aws ecs register-task-definition
/// --cli-input-json' takes, or what 'aws ecs describe-task-definition' answers ({"taskDefinition": …, "tags": …}).
/// </summary>
public static class TaskDefinitionFile
{
    public static LintSubject Read(string path, int minimumStopTimeout)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new OpsException(ErrorTable.ConfigurationFileNotFound, $"The file '{path}' does not exist.", path,
                "Give the path of a task definition JSON file, e.g. one written by 'aws ecs describe-task-definition --task-definition <family>'.", ex);
        }

        return Parse(text, path, minimumStopTimeout);
    }

    /// <summary>The task definition in <paramref name="text"/>; <paramref name="source"/> names it in errors and the report.</summary>
    public static LintSubject Parse(string text, string source, int minimumStopTimeout)
    {
        var path = source;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, "its top level is not a JSON object");
            }

            // describe-task-definition wraps the definition; register-task-definition's input is the definition itself.
            var definition = root.TryGetProperty("taskDefinition", out var described) && described.ValueKind == JsonValueKind.Object ? described : root;
            if (!definition.TryGetProperty("containerDefinitions", out var containers) || containers.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(path, "it has no containerDefinitions array");
            }

            return new LintSubject(ECSShapes.ReadTaskDefinition(definition), path)
            {
                TaskDefinitionTags = root.List("tags", ECSShapes.ReadTag) ?? new List<Tag>(),
                MinimumStopTimeout = minimumStopTimeout,
            };
        }
        catch (JsonException ex)
        {
            throw Invalid(path, ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            // A member of the wrong JSON type (a string where a number belongs).
            throw Invalid(path, ex.Message, ex);
        }
    }

    private static OpsException Invalid(string path, string why, Exception? inner = null) =>
        new OpsException(ErrorTable.ConfigurationFileInvalid, $"'{path}' is not a task definition: {why}.", path,
            "Give the JSON that 'aws ecs register-task-definition --cli-input-json' takes, or what 'aws ecs describe-task-definition' answers.", inner);
}
