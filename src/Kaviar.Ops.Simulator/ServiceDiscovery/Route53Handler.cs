using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.ServiceDiscovery;

/// <summary>
/// Route 53 over REST-XML, as far as Cloud Map needs it: GetHostedZone of the private hosted zone a DNS namespace made,
/// with the VPCs it serves. Route 53 is global, so a zone is found whichever region the request was signed for.
/// </summary>
public sealed class Route53Handler : IServiceHandler
{
    private static readonly XNamespace Ns = ServiceProtocols.Route53.XmlNamespace!;
    private readonly Func<IEnumerable<AccountState>> _regions;

    public Route53Handler(Func<IEnumerable<AccountState>> regions) => _regions = regions;

    public string ServiceName => ServiceProtocols.Route53.ServiceName;

    public bool IsMutating(string action) => !ServiceProtocols.IsReadOnlyAction(action);

    public SimulatedResponse Handle(SimulatedRequest request) => request.Action switch
    {
        "GetHostedZone" => GetHostedZone(request.QueryParameters["Id"]),
        _ => throw AwsErrors.UnknownAction(ServiceProtocols.Route53, request.Action),
    };

    private SimulatedResponse GetHostedZone(string id)
    {
        var zoneId = id.StartsWith("/hostedzone/", StringComparison.Ordinal) ? id["/hostedzone/".Length..] : id;
        // The other regions' states are read without their locks: hosted zones only ever appear there, never change.
        var (region, ns) = _regions()
            .SelectMany(state => state.ServiceDiscovery.Namespaces.Select(n => (state.Region, Namespace: n)))
            .FirstOrDefault(pair => pair.Namespace.HostedZoneId == zoneId);
        if (ns is null)
        {
            throw new AwsErrorException("NoSuchHostedZone", $"No hosted zone found with ID: {zoneId}", 404);
        }

        var zone = new XElement(Ns + "HostedZone",
            new XElement(Ns + "Id", "/hostedzone/" + zoneId),
            new XElement(Ns + "Name", ns.Name + "."),
            new XElement(Ns + "CallerReference", ns.Id),
            new XElement(Ns + "Config", new XElement(Ns + "Comment", "Created by AWS Cloud Map namespace with ARN " + ns.Arn),
                new XElement(Ns + "PrivateZone", ns.Type == "DNS_PRIVATE" ? "true" : "false")),
            new XElement(Ns + "ResourceRecordSetCount", 2),
            new XElement(Ns + "LinkedService", new XElement(Ns + "ServicePrincipal", "servicediscovery.amazonaws.com"), new XElement(Ns + "Description", ns.Arn)));
        var body = new XElement(Ns + "GetHostedZoneResponse", zone);
        if (ns.VpcId is { } vpcId)
        {
            body.Add(new XElement(Ns + "VPCs", new XElement(Ns + "VPC", new XElement(Ns + "VPCRegion", region), new XElement(Ns + "VPCId", vpcId))));
        }

        return new SimulatedResponse(200, AwsErrors.XmlContentType, new XDocument(new XDeclaration("1.0", "UTF-8", null), body).Declaration + "\n" + body);
    }
}
