using System;

namespace Kaviar.Ops.Kernel;

/// <summary>
/// The kind of a failure, named exactly as PowerShell's ErrorCategory values (the core has no PowerShell reference;
/// the cmdlet layer maps by name, and a test holds the two in step).
/// </summary>
public enum ErrorKind
{
    NotSpecified,
    InvalidArgument,
    InvalidData,
    ObjectNotFound,
    PermissionDenied,
    AuthenticationError,
    LimitsExceeded,
    ConnectionError,
    OperationTimeout,
    InvalidResult,
    InvalidOperation,
    ResourceBusy,
    ResourceUnavailable,
    SecurityError,
    ProtocolError,
    ReadError,
}

/// <summary>One row of the error table: a stable error id and the category PowerShell users filter on.</summary>
public sealed class ErrorCode : IEquatable<ErrorCode>
{
    internal ErrorCode(string id, ErrorKind kind)
    {
        Id = id;
        Kind = kind;
    }

    /// <summary>The ErrorRecord's error id; the first part of FullyQualifiedErrorId. Never changes once shipped.</summary>
    public string Id { get; }

    public ErrorKind Kind { get; }

    public bool Equals(ErrorCode? other) => other != null && other.Id == Id;

    public override bool Equals(object? obj) => Equals(obj as ErrorCode);

    public override int GetHashCode() => Id.GetHashCode();

    public override string ToString() => Id;
}
