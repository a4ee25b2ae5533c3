using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.LoadBalancing;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Every target of a target group, a load balancer or a service, with its state, the reason explained and the
/// command that checks or fixes it, and a verdict; -Wait polls until the verdict holds or -Timeout passes.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "AlbTargetHealth", DefaultParameterSetName = ByService)]
[OutputType(typeof(TargetGroupHealth))]
public sealed class TestAlbTargetHealthCommand : AwsCommandCmdlet
{
    private const string ByService = "ByService";
    private const string ByTargetGroup = "ByTargetGroup";
    private const string ByLoadBalancer = "ByLoadBalancer";

    /// <summary>The service whose target groups to check; Get-EcsServiceHealth output binds by property name.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByService, ValueFromPipelineByPropertyName = true)]
    [Alias("Service")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServiceCompleter))]
    public string ServiceName { get; set; } = "";

    /// <summary>The service's cluster (name or ARN).</summary>
    [Parameter(Position = 1, ParameterSetName = ByService, ValueFromPipelineByPropertyName = true)]
    [Alias("ClusterName")]
    [ArgumentCompleter(typeof(ClusterCompleter))]
    public string? Cluster { get; set; }

    /// <summary>Target group ARNs or names.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByTargetGroup, ValueFromPipelineByPropertyName = true)]
    [Alias("TargetGroupName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TargetGroupCompleter))]
    public string[] TargetGroupArn { get; set; } = new string[0];

    /// <summary>A load balancer name or ARN: all its target groups are checked.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByLoadBalancer, ValueFromPipelineByPropertyName = true)]
    [Alias("LoadBalancerArn", "LoadBalancerName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LoadBalancerCompleter))]
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

    private readonly List<(OpsContext Context, TargetGroupSelection Selection, object Target)> requested = new List<(OpsContext, TargetGroupSelection, object)>();

    protected override void Process()
    {
        // Collected here and checked in EndProcessing, so piped services are looked up together, in batches.
        try
        {
            switch (ParameterSetName)
            {
                case ByService:
                    var service = EcsNames.Service(ServiceName, Cluster);
                    requested.Add((ContextFor(service), new TargetGroupSelection { Services = new[] { service } }, ServiceName));
                    break;
                case ByLoadBalancer:
                    var loadBalancer = ResourceReference.Parse(ResourceKind.LoadBalancer, LoadBalancer, "-LoadBalancer");
                    requested.Add((ContextFor(loadBalancer), new TargetGroupSelection { LoadBalancer = loadBalancer }, LoadBalancer));
                    break;
                default:
                    var groups = TargetGroupArn.Select(t => ResourceReference.Parse(ResourceKind.TargetGroup, t, "-TargetGroupArn")).ToList();
                    requested.Add((ContextFor(groups.ToArray()), new TargetGroupSelection { TargetGroups = groups }, TargetGroupArn));
                    break;
            }
        }
        catch (OpsException ex) when (ex is not Aws.AwsConnectionException)
        {
            WriteFailure(ex);
        }
    }

    protected override void End()
    {
        foreach (var region in requested.GroupBy(r => r.Context))
        {
            var selection = new TargetGroupSelection
            {
                Services = region.SelectMany(r => r.Selection.Services).ToList(),
                TargetGroups = region.SelectMany(r => r.Selection.TargetGroups).ToList(),
            };
            var selections = region.Where(r => r.Selection.LoadBalancer != null).Select(r => r.Selection).ToList();
            if (selection.Services.Count > 0 || selection.TargetGroups.Count > 0)
            {
                selections.Insert(0, selection);
            }

            foreach (var one in selections)
            {
                Check(region.Key, one);
            }
        }
    }

    private void Check(OpsContext context, TargetGroupSelection selection)
    {
        var inspector = new TargetHealthInspector(context);
        if (!Wait)
        {
            var report = Await(inspector.CheckAsync(selection, All));
            WriteObject(report.Groups, enumerateCollection: true);
            foreach (var failure in report.Failures)
            {
                WriteFailure(failure);
            }

            return;
        }

        try
        {
            WriteObject(AwaitReporting(reporter => new TargetHealthInspector(context.WithReporter(reporter)).WaitAsync(selection, All, TimeSpan.FromSeconds(Timeout))),
                enumerateCollection: true);
        }
        catch (TargetHealthTimeoutException ex)
        {
            // Show what was last seen before failing: the targets and their explanations are the diagnosis.
            WriteObject(ex.LastSeen, enumerateCollection: true);
            Fail(ex);
        }
    }
}
