using System.Management.Automation;

namespace Kaviar.Ops.Cmdlets;

/// <summary>The base of the commands that only call AWS: they also take -Credential, an AWS credentials object, as AWS.Tools does.</summary>
public abstract class AwsCommandCmdlet : KaviarAwsCmdlet
{
    /// <summary>AWS credentials as AWS.Tools makes them (Get-AWSCredential, New-AWSCredential), whatever AWSSDK.Core it loaded.</summary>
    [Parameter]
    public PSObject? Credential { get; set; }

    protected override PSObject? AwsCredentialObject => Credential;
}
