using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Ecs;

/// <summary>The one way to read a task definition by family, family:revision or ARN, with its missing case as its own error.</summary>
public static class TaskDefinitions
{
    /// <summary>What DescribeTaskDefinition answers that RegisterTaskDefinition does not take (botocore's TaskDefinition less the request's members).</summary>
    private static readonly string[] DescribedOnly =
        { "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt" };

    /// <summary>
    /// The registration of a new revision that is <paramref name="source"/> with one container's image replaced:
    /// every other member as ECS described it, those this client does not model included.
    /// </summary>
    public static string WithImage(TaskDefinition source, string container, string image)
    {
        var document = Registrable(source);
        var definition = (document["containerDefinitions"] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
            .Single(c => (string?)c["name"] == container);
        definition["image"] = image;
        return document.ToJsonString();
    }

    /// <summary>A revision as RegisterTaskDefinition takes it: every member ECS described, less those only a description has.</summary>
    public static JsonObject Registrable(TaskDefinition source)
    {
        var document = JsonNode.Parse(source.Document ?? throw new InvalidOperationException("The task definition was not read from ECS."))!.AsObject();
        foreach (var member in DescribedOnly)
        {
            document.Remove(member);
        }

        return document;
    }

    /// <summary>The secret a 'secrets' valueFrom names: it may add a JSON key (arn:…:secret:name-AbCdEf:password::), and the secret is the ARN before it.</summary>
    public static string SecretIdOf(string valueFrom)
    {
        var parts = valueFrom.Split(':');
        return valueFrom.StartsWith("arn:", StringComparison.Ordinal) && parts.Length > 7 ? string.Join(":", parts.Take(7)) : valueFrom;
    }

    public static async Task<TaskDefinition> DescribeAsync(OpsContext context, string taskDefinition, CancellationToken cancellationToken) =>
        (await DescribeWithTagsAsync(context, taskDefinition, false, cancellationToken).ConfigureAwait(false)).TaskDefinition;

    public static async Task<DescribeTaskDefinitionResponse> DescribeWithTagsAsync(OpsContext context, string taskDefinition, bool tags, CancellationToken cancellationToken)
    {
        try
        {
            return await context.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest
            {
                TaskDefinition = taskDefinition,
                Include = tags ? new System.Collections.Generic.List<string> { "TAGS" } : null,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ClientException ex)
        {
            // ECS answers a missing task definition with a plain ClientException ("Unable to describe task definition.").
            throw new OpsException(ErrorTable.EcsTaskDefinitionNotFound,
                $"Task definition '{EcsNames.TaskDefinitionName(taskDefinition)}' was not found in {context.Region}: {ex.Message}", taskDefinition,
                $"List the family's revisions with 'aws ecs list-task-definitions --family-prefix <family> --region {context.Region}'.", ex);
        }
        catch (AmazonServiceException ex)
        {
            throw AwsFailures.From(ex, context.Region, taskDefinition);
        }
    }
}
