using System.Collections.Generic;
using System.Security;

namespace Kaviar.Ops.Simulator.Protocol;

/// <summary>Renders an <see cref="AwsErrorException"/> in the service's own error shape, and the errors the front door itself raises.</summary>
public static class AwsErrors
{
    public const string JsonContentType = "application/x-amz-json-1.1";
    public const string XmlContentType = "text/xml";

    public static SimulatedResponse Render(ServiceProtocol service, AwsErrorException error, string requestId)
    {
        var code = SecurityElement.Escape(error.Code);
        var message = SecurityElement.Escape(error.Message);
        switch (service.Protocol)
        {
            case WireProtocol.Json11:
                var body = new System.Text.Json.Nodes.JsonObject
                {
                    ["__type"] = error.Code,
                    ["message"] = error.Message,
                };
                return new SimulatedResponse(error.StatusCode, JsonContentType, body.ToJsonString());
            case WireProtocol.RestJson:
                var restBody = new System.Text.Json.Nodes.JsonObject
                {
                    ["Type"] = error.SenderFault ? "User" : "Service",
                    ["message"] = error.Message,
                };
                return new SimulatedResponse(error.StatusCode, "application/json", restBody.ToJsonString())
                {
                    Headers = new Dictionary<string, string> { ["x-amzn-ErrorType"] = error.Code },
                };
            case WireProtocol.Ec2Query:
                return new SimulatedResponse(
                    error.StatusCode,
                    XmlContentType,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code + "</Code><Message>" + message
                    + "</Message></Error></Errors><RequestID>" + requestId + "</RequestID></Response>");
            default:
                var type = error.SenderFault ? "Sender" : "Receiver";
                return new SimulatedResponse(
                    error.StatusCode,
                    XmlContentType,
                    "<ErrorResponse xmlns=\"" + service.XmlNamespace + "\">\n  <Error>\n    <Type>" + type + "</Type>\n    <Code>" + code
                    + "</Code>\n    <Message>" + message + "</Message>\n  </Error>\n  <RequestId>" + requestId + "</RequestId>\n</ErrorResponse>\n");
        }
    }

    public static AwsErrorException Throttling(ServiceProtocol service) => service.Protocol switch
    {
        WireProtocol.Json11 => new AwsErrorException("ThrottlingException", "Rate exceeded"),
        WireProtocol.Ec2Query => new AwsErrorException("RequestLimitExceeded", "Request limit exceeded.", 503),
        _ => new AwsErrorException("Throttling", "Rate exceeded"),
    };

    public static AwsErrorException ServerError(ServiceProtocol service) => service.Protocol switch
    {
        WireProtocol.Ec2Query => new AwsErrorException(
            "InternalError", "An internal error has occurred", 500, senderFault: false),
        _ => new AwsErrorException("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500, senderFault: false),
    };

    public static AwsErrorException UnknownAction(ServiceProtocol service, string action) => service.Protocol == WireProtocol.Json11
        ? new AwsErrorException("UnknownOperationException", string.Empty)
        : new AwsErrorException("InvalidAction", $"The action {action} is not valid for this web service.");

    /// <summary>
    /// The caller's policy does not allow <paramref name="iamAction"/>, in the service's own code and status: JSON
    /// services AccessDeniedException (400), Lambda's REST AccessDeniedException (403), EC2 UnauthorizedOperation (403),
    /// the Query and REST-XML services and query-compatible CloudWatch AccessDenied (403). EC2 and ELBv2 name no
    /// resource (their Describe actions have none); the others name the resource evaluated, here <c>*</c>.
    /// </summary>
    public static AwsErrorException AccessDenied(ServiceProtocol service, string caller, string iamAction)
    {
        var denied = $"User: {caller} is not authorized to perform: {iamAction}";
        var because = $" because no identity-based policy allows the {iamAction} action";
        return service.Protocol switch
        {
            WireProtocol.Ec2Query => new AwsErrorException("UnauthorizedOperation", "You are not authorized to perform this operation. " + denied + because, 403),
            WireProtocol.Query => new AwsErrorException("AccessDenied", denied + because, 403),
            WireProtocol.Json11 when service.QueryCompatible => new AwsErrorException("AccessDenied", denied + " on resource: *" + because, 403),
            WireProtocol.Json11 => new AwsErrorException("AccessDeniedException", denied + " on resource: *" + because),
            WireProtocol.RestJson => new AwsErrorException("AccessDeniedException", denied + " on resource: *" + because, 403),
            _ => new AwsErrorException("AccessDenied", denied + " on resource: *" + because, 403),
        };
    }

    public static AwsErrorException MissingAuthentication(ServiceProtocol service) => service.Protocol == WireProtocol.Json11
        ? new AwsErrorException("MissingAuthenticationTokenException", "Missing Authentication Token", 403)
        : new AwsErrorException("MissingAuthenticationToken", "Request is missing Authentication Token", 403);

    public static AwsErrorException IncompleteSignature(ServiceProtocol service, string detail) => new(
        service.Protocol == WireProtocol.Json11 ? "IncompleteSignatureException" : "IncompleteSignature",
        detail,
        403);
}
