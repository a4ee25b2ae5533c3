using System;
using System.Linq;

namespace Kaviar.Ops.Database;

/// <summary>Which kind of endpoint an RDS host name is; its certificate comes from a different place for each.</summary>
internal enum RdsEndpointKind
{
    /// <summary>Not an RDS name: an IP address, a CNAME or Route 53 alias, another server.</summary>
    NotRds,

    /// <summary><c>&lt;instance&gt;.&lt;id&gt;.&lt;region&gt;.rds.amazonaws.com</c></summary>
    Instance,

    /// <summary><c>&lt;cluster&gt;.cluster-[ro-|custom-]&lt;id&gt;.&lt;region&gt;.rds.amazonaws.com</c>: an Aurora writer, reader or custom endpoint.</summary>
    AuroraCluster,

    /// <summary><c>&lt;proxy&gt;.proxy-&lt;id&gt;.&lt;region&gt;.rds.amazonaws.com</c>, or a proxy endpoint <c>&lt;name&gt;.endpoint.proxy-…</c>.</summary>
    Proxy,
}

/// <summary>An RDS host name read by its labels: the kind of endpoint and its first label (the instance, cluster or proxy name).</summary>
internal readonly struct RdsEndpoint
{
    private static readonly string[] RdsDomains = { ".rds.amazonaws.com", ".rds.amazonaws.com.cn" };

    private RdsEndpoint(RdsEndpointKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }

    public RdsEndpointKind Kind { get; }

    /// <summary>The first label: the DB instance identifier of an instance endpoint, the cluster's of an Aurora endpoint.</summary>
    public string Name { get; }

    public static RdsEndpoint Parse(string host)
    {
        host = host.TrimEnd('.');
        if (!RdsDomains.Any(domain => host.EndsWith(domain, StringComparison.OrdinalIgnoreCase)))
            return new RdsEndpoint(RdsEndpointKind.NotRds, host);

        var labels = host.Split('.');
        var kind = labels.Any(label => label.StartsWith("proxy-", StringComparison.OrdinalIgnoreCase)) ? RdsEndpointKind.Proxy
            : labels.Length > 1 && labels[1].StartsWith("cluster-", StringComparison.OrdinalIgnoreCase) ? RdsEndpointKind.AuroraCluster
            : RdsEndpointKind.Instance;
        return new RdsEndpoint(kind, labels[0]);
    }
}
