using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.RDS;

/// <summary>Base of every error Amazon RDS returns; ErrorCode carries the wire code.</summary>
public class AmazonRDSException : AmazonServiceException
{
    public AmazonRDSException(string message)
        : base(message)
    {
    }

    public AmazonRDSException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
