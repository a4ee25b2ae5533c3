#nullable disable

using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

public class StopTaskRequest : AmazonECSRequest
{
    public string Cluster { get; set; }

    public string Task { get; set; }

    public string Reason { get; set; }
}

public class StopTaskResponse : AmazonWebServiceResponse
{
    public Task Task { get; set; }
}
