#nullable disable

using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ServiceDiscovery.Model;

// The Cloud Map errors callers branch on; any other code surfaces as AmazonServiceDiscoveryException with ErrorCode set.

/// <summary>No namespace has that id (GetNamespace) or name (DiscoverInstances).</summary>
public class NamespaceNotFoundException : AmazonServiceDiscoveryException
{
    public NamespaceNotFoundException(string message) : base(message) { }

    public NamespaceNotFoundException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>No service has that id, or that name in the namespace.</summary>
public class ServiceNotFoundException : AmazonServiceDiscoveryException
{
    public ServiceNotFoundException(string message) : base(message) { }

    public ServiceNotFoundException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

public class InstanceNotFoundException : AmazonServiceDiscoveryException
{
    public InstanceNotFoundException(string message) : base(message) { }

    public InstanceNotFoundException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>A value is not valid (a filter, a page token, a health status).</summary>
public class InvalidInputException : AmazonServiceDiscoveryException
{
    public InvalidInputException(string message) : base(message) { }

    public InvalidInputException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>DiscoverInstances' throttling.</summary>
public class RequestLimitExceededException : AmazonServiceDiscoveryException
{
    public RequestLimitExceededException(string message) : base(message) { }

    public RequestLimitExceededException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
