using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Aws;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// The base of every command that calls AWS: -Region, -ProfileName and -EndpointUrl as AWS.Tools has them, bound by
/// property name from piped objects (which carry their Region and EndpointUrl), falling back to $StoredAWSRegion /
/// $StoredAWSCredentials, then AWS_PROFILE / AWS_REGION, then the SDK chains. A resource named by ARN is looked up in
/// the ARN's region.
/// </summary>
public abstract class KaviarAwsCmdlet : KaviarCmdlet
{
    private readonly Dictionary<string, OpsContext> contexts = new Dictionary<string, OpsContext>(StringComparer.Ordinal);
    private OpsContext? lastContext;

    /// <summary>The AWS region, for example us-east-2. Piped objects' Region binds here.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>A profile from the shared AWS config and credentials files (SSO and assume-role profiles included).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("StoredCredentials", "AWSProfileName")]
    public string? ProfileName { get; set; }

    /// <summary>Send every AWS call to this endpoint instead of AWS's (a simulated account, LocalStack). Piped objects' EndpointUrl binds here.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? EndpointUrl { get; set; }

    /// <summary>An access key id, with -SecretKey (and -SessionToken for temporary credentials), as AWS.Tools takes them.</summary>
    [Parameter]
    [Alias("AK")]
    public string? AccessKey { get; set; }

    /// <summary>The secret access key that goes with -AccessKey; never shown.</summary>
    [Parameter]
    [Alias("SK", "SecretAccessKey")]
    public string? SecretKey { get; set; }

    /// <summary>The session token of temporary credentials; never shown.</summary>
    [Parameter]
    [Alias("ST")]
    public string? SessionToken { get; set; }

    /// <summary>A credentials file other than the shared one, for -ProfileName.</summary>
    [Parameter]
    [Alias("AWSProfilesLocation", "ProfilesLocation")]
    public string? ProfileLocation { get; set; }

    /// <summary>
    /// AWS credentials given as an object (-Credential on the AWS commands; the database commands' -Credential is the
    /// database login, so they take AWS credentials by profile or keys).
    /// </summary>
    protected virtual PSObject? AwsCredentialObject => null;

    /// <summary>The context for this invocation's current -Region, -ProfileName and -EndpointUrl.</summary>
    protected OpsContext Context => ContextFor();

    /// <summary>
    /// The context for work on these resources: in the region their ARNs name (refused when an explicit -Region says
    /// otherwise), else the command's region. Contexts are made once per region, profile and endpoint.
    /// </summary>
    protected OpsContext ContextFor(params ResourceReference?[] resources)
    {
        var arnRegion = ArnRegions.Required(resources, Region);
        var key = string.Join("\n", Region, arnRegion, ProfileName, EndpointUrl, ProfileLocation);
        if (!contexts.TryGetValue(key, out var context))
        {
            var options = new AwsConnectionOptions
            {
                Region = Region, ArnRegion = arnRegion, ProfileName = ProfileName, EndpointUrl = EndpointUrl, ProfileLocation = ProfileLocation,
                AccessKey = AccessKey,
                SecretKey = SecretKey == null ? null : new SecretValue(SecretKey),
                SessionToken = SessionToken == null ? null : new SecretValue(SessionToken),
                Credential = AwsCredentialObject == null ? null : AwsToolsCredentials.From(AwsCredentialObject) ?? throw new AwsConnectionException(
                    AwsConnectionProblem.InvalidCredentials, "-Credential is not AWS credentials: pass what Get-AWSCredential or New-AWSCredential returns."),
            };
            ShellDefaults.Read(SessionState.PSVariable.GetValue, options);
            var resolved = new AwsConnectionResolver().Resolve(options);
            WriteDebug(resolved.Describe());
            context = new OpsContext(resolved, Clock, null, CancellationToken);
            contexts[key] = context;
        }

        lastContext = context;
        RefuseOtherAccounts(context, resources);
        return context;
    }

    /// <summary>
    /// An ECS, ELBv2 or EC2 resource of another account cannot be reached with these credentials: say so plainly
    /// rather than report it "not found". Costs one STS call per context, and only when such an ARN was given.
    /// </summary>
    private void RefuseOtherAccounts(OpsContext context, IEnumerable<ResourceReference?> resources)
    {
        var pinned = resources.Where(r => r?.Arn is { AccountId.Length: > 0 } && !r.Kind.SharedAcrossAccounts).Select(r => r!).ToList();
        if (pinned.Count == 0)
        {
            return;
        }

        var account = Await(context.AccountIdAsync());
        if (pinned.FirstOrDefault(r => r.Arn!.AccountId != account) is { } foreign)
        {
            throw new OpsException(ErrorTable.ArnAccountMismatch,
                $"{foreign.Input} is in account {foreign.Arn!.AccountId}, but the credentials are of account {account}.", foreign.Input,
                "Use credentials of that account (-ProfileName, or Set-AWSCredential), or name the resource in this one.");
        }
    }

    protected OpsContext ContextFor(ServiceReference service) => ContextFor(service.Service, service.ClusterReference);

    /// <summary>AWS's own errors, sorted into the error table, with the region the call went to.</summary>
    protected override string? RegionForErrors => lastContext?.Region ?? Region ?? "the region";

    protected override Uri? EndpointForErrors => lastContext?.Connection.EndpointUrl;

}
