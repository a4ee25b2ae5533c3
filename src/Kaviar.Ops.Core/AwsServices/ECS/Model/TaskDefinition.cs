#nullable disable

using System;
using System.Collections.Generic;

namespace Kaviar.Ops.AwsServices.ECS.Model;

public class TaskDefinition
{
    /// <summary>
    /// The task definition exactly as ECS answered it (not a member of the official SDK): what a new revision is
    /// copied from, so members this client does not model survive the copy.
    /// </summary>
    internal string Document { get; set; }

    public string TaskDefinitionArn { get; set; }

    public List<ContainerDefinition> ContainerDefinitions { get; set; }

    public string Family { get; set; }

    public string TaskRoleArn { get; set; }

    public string ExecutionRoleArn { get; set; }

    public string NetworkMode { get; set; }

    public int? Revision { get; set; }

    /// <summary>ACTIVE, INACTIVE or DELETE_IN_PROGRESS.</summary>
    public string Status { get; set; }

    public List<string> RequiresCompatibilities { get; set; }

    public string Cpu { get; set; }

    public string Memory { get; set; }

    public List<Volume> Volumes { get; set; }

    public RuntimePlatform RuntimePlatform { get; set; }

    public EphemeralStorage EphemeralStorage { get; set; }

    /// <summary>EC2 and/or FARGATE: what the definition is compatible with, as ECS validated it.</summary>
    public List<string> Compatibilities { get; set; }

    public DateTime? RegisteredAt { get; set; }

    public DateTime? DeregisteredAt { get; set; }
}

public class ContainerDefinition
{
    public string Name { get; set; }

    public string Image { get; set; }

    public int? Cpu { get; set; }

    public int? Memory { get; set; }

    public int? MemoryReservation { get; set; }

    public List<PortMapping> PortMappings { get; set; }

    public bool? Essential { get; set; }

    public List<string> EntryPoint { get; set; }

    public List<string> Command { get; set; }

    public List<KeyValuePair> Environment { get; set; }

    public LogConfiguration LogConfiguration { get; set; }

    /// <summary>Secrets Manager or SSM parameter references; never values.</summary>
    public List<Secret> Secrets { get; set; }

    public List<EnvironmentFile> EnvironmentFiles { get; set; }

    public HealthCheck HealthCheck { get; set; }

    public int? StartTimeout { get; set; }

    public int? StopTimeout { get; set; }

    public List<ContainerDependency> DependsOn { get; set; }

    public List<MountPoint> MountPoints { get; set; }

    public List<VolumeFrom> VolumesFrom { get; set; }

    public string WorkingDirectory { get; set; }

    public string User { get; set; }

    public bool? ReadonlyRootFilesystem { get; set; }

    public Dictionary<string, string> DockerLabels { get; set; }

    public List<Ulimit> Ulimits { get; set; }

    public RepositoryCredentials RepositoryCredentials { get; set; }
}

public class PortMapping
{
    public int? ContainerPort { get; set; }

    public int? HostPort { get; set; }

    /// <summary>tcp or udp.</summary>
    public string Protocol { get; set; }

    public string Name { get; set; }
}

public class LogConfiguration
{
    /// <summary>e.g. awslogs; its Options carry awslogs-group, awslogs-region, awslogs-stream-prefix.</summary>
    public string LogDriver { get; set; }

    public Dictionary<string, string> Options { get; set; }

    public List<Secret> SecretOptions { get; set; }
}

public class Secret
{
    public string Name { get; set; }

    /// <summary>The secret's or parameter's ARN (or name), never its value.</summary>
    public string ValueFrom { get; set; }
}

public class EnvironmentFile
{
    public string Value { get; set; }

    /// <summary>s3.</summary>
    public string Type { get; set; }
}

public class HealthCheck
{
    public List<string> Command { get; set; }

    public int? Interval { get; set; }

    public int? Timeout { get; set; }

    public int? Retries { get; set; }

    public int? StartPeriod { get; set; }
}

public class ContainerDependency
{
    public string ContainerName { get; set; }

    /// <summary>START, COMPLETE, SUCCESS or HEALTHY.</summary>
    public string Condition { get; set; }
}

public class MountPoint
{
    public string SourceVolume { get; set; }

    public string ContainerPath { get; set; }

    public bool? ReadOnly { get; set; }
}

public class VolumeFrom
{
    public string SourceContainer { get; set; }

    public bool? ReadOnly { get; set; }
}

public class Ulimit
{
    public string Name { get; set; }

    public int? SoftLimit { get; set; }

    public int? HardLimit { get; set; }
}

public class RepositoryCredentials
{
    public string CredentialsParameter { get; set; }
}

public class Volume
{
    public string Name { get; set; }

    public HostVolumeProperties Host { get; set; }

    public EFSVolumeConfiguration EfsVolumeConfiguration { get; set; }

    public bool? ConfiguredAtLaunch { get; set; }
}

public class HostVolumeProperties
{
    public string SourcePath { get; set; }
}

public class EFSVolumeConfiguration
{
    public string FileSystemId { get; set; }

    public string RootDirectory { get; set; }

    /// <summary>ENABLED or DISABLED.</summary>
    public string TransitEncryption { get; set; }

    public int? TransitEncryptionPort { get; set; }

    public EFSAuthorizationConfig AuthorizationConfig { get; set; }
}

public class EFSAuthorizationConfig
{
    public string AccessPointId { get; set; }

    /// <summary>ENABLED or DISABLED.</summary>
    public string Iam { get; set; }
}

public class RuntimePlatform
{
    /// <summary>X86_64 or ARM64.</summary>
    public string CpuArchitecture { get; set; }

    /// <summary>e.g. LINUX.</summary>
    public string OperatingSystemFamily { get; set; }
}

public class EphemeralStorage
{
    public int? SizeInGiB { get; set; }
}
