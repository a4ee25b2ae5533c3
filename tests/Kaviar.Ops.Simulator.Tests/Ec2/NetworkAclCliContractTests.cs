using System;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.Ec2;

/// <summary>The real aws CLI against the simulated account's network ACL actions: shapes, filters, paging and errors.</summary>
public sealed class NetworkAclCliContractTests : IDisposable
{
    private readonly SimulatedAccount _account;
    private readonly NetworkFixture _ids;
    private readonly CliContract _aws;

    public NetworkAclCliContractTests()
    {
        (_account, _ids) = NetworkFixture.Start();
        _aws = new CliContract(_account);
    }

    public void Dispose() => _account.Dispose();

    [Fact]
    public void Every_VPC_has_a_default_ACL_allowing_all_traffic_that_every_subnet_uses()
    {
        var acl = Acls("--filters", $"Name=vpc-id,Values={_ids.VpcId}", "Name=default,Values=true").Single();

        Assert.StartsWith("acl-", acl.Str("NetworkAclId"), StringComparison.Ordinal);
        Assert.True(acl.GetProperty("IsDefault").GetBoolean());
        Assert.Equal(NetworkFixture.AccountId, acl.Str("OwnerId"));
        Assert.Equal(
            new[] { "True 100 allow", "True 32767 deny", "False 100 allow", "False 32767 deny" },
            acl.Items("Entries").Select(e => $"{e.GetProperty("Egress").GetBoolean()} {e.Int("RuleNumber")} {e.Str("RuleAction")}"));
        Assert.All(acl.Items("Entries"), e =>
        {
            Assert.Equal("-1", e.Str("Protocol"));
            Assert.Equal("0.0.0.0/0", e.Str("CidrBlock"));
        });
        var associations = acl.Items("Associations");
        Assert.Equal(new[] { _ids.PublicSubnetA, _ids.PublicSubnetB, _ids.PrivateSubnetA }, associations.Select(a => a.Str("SubnetId")));
        Assert.All(associations, a =>
        {
            Assert.StartsWith("aclassoc-", a.Str("NetworkAclAssociationId"), StringComparison.Ordinal);
            Assert.Equal(acl.Str("NetworkAclId"), a.Str("NetworkAclId"));
        });
    }

    [Fact]
    public void A_created_ACL_holds_only_the_deny_all_rules_and_its_tags()
    {
        var acl = _aws.Json("ec2", "create-network-acl", "--vpc-id", _ids.VpcId,
            "--tag-specifications", "ResourceType=network-acl,Tags=[{Key=Name,Value=kaviar-locked}]").GetProperty("NetworkAcl");

        Assert.False(acl.GetProperty("IsDefault").GetBoolean());
        Assert.Equal(_ids.VpcId, acl.Str("VpcId"));
        Assert.Equal(new[] { "deny", "deny" }, acl.Items("Entries").Select(e => e.Str("RuleAction")));
        Assert.All(acl.Items("Entries"), e => Assert.Equal(32767, e.Int("RuleNumber")));
        Assert.Empty(acl.Items("Associations"));
        var tag = acl.Items("Tags").Single();
        Assert.Equal(("Name", "kaviar-locked"), (tag.Str("Key"), tag.Str("Value")));
        Assert.Equal(acl.Str("NetworkAclId"), Acls("--filters", "Name=tag-key,Values=Name").Single().Str("NetworkAclId"));
    }

