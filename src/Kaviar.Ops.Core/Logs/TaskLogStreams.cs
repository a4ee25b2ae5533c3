using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;

namespace Kaviar.Ops.Logs;

/// <summary>One container's log stream in one task: where to read it, and what its lines are stamped with.</summary>
public sealed class TaskLogStream
{
    public TaskLogStream(EcsTask task, ContainerLogLocation location)
    {
        TaskArn = task.TaskArn;
        TaskId = EcsNames.TaskId(task.TaskArn);
        TaskCreatedAt = task.CreatedAt;
        // A service's tasks carry the group "service:<name>".
        ServiceName = task.Group?.StartsWith("service:", StringComparison.Ordinal) == true ? task.Group.Substring("service:".Length) : "";
        Container = location.Container;
        LogGroup = location.GroupFor(task.TaskArn, task.ClusterArn ?? "")!;
        LogRegion = location.Region;
        LogStream = location.StreamFor(task.TaskArn, task.ClusterArn ?? "")!;
    }

    public string TaskArn { get; }

    public string TaskId { get; }

    public DateTime? TaskCreatedAt { get; }

    /// <summary>The service that started the task; empty for a task no service started.</summary>
    public string ServiceName { get; }

    public string Container { get; }

    public string LogGroup { get; }

    /// <summary>The region of the log group: awslogs-region or the FireLens output's region, else the task's.</summary>
    public string LogRegion { get; }

    public string LogStream { get; }
}

/// <summary>
/// The log streams of tasks, read from the task definitions they run (each revision described once, through
/// <see cref="TaskDefinitions"/>): every container whose logs CloudWatch keeps, essential ones first, or only the
/// containers asked for. A container whose logs cannot be read is a warning, said once per revision.
/// </summary>
public sealed class TaskLogStreams
{
    private readonly OpsContext context;
    private readonly IReadOnlyCollection<string> containers;
    private readonly Dictionary<string, IReadOnlyList<ContainerLogLocation>> byRevision = new Dictionary<string, IReadOnlyList<ContainerLogLocation>>(StringComparer.Ordinal);

    /// <param name="containers">The containers to read; empty for every container.</param>
    public TaskLogStreams(OpsContext context, IReadOnlyCollection<string> containers)
    {
        this.context = context;
        this.containers = containers;
    }

    /// <summary>The readable streams of <paramref name="tasks"/>; why others cannot be read is added to <paramref name="warnings"/>.</summary>
    public async Task<IReadOnlyList<TaskLogStream>> OfAsync(IEnumerable<EcsTask> tasks, ICollection<string> warnings)
    {
        var streams = new List<TaskLogStream>();
        foreach (var task in tasks)
        {
            foreach (var location in await LocationsAsync(task.TaskDefinitionArn, warnings).ConfigureAwait(false))
            {
                streams.Add(new TaskLogStream(task, location));
            }
        }

        return streams;
    }

    /// <summary>The readable containers of one revision; described, and its unreadable containers warned about, the first time only.</summary>
    private async Task<IReadOnlyList<ContainerLogLocation>> LocationsAsync(string taskDefinitionArn, ICollection<string> warnings)
    {
        if (byRevision.TryGetValue(taskDefinitionArn, out var known))
        {
            return known;
        }

        var definition = await TaskDefinitions.DescribeAsync(context, taskDefinitionArn, context.CancellationToken).ConfigureAwait(false);
        var all = ContainerLogLocation.Of(definition, context.Region);
        var revision = EcsNames.TaskDefinitionName(taskDefinitionArn);
        if (containers.FirstOrDefault(name => all.All(c => c.Container != name)) is { } missing)
        {
            throw new OpsException(ErrorTable.EcsContainerNotFound,
                $"Task definition {revision} has no container '{missing}'; its containers are: {string.Join(", ", all.Select(c => c.Container))}.", missing,
                "Name one of them with -Container, or leave -Container out to read every container.");
        }

        var wanted = all.Where(c => containers.Count == 0 || containers.Contains(c.Container)).ToList();
        foreach (var unreadable in wanted.Where(c => !c.IsReadable))
        {
            warnings.Add($"{revision}: {unreadable.WhyUnreadable()}");
        }

        known = wanted.Where(c => c.IsReadable).ToList();
        byRevision[taskDefinitionArn] = known;
        return known;
    }
}
