#nullable disable

using System.Collections.Generic;

namespace Kaviar.Ops.AwsServices.Lambda.Model;

public class GetFunctionConfigurationRequest : AmazonLambdaRequest
{
    /// <summary>Name, ARN or partial ARN, optionally with ":alias" or ":version".</summary>
    public string FunctionName { get; set; }

    /// <summary>A version or alias.</summary>
    public string Qualifier { get; set; }
}

/// <summary>The version-specific settings of a function: the members of <see cref="FunctionConfiguration"/>, as in AWSSDK.Lambda.</summary>
public class GetFunctionConfigurationResponse : FunctionConfiguration
{
}

/// <summary>The VPC security groups and subnets attached to a function.</summary>
public class VpcConfigResponse
{
    public List<string> SubnetIds { get; set; }

    public List<string> SecurityGroupIds { get; set; }

    public string VpcId { get; set; }

    /// <summary>Outbound IPv6 allowed from dual-stack subnets.</summary>
    public bool? Ipv6AllowedForDualStack { get; set; }
}
