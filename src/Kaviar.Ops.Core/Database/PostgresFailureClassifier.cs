using System;
using System.Net.Sockets;
using Npgsql;

namespace Kaviar.Ops.Database;

/// <summary>
/// Turns a failed connection attempt into a <see cref="PostgresFailure"/>. Certificate failures come from what our own
/// validator saw (not from parsing handshake text); the rest from SQLSTATEs and socket errors.
/// Messages use only the target's display form and server/socket messages, which never contain the password.
/// </summary>
internal static class PostgresFailureClassifier
{
    public static PostgresFailure Classify(Exception exception, PostgresTarget target, ServerCertificateValidator? validator)
    {
        var display = target.DisplayName;
        switch (validator?.Rejection ?? CertificateRejection.None)
        {
            case CertificateRejection.UntrustedChain:
                return new PostgresFailure(PostgresFailureKind.UntrustedCertificateChain, display, UntrustedChainMessage(target, validator!));
            case CertificateRejection.HostNameMismatch:
                return new PostgresFailure(PostgresFailureKind.HostNameMismatch, display,
                    $"TLS to {display} failed: the server certificate ({validator!.ServerCertificateSubject}) does not name the host '{target.Host}'. " +
                    "Connect with the RDS endpoint name (…rds.amazonaws.com) the certificate was issued for, not an IP address or a CNAME of it; " +
                    "or explicitly accept any name with -TlsMode VerifyCA.");
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

    private static string UntrustedChainMessage(PostgresTarget target, ServerCertificateValidator validator)
    {
        var problem = validator.ChainProblem.Length > 0 ? $" ({validator.ChainProblem})" : string.Empty;
        var trust = target.CaBundlePath is null
            ? "this machine's trust store does not trust the CA that signed it"
            : $"the bundle {target.CaBundlePath} does not contain the CA that signed it";
        return $"TLS to {target.DisplayName} failed: the server certificate chain is not trusted: {trust}{problem}. " +
               "Node apps report this as SELF_SIGNED_CERT_IN_CHAIN. " +
               $"Download the RDS CA bundle from {RdsCaBundle.Url} and pass it with -CaBundlePath; " +
               "for a Node app, ship the same file in the image and set NODE_EXTRA_CA_CERTS to its path.";
    }

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
