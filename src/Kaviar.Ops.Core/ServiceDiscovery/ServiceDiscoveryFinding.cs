using System;
using System.Collections.Generic;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.ServiceDiscovery;

/// <summary>One verdict of Test-EcsServiceDiscovery about an ECS service's Cloud Map registration, as a kernel finding with where it applies.</summary>
public sealed class ServiceDiscoveryFinding : IRegionalOutput
{
    public string Region { get; set; } = "";

    /// <summary>The endpoint used, when one was given (-EndpointUrl); the next command binds it.</summary>
    public string? EndpointUrl { get; set; }

    public string Cluster { get; set; } = "";

    public string ServiceName { get; set; } = "";

    /// <summary>The name consumers look up: "observability.internal.tinyurl.local"; empty when the service has no registry.</summary>
    public string DiscoveryName { get; set; } = "";

    /// <summary>The Cloud Map service (srv-…) the finding is about, when there is one.</summary>
    public string? CloudMapServiceId { get; set; }

    /// <summary>The Cloud Map instance (an ECS task id) the finding is about, when it is about one.</summary>
    public string? InstanceId { get; set; }

    /// <summary>Stable: ServiceDiscovery.StaleInstance, ServiceDiscovery.TaskNotRegistered, ServiceDiscovery.ConsumerCannotReach…</summary>
    public string Code => Finding.Code;

    /// <summary>Info, Warning or Error.</summary>
    public string Severity => Finding.Severity;

    public string Message => Finding.Message;

    public IReadOnlyList<string> Evidence => Finding.Evidence;

    /// <summary>The line that fixes it: a module command or an aws CLI line; null when nothing needs fixing.</summary>
    public string? Fix => Finding.FixLine;

    public Finding Finding { get; set; } = new Finding("", FindingSeverity.Info, "");

    public override string ToString() => Finding.ToString();
}

/// <summary>What to check: the service, optionally the name consumers use and a consumer service whose tasks must reach it.</summary>
public sealed class ServiceDiscoveryRequest
{
    public ServiceDiscoveryRequest(Ecs.ServiceReference service) => Service = service;

    public Ecs.ServiceReference Service { get; }

    /// <summary>A name to resolve through DiscoverInstances instead of the registry's own.</summary>
    public DiscoveryName? Name { get; set; }

    /// <summary>A service whose tasks must reach the discovered instances.</summary>
    public Ecs.ServiceReference? Consumer { get; set; }

    /// <summary>The port the consumer connects to; by default the registry's, else the one the consumer's environment names.</summary>
    public int? Port { get; set; }
}

/// <summary>A Cloud Map name: service "observability" in namespace "internal.tinyurl.local", written observability.internal.tinyurl.local.</summary>
public sealed class DiscoveryName : IEquatable<DiscoveryName>
{
    public DiscoveryName(string namespaceName, string serviceName)
    {
        NamespaceName = namespaceName;
        ServiceName = serviceName;
    }

    public string NamespaceName { get; }

    public string ServiceName { get; }

    /// <summary>
    /// "service.namespace" (a trailing dot allowed, as DNS writes it): the first label is the service, the rest the
    /// namespace. A name without a namespace is an error: Fargate tasks cannot resolve a short name.
    /// </summary>
    public static DiscoveryName Parse(string name, string parameter)
    {
        var trimmed = (name ?? "").Trim().TrimEnd('.');
        var dot = trimmed.IndexOf('.');
        if (dot <= 0 || dot == trimmed.Length - 1)
        {
            throw new OpsException(ErrorTable.DiscoveryNameInvalid,
                $"{parameter} '{name}' is not a Cloud Map name: write it as service.namespace, e.g. observability.internal.tinyurl.local.",
                name, $"Give the full name, or the namespace and service separately with -NamespaceName and -CloudMapServiceName.");
        }

        return new DiscoveryName(trimmed.Substring(dot + 1), trimmed.Substring(0, dot));
    }

    public bool Equals(DiscoveryName? other) =>
        other != null
        && string.Equals(NamespaceName, other.NamespaceName, StringComparison.OrdinalIgnoreCase)
        && string.Equals(ServiceName, other.ServiceName, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => Equals(obj as DiscoveryName);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(ToString());

    public override string ToString() => $"{ServiceName}.{NamespaceName}";
}
