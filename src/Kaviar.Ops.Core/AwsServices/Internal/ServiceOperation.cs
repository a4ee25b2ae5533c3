using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>One service operation: its request marshaller and response unmarshaller, paired by type.</summary>
internal sealed class ServiceOperation<TRequest, TResponse>
    where TRequest : AmazonWebServiceRequest
    where TResponse : AmazonWebServiceResponse, new()
{
    internal ServiceOperation(IMarshaller<IRequest, AmazonWebServiceRequest> marshaller, ResponseUnmarshaller unmarshaller)
    {
        Marshaller = marshaller;
        Unmarshaller = unmarshaller;
    }

    internal IMarshaller<IRequest, AmazonWebServiceRequest> Marshaller { get; }

    internal ResponseUnmarshaller Unmarshaller { get; }
}
