using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Kaviar.Ops.AwsServices.Internal;
using Kaviar.Ops.AwsServices.Lambda.Model;

namespace Kaviar.Ops.AwsServices.Lambda.Internal;

/// <summary>
/// Wire mapping of Lambda Invoke (restJson1): the payload is the raw HTTP body both ways, everything else
/// travels in the path, the query string and X-Amz-* headers.
/// </summary>
internal static class LambdaOperations
{
    internal static readonly ServiceOperation<InvokeRequest, InvokeResponse> Invoke =
        new ServiceOperation<InvokeRequest, InvokeResponse>(new InvokeRequestMarshaller(), new InvokeResponseUnmarshaller());

    internal static readonly ServiceOperation<ListFunctionsRequest, ListFunctionsResponse> ListFunctions =
        new ServiceOperation<ListFunctionsRequest, ListFunctionsResponse>(new ListFunctionsRequestMarshaller(),
            new JsonRpcResponseUnmarshaller<ListFunctionsResponse>(
                body => new ListFunctionsResponse
                {
                    Functions = body.List("Functions", Settings<FunctionConfiguration>),
                    NextMarker = body.Str("NextMarker"),
                },
                LambdaErrors.Create));

    internal static readonly ServiceOperation<GetFunctionConfigurationRequest, GetFunctionConfigurationResponse> GetFunctionConfiguration =
        new ServiceOperation<GetFunctionConfigurationRequest, GetFunctionConfigurationResponse>(new GetFunctionConfigurationRequestMarshaller(),
            new JsonRpcResponseUnmarshaller<GetFunctionConfigurationResponse>(Settings<GetFunctionConfigurationResponse>, LambdaErrors.Create));

    internal static readonly ServiceOperation<ListTagsRequest, ListTagsResponse> ListTags =
        new ServiceOperation<ListTagsRequest, ListTagsResponse>(new ListTagsRequestMarshaller(),
            new JsonRpcResponseUnmarshaller<ListTagsResponse>(body => new ListTagsResponse { Tags = body.Map("Tags") }, LambdaErrors.Create));

    /// <summary>The members of a FunctionConfiguration this module reads.</summary>
    private static T Settings<T>(JsonElement f)
        where T : FunctionConfiguration, new() => new T
    {
        FunctionName = f.Str("FunctionName"),
        FunctionArn = f.Str("FunctionArn"),
        Runtime = f.Str("Runtime"),
        Timeout = f.Int("Timeout"),
        State = f.Str("State"),
        LastUpdateStatus = f.Str("LastUpdateStatus"),
        VpcConfig = f.Obj("VpcConfig", v => new VpcConfigResponse
        {
            SubnetIds = v.Strings("SubnetIds"),
            SecurityGroupIds = v.Strings("SecurityGroupIds"),
            VpcId = v.Str("VpcId"),
            Ipv6AllowedForDualStack = v.Bool("Ipv6AllowedForDualStack"),
        }),
        Environment = f.Obj("Environment", e => new EnvironmentResponse { Variables = e.Map("Variables") }),
    };

