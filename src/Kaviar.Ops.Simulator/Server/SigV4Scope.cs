using System.Text.RegularExpressions;

namespace Kaviar.Ops.Simulator.Server;

/// <summary>
/// The credential scope of a SigV4 Authorization header. AWS routes Query requests by the scope's service;
/// the simulator accepts any key and does not verify the signature, but the header must be well formed.
/// </summary>
internal sealed partial record SigV4Scope(string AccessKeyId, string Date, string Region, string Service)
{
    [GeneratedRegex(
        @"^AWS4-HMAC-SHA256\s+Credential=(?<key>[^/\s,]+)/(?<date>\d{8})/(?<region>[a-z0-9-]+)/(?<service>[a-z0-9-]+)/aws4_request\s*,\s*SignedHeaders=[a-z0-9;.-]+\s*,\s*Signature=[0-9a-f]+\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationPattern();

    public static SigV4Scope? Parse(string authorization)
    {
        var match = AuthorizationPattern().Match(authorization);
        return match.Success
            ? new SigV4Scope(match.Groups["key"].Value, match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value)
            : null;
    }
}
