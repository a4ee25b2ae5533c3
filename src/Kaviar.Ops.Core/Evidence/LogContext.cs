using System;
using System.Collections.Generic;

namespace Kaviar.Ops.Evidence;

/// <summary>
/// What is known about the container whose log lines are read, beyond the lines themselves: where it runs (for the
/// -Region, -Cluster and -Service of a suggested command), its task's network and CPU architecture, how it exited, and
/// the database it uses. Everything but the region and cluster may be unknown; a signature then says less, never guesses.
/// </summary>
public sealed class LogContext
{
    /// <summary>The port Postgres listens on unless the context names the database's own.</summary>
    public const int PostgresPort = 5432;

    /// <summary>What ECS runs a task on when its task definition sets no runtimePlatform.</summary>
    public const string DefaultCpuArchitecture = "X86_64";

    public LogContext(string region, string cluster)
    {
        Region = region ?? throw new ArgumentNullException(nameof(region));
        Cluster = cluster ?? throw new ArgumentNullException(nameof(cluster));
    }

    public string Region { get; }

    public string Cluster { get; }

    /// <summary>The ECS service the task belongs to; null for a task run on its own.</summary>
    public string? Service { get; set; }

    /// <summary>The container the lines come from.</summary>
    public string? ContainerName { get; set; }

    /// <summary>The task's security groups (its awsvpc network configuration).</summary>
    public IReadOnlyList<string> TaskSecurityGroups { get; set; } = Array.Empty<string>();

    /// <summary>The task definition's runtimePlatform.cpuArchitecture: X86_64 or ARM64; null when it sets none (X86_64).</summary>
    public string? CpuArchitecture { get; set; }

    /// <summary>The container's exit code, once it has stopped.</summary>
    public int? ExitCode { get; set; }

    /// <summary>
    /// True when this container stopped by itself (the task's stopCode is EssentialContainerExited and this is the
    /// container that exited); false when ECS stopped the task (a deployment, scale-in, a failed health check: its
    /// SIGKILL after stopTimeout also reads 137); null when unknown.
    /// </summary>
    public bool? ExitedOnItsOwn { get; set; }

    /// <summary>ECS's reason for the container's stop, such as "OutOfMemoryError: Container killed due to memory usage".</summary>
    public string? ContainerReason { get; set; }

    /// <summary>The RDS instance or Aurora cluster identifier the service uses, when known.</summary>
    public string? Database { get; set; }

    /// <summary>The database's port when it is not 5432.</summary>
    public int? DatabasePort { get; set; }

    /// <summary>The Secrets Manager secret (name or ARN) holding the database login, in the RDS format.</summary>
    public string? DatabaseSecretId { get; set; }

    /// <summary>The service's migration command as words (npx prisma migrate deploy), when the caller knows it.</summary>
    public string? MigrationCommand { get; set; }

    /// <summary>The first of the task's security groups: any one of them admitted by the database is enough.</summary>
    internal string? TaskSecurityGroup => TaskSecurityGroups.Count > 0 ? TaskSecurityGroups[0] : null;

    internal string CpuArchitectureOrDefault => string.IsNullOrEmpty(CpuArchitecture) ? DefaultCpuArchitecture : CpuArchitecture!;

    /// <summary>Only a connection to this port is called a database connection; any other is some other dependency.</summary>
    internal bool IsDatabasePort(int port) => port == PostgresPort || port == DatabasePort;

    /// <summary>"container app" or "the container", for sentences.</summary>
    internal string ContainerPhrase => ContainerName == null ? "the container" : $"container {ContainerName}";

    /// <summary>"Container app" or "The container", to begin a sentence.</summary>
    internal string ContainerSubject => ContainerName == null ? "The container" : $"Container {ContainerName}";
}
