#nullable disable

using System;
using System.Collections.Generic;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.Route53.Model;

public class GetHostedZoneRequest : AmazonWebServiceRequest
{
    /// <summary>The zone's id, Z… (a "/hostedzone/" prefix is accepted, as the SDK does).</summary>
    public string Id { get; set; }
}

public class GetHostedZoneResponse : AmazonWebServiceResponse
{
    public HostedZone HostedZone { get; set; }

    /// <summary>The VPCs a private zone answers in; empty for a public one.</summary>
    public List<VPC> VPCs { get; set; }
}

public class HostedZone
{
    /// <summary>"/hostedzone/Z…".</summary>
    public string Id { get; set; }

    /// <summary>The domain, with its trailing dot.</summary>
    public string Name { get; set; }

    public string CallerReference { get; set; }

    public HostedZoneConfig Config { get; set; }

    public long? ResourceRecordSetCount { get; set; }

    /// <summary>Who made and owns it: servicediscovery.amazonaws.com for a Cloud Map namespace's zone.</summary>
    public LinkedService LinkedService { get; set; }
}

public class HostedZoneConfig
{
    public string Comment { get; set; }

    public bool? PrivateZone { get; set; }
}

public class LinkedService
{
    public string ServicePrincipal { get; set; }

    public string Description { get; set; }
}

public class VPC
{
    public string VPCRegion { get; set; }

    public string VPCId { get; set; }
}

/// <summary>No hosted zone has that id.</summary>
public class NoSuchHostedZoneException : AmazonRoute53Exception
{
    public NoSuchHostedZoneException(string message) : base(message) { }

    public NoSuchHostedZoneException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
