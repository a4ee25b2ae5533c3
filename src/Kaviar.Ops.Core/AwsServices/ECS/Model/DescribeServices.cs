#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

public class DescribeServicesRequest : AmazonECSRequest
{
    public string Cluster { get; set; }

    /// <summary>Names or ARNs, at most 10 per call.</summary>
    public List<string> Services { get; set; }

    /// <summary>TAGS to include tags.</summary>
    public List<string> Include { get; set; }
}

public class DescribeServicesResponse : AmazonWebServiceResponse
{
    public List<Service> Services { get; set; }

    public List<Failure> Failures { get; set; }
}
