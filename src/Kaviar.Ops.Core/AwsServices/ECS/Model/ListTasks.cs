#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

public class ListTasksRequest : AmazonECSRequest
{
    public string Cluster { get; set; }

    public string ContainerInstance { get; set; }

    public string Family { get; set; }

    public string NextToken { get; set; }

    public int? MaxResults { get; set; }

    public string StartedBy { get; set; }

    public string ServiceName { get; set; }

    /// <summary>RUNNING (default), PENDING or STOPPED.</summary>
    public string DesiredStatus { get; set; }

    public string LaunchType { get; set; }
}

public class ListTasksResponse : AmazonWebServiceResponse
{
    public List<string> TaskArns { get; set; }

    public string NextToken { get; set; }
}
