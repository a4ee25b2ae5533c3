#nullable disable

using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.RDS.Model;

// Amazon RDS errors callers branch on (wire codes as in the service model, with or without the Fault suffix);
// any other code surfaces as AmazonRDSException with ErrorCode set.
/// <summary>Wire code DBInstanceNotFound.</summary>
public class DBInstanceNotFoundException : AmazonRDSException
{
    public DBInstanceNotFoundException(string message) : base(message) { }

    public DBInstanceNotFoundException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>Wire code DBClusterNotFoundFault.</summary>
public class DBClusterNotFoundException : AmazonRDSException
{
    public DBClusterNotFoundException(string message) : base(message) { }

    public DBClusterNotFoundException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
