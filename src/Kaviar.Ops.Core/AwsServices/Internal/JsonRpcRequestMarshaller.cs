using System;
using System.IO;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>awsJson1_1 (or awsJson1_0) request: POST / with X-Amz-Target and a JSON object body.</summary>
internal sealed class JsonRpcRequestMarshaller<TRequest> : IMarshaller<IRequest, AmazonWebServiceRequest>
    where TRequest : AmazonWebServiceRequest
{
    private readonly string _serviceName;
    private readonly string _target;
    private readonly string _apiVersion;
    private readonly Action<Utf8JsonWriter, TRequest> _writeMembers;
    private readonly string _jsonVersion;
    private readonly string? _hostPrefix;

    /// <param name="hostPrefix">
    /// The operation's endpoint hostPrefix in the API model (Cloud Map's DiscoverInstances: "data-"); AWSSDK.Core puts it
    /// before the endpoint's host unless the config's DisableHostPrefixInjection says not to.
    /// </param>
    internal JsonRpcRequestMarshaller(string serviceName, string target, string apiVersion, Action<Utf8JsonWriter, TRequest> writeMembers,
        string jsonVersion = "1.1", string? hostPrefix = null)
    {
        _jsonVersion = jsonVersion;
        _serviceName = serviceName;
        _target = target;
        _apiVersion = apiVersion;
        _writeMembers = writeMembers;
        _hostPrefix = hostPrefix;
    }

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        IRequest request = new DefaultRequest(input, _serviceName);
        request.Headers["X-Amz-Target"] = _target;
        request.Headers["Content-Type"] = "application/x-amz-json-" + _jsonVersion;
        request.Headers["X-Amz-Api-Version"] = _apiVersion;
        request.HttpMethod = "POST";
        request.ResourcePath = "/";
        if (_hostPrefix != null)
        {
            request.HostPrefix = _hostPrefix;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            _writeMembers(writer, (TRequest)input);
            writer.WriteEndObject();
        }

        request.Content = buffer.ToArray();
        return request;
    }
}
