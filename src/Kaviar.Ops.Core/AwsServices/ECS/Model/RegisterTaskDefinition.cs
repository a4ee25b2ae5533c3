#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

/// <summary>Registers the next revision of a family; ECS assigns the revision number.</summary>
public class RegisterTaskDefinitionRequest : AmazonECSRequest
{
    public string Family { get; set; }

    public List<ContainerDefinition> ContainerDefinitions { get; set; }

    public string TaskRoleArn { get; set; }

    public string ExecutionRoleArn { get; set; }

    /// <summary>awsvpc, bridge, host or none.</summary>
    public string NetworkMode { get; set; }

    public List<string> RequiresCompatibilities { get; set; }

    public string Cpu { get; set; }

    public string Memory { get; set; }

    public List<Volume> Volumes { get; set; }

    public RuntimePlatform RuntimePlatform { get; set; }

    public EphemeralStorage EphemeralStorage { get; set; }

    public List<Tag> Tags { get; set; }

    /// <summary>
    /// A whole registration document (not a member of the official SDK): when set, it is sent as it is, with
    /// <see cref="Tags"/>, instead of the members above, so a copy of a revision loses nothing this client does not model.
    /// </summary>
    internal string Document { get; set; }
}

public class RegisterTaskDefinitionResponse : AmazonWebServiceResponse
{
    public TaskDefinition TaskDefinition { get; set; }

    public List<Tag> Tags { get; set; }
}
