using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ECS.Model;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;

namespace Kaviar.Ops.Ecs;

/// <summary>ECS's per-call limits on Describe* (10 services, 100 tasks), and the batched calls that respect them.</summary>
public static class EcsBatches
{
    public const int ServicesPerDescribe = 10;
    public const int TasksPerDescribe = 100;

    public static IEnumerable<IReadOnlyList<T>> Of<T>(IReadOnlyList<T> items, int size)
    {
        for (var start = 0; start < items.Count; start += size)
        {
            yield return items.Skip(start).Take(size).ToList();
        }
    }

    /// <summary>DescribeTasks 100 tasks a call; tasks ECS no longer knows are left out.</summary>
    public static async Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(
        this IAmazonECS ecs, string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken)
    {
        var tasks = new List<EcsTask>();
        foreach (var batch in Of(taskArns, TasksPerDescribe))
        {
            var response = await ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = cluster, Tasks = batch.ToList() }, cancellationToken)
                .ConfigureAwait(false);
            tasks.AddRange(response.Tasks ?? new List<EcsTask>());
        }

        return tasks;
    }
}
