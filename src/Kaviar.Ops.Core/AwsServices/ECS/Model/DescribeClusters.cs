#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

public class DescribeClustersRequest : AmazonECSRequest
{
    public List<string> Clusters { get; set; }

    /// <summary>Extra fields: ATTACHMENTS, CONFIGURATIONS, SETTINGS, STATISTICS, TAGS.</summary>
    public List<string> Include { get; set; }
}

public class DescribeClustersResponse : AmazonWebServiceResponse
{
    public List<Cluster> Clusters { get; set; }

    public List<Failure> Failures { get; set; }
}
