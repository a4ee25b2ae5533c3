using System;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Util;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>awsQuery request: Action and Version plus flattened members, form-encoded into the POST body.</summary>
internal sealed class QueryRequestMarshaller<TRequest> : IMarshaller<IRequest, AmazonWebServiceRequest>
    where TRequest : AmazonWebServiceRequest
{
    private readonly string _serviceName;
    private readonly string _action;
    private readonly string _apiVersion;
    private readonly Action<QueryWriter, TRequest> _writeMembers;

    internal QueryRequestMarshaller(string serviceName, string action, string apiVersion, Action<QueryWriter, TRequest> writeMembers)
    {
        _serviceName = serviceName;
        _action = action;
        _apiVersion = apiVersion;
        _writeMembers = writeMembers;
    }

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        IRequest request = new DefaultRequest(input, _serviceName);
        request.Parameters.Add("Action", _action);
        request.Parameters.Add("Version", _apiVersion);
        _writeMembers(new QueryWriter(request, string.Empty), (TRequest)input);
        request.ContentStream = AWSSDKUtils.WriteParametersToPooledStream(request);
        return request;
    }
}
