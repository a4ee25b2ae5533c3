#nullable disable

using System.Collections.Generic;

namespace Kaviar.Ops.AwsServices.ECS.Model;

public class TaskDefinition
{
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
}
