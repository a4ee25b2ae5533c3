using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2;

/// <summary>Base of every error Elastic Load Balancing v2 returns; ErrorCode carries the wire code.</summary>
public class AmazonElasticLoadBalancingV2Exception : AmazonServiceException
{
    public AmazonElasticLoadBalancingV2Exception(string message)
        : base(message)
    {
    }

    public AmazonElasticLoadBalancingV2Exception(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
