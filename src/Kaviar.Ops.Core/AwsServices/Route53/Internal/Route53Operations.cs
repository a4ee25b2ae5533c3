using System;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Kaviar.Ops.AwsServices.Internal;
using Kaviar.Ops.AwsServices.Route53.Model;

namespace Kaviar.Ops.AwsServices.Route53.Internal;

/// <summary>Wire mapping of the Route 53 operations (restXml: GET /2013-04-01/hostedzone/{Id}, the result as the root element).</summary>
internal static class Route53Operations
{
    internal static readonly ServiceOperation<GetHostedZoneRequest, GetHostedZoneResponse> GetHostedZone = new ServiceOperation<GetHostedZoneRequest, GetHostedZoneResponse>(
        new GetHostedZoneMarshaller(),
        new QueryResponseUnmarshaller<GetHostedZoneResponse>(null, root => new GetHostedZoneResponse
        {
            HostedZone = root.Obj("HostedZone", zone => new HostedZone
            {
                Id = zone.Str("Id"),
                Name = zone.Str("Name"),
                CallerReference = zone.Str("CallerReference"),
                Config = zone.Obj("Config", c => new HostedZoneConfig { Comment = c.Str("Comment"), PrivateZone = c.Bool("PrivateZone") }),
                ResourceRecordSetCount = zone.Str("ResourceRecordSetCount") is { } count ? long.Parse(count, System.Globalization.CultureInfo.InvariantCulture) : (long?)null,
                LinkedService = zone.Obj("LinkedService", l => new LinkedService { ServicePrincipal = l.Str("ServicePrincipal"), Description = l.Str("Description") }),
            }),
            VPCs = root.Members("VPCs", v => new VPC { VPCRegion = v.Str("VPCRegion"), VPCId = v.Str("VPCId") }, "VPC") ?? new System.Collections.Generic.List<VPC>(),
        }, Create));

    private static AmazonServiceException Create(string? code, string? message, Exception inner, ErrorType type, string? requestId, HttpStatusCode status) => code switch
    {
        "NoSuchHostedZone" => new NoSuchHostedZoneException(message!, inner, type, code, requestId!, status),
        _ => new AmazonRoute53Exception(message!, inner, type, code!, requestId!, status),
    };

    private sealed class GetHostedZoneMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var id = ((GetHostedZoneRequest)input).Id ?? throw new AmazonClientException("GetHostedZoneRequest.Id is required.");
            var zoneId = id.StartsWith("/hostedzone/", StringComparison.Ordinal) ? id.Substring("/hostedzone/".Length) : id;
            IRequest request = new DefaultRequest(input, "Amazon.Route53")
            {
                HttpMethod = "GET",
                ResourcePath = "/2013-04-01/hostedzone/" + Uri.EscapeDataString(zoneId),
            };
            return request;
        }
    }
}
