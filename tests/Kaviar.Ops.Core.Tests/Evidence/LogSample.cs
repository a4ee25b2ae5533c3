using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence;

/// <summary>A service whose context is fully known, and the ways the tests classify lines against it.</summary>
internal static class LogSample
{
    public const string Region = "eu-west-1";
    public const string Cluster = "prod";
    public const string Service = "api";
    public const string Container = "api";
    public const string TaskGroup = "sg-0a1b2c3d4e5f60718";
    public const string Database = "app-db";
    public const string Secret = "prod/api/db";

    /// <summary>Everything known: service, container, group, database and its secret.</summary>
    public static LogContext Context() => new LogContext(Region, Cluster)
    {
        Service = Service,
        ContainerName = Container,
        TaskSecurityGroups = new[] { TaskGroup },
        Database = Database,
        DatabaseSecretId = Secret,
    };

    /// <summary>Only where the task runs.</summary>
    public static LogContext Bare() => new LogContext(Region, Cluster);

    public static IReadOnlyList<LogDiagnosis> Classify(params string[] lines) => LogSignatures.Classify(lines, Context());

    /// <summary>The one diagnosis the lines give, asserted to be of <paramref name="signatureId"/>.</summary>
    public static LogDiagnosis Single(string signatureId, params string[] lines) => Single(signatureId, Context(), lines);

    public static LogDiagnosis Single(string signatureId, LogContext context, params string[] lines)
    {
        var diagnoses = LogSignatures.Classify(lines, context);
        var diagnosis = Assert.Single(diagnoses);
        Assert.Equal(signatureId, diagnosis.SignatureId);
        return diagnosis;
    }

    public static IReadOnlyList<string> Ids(IEnumerable<LogDiagnosis> diagnoses) => diagnoses.Select(d => d.SignatureId).ToList();

    public static string? Fact(this LogDiagnosis diagnosis, string name) => diagnosis.Facts.TryGetValue(name, out var value) ? value : null;
}
