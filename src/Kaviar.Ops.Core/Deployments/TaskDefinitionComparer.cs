using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Deployments;

/// <summary>One field that differs between two revisions: task-level (Container empty) or of one container.</summary>
public sealed class TaskDefinitionDifference : IRegionalOutput
{
    public string Region { get; set; } = "";

    public string? EndpointUrl { get; set; }

    /// <summary>The revision compared from (family:revision).</summary>
    public string Reference { get; set; } = "";

    /// <summary>The revision compared to (family:revision).</summary>
    public string Difference { get; set; } = "";

    /// <summary>The container, or "" for a task-level field.</summary>
    public string Container { get; set; } = "";

    /// <summary>image, command, environment:NAME, secret:NAME, portMappings, healthCheck, stopTimeout, cpu, logConfiguration, executionRoleArn…</summary>
    public string Field { get; set; } = "";

    /// <summary>The value in <see cref="Reference"/>, or null when the field is absent there. Values of secret-looking variables show as ***.</summary>
    public string? ReferenceValue { get; set; }

    public string? DifferenceValue { get; set; }

    public override string ToString() =>
        $"{(Container.Length == 0 ? "" : Container + ".")}{Field}: {ReferenceValue ?? "(none)"} -> {DifferenceValue ?? "(none)"}";
}

/// <summary>
/// Compares two task definition revisions field by field, as an on-call engineer reads them when one revision works
/// and the next does not: task size, roles, network mode; per container image, command, entry point, each environment
/// variable (values of secret-looking names redacted), each secret (its name and where it comes from, never a value),
/// port mappings, health check, timeouts, CPU and memory, log configuration.
/// </summary>
public sealed class TaskDefinitionComparer
{
    private readonly OpsContext context;

    public TaskDefinitionComparer(OpsContext context) => this.context = context;

    public async Task<IReadOnlyList<TaskDefinitionDifference>> CompareAsync(string reference, string difference, CancellationToken cancellationToken)
    {
        var left = await TaskDefinitions.DescribeAsync(context, reference, cancellationToken).ConfigureAwait(false);
        var right = await TaskDefinitions.DescribeAsync(context, difference, cancellationToken).ConfigureAwait(false);
        return Compare(left, right).Select(d => context.Stamp(d)).ToList();
    }

    public static IReadOnlyList<TaskDefinitionDifference> Compare(TaskDefinition left, TaskDefinition right)
    {
        var differences = new List<TaskDefinitionDifference>();
        void Add(string container, string field, string? before, string? after)
        {
            if (before != after)
            {
                differences.Add(new TaskDefinitionDifference
                {
                    Reference = $"{left.Family}:{left.Revision}",
                    Difference = $"{right.Family}:{right.Revision}",
                    Container = container,
                    Field = field,
                    ReferenceValue = before,
                    DifferenceValue = after,
                });
            }
        }

        foreach (var (field, value) in TaskFields())
        {
            Add("", field, value(left), value(right));
        }

        var before = (left.ContainerDefinitions ?? new List<ContainerDefinition>()).ToDictionary(c => c.Name);
        var after = (right.ContainerDefinitions ?? new List<ContainerDefinition>()).ToDictionary(c => c.Name);
        foreach (var name in before.Keys.Union(after.Keys))
        {
            before.TryGetValue(name, out var was);
            after.TryGetValue(name, out var now);
            if (was == null || now == null)
            {
                Add(name, "container", was == null ? null : "present", now == null ? null : "present");
                continue;
            }

            foreach (var (field, value) in ContainerFields())
            {
                Add(name, field, value(was), value(now));
            }

            foreach (var variable in Names(was.Environment).Union(Names(now.Environment)))
            {
                Add(name, $"environment:{variable}", EnvironmentValue(was, variable), EnvironmentValue(now, variable));
            }

            foreach (var secret in (was.Secrets ?? new List<Secret>()).Concat(now.Secrets ?? new List<Secret>()).Select(s => s.Name).Distinct())
            {
                Add(name, $"secret:{secret}", was.Secrets?.FirstOrDefault(s => s.Name == secret)?.ValueFrom, now.Secrets?.FirstOrDefault(s => s.Name == secret)?.ValueFrom);
            }
        }

        return differences;
    }

    private static IEnumerable<(string Field, Func<TaskDefinition, string?> Value)> TaskFields() => new (string, Func<TaskDefinition, string?>)[]
    {
        ("cpu", t => t.Cpu),
        ("memory", t => t.Memory),
        ("networkMode", t => t.NetworkMode),
        ("requiresCompatibilities", t => Join(t.RequiresCompatibilities)),
        ("taskRoleArn", t => t.TaskRoleArn),
        ("executionRoleArn", t => t.ExecutionRoleArn),
        ("runtimePlatform", t => t.RuntimePlatform == null ? null : $"{t.RuntimePlatform.OperatingSystemFamily}/{t.RuntimePlatform.CpuArchitecture}"),
    };

    private static IEnumerable<(string Field, Func<ContainerDefinition, string?> Value)> ContainerFields() => new (string, Func<ContainerDefinition, string?>)[]
    {
        ("image", c => c.Image),
        ("command", c => Join(c.Command)),
        ("entryPoint", c => Join(c.EntryPoint)),
        ("portMappings", c => Join(c.PortMappings?.Select(p => $"{p.ContainerPort}/{p.Protocol ?? "tcp"}{(p.Name == null ? "" : $" ({p.Name})")}"))),
        ("healthCheck", c => c.HealthCheck == null ? null
            : $"{Join(c.HealthCheck.Command)} every {c.HealthCheck.Interval ?? 30}s, timeout {c.HealthCheck.Timeout ?? 5}s, retries {c.HealthCheck.Retries ?? 3}, start period {c.HealthCheck.StartPeriod ?? 0}s"),
        ("stopTimeout", c => c.StopTimeout?.ToString()),
        ("startTimeout", c => c.StartTimeout?.ToString()),
        ("cpu", c => c.Cpu?.ToString()),
        ("memory", c => c.Memory?.ToString()),
        ("memoryReservation", c => c.MemoryReservation?.ToString()),
        ("essential", c => c.Essential?.ToString()),
        ("workingDirectory", c => c.WorkingDirectory),
        ("user", c => c.User),
        ("logConfiguration", c => c.LogConfiguration == null ? null
            : $"{c.LogConfiguration.LogDriver} {string.Join(", ", (c.LogConfiguration.Options ?? new Dictionary<string, string>()).OrderBy(o => o.Key).Select(o => $"{o.Key}={o.Value}"))}".TrimEnd()),
        ("dependsOn", c => Join(c.DependsOn?.Select(d => $"{d.ContainerName}:{d.Condition}"))),
    };

    private static IEnumerable<string> Names(List<Kaviar.Ops.AwsServices.ECS.Model.KeyValuePair>? environment) =>
        (environment ?? new List<Kaviar.Ops.AwsServices.ECS.Model.KeyValuePair>()).Select(e => e.Name);

    /// <summary>The variable's value, *** for a secret-looking name (a value set in plain text there is a finding of its own).</summary>
    private static string? EnvironmentValue(ContainerDefinition container, string name)
    {
        var variable = container.Environment?.FirstOrDefault(e => e.Name == name);
        return variable == null ? null : SecretRedaction.IsSecretName(name) ? $"*** ({variable.Value?.Length ?? 0} characters)" : variable.Value;
    }

    private static string? Join(IEnumerable<string>? values) => values == null ? null : string.Join(" ", values);
}
