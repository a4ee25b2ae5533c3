using System;
using System.Collections.Generic;
using System.Linq;

using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Migrations;

/// <summary>
/// Exactly what a migration run-task will start: the task definition, the container and its command, and the
/// network the service itself uses. -WhatIf prints <see cref="Describe"/>; nothing here calls AWS.
/// </summary>
public sealed class MigrationTaskPlan
{
    /// <summary>Marks tasks this module started as migrations (RunTask startedBy, at most 36 characters).</summary>
    public const string StartedByMarker = "kaviar-ops/migration";

    public string Region { get; set; } = "";

    public string Cluster { get; set; } = "";

    /// <summary>The service the settings were taken from, when they were.</summary>
    public string? SourceService { get; set; }

    public string TaskDefinitionArn { get; set; } = "";

    public string Family { get; set; } = "";

    public string Container { get; set; } = "";

    public IReadOnlyList<string> Command { get; set; } = Array.Empty<string>();

    /// <summary>Environment overrides: secrets, shown by name only.</summary>
    public IReadOnlyDictionary<string, SecretValue> Environment { get; set; } = new Dictionary<string, SecretValue>();

    public string? LaunchType { get; set; }

    public IReadOnlyList<CapacityProviderShare> CapacityProviderStrategy { get; set; } = Array.Empty<CapacityProviderShare>();

    public string? PlatformVersion { get; set; }

    public IReadOnlyList<string> Subnets { get; set; } = Array.Empty<string>();

    public IReadOnlyList<string> SecurityGroups { get; set; } = Array.Empty<string>();

    /// <summary>ENABLED or DISABLED.</summary>
    public string AssignPublicIp { get; set; } = "DISABLED";

    /// <summary>Where the container writes its log: awslogs, or FireLens to CloudWatch Logs, or elsewhere.</summary>
    public ContainerLogLocation? Log { get; set; }

    /// <summary>A RunTask idempotency token the user chose (-ClientToken); without it the runner derives "the next migration" token.</summary>
    public string? ClientToken { get; set; }

    /// <summary>The log group of a migration task, when its log can be read.</summary>
    public string? LogGroupFor(string taskArn) => Log?.GroupFor(taskArn, Cluster);

    /// <summary>The log stream of a migration task, when its log can be read.</summary>
    public string? LogStreamFor(string taskArn) => Log?.StreamFor(taskArn, Cluster);

    /// <summary>One line per setting, for -WhatIf and -Verbose.</summary>
    public string Describe()
    {
        var placement = LaunchType != null
            ? $"launch type {LaunchType}"
            : "capacity providers " + string.Join(", ", CapacityProviderStrategy.Select(s => $"{s.CapacityProvider} (weight {s.Weight}, base {s.Base})"));
        var lines = new List<string>
        {
            $"cluster {Cluster} ({Region}){(SourceService == null ? "" : $", settings of service {SourceService}")}",
            $"task definition {TaskDefinitionArn}",
            $"container {Container} command [{string.Join(" ", Command)}]",
            $"{placement}{(PlatformVersion == null ? "" : $", platform {PlatformVersion}")}",
            $"subnets {string.Join(", ", Subnets)}; security groups {string.Join(", ", SecurityGroups)}; assignPublicIp {AssignPublicIp}",
        };
        if (Environment.Count > 0)
        {
            lines.Add("environment overrides " + SecretRedaction.Names(Environment));
        }

        return string.Join(System.Environment.NewLine, lines);
    }
}

public sealed class CapacityProviderShare
{
    public string CapacityProvider { get; set; } = "";

    public int Weight { get; set; }

    public int Base { get; set; }
}
