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
    public static async Task<TaskDefinition> DescribeAsync(OpsContext context, string taskDefinition, CancellationToken cancellationToken)
    {
        try
        {
            return (await context.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = taskDefinition }, cancellationToken)
                .ConfigureAwait(false)).TaskDefinition;
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
