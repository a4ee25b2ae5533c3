#nullable disable

using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

// Elastic Load Balancing v2 errors callers branch on (wire codes drop the Exception suffix);
// any other code surfaces as AmazonElasticLoadBalancingV2Exception with ErrorCode set.
/// <summary>Wire code InvalidTarget.</summary>
public class InvalidTargetException : AmazonElasticLoadBalancingV2Exception
{
    public InvalidTargetException(string message) : base(message) { }

    public InvalidTargetException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>Wire code ListenerNotFound.</summary>
public class ListenerNotFoundException : AmazonElasticLoadBalancingV2Exception
{
    public ListenerNotFoundException(string message) : base(message) { }

    public ListenerNotFoundException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>Wire code LoadBalancerNotFound.</summary>
public class LoadBalancerNotFoundException : AmazonElasticLoadBalancingV2Exception
{
    public LoadBalancerNotFoundException(string message) : base(message) { }

    public LoadBalancerNotFoundException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>Wire code RuleNotFound.</summary>
public class RuleNotFoundException : AmazonElasticLoadBalancingV2Exception
{
    public RuleNotFoundException(string message) : base(message) { }

    public RuleNotFoundException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>Wire code TargetGroupNotFound.</summary>
public class TargetGroupNotFoundException : AmazonElasticLoadBalancingV2Exception
{
    public TargetGroupNotFoundException(string message) : base(message) { }

    public TargetGroupNotFoundException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
