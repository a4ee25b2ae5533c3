#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

public class ListClustersRequest : AmazonECSRequest
{
    public string NextToken { get; set; }

    public int? MaxResults { get; set; }
}

public class ListClustersResponse : AmazonWebServiceResponse
{
    public List<string> ClusterArns { get; set; }

    public string NextToken { get; set; }
}
