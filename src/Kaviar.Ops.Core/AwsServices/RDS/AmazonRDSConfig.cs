using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.RDS;

/// <summary>Configuration for the Amazon RDS client (same names and defaults as AWSSDK.RDS).</summary>
public class AmazonRDSConfig : AwsServiceConfig
{
    public AmazonRDSConfig()
        : base("RDS", "rds", "rds")
    {
    }

    public override string RegionEndpointServiceName => "rds";

    public override string ServiceVersion => "2014-10-31";
}
