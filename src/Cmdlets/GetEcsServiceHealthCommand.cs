using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Health;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Is this ECS service up, and if not, what do ECS and its tasks say: counts, deployments and rollout state,
/// the last events, recently stopped tasks with their stop codes and exit codes, and a Healthy verdict with reasons.
/// </summary>
[Cmdlet(VerbsCommon.Get, "EcsServiceHealth")]
[OutputType(typeof(EcsServiceHealth))]
public sealed class GetEcsServiceHealthCommand : AwsCommandCmdlet
{
    private readonly List<(OpsContext Context, ServiceReference Service)> requested = new List<(OpsContext, ServiceReference)>();

    /// <summary>Service names or ARNs; objects with a ServiceName property bind from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Service", "ServiceArn")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServiceCompleter))]
    public string[] ServiceName { get; set; } = new string[0];

    /// <summary>The cluster name or ARN; ECS's "default" cluster when omitted and the service is not a full ARN.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("ClusterName", "ClusterArn")]
    [ArgumentCompleter(typeof(ClusterCompleter))]
    public string? Cluster { get; set; }

    /// <summary>How many of the newest service events to include.</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int EventCount { get; set; } = 5;

    /// <summary>How many of the most recently stopped tasks to describe.</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int StoppedTaskCount { get; set; } = 5;

    protected override void Process()
    {
        // Collected here and asked in EndProcessing, so piped services share batched calls (per region).
        foreach (var name in ServiceName)
        {
            ServiceReference service;
            try
            {
                service = EcsNames.Service(name, Cluster);
            }
            catch (OpsException ex)
            {
                WriteFailure(ex, name);
                continue;
            }

            // Where to look (credentials, region, endpoint) is the whole command's problem: terminating.
            requested.Add((ContextFor(service), service));
        }
    }

    protected override void End()
    {
        var options = new ServiceHealthOptions { EventCount = EventCount, StoppedTaskCount = StoppedTaskCount };
        foreach (var region in requested.GroupBy(r => r.Context))
        {
            var inspector = new EcsServiceHealthInspector(region.Key);
            foreach (var outcome in Await(inspector.InspectAsync(region.Select(r => r.Service).ToList(), options)))
            {
                if (outcome.Result != null)
                {
                    WriteObject(outcome.Result);
                }
                else
                {
                    WriteFailure(outcome.Failure!, outcome.Asked.Input);
                }
            }
        }
    }
}
