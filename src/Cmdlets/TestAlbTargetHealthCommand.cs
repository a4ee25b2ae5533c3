using System;
using System.Collections.Generic;
using System.Management.Automation;
using Kaviar.Ops.LoadBalancing;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Every target of a target group, a load balancer or a service, with its state, the reason explained and the
/// command that checks or fixes it, and a verdict; -Wait polls until the verdict holds or -Timeout passes.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "AlbTargetHealth", DefaultParameterSetName = ByService)]
[OutputType(typeof(TargetGroupHealth))]
public sealed class TestAlbTargetHealthCommand : KaviarAwsCmdlet
{
    private const string ByService = "ByService";
    private const string ByTargetGroup = "ByTargetGroup";
    private const string ByLoadBalancer = "ByLoadBalancer";

    /// <summary>The service whose target groups to check; Get-EcsServiceHealth output binds by property name.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByService, ValueFromPipelineByPropertyName = true)]
    [Alias("Service")]
    [ValidateNotNullOrEmpty]
    public string ServiceName { get; set; } = "";

    /// <summary>The service's cluster (name or ARN).</summary>
    [Parameter(Position = 1, ParameterSetName = ByService, ValueFromPipelineByPropertyName = true)]
    [Alias("ClusterName")]
    public string? Cluster { get; set; }

    /// <summary>Target group ARNs or names.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByTargetGroup, ValueFromPipelineByPropertyName = true)]
    [Alias("TargetGroupName")]
    [ValidateNotNullOrEmpty]
    public string[] TargetGroupArn { get; set; } = new string[0];

    /// <summary>A load balancer name or ARN: all its target groups are checked.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByLoadBalancer, ValueFromPipelineByPropertyName = true)]
    [Alias("LoadBalancerArn", "LoadBalancerName")]
    [ValidateNotNullOrEmpty]
    public string LoadBalancer { get; set; } = "";

    /// <summary>Require every target healthy, not only one.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>Wait until the verdict holds; a terminating error when -Timeout passes first.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>Seconds to wait with -Wait. The default is 300.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int Timeout { get; set; } = 300;

    protected override void Process()
    {
        var selection = new TargetGroupSelection
        {
            ServiceName = ParameterSetName == ByService ? ServiceName : null,
            Cluster = Cluster,
            LoadBalancer = ParameterSetName == ByLoadBalancer ? LoadBalancer : null,
            TargetGroups = TargetGroupArn,
        };
        var inspector = new TargetHealthInspector(Connection.CreateElasticLoadBalancingV2Client(), Connection.CreateEcsClient(), Connection.Region.SystemName);
        IReadOnlyList<TargetGroupHealth> groups;
        try
        {
            groups = Wait
                ? AwaitReporting(reporter => inspector.WaitAsync(selection, All, TimeSpan.FromSeconds(Timeout), reporter, CancellationToken))
                : Await(inspector.CheckAsync(selection, All, CancellationToken));
        }
        catch (LoadBalancingLookupException ex)
        {
            WriteError(AlbErrorRecords.NotFound(ex, (object?)selection.ServiceName ?? (object?)selection.LoadBalancer ?? TargetGroupArn));
            return;
        }
        catch (TargetHealthTimeoutException ex)
        {
            // Show what was last seen before failing: the targets and their explanations are the diagnosis.
            WriteObject(ex.LastSeen, enumerateCollection: true);
            ThrowTerminatingError(new ErrorRecord(ex, "AlbTargetsUnhealthy", ErrorCategory.OperationTimeout, ex.LastSeen));
            return;
        }

        WriteObject(groups, enumerateCollection: true);
    }
}
