#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

public class DescribeTaskDefinitionRequest : AmazonECSRequest
{
    /// <summary>family, family:revision or full ARN.</summary>
    public string TaskDefinition { get; set; }

    public List<string> Include { get; set; }
}

public class DescribeTaskDefinitionResponse : AmazonWebServiceResponse
{
    public TaskDefinition TaskDefinition { get; set; }

    public List<Tag> Tags { get; set; }
}
