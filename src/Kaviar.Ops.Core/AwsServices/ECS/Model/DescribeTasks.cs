#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

public class DescribeTasksRequest : AmazonECSRequest
{
    public string Cluster { get; set; }

    /// <summary>IDs or ARNs, at most 100 per call.</summary>
    public List<string> Tasks { get; set; }

    public List<string> Include { get; set; }
}

public class DescribeTasksResponse : AmazonWebServiceResponse
{
    public List<Task> Tasks { get; set; }

    public List<Failure> Failures { get; set; }
}
