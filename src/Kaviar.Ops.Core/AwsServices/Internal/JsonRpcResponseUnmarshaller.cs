using System;
using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>
/// awsJson1_1 response: the body is read whole into a JsonDocument and mapped by a per-operation
/// reader. Errors come from x-amzn-ErrorType or the body's __type / code, and message / Message.
/// </summary>
internal sealed class JsonRpcResponseUnmarshaller<TResponse> : JsonResponseUnmarshaller
    where TResponse : AmazonWebServiceResponse
{
    private readonly Func<JsonElement, TResponse> _read;
    private readonly ServiceErrorFactory _createError;

    internal JsonRpcResponseUnmarshaller(Func<JsonElement, TResponse> read, ServiceErrorFactory createError)
    {
        _read = read;
        _createError = createError;
    }

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext input)
    {
        using var document = Parse(input);
        return _read(document.RootElement);
    }

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode)
    {
        // A proxy or load balancer in front can answer with HTML; keep the status and header code then.
        using var document = TryParse(input);
        var body = document?.RootElement ?? default;
        var code = input.ResponseData.GetHeaderValue("x-amzn-ErrorType");
        if (string.IsNullOrEmpty(code))
        {
            code = body.Str("__type") ?? body.Str("code");
        }

        var message = body.Str("message") ?? body.Str("Message") ?? $"{(int)statusCode} {statusCode}";
        var requestId = input.ResponseData.GetHeaderValue("x-amzn-RequestId");
        return _createError(NormalizeErrorCode(code), message, innerException, ServiceErrors.TypeFromStatus(statusCode), requestId, statusCode);
    }

    /// <summary>"aws.ecs#ClusterNotFoundException:http://..." becomes "ClusterNotFoundException".</summary>
    internal static string? NormalizeErrorCode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        var colon = code!.IndexOf(':');
        if (colon >= 0)
        {
            code = code.Substring(0, colon);
        }

        var hash = code.LastIndexOf('#');
        return hash >= 0 ? code.Substring(hash + 1) : code;
    }

    private static JsonDocument Parse(JsonUnmarshallerContext input) =>
        input.IsEmptyResponse ? JsonDocument.Parse("{}") : JsonDocument.Parse(input.Stream);

    private static JsonDocument? TryParse(JsonUnmarshallerContext input)
    {
        try
        {
            return Parse(input);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
