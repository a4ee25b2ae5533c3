using System;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace Kaviar.Ops.Kernel;

/// <summary>
/// An Amazon Resource Name: arn:partition:service:region:account-id:resource. The region and account are kept, so a
/// resource named by ARN is looked up where it lives, not where the shell's default region points.
/// </summary>
public sealed class Arn
{
    private Arn(string text, string partition, string service, string region, string accountId, string resource)
    {
        Text = text;
        Partition = partition;
        Service = service;
        Region = region;
        AccountId = accountId;
        Resource = resource;
    }

    public string Text { get; }

    /// <summary>aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-eusc…</summary>
    public string Partition { get; }

    /// <summary>The service namespace: ecs, elasticloadbalancing, ec2, lambda, secretsmanager, logs.</summary>
    public string Service { get; }

    /// <summary>Empty for global resources.</summary>
    public string Region { get; }

    public string AccountId { get; }

    /// <summary>Everything after the account: "service/cluster/name", "function:name:alias", "targetgroup/name/id".</summary>
    public string Resource { get; }

    /// <summary>The resource type: the part of <see cref="Resource"/> before its first '/' or ':'.</summary>
    public string ResourceType => Resource.Substring(0, SeparatorIndex is var i && i < 0 ? Resource.Length : i);

    /// <summary>What follows the resource type and its separator.</summary>
    public string ResourcePath => SeparatorIndex is var i && i < 0 ? "" : Resource.Substring(i + 1);

    private int SeparatorIndex => Resource.IndexOfAny(new[] { '/', ':' });

    public static bool LooksLikeArn(string value) => value.StartsWith("arn:", StringComparison.Ordinal);

    /// <summary>Parses an ARN; an <see cref="OpsException"/> (InvalidArn) says what part is wrong.</summary>
    public static Arn Parse(string value, string parameter)
    {
        var parts = value.Split(new[] { ':' }, 6);
        if (parts.Length < 6 || parts[0] != "arn")
        {
            throw Invalid(value, parameter, "an ARN has six ':'-separated parts: arn:partition:service:region:account-id:resource");
        }

        if (!IsToken(parts[1]) || !IsToken(parts[2]))
        {
            throw Invalid(value, parameter, "the partition and service must be lowercase names such as 'aws' and 'ecs'");
        }

        if (parts[3].Length > 0 && !IsToken(parts[3]))
        {
            throw Invalid(value, parameter, $"'{parts[3]}' is not a region name");
        }

        if (parts[4].Length > 0 && (parts[4].Length != 12 || !IsDigits(parts[4])))
        {
            throw Invalid(value, parameter, $"'{parts[4]}' is not a 12-digit account id");
        }

        if (parts[5].Length == 0 || InputText.HasControlCharacters(parts[5]))
        {
            throw Invalid(value, parameter, "the resource part is empty or holds control characters");
        }

        return new Arn(value, parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

    public override string ToString() => Text;

    /// <summary>The partition a region belongs to (aws-cn for cn-north-1, aws-us-gov for us-gov-west-1), from AWSSDK.Core's partition data.</summary>
    public static string PartitionOf(string region) => (string.IsNullOrEmpty(region) ? null : Fn.Partition(region)?.name) ?? "aws";

    private static OpsException Invalid(string value, string parameter, string why) =>
        new OpsException(ErrorTable.InvalidArn, $"{parameter} '{InputText.Printable(value)}' is not a valid ARN: {why}.", value);

    private static bool IsToken(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(c is >= 'a' and <= 'z' || c is >= '0' and <= '9' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigits(string value)
    {
        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
