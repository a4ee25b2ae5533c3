#nullable disable

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

public class TargetDescription
{
    /// <summary>Instance ID, IP address (Fargate) or Lambda ARN.</summary>
    public string Id { get; set; }

    public int? Port { get; set; }

    public string AvailabilityZone { get; set; }
}

public class TargetHealthDescription
{
    public TargetDescription Target { get; set; }

    public string HealthCheckPort { get; set; }

    public TargetHealth TargetHealth { get; set; }
}

public class TargetHealth
{
    /// <summary>initial, healthy, unhealthy, unused, draining, unavailable, …</summary>
    public string State { get; set; }

    /// <summary>e.g. Target.ResponseCodeMismatch, Target.Timeout, Target.FailedHealthChecks.</summary>
    public string Reason { get; set; }

    public string Description { get; set; }
}
