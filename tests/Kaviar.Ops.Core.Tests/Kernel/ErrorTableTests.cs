using System.Linq;
using Kaviar.Ops.Kernel;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Kernel;

public sealed class ErrorTableTests
{
    [Fact]
    public void Every_error_id_is_unique_and_none_is_a_dotnet_type_name()
    {
        var ids = ErrorTable.All.Select(c => c.Id).ToList();

        Assert.True(ids.Count > 40);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.DoesNotContain(".", id));
    }

    [Theory]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:cluster/kaviar-cluster", "aws", "ecs", "eu-west-1", "123456789012", "cluster", "kaviar-cluster")]
    [InlineData("arn:aws-cn:lambda:cn-north-1:123456789012:function:runner:live", "aws-cn", "lambda", "cn-north-1", "123456789012", "function", "runner:live")]
    [InlineData("arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:targetgroup/tg/0123", "aws-us-gov", "elasticloadbalancing", "us-gov-west-1", "123456789012", "targetgroup", "tg/0123")]
    [InlineData("arn:aws-iso-b:secretsmanager:us-isob-east-1:123456789012:secret:qa/db-AbCdEf", "aws-iso-b", "secretsmanager", "us-isob-east-1", "123456789012", "secret", "qa/db-AbCdEf")]
    public void Arns_of_every_partition_keep_their_parts(string text, string partition, string service, string region, string account, string type, string path)
    {
        var arn = Arn.Parse(text, "-X");

        Assert.Equal((partition, service, region, account, type, path), (arn.Partition, arn.Service, arn.Region, arn.AccountId, arn.ResourceType, arn.ResourcePath));
    }

    [Fact]
    public void An_explicit_region_that_contradicts_an_arn_is_refused_and_agreeing_ones_pass()
    {
        var inIreland = ResourceReference.Parse(ResourceKind.EcsCluster, "arn:aws:ecs:eu-west-1:123456789012:cluster/c", "-Cluster");

        Assert.Equal("eu-west-1", ArnRegions.Required(new[] { inIreland }, null));
        Assert.Equal("eu-west-1", ArnRegions.Required(new[] { inIreland }, "eu-west-1"));
        Assert.Equal(ErrorTable.ArnRegionConflict, Assert.Throws<OpsException>(() => ArnRegions.Required(new[] { inIreland }, "us-east-2")).Code);
        Assert.Null(ArnRegions.Required(new[] { ResourceReference.Parse(ResourceKind.EcsCluster, "c", "-Cluster") }, "us-east-2"));
    }
}

public sealed class SecretValueTests
{
    [Fact]
    public void A_secret_value_shows_only_its_mask_and_reveals_itself_only_when_asked()
    {
        var secret = new SecretValue("hunter2");

        Assert.Equal("***", secret.ToString());
        Assert.Equal("***", $"{secret}");
        Assert.Equal("hunter2", secret.Reveal());
        Assert.Empty(typeof(SecretValue).GetProperties());
    }

    [Theory]
    [InlineData("{\"action\":\"run\",\"password\":\"p\"}", "{\"action\":\"run\",\"password\":\"***\"}")]
    [InlineData("{\"db\":{\"DB_PASSWORD\":\"p\",\"host\":\"h\"},\"apiKey\":\"k\"}", "{\"db\":{\"DB_PASSWORD\":\"***\",\"host\":\"h\"},\"apiKey\":\"***\"}")]
    [InlineData("[{\"token\":1}]", "[{\"token\":\"***\"}]")]
    [InlineData("{\"target\":\"017\"}", "{\"target\":\"017\"}")]
    [InlineData("not json", "***")]
    public void Secret_looking_fields_of_a_payload_are_masked(string json, string shown)
    {
        Assert.Equal(shown, SecretRedaction.RedactJson(json));
    }
}
