#nullable disable

using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

// The Amazon ECS errors callers branch on; any other code surfaces as AmazonECSException with ErrorCode set.
public class AccessDeniedException : AmazonECSException
{
    public AccessDeniedException(string message) : base(message) { }

    public AccessDeniedException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

public class ClientException : AmazonECSException
{
    public ClientException(string message) : base(message) { }

    public ClientException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

public class ClusterNotFoundException : AmazonECSException
{
    public ClusterNotFoundException(string message) : base(message) { }

    public ClusterNotFoundException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

public class InvalidParameterException : AmazonECSException
{
    public InvalidParameterException(string message) : base(message) { }

    public InvalidParameterException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

public class ServerException : AmazonECSException
{
    public ServerException(string message) : base(message) { }

    public ServerException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

public class ServiceNotActiveException : AmazonECSException
{
    public ServiceNotActiveException(string message) : base(message) { }

    public ServiceNotActiveException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

public class ServiceNotFoundException : AmazonECSException
{
    public ServiceNotFoundException(string message) : base(message) { }

    public ServiceNotFoundException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

public class ConflictException : AmazonECSException
{
    public ConflictException(string message) : base(message) { }

    public ConflictException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

public class ServiceDeploymentNotFoundException : AmazonECSException
{
    public ServiceDeploymentNotFoundException(string message) : base(message) { }

    public ServiceDeploymentNotFoundException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

public class UnsupportedFeatureException : AmazonECSException
{
    public UnsupportedFeatureException(string message) : base(message) { }

    public UnsupportedFeatureException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
