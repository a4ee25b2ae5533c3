using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.Lambda.Model;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Network;

/// <summary>What to check: a Lambda function, and optionally the database it must reach.</summary>
public sealed class LambdaNetworkPathRequest
{
    /// <summary>The function (name, name:qualifier or ARN), from <see cref="LambdaNames.Function"/>.</summary>
    public ResourceReference Function { get; set; } = null!;

    /// <summary>An RDS instance or Aurora cluster (identifier or ARN) the function must reach: its groups, subnets and port come from RDS.</summary>
    public ResourceReference? Database { get; set; }

    /// <summary>The database's group (id or name), when the database is known only by it.</summary>
    public string? DatabaseSecurityGroup { get; set; }

    /// <summary>The database port; by default the database's own (with <see cref="Database"/>), else 5432.</summary>
    public int? DatabasePort { get; set; }
}

/// <summary>
/// Checks each link of a Lambda function's network path and says how to fix a broken one: the function is in a VPC;
/// optionally the database's groups admit the function's (and the ACLs between pass it); and each of its subnets
/// reaches Secrets Manager, where a function keeps its database credentials. A function has no public IP, so only a
/// NAT gateway or an interface endpoint serves it. Describe and Get calls only.
/// </summary>
public sealed class LambdaNetworkPathInspector
{
    private readonly OpsContext context;
    private readonly string region;

    public LambdaNetworkPathInspector(OpsContext context)
    {
        this.context = context;
        region = context.Region;
    }

    /// <summary>The path of a function whose configuration the caller has read already (the configuration check), read once.</summary>
    public Task<IReadOnlyList<NetworkPathCheck>> InspectAsync(LambdaNetworkPathRequest request, GetFunctionConfigurationResponse configuration,
        CancellationToken cancellationToken)
    {
        var ec2 = new Ec2Network(context.Ec2, region);
        return InspectOneAsync(ec2, new WorkloadChecks(context, ec2), request, configuration, cancellationToken);
    }

    public async Task<IReadOnlyList<NetworkPathCheck>> InspectAsync(LambdaNetworkPathRequest request, CancellationToken cancellationToken)
    {
        var outcome = (await InspectManyAsync(new[] { request }, cancellationToken).ConfigureAwait(false)).Single();
        return outcome.Result ?? throw outcome.Failure!;
    }

    /// <summary>Many functions at once, as a piped sweep asks: the EC2 reads of a VPC they share made once. A function that cannot be checked fails alone.</summary>
    public async Task<IReadOnlyList<Outcome<LambdaNetworkPathRequest, IReadOnlyList<NetworkPathCheck>>>> InspectManyAsync(
        IReadOnlyList<LambdaNetworkPathRequest> requests, CancellationToken cancellationToken)
    {
        var ec2 = new Ec2Network(context.Ec2, region);
        var checks = new WorkloadChecks(context, ec2);
        var outcomes = new List<Outcome<LambdaNetworkPathRequest, IReadOnlyList<NetworkPathCheck>>>();
        foreach (var request in requests)
        {
            try
            {
                outcomes.Add(Outcome<LambdaNetworkPathRequest, IReadOnlyList<NetworkPathCheck>>.Of(request,
                    await InspectOneAsync(ec2, checks, request, await ConfigurationAsync(request.Function, cancellationToken).ConfigureAwait(false),
                        cancellationToken).ConfigureAwait(false)));
            }
            catch (OpsException ex)
            {
                outcomes.Add(Outcome<LambdaNetworkPathRequest, IReadOnlyList<NetworkPathCheck>>.Failed(request, ex));
            }
        }

        return outcomes;
    }

