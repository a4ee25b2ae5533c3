using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.Lambda;

/// <summary>Configuration for the Lambda client (same names and defaults as AWSSDK.Lambda).</summary>
public class AmazonLambdaConfig : AwsServiceConfig
{
    public AmazonLambdaConfig()
        : base("Lambda", "lambda", "lambda")
    {
    }

    public override string RegionEndpointServiceName => "lambda";

    public override string ServiceVersion => "2015-03-31";
}
