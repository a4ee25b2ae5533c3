#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.Lambda.Model;

public class GetFunctionConfigurationRequest : AmazonLambdaRequest
{
    /// <summary>Name, ARN or partial ARN, optionally with ":alias" or ":version".</summary>
    public string FunctionName { get; set; }

    /// <summary>A version or alias.</summary>
    public string Qualifier { get; set; }
}

/// <summary>The version-specific settings of a function (the same members as <see cref="FunctionConfiguration"/>, as in AWSSDK.Lambda). Environment is never read.</summary>
public class GetFunctionConfigurationResponse : AmazonWebServiceResponse, IFunctionSettings
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

/// <summary>The settings both configuration shapes carry, so one reader fills either.</summary>
internal interface IFunctionSettings
{
    string FunctionName { set; }

    string FunctionArn { set; }

    string Runtime { set; }

    int? Timeout { set; }

    string State { set; }

    string LastUpdateStatus { set; }

    VpcConfigResponse VpcConfig { set; }
}
