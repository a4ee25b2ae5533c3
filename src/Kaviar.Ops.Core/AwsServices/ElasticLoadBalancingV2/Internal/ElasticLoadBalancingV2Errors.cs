using System;
using System.Net;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Internal;

internal static class ElasticLoadBalancingV2Errors
{
    internal static AmazonServiceException Create(
        string? code, string? message, Exception inner, ErrorType type, string? requestId, HttpStatusCode status) => code switch
    {
        "InvalidTarget" => new InvalidTargetException(message!, inner, type, code, requestId!, status),
        "ListenerNotFound" => new ListenerNotFoundException(message!, inner, type, code, requestId!, status),
        "LoadBalancerNotFound" => new LoadBalancerNotFoundException(message!, inner, type, code, requestId!, status),
        "RuleNotFound" => new RuleNotFoundException(message!, inner, type, code, requestId!, status),
        "TargetGroupNotFound" => new TargetGroupNotFoundException(message!, inner, type, code, requestId!, status),
        _ => new AmazonElasticLoadBalancingV2Exception(message!, inner, type, code!, requestId!, status),
    };
}
