using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Kernel;

/// <summary>A kind of AWS resource the module names: how its ARN looks, which names AWS accepts, and its not-found id.</summary>
public sealed class ResourceKind
{
    private readonly Regex namePattern;

    private ResourceKind(string displayName, string arnService, string arnResourceType, string namePattern, string nameRule, ErrorCode notFound,
        bool sharedAcrossAccounts = false)
    {
        SharedAcrossAccounts = sharedAcrossAccounts;
        DisplayName = displayName;
        ArnService = arnService;
        ArnResourceType = arnResourceType;
        this.namePattern = new Regex("^(?:" + namePattern + ")$", RegexOptions.CultureInvariant);
        NameRule = nameRule;
        NotFound = notFound;
    }

    public static ResourceKind EcsCluster { get; } = new("ECS cluster", "ecs", "cluster", EcsName, EcsNameRule, ErrorTable.EcsClusterNotFound);

    public static ResourceKind EcsService { get; } = new("ECS service", "ecs", "service", EcsName, EcsNameRule, ErrorTable.EcsServiceNotFound);

    public static ResourceKind EcsTask { get; } = new("ECS task", "ecs", "task", "[A-Za-z0-9-]{1,64}", "a task id of letters, digits and hyphens", ErrorTable.EcsTaskNotFound);

    public static ResourceKind EcsTaskDefinition { get; } = new("ECS task definition", "ecs", "task-definition", EcsName + "(?::[1-9][0-9]{0,8})?",
        "family or family:revision (family: " + EcsNameRule + ")", ErrorTable.EcsTaskDefinitionNotFound);

    public static ResourceKind LoadBalancer { get; } = new("load balancer", "elasticloadbalancing", "loadbalancer", ElbName, ElbNameRule, ErrorTable.AlbLoadBalancerNotFound);

    public static ResourceKind TargetGroup { get; } = new("target group", "elasticloadbalancing", "targetgroup", ElbName, ElbNameRule, ErrorTable.AlbTargetGroupNotFound);

    public static ResourceKind Listener { get; } = new("listener", "elasticloadbalancing", "listener", "(?!)", "a listener ARN", ErrorTable.AlbListenerNotFound);

    public static ResourceKind SecurityGroup { get; } = new("security group", "ec2", "security-group", @"sg-[0-9a-f]{8,17}|[A-Za-z0-9 ._\-:/()#,@\[\]+=&;{}!$*]{1,255}",
        "an id (sg-…) or a name of up to 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*", ErrorTable.SecurityGroupNotFound);

    public static ResourceKind LambdaFunction { get; } = new("Lambda function", "lambda", "function", @"[A-Za-z0-9_-]{1,64}(?::(?:\$LATEST|[A-Za-z0-9_-]{1,128}))?",
        "a name of up to 64 letters, digits, hyphens and underscores, optionally with :version or :alias", ErrorTable.LambdaFunctionNotFound,
        sharedAcrossAccounts: true);

    public static ResourceKind Secret { get; } = new("secret", "secretsmanager", "secret", @"[A-Za-z0-9/_+=.@-]{1,512}",
        "a name of up to 512 letters, digits and /_+=.@-", ErrorTable.AwsSecretNotFound, sharedAcrossAccounts: true);

    public static ResourceKind DbInstance { get; } = new("DB instance", "rds", "db", RdsIdentifier, RdsIdentifierRule, ErrorTable.DatabaseNotFound);

    public static ResourceKind DbCluster { get; } = new("DB cluster", "rds", "cluster", RdsIdentifier, RdsIdentifierRule, ErrorTable.DatabaseNotFound);

    public string DisplayName { get; }

    /// <summary>
    /// True when AWS lets another account's resource be used by ARN (a function or secret with a resource policy);
    /// false when an ARN of another account can only be a mistake (ECS, ELBv2 and EC2 resources).
    /// </summary>
    public bool SharedAcrossAccounts { get; }

    public string ArnService { get; }

    public string ArnResourceType { get; }

    /// <summary>What AWS accepts as a name, in words, for error messages.</summary>
    public string NameRule { get; }

    public ErrorCode NotFound { get; }

    public bool IsValidName(string name) => namePattern.IsMatch(name);

    public override string ToString() => DisplayName;

    private const string EcsName = "[A-Za-z0-9_-]{1,255}";
    private const string EcsNameRule = "up to 255 letters, digits, hyphens and underscores";
    private const string ElbName = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?";
    private const string ElbNameRule = "up to 32 letters, digits and hyphens, not starting or ending with a hyphen";
    private const string RdsIdentifier = "(?=.{1,63}$)[A-Za-z](?:-?[A-Za-z0-9])*";
    private const string RdsIdentifierRule = "up to 63 letters, digits and hyphens, starting with a letter, without two hyphens in a row or one at the end";
}

/// <summary>
/// A resource the user named: by name (looked up in the command's region) or by ARN (looked up in the ARN's region).
/// Built only through <see cref="Parse"/>, so a malformed name or an ARN of the wrong service or type never reaches AWS.
/// </summary>
public sealed class ResourceReference : IEquatable<ResourceReference>
{
    private ResourceReference(ResourceKind kind, string input, string name, Arn? arn)
    {
        Kind = kind;
        Input = input;
        Name = name;
        Arn = arn;
    }

    public ResourceKind Kind { get; }

    /// <summary>What the user typed, for messages and error targets.</summary>
    public string Input { get; }

