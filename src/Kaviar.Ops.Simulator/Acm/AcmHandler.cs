using System;
using System.Linq;
using System.Text.Json.Nodes;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Acm;

/// <summary>
/// ACM over JSON 1.1 (X-Amz-Target: CertificateManager.*), as far as finding a listener's certificate needs:
/// ListCertificates and DescribeCertificate, in the 2015-12-08 model's shapes.
/// </summary>
public sealed class AcmHandler : IServiceHandler
{
    private const int MaxItems = 1000;

    /// <summary>What ACM answers, though the model's enum spells it RSA_2048.</summary>
    private const string KeyAlgorithm = "RSA-2048";

    private readonly AccountState _state;

    public AcmHandler(AccountState state) => _state = state;

    public string ServiceName => ServiceProtocols.Acm.ServiceName;

    public bool IsMutating(string action) => !ServiceProtocols.IsReadOnlyAction(action);

    public SimulatedResponse Handle(SimulatedRequest request) => request.Action switch
    {
        "ListCertificates" => JsonWire.Ok(ListCertificates(new JsonArgs(request.JsonBody))),
        "DescribeCertificate" => JsonWire.Ok(DescribeCertificate(new JsonArgs(request.JsonBody))),
        _ => throw AwsErrors.UnknownAction(ServiceProtocols.Acm, request.Action),
    };

    /// <summary>Every status unless CertificateStatuses narrows it.</summary>
    private JsonObject ListCertificates(JsonArgs args)
    {
        var statuses = args.Strings("CertificateStatuses");
        var certificates = _state.Acm.Certificates.Where(c => statuses.Count == 0 || statuses.Contains(c.Status)).ToList();
        var (page, next) = PageToken.Slice(certificates, args.String("NextToken"), Math.Clamp(args.Int("MaxItems") ?? MaxItems, 1, MaxItems),
            () => new AwsErrorException("InvalidArgsException", "The nextToken is invalid."));
        return new JsonObject
        {
            ["CertificateSummaryList"] = page.ToJsonArray(c => new JsonObject
            {
                ["CertificateArn"] = c.Arn,
                ["DomainName"] = c.DomainName,
                ["SubjectAlternativeNameSummaries"] = c.SubjectAlternativeNames.ToJsonArray(),
                ["HasAdditionalSubjectAlternativeNames"] = false,
                ["Status"] = c.Status,
                ["Type"] = "AMAZON_ISSUED",
                ["KeyAlgorithm"] = KeyAlgorithm,
                ["InUse"] = UsedBy(c).Length > 0,
                ["CreatedAt"] = JsonWire.EpochSeconds(c.CreatedAt),
                ["NotAfter"] = JsonWire.EpochSeconds(c.NotAfter),
            }),
        }.AddIfPresent("NextToken", next);
    }

    private JsonObject DescribeCertificate(JsonArgs args)
    {
        var arn = args.String("CertificateArn")
            ?? throw new AwsErrorException("ValidationException", "1 validation error detected: Value null at 'certificateArn' failed to satisfy constraint: Member must not be null");
        if (!arn.StartsWith("arn:aws", StringComparison.Ordinal) || !arn.Contains(":acm:", StringComparison.Ordinal))
        {
            throw new AwsErrorException("InvalidArnException", $"Requested certificate ARN {arn} is invalid.");
        }

        var certificate = _state.Acm.FindCertificate(arn)
            ?? throw new AwsErrorException("ResourceNotFoundException", $"Could not find certificate {arn}.");
        return new JsonObject
        {
            ["Certificate"] = new JsonObject
            {
                ["CertificateArn"] = certificate.Arn,
                ["DomainName"] = certificate.DomainName,
                ["SubjectAlternativeNames"] = certificate.SubjectAlternativeNames.ToJsonArray(),
                ["Subject"] = "CN=" + certificate.DomainName,
                ["Issuer"] = "Amazon",
                ["CreatedAt"] = JsonWire.EpochSeconds(certificate.CreatedAt),
                ["Status"] = certificate.Status,
                ["NotAfter"] = JsonWire.EpochSeconds(certificate.NotAfter),
                ["KeyAlgorithm"] = KeyAlgorithm,
                ["SignatureAlgorithm"] = "SHA256WITHRSA",
                ["InUseBy"] = UsedBy(certificate).ToJsonArray(),
                ["Type"] = "AMAZON_ISSUED",
            },
        };
    }

    /// <summary>The load balancers whose listeners present the certificate, as ACM's InUseBy names them.</summary>
    private string[] UsedBy(AcmCertificate certificate) => _state.Elbv2.Listeners
        .Where(l => l.Tls?.CertificateArn == certificate.Arn)
        .Select(l => l.LoadBalancerArn)
        .Distinct(StringComparer.Ordinal)
        .ToArray();
}
