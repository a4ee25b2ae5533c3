using System;
using System.Linq;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Kaviar.Ops.Aws;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Network.Peers;

/// <summary>One region of a moto server: built with the aws CLI, read by the core through its own context.</summary>
public sealed class MotoAccount
{
    private readonly Uri endpoint;

    public MotoAccount(MotoServerFixture moto, string region)
    {
        endpoint = moto.Server.Endpoint;
        Region = region;
        Context = new OpsContext(new AwsConnection(new BasicAWSCredentials("AKIASIMULATEDKEY0001", "simulated-secret-key"),
            RegionEndpoint.GetBySystemName(region), endpoint, "test", "test"));
    }

    public string Region { get; }

    public OpsContext Context { get; }

    /// <summary>Runs the aws CLI against moto; its JSON answer, or default when it printed nothing. A failing command fails the test.</summary>
    public JsonElement Cli(params string[] args)
    {
        var result = AwsCli.Run(endpoint, Region, args.Append("--output").Append("json").ToArray());
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
        return result.Stdout.Trim().Length == 0 ? default : result.Json.RootElement.Clone();
    }
}