    /// <summary>The resource's name (for an ARN, the name part of its resource path).</summary>
    public string Name { get; }

    public Arn? Arn { get; }

    /// <summary>The region the ARN names; null for a name, or an ARN without a region.</summary>
    public string? Region => string.IsNullOrEmpty(Arn?.Region) ? null : Arn!.Region;

    /// <summary>What to send to AWS: the ARN when there is one (it is exact), else the name.</summary>
    public string Identifier => Arn?.Text ?? Name;

    /// <summary>
    /// A name or an ARN of <paramref name="kind"/>. <paramref name="nameFromArn"/> picks the name out of the ARN's
    /// resource path (after the type); by default its last '/'-segment.
    /// </summary>
    public static ResourceReference Parse(ResourceKind kind, string? input, string parameter, Func<Arn, string?>? nameFromArn = null)
    {
        var value = input?.Trim() ?? "";
        if (value.Length == 0)
        {
            throw new OpsException(ErrorTable.InvalidResourceName, $"{parameter} is empty: name the {kind.DisplayName} ({kind.NameRule}) or give its ARN.", input);
        }

        if (!Arn.LooksLikeArn(value))
        {
            if (!kind.IsValidName(value))
            {
                throw new OpsException(ErrorTable.InvalidResourceName,
                    $"{parameter} '{InputText.Printable(value)}' is not a valid {kind.DisplayName} name: AWS accepts {kind.NameRule}, or an ARN.", input);
            }

            return new ResourceReference(kind, value, value, null);
        }

        var arn = Arn.Parse(value, parameter);
        if (arn.Service != kind.ArnService || arn.ResourceType != kind.ArnResourceType)
        {
            throw new OpsException(ErrorTable.ArnWrongResourceType,
                $"{parameter} '{value}' is the ARN of a {Describe(arn)}; a {kind.DisplayName} ARN is expected " +
                $"(arn:{arn.Partition}:{kind.ArnService}:<region>:<account>:{kind.ArnResourceType}/…).", input);
        }

        var name = nameFromArn != null ? nameFromArn(arn) : LastSegment(arn.ResourcePath);
        if (string.IsNullOrEmpty(name))
        {
            throw new OpsException(ErrorTable.InvalidArn, $"{parameter} '{value}' has no {kind.DisplayName} name in its resource part.", input);
        }

        return new ResourceReference(kind, value, name!, arn);
    }

    /// <summary>
    /// A name or an ARN of one of <paramref name="kinds"/> that share a name rule (an RDS database: a DB cluster or a DB
    /// instance). An ARN's service and type decide its kind; a name is given the first kind, and the caller decides
    /// whether to look for it as the others too.
    /// </summary>
    public static ResourceReference ParseAny(string? input, string parameter, params ResourceKind[] kinds)
    {
        var value = input?.Trim() ?? "";
        if (!Arn.LooksLikeArn(value))
        {
            return Parse(kinds[0], input, parameter);
        }

        var arn = Arn.Parse(value, parameter);
        var kind = kinds.FirstOrDefault(k => arn.Service == k.ArnService && arn.ResourceType == k.ArnResourceType)
            ?? throw new OpsException(ErrorTable.ArnWrongResourceType,
                $"{parameter} '{value}' is the ARN of a {Describe(arn)}; the ARN of a {string.Join(" or ", kinds.Select(k => k.DisplayName))} is expected.", input);
        return Parse(kind, input, parameter);
    }

    public bool Equals(ResourceReference? other) =>
        other != null && other.Kind == Kind && other.Name == Name && other.Region == Region && other.Arn?.AccountId == Arn?.AccountId;

    public override bool Equals(object? obj) => Equals(obj as ResourceReference);

    public override int GetHashCode() => Name.GetHashCode() ^ (Region ?? "").GetHashCode();

    public override string ToString() => Input;

    private static string LastSegment(string path) => path.Substring(path.LastIndexOf('/') + 1);

    private static string Describe(Arn arn) => arn.Service + " " + arn.ResourceType;
}

/// <summary>
/// Where a command must run: an ARN's region wins over the default region, and refuses an explicit -Region that
/// says otherwise, so a resource is never silently looked up in the wrong region.
/// </summary>
public static class ArnRegions
{
    /// <summary>The region the references require, or null when none is named by ARN.</summary>
    public static string? Required(IEnumerable<ResourceReference?> references, string? explicitRegion)
    {
        var named = references.Where(r => r?.Region != null).Select(r => r!).ToList();
        var regions = named.Select(r => r.Region!).Distinct(StringComparer.Ordinal).ToList();
        if (regions.Count > 1)
        {
            throw new OpsException(ErrorTable.ArnRegionConflict,
                $"The ARNs given name different regions ({string.Join(", ", named.Select(r => $"{r.Input} is in {r.Region}"))}); one command works in one region.",
                named.Select(r => r.Input).ToList());
        }

        if (regions.Count == 1 && explicitRegion != null && !string.Equals(regions[0], explicitRegion.Trim(), StringComparison.Ordinal))
        {
            throw new OpsException(ErrorTable.ArnRegionConflict,
                $"{named[0].Input} is in {regions[0]}, but -Region is {explicitRegion}. Drop -Region (the ARN says where it is) or name the resource in {explicitRegion}.",
                named[0].Input);
        }

        return regions.SingleOrDefault();
    }
}
