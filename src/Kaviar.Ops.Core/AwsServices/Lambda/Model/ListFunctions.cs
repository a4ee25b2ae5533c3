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

public class FunctionConfiguration
{
    public string FunctionName { get; set; }

    public string FunctionArn { get; set; }
}
