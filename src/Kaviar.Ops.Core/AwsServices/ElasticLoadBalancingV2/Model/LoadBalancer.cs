#nullable disable

using System;
using System.Collections.Generic;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

public class LoadBalancer
{
    public string LoadBalancerArn { get; set; }

    public string DNSName { get; set; }

    public string CanonicalHostedZoneId { get; set; }

    public DateTime? CreatedTime { get; set; }

    public string LoadBalancerName { get; set; }

    /// <summary>internet-facing or internal.</summary>
    public string Scheme { get; set; }

    public string VpcId { get; set; }

    public LoadBalancerState State { get; set; }

    /// <summary>application, network or gateway.</summary>
    public string Type { get; set; }

    public List<AvailabilityZone> AvailabilityZones { get; set; }

    public List<string> SecurityGroups { get; set; }

    public string IpAddressType { get; set; }
}

public class LoadBalancerState
{
    /// <summary>active, provisioning, active_impaired or failed.</summary>
    public string Code { get; set; }

    public string Reason { get; set; }
}

public class AvailabilityZone
{
    public string ZoneName { get; set; }

    public string SubnetId { get; set; }
}
