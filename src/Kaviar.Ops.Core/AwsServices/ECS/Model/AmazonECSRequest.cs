#nullable disable

using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

/// <summary>Base of the Amazon ECS requests.</summary>
public abstract class AmazonECSRequest : AmazonWebServiceRequest
{
}
