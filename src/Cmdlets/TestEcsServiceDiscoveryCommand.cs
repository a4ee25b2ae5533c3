using System;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.ServiceDiscovery;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Checks an ECS service's Cloud Map registration: its serviceRegistries name existing Cloud Map services, the registered
/// instances are its running tasks (stale instances of stopped tasks, running tasks missing, unhealthy instances), its
/// name resolves through DiscoverInstances to healthy instances, and a consumer service's tasks may reach it. Writes one
/// finding per verdict; Info ones say what passed.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "EcsServiceDiscovery")]
[OutputType(typeof(ServiceDiscoveryFinding))]
public sealed class TestEcsServiceDiscoveryCommand : EcsServiceCommandCmdlet
{
    /// <summary>The name consumers look up, service.namespace (observability.internal.tinyurl.local); by default the service's registry's own.</summary>
    [Parameter]
    [Alias("DiscoveryName")]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The Cloud Map namespace to resolve in (with -CloudMapServiceName), as the CLI's --namespace-name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NamespaceName { get; set; }

    /// <summary>The Cloud Map service to resolve (with -NamespaceName), as the CLI's --service-name; -ServiceName is the ECS service.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CloudMapServiceName { get; set; }

    /// <summary>An ECS service (name or ARN, in -Cluster) whose tasks must reach the discovered tasks.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServiceCompleter))]
    public string? ConsumerService { get; set; }

    /// <summary>The port the consumer connects to; by default the registry's, else every port the consumer's environment URLs name.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int? Port { get; set; }

    /// <summary>Write only findings of this severity or worse: Info (all), Warning or Error, as the lint commands take it.</summary>
    [Parameter]
    [ValidateSet("Info", "Warning", "Error", IgnoreCase = true)]
    public string Severity { get; set; } = "Info";

    protected override void Process()
    {
        var service = NamedService;
        var request = new ServiceDiscoveryRequest(service)
        {
            Name = RequestedName(),
            Consumer = ConsumerService == null ? null : EcsNames.Service(ConsumerService, Cluster, "-ConsumerService"),
            Port = Port,
        };
        var context = request.Consumer == null
            ? ContextFor(service)
            : ContextFor(service.Service, service.ClusterReference, request.Consumer.Service, request.Consumer.ClusterReference);
        var minimum = FindingSeverities.Parse(Severity);
        foreach (var finding in Await(new ServiceDiscoveryChecker(context).CheckAsync(request)))
        {
            if (FindingSeverities.Parse(finding.Severity) >= minimum)
            {
                WriteObject(finding);
            }
        }
    }

    private DiscoveryName? RequestedName()
    {
        if (Name != null && (NamespaceName != null || CloudMapServiceName != null))
        {
            throw new OpsException(ErrorTable.DiscoveryNameInvalid, "Give either -Name or -NamespaceName with -CloudMapServiceName, not both.", Name,
                "Use -Name observability.internal.tinyurl.local, or -NamespaceName internal.tinyurl.local -CloudMapServiceName observability.");
        }

        if ((NamespaceName == null) != (CloudMapServiceName == null))
        {
            throw new OpsException(ErrorTable.DiscoveryNameInvalid, "-NamespaceName and -CloudMapServiceName go together.", NamespaceName ?? CloudMapServiceName,
                "Give both, or the full name with -Name.");
        }

        return Name != null ? DiscoveryName.Parse(Name, "-Name")
            : NamespaceName != null ? new DiscoveryName(NamespaceName, CloudMapServiceName!)
            : null;
    }
}
