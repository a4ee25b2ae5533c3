using System;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Database;

/// <summary>Thrown when a connection to Postgres cannot be opened; <see cref="Failure"/> says why.</summary>
public sealed class PostgresConnectionException : OpsException
{
    public PostgresConnectionException(PostgresFailure failure, Exception innerException, object? target = null)
        : base(failure.Code, failure.Message, target, null, innerException)
    {
        Failure = failure;
    }

    public PostgresFailure Failure { get; }

    public PostgresFailureKind Kind => Failure.KindValue;

    public static ErrorCode CodeFor(PostgresFailureKind kind) => kind switch
    {
        PostgresFailureKind.UntrustedCertificateChain => ErrorTable.PostgresUntrustedCertificate,
        PostgresFailureKind.HostNameMismatch => ErrorTable.PostgresHostNameMismatch,
        PostgresFailureKind.ServerDoesNotSupportSsl => ErrorTable.PostgresSslNotSupported,
        PostgresFailureKind.AuthenticationFailed => ErrorTable.PostgresAuthenticationFailed,
        PostgresFailureKind.DatabaseNotFound => ErrorTable.PostgresDatabaseNotFound,
        PostgresFailureKind.ConnectionRefusedOrTimeout => ErrorTable.PostgresUnreachable,
        _ => ErrorTable.PostgresConnectionFailed,
    };
}
