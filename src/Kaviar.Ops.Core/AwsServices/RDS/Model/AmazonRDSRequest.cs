#nullable disable

using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.RDS.Model;

/// <summary>Base of the Amazon RDS requests.</summary>
public abstract class AmazonRDSRequest : AmazonWebServiceRequest
{
}
