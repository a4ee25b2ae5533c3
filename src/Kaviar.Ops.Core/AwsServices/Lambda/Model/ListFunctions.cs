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

public class FunctionConfiguration : IFunctionSettings
{
    public string FunctionName { get; set; }

    public string FunctionArn { get; set; }

    public string Runtime { get; set; }

    public int? Timeout { get; set; }

    public string State { get; set; }

    public string LastUpdateStatus { get; set; }

    /// <summary>The function's subnets and groups; null (or empty lists) when it is not connected to a VPC.</summary>
    public VpcConfigResponse VpcConfig { get; set; }
}
