using System;

namespace Kaviar.Ops.Database;

/// <summary>Thrown when a connection to Postgres cannot be opened; <see cref="Failure"/> says why.</summary>
public sealed class PostgresConnectionException : Exception
{
    public PostgresConnectionException(PostgresFailure failure, Exception innerException)
        : base(failure.Message, innerException)
    {
        Failure = failure;
    }

    public PostgresFailure Failure { get; }

    public PostgresFailureKind Kind => Failure.Kind;
}