    [Fact]
    public void Entries_are_created_replaced_and_deleted_with_protocol_numbers_and_canonical_CIDRs()
    {
        var aclId = NewAcl();

        Run("create-network-acl-entry", "--network-acl-id", aclId, "--ingress", "--rule-number", "100", "--protocol", "tcp",
            "--port-range", "From=3001,To=3001", "--cidr-block", "10.0.1.18/24", "--rule-action", "allow");
        Run("create-network-acl-entry", "--network-acl-id", aclId, "--egress", "--rule-number", "100", "--protocol", "6",
            "--port-range", "From=1024,To=65535", "--cidr-block", "10.0.0.0/16", "--rule-action", "allow");
        Run("create-network-acl-entry", "--network-acl-id", aclId, "--ingress", "--rule-number", "90", "--protocol", "-1",
            "--ipv6-cidr-block", "::/0", "--rule-action", "deny");

        var entries = Acls("--network-acl-ids", aclId).Single().Items("Entries");
        var ingress = entries.Single(e => !e.GetProperty("Egress").GetBoolean() && e.Int("RuleNumber") == 100);
        Assert.Equal("6", ingress.Str("Protocol"));
        Assert.Equal("10.0.1.0/24", ingress.Str("CidrBlock"));
        Assert.Equal((3001, 3001), (ingress.GetProperty("PortRange").Int("From"), ingress.GetProperty("PortRange").Int("To")));
        Assert.Equal("::/0", entries.Single(e => e.Int("RuleNumber") == 90).Str("Ipv6CidrBlock"));
        Assert.Equal(aclId, Acls("--filters", "Name=entry.rule-number,Values=90").Single().Str("NetworkAclId"));

        Run("replace-network-acl-entry", "--network-acl-id", aclId, "--ingress", "--rule-number", "100", "--protocol", "udp",
            "--port-range", "From=53,To=53", "--cidr-block", "10.0.0.0/16", "--rule-action", "deny");
        var replaced = Acls("--network-acl-ids", aclId).Single().Items("Entries")
            .Single(e => !e.GetProperty("Egress").GetBoolean() && e.Int("RuleNumber") == 100);
        Assert.Equal(("17", "deny", 53), (replaced.Str("Protocol"), replaced.Str("RuleAction"), replaced.GetProperty("PortRange").Int("From")));

        Run("delete-network-acl-entry", "--network-acl-id", aclId, "--ingress", "--rule-number", "100");
        var left = Acls("--network-acl-ids", aclId).Single().Items("Entries");
        Assert.DoesNotContain(left, e => !e.GetProperty("Egress").GetBoolean() && e.Int("RuleNumber") == 100);
        Assert.Contains(left, e => e.GetProperty("Egress").GetBoolean() && e.Int("RuleNumber") == 100);
    }

    [Fact]
    public void A_rule_number_is_unique_per_direction_and_limited_to_the_user_range()
    {
        var aclId = NewAcl();
        string[] Entry(string direction, string number) => new[]
        {
            "ec2", "create-network-acl-entry", "--network-acl-id", aclId, direction, "--rule-number", number, "--protocol", "-1",
            "--cidr-block", "0.0.0.0/0", "--rule-action", "allow",
        };
        Run(Entry("--ingress", "100").Skip(1).ToArray());
        Run(Entry("--egress", "100").Skip(1).ToArray());

        Assert.Contains("(NetworkAclEntryAlreadyExists)", _aws.Error(Entry("--ingress", "100")));
        Assert.Contains("(InvalidParameterValue)", _aws.Error(Entry("--ingress", "32767")));
        Assert.Contains("(InvalidParameterValue)", _aws.Error(Entry("--ingress", "0")));
        Assert.Contains("(InvalidNetworkAclEntry.NotFound)",
            _aws.Error("ec2", "delete-network-acl-entry", "--network-acl-id", aclId, "--ingress", "--rule-number", "200"));
        Assert.Contains("(InvalidNetworkAclID.NotFound)",
            _aws.Error("ec2", "create-network-acl-entry", "--network-acl-id", "acl-0123456789abcdef0", "--ingress", "--rule-number", "100",
                "--protocol", "-1", "--cidr-block", "0.0.0.0/0", "--rule-action", "allow"));
        Assert.Contains("(InvalidParameterValue)",
            _aws.Error("ec2", "create-network-acl-entry", "--network-acl-id", aclId, "--ingress", "--rule-number", "110",
                "--protocol", "tcp", "--cidr-block", "0.0.0.0/0", "--rule-action", "allow"));
    }

