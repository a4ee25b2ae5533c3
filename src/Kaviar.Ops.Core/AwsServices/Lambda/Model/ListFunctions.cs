#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.Lambda.Model;

public class ListFunctionsRequest : AmazonLambdaRequest
{
    public string Marker { get; set; }

    public int? MaxItems { get; set; }
}

public class ListFunctionsResponse : AmazonWebServiceResponse
{
    public List<FunctionConfiguration> Functions { get; set; }

    public string NextMarker { get; set; }
}

/// <summary>
/// A function's version-specific settings, as ListFunctions lists them and GetFunctionConfiguration returns them. A
/// response type here (unlike AWSSDK.Lambda) so <see cref="GetFunctionConfigurationResponse"/> is this shape itself.
/// </summary>
public class FunctionConfiguration : AmazonWebServiceResponse
{
    public string FunctionName { get; set; }

    public string FunctionArn { get; set; }

    /// <summary>nodejs20.x, python3.12…; null for a container image.</summary>
    public string Runtime { get; set; }

    /// <summary>Seconds the function may run.</summary>
    public int? Timeout { get; set; }

    /// <summary>Pending, Active, Inactive or Failed.</summary>
    public string State { get; set; }

    /// <summary>Successful, Failed or InProgress.</summary>
    public string LastUpdateStatus { get; set; }

    /// <summary>The function's subnets and groups; null (or empty lists) when it is not connected to a VPC.</summary>
    public VpcConfigResponse VpcConfig { get; set; }

    /// <summary>The function's environment variables. Their values may be secrets: read them to judge, never show them.</summary>
    public EnvironmentResponse Environment { get; set; }
}

public class EnvironmentResponse
{
    public Dictionary<string, string> Variables { get; set; }
}
