using System;
using System.Net;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.RDS.Model;

namespace Kaviar.Ops.AwsServices.RDS.Internal;

internal static class RDSErrors
{
    internal static AmazonServiceException Create(
        string? code, string? message, Exception inner, ErrorType type, string? requestId, HttpStatusCode status) => code switch
    {
        "DBInstanceNotFound" => new DBInstanceNotFoundException(message!, inner, type, code, requestId!, status),
        "DBClusterNotFoundFault" => new DBClusterNotFoundException(message!, inner, type, code, requestId!, status),
        _ => new AmazonRDSException(message!, inner, type, code!, requestId!, status),
    };
}