    [Fact]
    public void Replacing_an_association_moves_the_subnet_and_returns_the_new_association_id()
    {
        var aclId = NewAcl();
        var old = Acls("--filters", $"Name=association.subnet-id,Values={_ids.PublicSubnetA}").Single()
            .Items("Associations").Single(a => a.Str("SubnetId") == _ids.PublicSubnetA).Str("NetworkAclAssociationId");

        var newId = _aws.Json("ec2", "replace-network-acl-association", "--association-id", old, "--network-acl-id", aclId).Str("NewAssociationId");

        Assert.StartsWith("aclassoc-", newId, StringComparison.Ordinal);
        Assert.NotEqual(old, newId);
        var moved = Acls("--filters", $"Name=association.association-id,Values={newId}").Single();
        Assert.Equal(aclId, moved.Str("NetworkAclId"));
        Assert.Equal(_ids.PublicSubnetA, moved.Items("Associations").Single().Str("SubnetId"));
        Assert.Equal(aclId, Acls("--filters", $"Name=association.subnet-id,Values={_ids.PublicSubnetA}").Single().Str("NetworkAclId"));
        Assert.Empty(Acls("--filters", $"Name=association.association-id,Values={old}"));
        Assert.Contains("(InvalidAssociationID.NotFound)",
            _aws.Error("ec2", "replace-network-acl-association", "--association-id", old, "--network-acl-id", aclId));
    }

    [Fact]
    public void The_default_ACL_and_an_associated_one_cannot_be_deleted()
    {
        var defaultId = Acls("--filters", "Name=default,Values=true").Single().Str("NetworkAclId");
        var aclId = NewAcl();
        var association = Acls("--network-acl-ids", defaultId).Single().Items("Associations")[0].Str("NetworkAclAssociationId");
        var moved = _aws.Json("ec2", "replace-network-acl-association", "--association-id", association, "--network-acl-id", aclId).Str("NewAssociationId");

        Assert.Contains("(InvalidParameterValue)", _aws.Error("ec2", "delete-network-acl", "--network-acl-id", defaultId));
        Assert.Contains("(DependencyViolation)", _aws.Error("ec2", "delete-network-acl", "--network-acl-id", aclId));

        _aws.Json("ec2", "replace-network-acl-association", "--association-id", moved, "--network-acl-id", defaultId);
        Run("delete-network-acl", "--network-acl-id", aclId);
        Assert.Contains("(InvalidNetworkAclID.NotFound)", _aws.Error("ec2", "describe-network-acls", "--network-acl-ids", aclId));
    }

    [Fact]
    public void Describe_pages_with_max_results_and_next_token()
    {
        for (var i = 0; i < 6; i++)
        {
            NewAcl();
        }

        var first = _aws.Json("ec2", "describe-network-acls", "--max-results", "5", "--no-paginate");
        Assert.Equal(5, first.Items("NetworkAcls").Length);
        var second = _aws.Json("ec2", "describe-network-acls", "--max-results", "5", "--no-paginate", "--next-token", first.Str("NextToken"));
        Assert.Equal(2, second.Items("NetworkAcls").Length);
        Assert.False(second.TryGetProperty("NextToken", out _));
        Assert.Equal(7, _aws.Json("ec2", "describe-network-acls", "--page-size", "5").Items("NetworkAcls").Length);
    }

    private string NewAcl() => _aws.Json("ec2", "create-network-acl", "--vpc-id", _ids.VpcId).GetProperty("NetworkAcl").Str("NetworkAclId");

    private JsonElement[] Acls(params string[] args) => _aws.Json(new[] { "ec2", "describe-network-acls" }.Concat(args).ToArray()).Items("NetworkAcls");

    /// <summary>An action whose answer is empty (the CLI prints nothing): only its success is checked.</summary>
    private void Run(params string[] args)
    {
        var result = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, new[] { "ec2" }.Concat(args).ToArray());
        Assert.True(result.ExitCode == 0, $"aws ec2 {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
    }
}
