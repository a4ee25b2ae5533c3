#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

public class ListTaskDefinitionsRequest : AmazonECSRequest
{
    public string FamilyPrefix { get; set; }

    public string Status { get; set; }

    /// <summary>ASC or DESC (by family, then revision).</summary>
    public string Sort { get; set; }

    public string NextToken { get; set; }

    public int? MaxResults { get; set; }
}

public class ListTaskDefinitionsResponse : AmazonWebServiceResponse
{
    public List<string> TaskDefinitionArns { get; set; }

    public string NextToken { get; set; }
}
