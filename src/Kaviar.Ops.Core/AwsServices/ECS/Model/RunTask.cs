#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

public class RunTaskRequest : AmazonECSRequest
{
    public List<CapacityProviderStrategyItem> CapacityProviderStrategy { get; set; }

    public string Cluster { get; set; }

    public int? Count { get; set; }

    public bool? EnableECSManagedTags { get; set; }

    public bool? EnableExecuteCommand { get; set; }

    public string Group { get; set; }

    public string LaunchType { get; set; }

    public NetworkConfiguration NetworkConfiguration { get; set; }

    public TaskOverride Overrides { get; set; }

    public string PlatformVersion { get; set; }

    public string PropagateTags { get; set; }

    public string StartedBy { get; set; }

    public List<Tag> Tags { get; set; }

    public string TaskDefinition { get; set; }

    /// <summary>Idempotency token: retries with the same token start the task only once.</summary>
    public string ClientToken { get; set; }
}

public class RunTaskResponse : AmazonWebServiceResponse
{
    public List<Task> Tasks { get; set; }

    public List<Failure> Failures { get; set; }
}
