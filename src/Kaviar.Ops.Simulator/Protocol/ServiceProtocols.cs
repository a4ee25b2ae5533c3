using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Simulator.Protocol;

/// <summary>How a service talks on the wire; decides routing and the shape of its errors.</summary>
public enum WireProtocol
{
    /// <summary>POST of a JSON body, action in X-Amz-Target (ECS, CloudWatch Logs).</summary>
    Json11,

    /// <summary>Form-encoded Action/Version; errors as &lt;Response&gt;&lt;Errors&gt; (EC2's own dialect).</summary>
    Ec2Query,

    /// <summary>Form-encoded Action/Version; errors as &lt;ErrorResponse&gt; (ELBv2, RDS, IAM, STS, …).</summary>
    Query,

    /// <summary>HTTP method and path name the action; errors as JSON with x-amzn-ErrorType (Lambda).</summary>
    RestJson,

    /// <summary>HTTP method and path name the action; XML bodies, errors as &lt;ErrorResponse&gt; (Route 53).</summary>
    RestXml,
}

/// <param name="IamPrefix">The service's prefix in IAM actions, when it is not the signing name (cloudwatch for monitoring).</param>
/// <param name="QueryCompatible">A JSON service that answers with its Query protocol's error codes (awsQueryCompatible: CloudWatch).</param>
/// <param name="IamActionNames">API actions whose IAM action has another name (Lambda's Invoke is lambda:InvokeFunction).</param>
public sealed record ServiceProtocol(
    string ServiceName,
    WireProtocol Protocol,
    string? JsonTargetPrefix = null,
    string? QueryVersion = null,
    string? XmlNamespace = null,
    string? IamPrefix = null,
    bool QueryCompatible = false,
    IReadOnlyDictionary<string, string>? IamActionNames = null)
{
    /// <summary>The IAM action a call of <paramref name="action"/> needs: ecs:ListServiceDeployments, cloudwatch:DescribeAlarms.</summary>
    public string IamAction(string action) =>
        $"{IamPrefix ?? ServiceName}:{(IamActionNames != null && IamActionNames.TryGetValue(action, out var named) ? named : action)}";
}

/// <summary>The services the simulated account speaks, keyed the ways a request can name them.</summary>
public static class ServiceProtocols
{
    public static readonly ServiceProtocol Ecs =
        new("ecs", WireProtocol.Json11, JsonTargetPrefix: "AmazonEC2ContainerServiceV20141113");

    public static readonly ServiceProtocol Logs =
        new("logs", WireProtocol.Json11, JsonTargetPrefix: "Logs_20140328");

    public static readonly ServiceProtocol Ec2 =
        new("ec2", WireProtocol.Ec2Query, QueryVersion: "2016-11-15", XmlNamespace: "http://ec2.amazonaws.com/doc/2016-11-15/");

    public static readonly ServiceProtocol Elbv2 = new(
        "elasticloadbalancing",
        WireProtocol.Query,
        QueryVersion: "2015-12-01",
        XmlNamespace: "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/");

    public static readonly ServiceProtocol Rds =
        new("rds", WireProtocol.Query, QueryVersion: "2014-10-31", XmlNamespace: "http://rds.amazonaws.com/doc/2014-10-31/");

    public static readonly ServiceProtocol Lambda = new("lambda", WireProtocol.RestJson,
        IamActionNames: new Dictionary<string, string>(StringComparer.Ordinal) { ["Invoke"] = "InvokeFunction" });

    public static readonly ServiceProtocol SecretsManager =
        new("secretsmanager", WireProtocol.Json11, JsonTargetPrefix: "secretsmanager");

    public static readonly ServiceProtocol Sts =
        new("sts", WireProtocol.Query, QueryVersion: "2011-06-15", XmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/");

    /// <summary>CloudWatch's JSON 1.0 (routed as JSON 1.1 is: the same X-Amz-Target and body), which the aws CLI picks.</summary>
    public static readonly ServiceProtocol CloudWatch =
        new("monitoring", WireProtocol.Json11, JsonTargetPrefix: "GraniteServiceVersion20100801", IamPrefix: "cloudwatch", QueryCompatible: true);

    /// <summary>AWS Cloud Map (signing name servicediscovery); DiscoverInstances is sent to the data-servicediscovery host.</summary>
    public static readonly ServiceProtocol ServiceDiscovery =
        new("servicediscovery", WireProtocol.Json11, JsonTargetPrefix: "Route53AutoNaming_v20170314");

    /// <summary>Route 53, as far as Cloud Map's private DNS namespaces need it: the hosted zone and its VPCs.</summary>
    public static readonly ServiceProtocol Route53 =
        new("route53", WireProtocol.RestXml, XmlNamespace: "https://route53.amazonaws.com/doc/2013-04-01/");

    /// <summary>AWS Certificate Manager: the certificates HTTPS listeners present.</summary>
    public static readonly ServiceProtocol Acm =
        new("acm", WireProtocol.Json11, JsonTargetPrefix: "CertificateManager");

    public static IReadOnlyList<ServiceProtocol> All { get; } = new[] { Ecs, Logs, Ec2, Elbv2, Rds, Lambda, SecretsManager, Sts, CloudWatch, ServiceDiscovery, Route53, Acm };

    public static ServiceProtocol? ByServiceName(string serviceName) =>
        All.FirstOrDefault(p => p.ServiceName.Equals(serviceName, StringComparison.OrdinalIgnoreCase));

    public static ServiceProtocol? ByJsonTargetPrefix(string prefix) =>
        All.FirstOrDefault(p => p.JsonTargetPrefix == prefix);

    public static ServiceProtocol? ByQueryVersion(string version) =>
        All.FirstOrDefault(p => p.QueryVersion == version);

    /// <summary>
    /// AWS's naming convention for actions that only read. Anything else counts as mutating, including
    /// actions the simulator does not implement: a -WhatIf proof must not miss an attempted change.
    /// </summary>
    public static bool IsReadOnlyAction(string action) =>
        action.StartsWith("Describe", StringComparison.Ordinal)
        || action.StartsWith("List", StringComparison.Ordinal)
        || action.StartsWith("Get", StringComparison.Ordinal)
        || action.StartsWith("Filter", StringComparison.Ordinal)
        || action.StartsWith("Discover", StringComparison.Ordinal);
}
