#nullable disable

using System.Collections.Generic;

namespace Kaviar.Ops.AwsServices.ECS.Model;

/// <summary>A name/value pair: environment variables, attachment details.</summary>
public class KeyValuePair
{
    public string Name { get; set; }

    public string Value { get; set; }
}

public class Tag
{
    public string Key { get; set; }

    public string Value { get; set; }
}

/// <summary>A resource a Describe call could not return, and why (e.g. MISSING).</summary>
public class Failure
{
    public string Arn { get; set; }

    public string Reason { get; set; }

    public string Detail { get; set; }
}

public class NetworkConfiguration
{
    public AwsVpcConfiguration AwsvpcConfiguration { get; set; }
}

public class AwsVpcConfiguration
{
    public List<string> Subnets { get; set; }

    public List<string> SecurityGroups { get; set; }

    /// <summary>ENABLED or DISABLED (AssignPublicIp constants in the SDK).</summary>
    public string AssignPublicIp { get; set; }
}

public class CapacityProviderStrategyItem
{
    public string CapacityProvider { get; set; }

    public int? Weight { get; set; }

    public int? Base { get; set; }
}
