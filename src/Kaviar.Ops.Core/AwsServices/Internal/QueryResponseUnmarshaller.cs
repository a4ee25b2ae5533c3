using System;
using System.Linq;
using System.Net;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>
/// awsQuery response: &lt;XResponse&gt;&lt;XResult&gt;…&lt;/XResult&gt;&lt;ResponseMetadata&gt;…, read whole with LINQ to XML.
/// Errors: &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;.
/// REST-XML (Route 53) answers the same errors, and its result is the root element itself (no action given).
/// </summary>
internal sealed class QueryResponseUnmarshaller<TResponse> : XmlResponseUnmarshaller
    where TResponse : AmazonWebServiceResponse
{
    private readonly string? _resultElement;
    private readonly Func<XElement, TResponse> _read;
    private readonly ServiceErrorFactory _createError;

    internal QueryResponseUnmarshaller(string? action, Func<XElement, TResponse> read, ServiceErrorFactory createError)
    {
        _resultElement = action == null ? null : action + "Result";
        _read = read;
        _createError = createError;
    }

    public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext input)
    {
        var root = XDocument.Load(input.Stream).Root ?? throw new AmazonClientException("Empty XML response.");
        var response = _read(_resultElement == null ? root : root.El(_resultElement) ?? new XElement(_resultElement));
        response.ResponseMetadata = new ResponseMetadata
        {
            RequestId = root.El("ResponseMetadata")?.Str("RequestId") ?? input.ResponseData.GetHeaderValue("x-amzn-RequestId"),
        };
        return response;
    }

    public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode)
    {
        var root = input.IsEmptyResponse ? null : XDocument.Load(input.Stream).Root;

        // Usually <ErrorResponse><Error>…</Error><RequestId/>; some front ends answer a bare <Error>.
        var error = root?.Name.LocalName == "Error" ? root : root?.El("Error");
        var errorType = error?.Str("Type") switch
        {
            "Sender" => ErrorType.Sender,
            "Receiver" => ErrorType.Receiver,
            _ => ServiceErrors.TypeFromStatus(statusCode),
        };
        var requestId = root?.Str("RequestId") ?? error?.Str("RequestId") ?? input.ResponseData.GetHeaderValue("x-amzn-RequestId");
        return _createError(error?.Str("Code"), error?.Str("Message"), innerException, errorType, requestId, statusCode);
    }
}
