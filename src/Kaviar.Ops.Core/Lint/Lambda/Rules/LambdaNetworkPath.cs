using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Lambda.Rules;

/// <summary>
/// Each broken link of the function's network path — in a VPC, to the database, the network ACLs, each subnet's way to
/// Secrets Manager — as Test-LambdaNetworkPath finds it (Network/WorkloadChecks), with its fix.
/// </summary>
internal sealed class LambdaNetworkPath : LintRule<LambdaSubject>
{
    public override string Id => "LambdaNetworkPath";

    public override FindingSeverity Severity => FindingSeverity.Error;

    public override string Explanation =>
        "A function in isolated subnets reaches Secrets Manager only through a NAT gateway or an interface endpoint that admits its group, and " +
        "its database only when the database's group admits its group on the port and the network ACLs between pass it both ways.";

    public override string? MissingFact(LambdaSubject subject) =>
        subject.NetworkChecks == null ? "the function's network path (checked only for a live function)" : null;

    /// <summary>Every failed link carries its finding (WorkloadChecks makes it); it is coded Lint.LambdaNetworkPath.&lt;Link&gt;.</summary>
    public override IEnumerable<Finding> Check(LambdaSubject subject) =>
        subject.NetworkChecks!.Where(c => !c.Passed && c.Finding != null).Select(c => c.Finding!).Select(f =>
            new Finding($"Lint.{Id}.{f.Code}", f.Level, f.Message, f.Fix, f.ManualFix, f.Evidence));
}
