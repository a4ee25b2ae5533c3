using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace Kaviar.Ops.Database;

/// <summary>
/// Turns a failed connection attempt into a <see cref="PostgresFailure"/>. Certificate failures come from what our own
/// validator saw (not from parsing handshake text); the rest from SQLSTATEs and socket errors.
/// Messages use only the target's display form and server/socket messages, which never contain the password.
/// </summary>
internal static class PostgresFailureClassifier
{
    // "O=Amazon" exactly: RDS CAs are "O=Amazon Web Services, Inc.".
    private static readonly Regex AmazonTrustServicesName = new(@"(^|,\s*)O=Amazon(,|$)", RegexOptions.CultureInvariant);

    private const string NodeHint = "for a Node app, ship the same file in the image and set NODE_EXTRA_CA_CERTS to its path.";

    public static PostgresFailure Classify(Exception exception, PostgresTarget target, ServerCertificateValidator? validator)
    {
        var display = target.DisplayName;
        switch (validator?.Rejection ?? CertificateRejection.None)
        {
            case CertificateRejection.UntrustedChain:
                return new PostgresFailure(PostgresFailureKind.UntrustedCertificateChain, display, UntrustedChainMessage(target, validator!));
            case CertificateRejection.OutOfDate:
                return new PostgresFailure(PostgresFailureKind.UntrustedCertificateChain, display, OutOfDateMessage(target, validator!));
            case CertificateRejection.HostNameMismatch:
                return new PostgresFailure(PostgresFailureKind.HostNameMismatch, display, HostNameMismatchMessage(target, validator!.ServerCertificate!));
            case CertificateRejection.NoCertificate:
                return new PostgresFailure(PostgresFailureKind.UntrustedCertificateChain, display,
                    $"TLS to {display} failed: the server sent no certificate, so it cannot be verified. Check that the host is really the database endpoint.");
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException server)
                return FromServer(server, target);
            if (current is SocketException socket)
                return Unreachable(target, SocketProblem(socket));
            if (current is TimeoutException)
                return Unreachable(target, $"no answer within {target.ConnectTimeoutSeconds} s (packets are probably dropped)");
            // Npgsql's reply when the server answers 'N' to SSLRequest (ssl=off).
            if (current is NpgsqlException && current.Message.IndexOf("No SSL enabled connection", StringComparison.OrdinalIgnoreCase) >= 0)
                return new PostgresFailure(PostgresFailureKind.ServerDoesNotSupportSsl, display,
                    $"{display} does not offer TLS (the server runs with ssl=off). RDS and Aurora always offer TLS, so check that the host is really the " +
                    "database endpoint and not a proxy or another server; otherwise enable ssl on the server, or explicitly connect in plain text with -TlsMode Disable.");
        }

