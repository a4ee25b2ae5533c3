using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.AwsServices.ECS.Model;

namespace Kaviar.Ops.Ecs;

/// <summary>
/// Where one container of a task definition writes its log, read from its logConfiguration: the one way the module
/// finds a task's log stream. For the awslogs driver the stream is prefix/container/task-id (Fargate requires the
/// prefix); awslogs-region, when set, wins over the task's region. Any other driver (awsfirelens, splunk, json-file…)
/// is named, so a report can say the log is not in CloudWatch rather than that it is missing.
/// </summary>
public sealed class ContainerLogLocation
{
    public const string AwsLogsDriver = "awslogs";

    private ContainerLogLocation(string container, string? driver, string? logGroup, string region, string? streamPrefix)
    {
        Container = container;
        Driver = driver;
        LogGroup = logGroup;
        Region = region;
        StreamPrefix = streamPrefix;
    }

    public string Container { get; }

    /// <summary>The log driver, or null when the container has no logConfiguration (its output is lost on Fargate).</summary>
    public string? Driver { get; }

    public string? LogGroup { get; }

    /// <summary>The region of the log group: awslogs-region, else the task's.</summary>
    public string Region { get; }

    public string? StreamPrefix { get; }

    /// <summary>True when a task's stream name can be known: awslogs with a group and a stream prefix.</summary>
    public bool IsReadable => Driver == AwsLogsDriver && LogGroup != null && StreamPrefix != null;

    public static ContainerLogLocation Of(ContainerDefinition container, string taskRegion)
    {
        var configuration = container.LogConfiguration;
        var options = configuration?.Options ?? new Dictionary<string, string>();
        string? Option(string name) => options.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
        var isAwsLogs = configuration?.LogDriver == AwsLogsDriver;
        return new ContainerLogLocation(
            container.Name,
            configuration?.LogDriver,
            isAwsLogs ? Option("awslogs-group") : null,
            (isAwsLogs ? Option("awslogs-region") : null) ?? taskRegion,
            isAwsLogs ? Option("awslogs-stream-prefix") : null);
    }

    /// <summary>Every container of a task definition, essential ones first.</summary>
    public static IReadOnlyList<ContainerLogLocation> Of(TaskDefinition definition, string taskRegion) =>
        (definition.ContainerDefinitions ?? new List<ContainerDefinition>())
            .OrderByDescending(c => c.Essential ?? true)
            .Select(c => Of(c, taskRegion))
            .ToList();

    /// <summary>The stream of one task's container, or null when <see cref="IsReadable"/> is false.</summary>
    public string? StreamFor(string taskId) => IsReadable ? $"{StreamPrefix}/{Container}/{taskId}" : null;

    /// <summary>Why this container's log cannot be read from CloudWatch Logs, or null when it can.</summary>
    public string? WhyUnreadable() => Driver switch
    {
        null => $"Container {Container} has no logConfiguration: what it writes is not kept.",
        AwsLogsDriver when LogGroup == null => $"Container {Container} uses awslogs without awslogs-group.",
        AwsLogsDriver when StreamPrefix == null => $"Container {Container} uses awslogs without awslogs-stream-prefix, so its stream is named after the container id.",
        AwsLogsDriver => null,
        _ => $"Container {Container} logs with the {Driver} driver, not to CloudWatch Logs.",
    };
}