    private async Task<IReadOnlyList<NetworkPathCheck>> InspectOneAsync(Ec2Network ec2, WorkloadChecks checks, LambdaNetworkPathRequest request,
        GetFunctionConfigurationResponse configuration, CancellationToken cancellationToken)
    {
        var name = configuration.FunctionName ?? request.Function.Name;
        var subnets = configuration.VpcConfig?.SubnetIds ?? new List<string>();
        var groups = configuration.VpcConfig?.SecurityGroupIds ?? new List<string>();
        // The subnets say which VPC the function's interfaces are in (their descriptions are needed for the ACLs anyway);
        // the configuration's VpcId is only the fallback, for subnets EC2 no longer lists.
        var vpcId = (await ec2.CachedSubnetsAsync(subnets, cancellationToken).ConfigureAwait(false)).Select(s => s.VpcId).FirstOrDefault(v => !string.IsNullOrEmpty(v))
            ?? configuration.VpcConfig?.VpcId;
        var workload = new Workload
        {
            Region = region,
            FunctionName = name,
            Description = $"function {name}",
            InSubnet = "the function",
            VpcId = vpcId,
            GroupIds = groups,
            SubnetIds = subnets,
            Blocks = await ec2.SubnetBlocksAsync(subnets, false, cancellationToken).ConfigureAwait(false),
            EphemeralPorts = PortSpan.AwsServiceEphemeral,
            NoPublicIpReason = "a Lambda function never has a public IP, so it cannot use it (a NAT gateway or interface endpoints serve it)",
            InterfaceEndpoints = new[] { "secretsmanager" },
            AwsApis = "Secrets Manager",
            ApiFailure = $"the function cannot read its secrets: the call to Secrets Manager hangs until the function times out ({configuration.Timeout ?? 3} s)",
            MissingEndpointsFailure = $"The function cannot read its secrets: the call to Secrets Manager hangs until the function times out ({configuration.Timeout ?? 3} s).",
            DatabaseLink = NetworkPathLinks.FunctionToDatabase,
        };

        var wantsDatabase = request.Database != null || request.DatabaseSecurityGroup != null;
        var result = new List<NetworkPathCheck> { await VpcCheckAsync(ec2, checks, workload, configuration, wantsDatabase, cancellationToken).ConfigureAwait(false) };
        if (subnets.Count == 0)
        {
            // Outside any VPC there are no groups, subnets or routes to judge.
            return result;
        }

        if (wantsDatabase)
        {
            var source = (await ec2.GroupsByIdAsync(groups, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            result.AddRange(await checks.DatabaseChecksAsync(workload, source, request.Database, request.DatabaseSecurityGroup, request.DatabasePort, cancellationToken)
                .ConfigureAwait(false));
        }

        result.AddRange(await checks.EgressChecksAsync(workload, cancellationToken).ConfigureAwait(false));
        return result;
    }

    /// <summary>The function's configuration, its absence as LambdaFunctionNotFound: the one reading of it (the configuration check uses it too).</summary>
    internal async Task<GetFunctionConfigurationResponse> ConfigurationAsync(ResourceReference function, CancellationToken cancellationToken)
    {
        try
        {
            return await context.Lambda.GetFunctionConfigurationAsync(new GetFunctionConfigurationRequest { FunctionName = function.Identifier }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ResourceNotFoundException ex)
        {
            throw new OpsException(ErrorTable.LambdaFunctionNotFound, $"Lambda function {function.Name} was not found in {region} ({ex.Message}).", function.Input,
                $"Check -FunctionName and -Region: aws lambda list-functions --region {region}.", ex);
        }
        catch (AmazonServiceException ex)
        {
            throw AwsFailures.From(ex, region, function.Input);
        }
    }

    /// <summary>
    /// The function is in a VPC: its subnets and groups. A function outside any VPC reaches the internet and the public
    /// AWS endpoints but no private address, so it fails when a database was named and is only noted otherwise.
    /// </summary>
    private async Task<NetworkPathCheck> VpcCheckAsync(Ec2Network ec2, WorkloadChecks checks, Workload workload, GetFunctionConfigurationResponse configuration,
        bool wantsDatabase, CancellationToken cancellationToken)
    {
        var state = configuration.State is null or "Active" && configuration.LastUpdateStatus is null or "Successful"
            ? ""
            : $" Its state is {configuration.State ?? "unknown"} (last update {configuration.LastUpdateStatus ?? "unknown"}): Lambda creates its network interfaces while Pending.";
        if (workload.SubnetIds.Count == 0)
        {
            return checks.Check(workload, NetworkPathLinks.FunctionVpc, workload.Description, "(no VPC)", null, !wantsDatabase,
                $"Function {workload.FunctionName} is not connected to a VPC: it reaches the internet and public AWS endpoints, but no private address" +
                (wantsDatabase ? ", so it cannot reach a database in private subnets." : ".") + state,
                null,
                $"aws lambda update-function-configuration --function-name {workload.FunctionName} --region {region} " +
                "--vpc-config SubnetIds=<private subnet>,<private subnet in another zone>,SecurityGroupIds=<function's group>");
        }

        var groups = Ec2Network.Names(await ec2.GroupsByIdAsync(workload.GroupIds, cancellationToken).ConfigureAwait(false));
        return checks.Check(workload, NetworkPathLinks.FunctionVpc, workload.Description, workload.VpcId ?? "(unknown VPC)", null, true,
            $"Function {workload.FunctionName} runs in {workload.VpcId} in {string.Join(", ", workload.SubnetIds)} with {groups}.{state}", null);
    }
}