        return new PostgresFailure(PostgresFailureKind.Other, display, $"Connecting to {display} failed: {Innermost(exception).Message}");
    }

    /// <summary>Decided from what the validator saw: whether the chain reached an anchor, whose CA tops it, and the endpoint's kind.</summary>
    private static string UntrustedChainMessage(PostgresTarget target, ServerCertificateValidator validator)
    {
        var display = target.DisplayName;
        var problem = validator.ChainProblem.Length > 0 ? $" ({validator.ChainProblem})" : string.Empty;
        if (validator.ChainAnchored)
            return $"TLS to {display} failed: the server certificate chain reaches a trusted CA but is not valid{problem}. " +
                   "No client should accept it; check that the host is really the database endpoint.";

        var missingCa = validator.ChainTop?.Issuer ?? "its CA";
        if (IsRdsProxyChain(target, validator))
            return RdsProxyMessage(target, validator, missingCa, problem);

        if (target.CaBundlePath is not null && IsRdsCa(missingCa))
            return $"TLS to {display} failed: the server certificate chain is not trusted: the bundle {target.CaBundlePath} does not contain '{missingCa}', " +
                   $"the RDS CA that signed it{problem}. A regional bundle holds only its region's CAs, and the retired rds-combined-ca-bundle.pem and " +
                   "rds-ca-2019-root.pem hold none of the current ones; the global bundle holds every region's. Node apps report this as SELF_SIGNED_CERT_IN_CHAIN. " +
                   $"Download {RdsCaBundle.Url} and pass it with -CaBundlePath; {NodeHint}";

        var trust = target.CaBundlePath is null
            ? "this machine's trust store does not trust the CA that signed it"
            : $"the bundle {target.CaBundlePath} does not contain the CA that signed it";
        return $"TLS to {display} failed: the server certificate chain is not trusted: {trust}{problem}. " +
               "Node apps report this as SELF_SIGNED_CERT_IN_CHAIN. " +
               $"Download the RDS CA bundle from {RdsCaBundle.Url} and pass it with -CaBundlePath; {NodeHint}";
    }

    /// <summary>
    /// RDS Proxy presents an AWS Certificate Manager certificate chained to Amazon Trust Services' roots, which no RDS
    /// bundle holds. Told by the chain (a CA of Amazon Trust Services, a proxy name in the certificate) or by the host
    /// name when the chain is not an RDS CA's.
    /// </summary>
    private static bool IsRdsProxyChain(PostgresTarget target, ServerCertificateValidator validator)
    {
        var top = validator.ChainTop;
        if (top is not null && (IsAmazonTrustServices(top.Subject) || IsAmazonTrustServices(top.Issuer)))
            return true;
        if (validator.ServerCertificate?.Names.Any(name => RdsEndpoint.Parse(name).Kind == RdsEndpointKind.Proxy) == true)
            return true;
        return RdsEndpoint.Parse(target.Host).Kind == RdsEndpointKind.Proxy && (top is null || !IsRdsCa(top.Issuer));
    }

    private static string RdsProxyMessage(PostgresTarget target, ServerCertificateValidator validator, string missingCa, string problem)
    {
        var proxy = RdsEndpoint.Parse(target.Host).Kind == RdsEndpointKind.Proxy
            ? $"{target.Host} is an RDS Proxy endpoint"
            : $"the server presents an RDS Proxy certificate ({validator.ServerCertificate?.Subject})";
        const string Source = "RDS Proxy's certificates come from AWS Certificate Manager and chain to Amazon Trust Services' Amazon Root CA, not to the RDS CAs of global-bundle.pem";
        const string AmazonRoots = "Amazon Root CA 1-4 from https://www.amazontrust.com/repository/";
        return target.CaBundlePath is null
            ? $"TLS to {target.DisplayName} failed: the server certificate chain is not trusted: this machine's trust store does not trust '{missingCa}'{problem}. " +
              $"{proxy}: {Source}. Add Amazon's root CAs to this machine's trust store (update its CA certificates), or pass -CaBundlePath with {AmazonRoots}."
            : $"TLS to {target.DisplayName} failed: the server certificate chain is not trusted: the bundle {target.CaBundlePath} does not contain '{missingCa}'{problem}. " +
              $"{proxy}: {Source}. Trust Amazon's root CAs instead: leave out -CaBundlePath to use this machine's trust store, or add {AmazonRoots} to the bundle.";
    }

    /// <summary>An expired (or not yet valid) certificate is the server's to replace, whichever bundle the client holds.</summary>
    private static string OutOfDateMessage(PostgresTarget target, ServerCertificateValidator validator)
    {
        var certificate = validator.OutOfDate!;
        var now = DateTime.UtcNow;
        var whose = certificate.Subject == validator.ServerCertificate?.Subject ? "the server certificate" : "the CA";
        var when = now > certificate.NotAfter
            ? $"expired on {certificate.NotAfter:yyyy-MM-dd HH:mm} UTC"
            : $"is not valid before {certificate.NotBefore:yyyy-MM-dd HH:mm} UTC";
        var endpoint = RdsEndpoint.Parse(target.Host);
        var rotate = endpoint.Kind switch
        {
            RdsEndpointKind.Proxy => "RDS Proxy's certificates come from AWS Certificate Manager, which renews them; check this machine's clock.",
            RdsEndpointKind.AuroraCluster =>
                $"Rotate the CA of every instance of the Aurora cluster {endpoint.Name} (the CA is set per instance): for each instance that " +
                $"aws rds describe-db-clusters --db-cluster-identifier {endpoint.Name} --query \"DBClusters[0].DBClusterMembers[].DBInstanceIdentifier\" lists, run " +
                $"{RotateCommand("<instance-id>")}.",
            _ => $"Rotate the instance's CA: {RotateCommand(endpoint.Kind == RdsEndpointKind.Instance ? endpoint.Name : "<instance-id>")}.",
        };
        var rdsContext = endpoint.Kind == RdsEndpointKind.Proxy
            ? string.Empty
            : "An instance still on the retired rds-ca-2019 CA shows this. ";
        var alternatives = endpoint.Kind == RdsEndpointKind.Proxy
            ? string.Empty
            : " rds-ca-rsa4096-g1 and rds-ca-ecc384-g1 are the other current CAs; global-bundle.pem trusts all three, and RDS restarts the instance to apply the change.";
        return $"TLS to {target.DisplayName} failed: {whose} '{certificate.Subject}' {when} (valid {certificate.NotBefore:yyyy-MM-dd} to {certificate.NotAfter:yyyy-MM-dd}). " +
               $"{rdsContext}{rotate}{alternatives} " +
               $"If those dates look right, this machine's clock is wrong: it reads {now:yyyy-MM-dd HH:mm} UTC.";
    }

    private static string RotateCommand(string instance) =>
        $"aws rds modify-db-instance --db-instance-identifier {instance} --ca-certificate-identifier rds-ca-rsa2048-g1 --apply-immediately";

    /// <summary>What is true of the host the user gave: an address, an alias, or an RDS name the certificate does not carry.</summary>
    private static string HostNameMismatchMessage(PostgresTarget target, ObservedCertificate server)
    {
        var host = target.Host;
        var why = IPAddress.TryParse(host.Trim('[', ']'), out _)
            ? $"'{host}' is an IP address; RDS and Aurora certificates name their endpoints, not addresses (which change on failover)."
            : RdsEndpoint.Parse(host).Kind == RdsEndpointKind.NotRds
                ? $"'{host}' is not an RDS endpoint name: a CNAME or Route 53 alias of the endpoint is not in its certificate."
                : $"'{host}' is an RDS name this certificate does not carry (another instance's, or an endpoint it was not issued for).";
        return $"TLS to {target.DisplayName} failed: the server certificate ({server.Subject}) does not name the host '{host}'; it names {string.Join(", ", server.Names)}. " +
               $"{why} Connect with the RDS endpoint name (…rds.amazonaws.com) the certificate was issued for, one of those names; " +
               "or explicitly accept any name with -TlsMode VerifyCA.";
    }

    /// <summary>An RDS CA: "CN=Amazon RDS eu-west-1 Root CA RSA2048 G1, OU=Amazon RDS, O=Amazon Web Services, Inc., …".</summary>
    private static bool IsRdsCa(string name) => name.IndexOf("Amazon RDS", StringComparison.Ordinal) >= 0;

    /// <summary>Amazon Trust Services: "CN=Amazon Root CA 1, O=Amazon, C=US", its "Amazon RSA 2048 M01" intermediates, or the Starfield root that cross-signs them.</summary>
    private static bool IsAmazonTrustServices(string name) =>
        AmazonTrustServicesName.IsMatch(name) || name.IndexOf("Starfield Services Root Certificate Authority", StringComparison.Ordinal) >= 0;

    private static PostgresFailure FromServer(PostgresException server, PostgresTarget target)
    {
        var display = target.DisplayName;
        switch (server.SqlState)
        {
            case PostgresErrorCodes.InvalidPassword:
            case PostgresErrorCodes.InvalidAuthorizationSpecification:
                var plainTextHint = target.TlsMode == TlsMode.Disable && server.MessageText.IndexOf("no encryption", StringComparison.OrdinalIgnoreCase) >= 0
                    ? " The server only accepts TLS connections here (rds.force_ssl): do not use -TlsMode Disable."
                    : string.Empty;
                return new PostgresFailure(PostgresFailureKind.AuthenticationFailed, display,
                    $"Login to {display} as '{target.Username}' was rejected ({server.SqlState}: {server.MessageText}): wrong password or user name. " +
                    "Check the username and password in the secret the task uses (after a rotation the app may hold an old version) and that the user exists." +
                    plainTextHint, server.SqlState);
            case PostgresErrorCodes.InvalidCatalogName:
                return new PostgresFailure(PostgresFailureKind.DatabaseNotFound, display,
                    $"{display}: the database '{target.Database}' does not exist ({server.SqlState}). " +
                    "Check dbname in the secret or DATABASE_URL (the RDS 'DB name' is only created when set at launch), or create it with CREATE DATABASE before running migrations.",
                    server.SqlState);
            default:
                return new PostgresFailure(PostgresFailureKind.Other, display,
                    $"{display} refused the connection ({server.SqlState}: {server.MessageText}).", server.SqlState);
        }
    }

    private static PostgresFailure Unreachable(PostgresTarget target, string problem) =>
        new(PostgresFailureKind.ConnectionRefusedOrTimeout, target.DisplayName,
            $"Could not reach {target.Host}:{target.Port}: {problem}. Check the network path: the database's security group must allow inbound TCP {target.Port} " +
            "from the tasks' security group, the tasks' subnets must route to the database's subnets (same VPC, or peering/Transit Gateway with routes both ways), " +
            "network ACLs must allow the traffic, and the host must be the current endpoint of a running instance.");

    private static string SocketProblem(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused (nothing listens on that port: wrong port, or the instance is stopped)",
        SocketError.TimedOut => "connection timed out (packets are probably dropped)",
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "the host name does not resolve (typo, or a private hosted zone not visible here)",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "no route to the host",
        _ => socket.Message,
    };

    private static Exception Innermost(Exception exception)
    {
        var current = exception;
        while (current.InnerException is not null)
            current = current.InnerException;
        return current;
    }
}
