#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.Lambda.Model;

public class ListTagsRequest : AmazonLambdaRequest
{
    /// <summary>The function's ARN.</summary>
    public string Resource { get; set; }
}

public class ListTagsResponse : AmazonWebServiceResponse
{
    /// <summary>Keys are case-sensitive: Project and project are two tags.</summary>
    public Dictionary<string, string> Tags { get; set; }
}
