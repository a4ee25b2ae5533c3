#nullable disable

using System.IO;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.Lambda.Model;

public class InvokeRequest : AmazonLambdaRequest
{
    /// <summary>Name, ARN or partial ARN, optionally with ":alias" or ":version".</summary>
    public string FunctionName { get; set; }

    /// <summary>RequestResponse (the default), Event or DryRun.</summary>
    public string InvocationType { get; set; }

    /// <summary>Tail returns the last 4 KB of the execution log (RequestResponse only).</summary>
    public string LogType { get; set; }

    /// <summary>Base64 JSON of the client context, for mobile SDK callers.</summary>
    public string ClientContext { get; set; }

    /// <summary>The JSON event sent to the function, as raw bytes.</summary>
    public MemoryStream Payload { get; set; }

    /// <summary>A version or alias to invoke.</summary>
    public string Qualifier { get; set; }
}

public class InvokeResponse : AmazonWebServiceResponse
{
    /// <summary>200 for RequestResponse, 202 for Event, 204 for DryRun; also 200 when the function itself failed.</summary>
    public int StatusCode { get; set; }

    /// <summary>Set when the function failed ("Unhandled"); the payload then holds the error object.</summary>
    public string FunctionError { get; set; }

    /// <summary>Base64 of the last 4 KB of the execution log, when LogType was Tail.</summary>
    public string LogResult { get; set; }

    /// <summary>What the function returned, or its error object.</summary>
    public MemoryStream Payload { get; set; }

    public string ExecutedVersion { get; set; }
}
