using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.ECS;

/// <summary>Configuration for the Amazon ECS client (same names and defaults as AWSSDK.ECS).</summary>
public class AmazonECSConfig : AwsServiceConfig
{
    public AmazonECSConfig()
        : base("ECS", "ecs", "ecs")
    {
    }

    public override string RegionEndpointServiceName => "ecs";

    public override string ServiceVersion => "2014-11-13";
}