    /// <summary>GET /2015-03-31/functions/{FunctionName}/configuration, with Qualifier in the query string.</summary>
    private sealed class GetFunctionConfigurationRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var get = (GetFunctionConfigurationRequest)input;
            return FunctionRequest(input, "GET", get.FunctionName, "configuration", get.Qualifier);
        }
    }

    /// <summary>
    /// A request on one function: {FunctionName} in the path (the SDK escapes it, so an ARN's colons arrive intact) and
    /// Qualifier in the query string. The function's name is required.
    /// </summary>
    private static IRequest FunctionRequest(AmazonWebServiceRequest input, string method, string? functionName, string resource, string? qualifier)
    {
        if (string.IsNullOrEmpty(functionName))
        {
            throw new AmazonLambdaException("Request object does not have required field FunctionName set");
        }

        IRequest request = new DefaultRequest(input, "Amazon.Lambda");
        request.HttpMethod = method;
        request.Headers["X-Amz-Api-Version"] = "2015-03-31";
        request.ResourcePath = "/2015-03-31/functions/{FunctionName}/" + resource;
        request.AddPathResource("{FunctionName}", functionName);
        if (qualifier != null)
        {
            request.Parameters["Qualifier"] = qualifier;
        }

        request.UseQueryString = true;
        return request;
    }

    /// <summary>GET /2017-03-31/tags/{ARN}.</summary>
    private sealed class ListTagsRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var list = (ListTagsRequest)input;
            if (string.IsNullOrEmpty(list.Resource))
            {
                throw new AmazonLambdaException("Request object does not have required field Resource set");
            }

            IRequest request = new DefaultRequest(input, "Amazon.Lambda");
            request.HttpMethod = "GET";
            request.Headers["X-Amz-Api-Version"] = "2017-03-31";
            request.ResourcePath = "/2017-03-31/tags/{ARN}";
            request.AddPathResource("{ARN}", list.Resource);
            return request;
        }
    }

    /// <summary>GET /2015-03-31/functions/ with Marker and MaxItems in the query string.</summary>
    private sealed class ListFunctionsRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var list = (ListFunctionsRequest)input;
            IRequest request = new DefaultRequest(input, "Amazon.Lambda");
            request.HttpMethod = "GET";
            request.Headers["X-Amz-Api-Version"] = "2015-03-31";
            request.ResourcePath = "/2015-03-31/functions/";
            if (list.Marker != null)
            {
                request.Parameters["Marker"] = list.Marker;
            }

            if (list.MaxItems != null)
            {
                request.Parameters["MaxItems"] = list.MaxItems.Value.ToString(CultureInfo.InvariantCulture);
            }

            request.UseQueryString = true;
            return request;
        }
    }

    private sealed class InvokeRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var invoke = (InvokeRequest)input;
            var request = FunctionRequest(input, "POST", invoke.FunctionName, "invocations", invoke.Qualifier);
            SetHeader(request, "X-Amz-Invocation-Type", invoke.InvocationType);
            SetHeader(request, "X-Amz-Log-Type", invoke.LogType);
            SetHeader(request, "X-Amz-Client-Context", invoke.ClientContext);

            request.Content = invoke.Payload?.ToArray() ?? new byte[0];
            request.Headers["Content-Length"] = request.Content.Length.ToString(CultureInfo.InvariantCulture);
            if (request.Content.Length > 0)
            {
                request.Headers["Content-Type"] = "binary/octet-stream";
            }

            return request;
        }

        private static void SetHeader(IRequest request, string name, string? value)
        {
            if (value != null)
            {
                request.Headers[name] = value;
            }
        }
    }

    private sealed class InvokeResponseUnmarshaller : JsonResponseUnmarshaller
    {
        // Errors are JSON with x-amzn-ErrorType, read the same way as the JSON 1.1 services'; its body reader never runs.
        private static readonly JsonRpcResponseUnmarshaller<InvokeResponse> Errors =
            new JsonRpcResponseUnmarshaller<InvokeResponse>(_ => new InvokeResponse(), LambdaErrors.Create);

        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext input)
        {
            var payload = new MemoryStream();
            input.Stream.CopyTo(payload);
            payload.Position = 0;
            var data = input.ResponseData;
            return new InvokeResponse
            {
                StatusCode = (int)data.StatusCode,
                Payload = payload,
                FunctionError = Header(data, "X-Amz-Function-Error"),
                LogResult = Header(data, "X-Amz-Log-Result"),
                ExecutedVersion = Header(data, "X-Amz-Executed-Version"),
            };
        }

        public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode) =>
            Errors.UnmarshallException(input, innerException, statusCode);

        private static string? Header(IWebResponseData data, string name) =>
            data.IsHeaderPresent(name) ? data.GetHeaderValue(name) : null;
    }
}
