#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

public class ListServicesRequest : AmazonECSRequest
{
    public string Cluster { get; set; }

    public string NextToken { get; set; }

    public int? MaxResults { get; set; }

    public string LaunchType { get; set; }

    public string SchedulingStrategy { get; set; }
}

public class ListServicesResponse : AmazonWebServiceResponse
{
    public List<string> ServiceArns { get; set; }

    public string NextToken { get; set; }
}
