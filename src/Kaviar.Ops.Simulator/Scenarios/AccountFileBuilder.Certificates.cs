using System.Linq;
using Kaviar.Ops.Simulator.Acm;

namespace Kaviar.Ops.Simulator;

/// <summary>
/// "certificates" (ACM certificates, which HTTPS listeners name by domain name):
/// <code>
/// "certificates": [ { "domainName": "shop.example.com", "subjectAlternativeNames": [ "*.shop.example.com" ], "status": "ISSUED" } ]
/// </code>
/// "status" is ISSUED unless said otherwise (PENDING_VALIDATION, EXPIRED…: a listener cannot use such a one).
/// </summary>
internal sealed partial class AccountFileBuilder
{
    private void AddCertificate(AccountFileNode node) => _state.Acm.AddCertificate(
        node.RequiredString("domainName"), node.Strings("subjectAlternativeNames"), node.String("status") ?? "ISSUED");

    private AcmCertificate CertificateOf(AccountFileNode reference) =>
        Named(reference, "certificate", _state.Acm.Certificates, c => c.DomainName);
}
